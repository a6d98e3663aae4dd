// Snapping every cell centre of a raster to the nearest road edge, in one pass over the grid.
//
// Per centre the result is exactly routing::SnapIndex::snap(centre, radius_m): the nearest
// position on any edge polyline strictly closer than radius_m (same edge, fraction of the edge
// length from its tail, straight-line distance; among segments at the same distance the lowest
// one in (edge, segment) order wins, as in SnapIndex), or nothing. Tests compare the two on
// random grids. Reads the network only through RoadNetwork::edge_shape and its box.
//
// Method (exact; per call, two passes):
//  1. Bins. The constructor sorts the segments into coarse cells (counting sort on the
//     midpoint, ~32 segments a cell, with the cells' boxes). A call takes the segments whose
//     box lies within radius_m of the grid's centres and lists them, by a counting sort, in
//     bins that are the grid's own cells (pixels of 225 m and more: split into an even number
//     of bins of ~150 m), extended by a margin of up to radius_m (at most 64 bins; farther
//     segments are clamped into the border bins, whose distance stays a lower bound). A segment
//     longer than a bin is cut into bin-long pieces, each listed in the <= 2 x 2 bins of its
//     box. Entries hold their segment in float metres relative to the bins' origin, as a
//     structure of arrays.
//  2. Centres row by row. The nearest segments of the left and lower neighbours give a bound
//     within about a pixel of the answer (the distance is 1-Lipschitz). The runs of entries of
//     the bin rows within the bound (each row over its disc chord of bins) are collected
//     without branches, nearest rows first, and screened in float, four entries at a time;
//     rows beyond the best float distance found are skipped. Entries within twice the float
//     error bound ("pad", <= 0.2 m on 30 km) of the least float distance are kept, and the
//     exact double formula of SnapIndex decides among them: the exact nearest segment and all
//     its exact ties are always among them. Four neighbouring centres far from roads (bounds
//     above 2 pixels, within 2 pixels of one another) share one collection, each entry screened
//     against the four at once.
//
// Memory: the snapper keeps 56 bytes per segment (2.8 MB for Andorra); snap() keeps per-thread
// buffers between calls, about 100 bytes per segment within reach of the grid plus 4 bytes per
// bin (5 MB for Andorra's whole box at 100 m).
//
// Cost on the Andorra OSM graph (50 579 segments): bench_isochrone BM_RasterSnapperBuild,
// BM_RasterSnap (whole network box) vs BM_SnapIndexPerPixel, BM_Isochrone15minCold;
// bench/RESULTS.md.
#pragma once

#include <cstdint>
#include <vector>

#include "geo/isochrone/time_raster.h"
#include "geo/routing/types.h"

namespace maillage::geo {

namespace routing {
class RoadNetwork;
}

/// Snaps of a grid's centres, row-major like TimeRaster::seconds (index j * nx + i).
struct RasterSnaps {
    std::vector<routing::EdgeId> edge;  ///< routing::kInvalidId when nothing within the radius
    std::vector<double> fraction;       ///< along the edge from its tail, [0, 1]; 0 when no edge
    std::vector<double> distance_m;     ///< straight-line snap distance; +inf when no edge
};

class RasterSnapper {
public:
    /// Copies the network's segments (56 bytes each) and per-edge lengths; the network is
    /// not referenced afterwards.
    explicit RasterSnapper(const routing::RoadNetwork& network);

    /// Snaps every centre of `grid` (radius_m > 0). Reuses `out`'s storage.
    void snap(const RasterGrid& grid, double radius_m, RasterSnaps& out) const;
    [[nodiscard]] RasterSnaps snap(const RasterGrid& grid, double radius_m) const;

    [[nodiscard]] std::size_t segment_count() const noexcept { return segments_.size(); }
    [[nodiscard]] std::size_t memory_bytes() const noexcept;

private:
    /// A segment's ends, metres (the exact formula reads them).
    struct Segment {
        double ax, ay, bx, by;
    };
    /// Where a segment sits in its edge, for the fraction.
    struct Place {
        routing::EdgeId edge;
        std::uint32_t ref;  ///< rank in (edge, segment) order: SnapIndex's tie-break
        double before_m;    ///< polyline length of the edge before the segment
        double length_m;    ///< the segment's own length
    };
    /// A coarse cell of the constructor's grid: the box of its segments (those whose midpoint
    /// falls in it), stored at [first, first + count).
    struct Cell {
        double min_x, min_y, max_x, max_y;
        std::uint32_t first, count;
    };

    // Segments sorted by coarse cell (counting sort on the midpoint).
    std::vector<Segment> segments_;
    std::vector<Place> places_;
    std::vector<double> edge_total_m_;  ///< per edge: polyline length, summed as SnapIndex does
    std::vector<Cell> cells_;           ///< non-empty coarse cells only
};

}  // namespace maillage::geo
