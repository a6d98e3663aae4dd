// Snapping every cell centre of a raster to the nearest road edge, in one pass over the grid.
//
// Per centre the result is exactly routing::SnapIndex::snap(centre, radius_m): the nearest
// position on any edge polyline strictly closer than radius_m (same edge, fraction of the edge
// length from its tail, straight-line distance; among segments at the same distance the lowest
// one in (edge, segment) order wins, as in SnapIndex), or nothing. Tests compare the two on
// random grids. Reads the network only through RoadNetwork::edge_shape and its box.
//
// Method (exact, two passes per call):
//  1. Binning: the segments whose box lies within radius_m of the grid's centres (found
//     through a coarse grid of segment cells built once by the constructor) are listed, by a
//     counting sort, in bins that are the grid's own cells, extended by a margin of up to
//     radius_m around the grid (segments beyond the margin go to the border bins: a bin's
//     distance stays a lower bound). Segments longer than a pixel are cut into pieces of at
//     most a pixel, each listed in the <= 2 x 2 bins of its box. Each entry keeps its segment
//     in float coordinates relative to the bins' origin, for screening.
//  2. Per centre, row by row: the segments nearest to the left and lower neighbours (a tight
//     upper bound U, the distance being 1-Lipschitz) are evaluated first; then bin rows are
//     scanned outwards from the centre's row while their distance is <= U, each over the
//     contiguous run of bins within U (a disc chord). An entry passes a float screen (its float
//     distance <= U plus a margin that covers float rounding) before the exact double formula
//     of SnapIndex decides. Where roads are dense, a centre only reads its own bin.
//
// Cost on the Andorra OSM graph (50 579 segments), whole network box: see bench_isochrone
// (BM_RasterSnap vs BM_SnapIndexPerPixel, BM_RasterSnapperBuild).
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
