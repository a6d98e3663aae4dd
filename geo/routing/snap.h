// Snapping points to positions on the road network (virtual nodes on edges).
//
// A point is snapped to the nearest position on any edge of the network (all edges of a
// RoadNetwork are allowed for its profile), measured in metres in the working CRS, never to
// the nearest vertex (ORS #867): the result is the edge, the fraction of its length from its
// tail, the projected point and the straight-line distance from the input point.
//
// The off-road part (point → snapped position) is counted as a walking leg at
// SnapOptions::walking_speed_m_per_s times walking_detour_factor; see nearest.h.
//
// Index: a uniform grid of square buckets over the network's bounding box. Each bucket lists
// every edge whose polyline touches it once: a 32-bit reference (the edge itself, or for an
// edge of more than kChunkSegments segments the chunk of kChunkSegments consecutive segments,
// whose edge and first segment a chunk table gives) and an 8-bit mask of the segments of that
// edge or chunk that touch the bucket, packed in 5 bytes. The index holds no coordinates: a query reads the
// points of the listed segments from the network's own arrays. Queries search rings of
// buckets outwards, skip every bucket farther than the best hit so far and stop as soon as no
// unvisited bucket can hold anything closer, so the answer is exact (the true nearest
// segment), not approximate. Rings are walked from the middle of each side towards the
// corners (nearer buckets first). Memory: 2.25 bytes per bucket (16-bit offsets + a 32-bit
// start per 16 buckets) + 5 bytes per (edge or chunk, bucket) listing (see docs/routing.md,
// "Speed and memory").
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "geo/core/crs.h"
#include "geo/routing/road_network.h"
#include "geo/routing/types.h"

namespace maillage::geo::routing {

class RoadNetwork;

/// A position on an edge: the virtual node a point snaps to.
struct EdgePosition {
    EdgeId edge = kInvalidId;
    double fraction = 0.0;    ///< 0 at edge_tail, 1 at edge_head, by length along the polyline
    XY point{};               ///< the snapped position, metres
    double distance_m = 0.0;  ///< straight-line distance from the query point, metres
};

class SnapIndex {
public:
    /// Indexes every edge polyline of `network`. The index keeps views of the network's node
    /// and shape arrays (stable when the network is moved); the network must outlive the index.
    explicit SnapIndex(const RoadNetwork& network);

    /// Nearest position on any edge within `max_distance_m` of p, or nullopt if none.
    [[nodiscard]] std::optional<EdgePosition> snap(XY p, double max_distance_m) const;

    [[nodiscard]] double bucket_size_m() const noexcept { return bucket_size_; }
    /// Heap bytes of the index (bucket offsets, references and masks, chunk table), capacities
    /// counted.
    [[nodiscard]] std::size_t memory_bytes() const noexcept {
        return (group_first_.capacity() + chunk_edge_.capacity() + chunk_first_.capacity()) * sizeof(std::uint32_t) +
               bucket_offset_.capacity() * sizeof(std::uint16_t) + listings_.capacity();
    }

    /// Edges with more segments than this are listed by chunks of this many segments (one mask
    /// bit per segment).
    static constexpr std::uint32_t kChunkSegments = 8;

private:
    struct Best;
    /// Tests every edge and chunk listed in `bucket`.
    void scan_bucket(XY p, std::size_t bucket, Best& best) const;
    /// Point i of edge e's polyline (0 = tail node, inner points, last = head node), metres.
    [[nodiscard]] XY point(EdgeId e, std::uint32_t i) const noexcept {
        if (i == 0) return node_xy_[edge_tail_[e]];
        const std::uint32_t inner = shape_first_[e] + i - 1;
        if (inner >= shape_first_[e + 1]) return node_xy_[edge_head_[e]];
        return inner_point(inner);
    }
    [[nodiscard]] XY inner_point(std::uint32_t inner) const noexcept {
        const MillimetreXY p = shape_inner_[inner];
        return {origin_.x + p.x * 1e-3, origin_.y + p.y * 1e-3};
    }
    [[nodiscard]] std::uint32_t segment_count(EdgeId e) const noexcept {
        return shape_first_[e + 1] - shape_first_[e] + 1;
    }

    std::span<const XY> node_xy_;
    std::span<const NodeId> edge_tail_, edge_head_;
    std::span<const std::uint32_t> shape_first_;  ///< the network's per-edge inner-point offsets
    std::span<const MillimetreXY> shape_inner_;
    XY origin_{};
    double min_x_ = 0, min_y_ = 0, bucket_size_ = 1;
    std::int64_t columns_ = 1, rows_ = 1;
    std::uint32_t edge_count_ = 0;
    /// Bucket b holds listings first_listing(b) .. first_listing(b+1)-1: the first listing of
    /// its group of 2^group_shift_ buckets plus a 16-bit offset (6 bytes per 16 buckets less
    /// than 32-bit offsets per bucket). group_shift_ is kGroupShift, or 0 (offsets all 0) if
    /// a group holds more than 65,535 listings.
    [[nodiscard]] std::uint32_t first_listing(std::size_t b) const noexcept {
        return group_first_[b >> group_shift_] + bucket_offset_[b];
    }
    static constexpr int kGroupShift = 4;
    int group_shift_ = kGroupShift;
    std::vector<std::uint32_t> group_first_;
    std::vector<std::uint16_t> bucket_offset_;  ///< columns*rows+1 (the last: the end sentinel)
    /// kListingBytes bytes per listing, packed (one cache line serves a bucket): a 32-bit
    /// reference r, native byte order — r < edge_count_: edge r, segments from 0; otherwise
    /// chunk c = r - edge_count_: edge chunk_edge_[c], segments from chunk_first_[c] — then an
    /// 8-bit mask: bit i set when segment first + i touches the bucket (the only segments a
    /// query tests for this listing).
    static constexpr std::size_t kListingBytes = 5;
    std::vector<std::uint8_t> listings_;
    std::vector<EdgeId> chunk_edge_;
    std::vector<std::uint32_t> chunk_first_;
};

}  // namespace maillage::geo::routing
