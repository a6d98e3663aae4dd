// Snapping every cell centre of a raster to the nearest road edge, in one pass over the grid.
//
// Per centre the result is exactly routing::SnapIndex::snap(centre, radius_m): the nearest
// position on any edge polyline strictly closer than radius_m (same edge, fraction of the edge
// length from its tail, straight-line distance; among segments at the same distance the lowest
// one in (edge, segment) order wins, as in SnapIndex), or nothing. Tests compare the two on
// random grids. Reads the network only through RoadNetwork::edge_shape and its box.
//
// Method (exact, no per-centre index search): segments are sorted along a Z-order curve and
// grouped in clusters of kClusterSize with a bounding box. The grid is split recursively into
// blocks of centres, each block carrying the clusters that may still hold the nearest segment of
// one of its centres: an upper bound U on every centre's nearest distance is the distance from
// the block's middle to the nearest cluster representative plus the block's half-diagonal, and
// a cluster whose box is farther than min(U, radius) from the block's centres is dropped.
// Blocks of a few centres, or with one cluster left, are solved by brute force over their
// clusters' segments (a cluster farther than the best segment so far is skipped). Far from
// roads, where a per-point search scans many empty buckets, whole blocks share one short list.
//
// Cost on the Andorra OSM graph (50 579 segments), whole network box: see bench_isochrone
// (BM_RasterSnap vs BM_SnapIndexPerPixel).
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
    /// Copies the network's segments (about 90 bytes each) and per-edge lengths; the network is
    /// not referenced afterwards.
    explicit RasterSnapper(const routing::RoadNetwork& network);

    /// Snaps every centre of `grid` (radius_m > 0). Reuses `out`'s storage.
    void snap(const RasterGrid& grid, double radius_m, RasterSnaps& out) const;
    [[nodiscard]] RasterSnaps snap(const RasterGrid& grid, double radius_m) const;

    [[nodiscard]] std::size_t segment_count() const noexcept { return ax_.size(); }
    [[nodiscard]] std::size_t memory_bytes() const noexcept;

private:
    struct Block {
        int i0, j0, i1, j1;  // centres [i0, i1) x [j0, j1)
    };
    static constexpr std::uint32_t kClusterSize = 16;
    static constexpr std::uint32_t kGroupSize = 4;  ///< sub-boxes inside a cluster (leaf pruning)
    struct Cluster {
        double min_x, min_y, max_x, max_y;  ///< bounding box of its segments
        std::uint32_t first, count;         ///< its segments: [first, first + count)
    };
    static constexpr int kLeafCells = 16;  ///< blocks of at most this many centres are brute-forced
    /// Squared distance between a cluster's box and the rectangle [lo, hi] (0 if they overlap).
    static double box_distance2(const Cluster& c, XY lo, XY hi) noexcept;
    void solve(const RasterGrid& grid, double radius_m, Block block, std::size_t first, std::size_t count,
               std::vector<std::uint32_t>& clusters, RasterSnaps& out) const;
    void brute_force(const RasterGrid& grid, double radius_m, Block block, const std::uint32_t* clusters,
                     std::size_t count, RasterSnaps& out) const;

    // Segment k runs from (ax_, ay_) to (bx_, by_); ref_[k] is its rank in (edge, segment)
    // order (the tie-break order), edge_[k] its edge, before_m_[k] the polyline
    // length of its edge before it and length_m_[k] its own length.
    std::vector<double> ax_, ay_, bx_, by_;
    std::vector<double> dx_, dy_, inv_len2_;  ///< b - a and 1 / |b - a|^2 (0 for a point)
    std::vector<std::uint32_t> ref_;
    std::vector<routing::EdgeId> edge_;
    std::vector<double> before_m_, length_m_;
    std::vector<double> edge_total_m_;  ///< per edge: polyline length, summed as SnapIndex does
    std::vector<Cluster> clusters_;     ///< consecutive runs of kClusterSize segments (Z-order)
    std::vector<Cluster> groups_;       ///< the same in runs of kGroupSize (group k / kGroupSize)
    double min_x_ = 0, min_y_ = 0, max_x_ = 0, max_y_ = 0;
};

}  // namespace maillage::geo
