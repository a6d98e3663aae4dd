// Bounded single- and multi-source Dijkstra over a RoadNetwork, forward or reverse.
//
// The query object owns all its scratch memory (sized once for the graph) and is reused:
//
//     Dijkstra dij(network, Direction::to_source);
//     dij.reset().add_source(a, 0.0, 0).add_source(b, 12.5, 1).run(900.0);
//     double t = dij.seconds(v);          // +inf if v is farther than 900 s or unreachable
//     std::int32_t who = dij.source_label(v);   // 0 or 1: which source is nearest
//
// or settle by hand, e.g. for isochrones: while (!dij.is_finished()) { auto s = dij.settle(); }
//
// Two priority queues, same results (times, and labels: see below):
//  - QueueKind::heap: a 4-ary heap with decrease-key; nodes are settled in non-decreasing time.
//  - QueueKind::buckets: Dial's bucket queue with buckets of width w ≤ the smallest arc time
//    (GraphView::min_arc_seconds). A node of the lowest non-empty bucket is final — every arc
//    leaving it ends in a later bucket — so the bucket's nodes are settled in any order: exact
//    times, no heap operations. Buckets form a ring of ceil(max_arc / w) + 2 slots (rounded up
//    to a power of two). Settle
//    order is non-decreasing bucket by bucket (within one bucket width), not node by node.
//  - QueueKind::two_level: TwoLevelQueue, buckets of width largest arc / (kMaxBucketRing - 2)
//    with only the lowest bucket ordered (a small binary heap) and lazy decrease-key; nodes are
//    settled in non-decreasing time, as with the heap, for any arc times ≥ 0.
//  - QueueKind::automatic (default): buckets when the smallest arc time is > 0 and the ratio
//    largest / smallest arc time is at most kMaxBucketRing (e.g. the lattice model: 14–105 s),
//    else two_level when the largest arc time is finite and > 0 (e.g. OSM graphs with arcs of
//    0.02 s to half an hour: 1.5–1.7× faster than the 4-ary heap on Andorra), else the heap.
// Labels: a node takes the label of the predecessor giving it the smallest time; on an exact
// tie, the smallest label. With arc times > 0 this is independent of the settle order, so
// both queues give identical times and labels.
//
// reset() is O(1) for the labels (timestamp flags) plus O(queue size) for the queue. After
// construction, no method allocates except the growth of the settled-node list and of the
// queue up to the node count. Travel times are seconds. In Direction::to_source the search runs
// on the backward graph: seconds(v) is the time to go from v to the nearest source.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "geo/routing/id_queue.h"
#include "geo/routing/road_network.h"
#include "geo/routing/two_level_queue.h"
#include "geo/routing/types.h"

namespace maillage::geo::routing {

/// A CSR graph seen by Dijkstra: arcs of node v are arcs[first_out[v] .. first_out[v+1]).
struct GraphView {
    std::span<const std::uint32_t> first_out;
    std::span<const Arc> arcs;  ///< .node = the arc's other end; .seconds finite, ≥ 0
    double min_arc_seconds = 0.0;          ///< a lower bound of every arc's time
    double max_arc_seconds = kInfSeconds;  ///< an upper bound of every arc's time

    /// Forward graph for from_source, backward graph for to_source.
    [[nodiscard]] static GraphView of(const RoadNetwork& network, Direction direction);
    [[nodiscard]] std::uint32_t node_count() const noexcept {
        return first_out.empty() ? 0 : static_cast<std::uint32_t>(first_out.size() - 1);
    }
};

enum class QueueKind : std::uint8_t { automatic, heap, buckets, two_level };

class Dijkstra {
public:
    /// Largest bucket ring (max_arc / min_arc + 2) QueueKind::automatic accepts.
    static constexpr double kMaxBucketRing = 4096;

    struct Settled {
        NodeId node;
        double seconds;
        std::int32_t source_label;
    };

    /// Throws std::invalid_argument for QueueKind::buckets on a graph whose smallest arc time
    /// is 0 or whose ring would exceed 2^20 buckets.
    explicit Dijkstra(GraphView graph, QueueKind queue = QueueKind::automatic);
    Dijkstra(const RoadNetwork& network, Direction direction, QueueKind queue = QueueKind::automatic);

    /// Forgets the previous search. O(1) + O(queue size).
    Dijkstra& reset();
    /// Seeds `node` with `initial_seconds` (finite, ≥ 0; other values are ignored) and a
    /// caller-chosen label (e.g. the index of the facility). Adding a node twice keeps the
    /// smaller time. Sources are added before the first settle() after reset(). Throws
    /// std::out_of_range for a node id outside the graph.
    Dijkstra& add_source(NodeId node, double initial_seconds, std::int32_t source_label = -1);

    [[nodiscard]] bool is_finished() const noexcept { return unsettled_ == 0; }
    /// Time of the next node settle() would return; +inf when finished.
    [[nodiscard]] double next_seconds() const;
    /// Settles the next node (the closest with the heap; one of the lowest bucket with the
    /// bucket queue) and relaxes its arcs. Precondition: !is_finished().
    Settled settle();
    /// Settles every node whose time is ≤ max_seconds (all reachable nodes for +inf).
    Dijkstra& run(double max_seconds = kInfSeconds);
    /// Settles nodes until every node of `targets` is settled, or every node within
    /// max_seconds is: the search stops early when only the targets' times are needed.
    /// Nodes not settled keep seconds() as a tentative value and is_settled() false.
    Dijkstra& run_until_settled(std::span<const NodeId> targets, double max_seconds = kInfSeconds);

    /// Final time of a settled node, tentative time of a reached one, +inf otherwise.
    [[nodiscard]] double seconds(NodeId v) const noexcept {
        return reached(v) ? state_[v].seconds : kInfSeconds;
    }
    [[nodiscard]] bool is_settled(NodeId v) const noexcept { return state_[v].stamp == current_stamp_ + 1; }
    /// Label of the source that gave v its time, -1 when not reached.
    [[nodiscard]] std::int32_t source_label(NodeId v) const noexcept {
        return reached(v) ? state_[v].label : -1;
    }
    /// Nodes settled since the last reset, in settle order (see the queue kinds above).
    [[nodiscard]] std::span<const NodeId> settled_nodes() const noexcept { return settled_; }
    [[nodiscard]] std::uint32_t node_count() const noexcept { return graph_.node_count(); }
    [[nodiscard]] QueueKind queue_kind() const noexcept { return kind_; }
    /// Bucket width in seconds (0 with the heap).
    [[nodiscard]] double bucket_width() const noexcept { return width_; }

private:
    /// Per-node label, one cache line access per relaxation. Timestamp flags (O(1) reset):
    /// stamp == current_stamp_ → reached, not settled; current_stamp_ + 1 → settled; anything
    /// else → not reached in the current search. current_stamp_ is even.
    struct NodeState {
        double seconds;
        std::uint32_t stamp;
        std::int32_t label;
    };
    [[nodiscard]] bool reached(NodeId v) const noexcept { return (state_[v].stamp | 1U) == current_stamp_ + 1; }

    template <QueueKind kQueue>
    void relax(NodeId u, double du, std::int32_t lu);
    /// Drops outdated entries from the top of the two-level queue; false when it is empty.
    bool two_level_normalize() const;
    void settle_node(NodeId u);
    template <typename Stop>
    void run_impl(double max_seconds, Stop&& stop);
    // Bucket queue.
    /// Bucket index of a time; clamped (no undefined conversion) for times beyond 1e18
    /// bucket widths, which are then no longer ordered among themselves.
    [[nodiscard]] std::uint64_t bucket_of(double t) const noexcept {
        const double b = t * inv_width_;
        return b < 1e18 ? static_cast<std::uint64_t>(b) : std::uint64_t{1'000'000'000'000'000'000};
    }
    void bucket_push(NodeId v, double t);
    /// Moves to the lowest bucket holding an unsettled node (injecting due sources) and drops
    /// settled entries on top of it. Returns false when no unsettled node is left.
    bool bucket_normalize() const;

    GraphView graph_;
    QueueKind kind_;
    std::vector<NodeState> state_;
    std::uint32_t current_stamp_ = 2;
    std::uint32_t unsettled_ = 0;  ///< reached, not settled
    std::vector<NodeId> settled_;
    // Heap.
    MinIdQueue heap_;
    // Two-level queue (mutable: next_seconds() drops outdated entries).
    mutable TwoLevelQueue two_level_;
    // Buckets (mutable: next_seconds() positions the ring lazily).
    double width_ = 0, inv_width_ = 0;
    std::uint32_t ring_size_ = 0;
    mutable std::vector<std::vector<NodeId>> ring_;
    mutable std::uint64_t ring_entries_ = 0;  ///< entries in the ring, settled ones included
    mutable std::uint64_t current_bucket_ = 0;
    struct Seed {
        double seconds;
        NodeId node;
    };
    mutable std::vector<Seed> seeds_;  ///< sources, entering the ring when their bucket comes
    mutable std::size_t next_seed_ = 0;
    mutable bool seeds_sorted_ = false;
    std::vector<NodeId> scratch_;
    // run_until_settled: targets of the current call are marked with target_round_.
    std::vector<std::uint32_t> target_mark_;
    std::uint32_t target_round_ = 0;
};

}  // namespace maillage::geo::routing
