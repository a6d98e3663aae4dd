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
// reset() is O(1) for the labels (timestamp flags) plus O(heap size) for the queue. After
// construction, no method allocates except the growth of the settled-node list and the heap up
// to the node count. Travel times are seconds. In Direction::to_source the search runs on the
// backward graph: seconds(v) is the time to go from v to the nearest source.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "geo/routing/id_queue.h"
#include "geo/routing/types.h"

namespace maillage::geo::routing {

class RoadNetwork;

/// A CSR graph seen by Dijkstra: arcs of node v are [first_out[v], first_out[v+1]).
struct GraphView {
    std::span<const std::uint32_t> first_out;
    std::span<const NodeId> head;
    std::span<const float> seconds;  ///< per arc, finite, ≥ 0

    /// Forward graph for from_source, backward graph for to_source.
    [[nodiscard]] static GraphView of(const RoadNetwork& network, Direction direction);
    [[nodiscard]] std::uint32_t node_count() const noexcept {
        return first_out.empty() ? 0 : static_cast<std::uint32_t>(first_out.size() - 1);
    }
};

class Dijkstra {
public:
    struct Settled {
        NodeId node;
        double seconds;
        std::int32_t source_label;
    };

    explicit Dijkstra(GraphView graph);
    Dijkstra(const RoadNetwork& network, Direction direction);

    /// Forgets the previous search. O(1) + O(queue size).
    Dijkstra& reset();
    /// Seeds `node` with `initial_seconds` (≥ 0) and a caller-chosen label (e.g. the index of
    /// the facility). Adding a node twice keeps the smaller time. Throws std::out_of_range
    /// for a node id outside the graph.
    Dijkstra& add_source(NodeId node, double initial_seconds, std::int32_t source_label = -1);

    [[nodiscard]] bool is_finished() const noexcept { return queue_.empty(); }
    /// Time of the next node settle() would return; +inf when finished.
    [[nodiscard]] double next_seconds() const noexcept {
        return queue_.empty() ? kInfSeconds : queue_.peek().key;
    }
    /// Settles the closest unsettled node and relaxes its arcs. Precondition: !is_finished().
    Settled settle();
    /// Settles every node whose time is ≤ max_seconds (all reachable nodes for +inf).
    Dijkstra& run(double max_seconds = kInfSeconds);

    /// Final time of a settled node, tentative time of a reached one, +inf otherwise.
    [[nodiscard]] double seconds(NodeId v) const noexcept {
        return reached(v) ? state_[v].seconds : kInfSeconds;
    }
    [[nodiscard]] bool is_settled(NodeId v) const noexcept { return reached(v) && !queue_.contains(v); }
    /// Label of the source that gave v its time, -1 when not reached.
    [[nodiscard]] std::int32_t source_label(NodeId v) const noexcept {
        return reached(v) ? state_[v].label : -1;
    }
    /// Nodes settled since the last reset, in settle order (non-decreasing seconds).
    [[nodiscard]] std::span<const NodeId> settled_nodes() const noexcept { return settled_; }
    [[nodiscard]] std::uint32_t node_count() const noexcept { return graph_.node_count(); }

private:
    /// Per-node label, one cache line access per relaxation: a node is reached in the current
    /// search iff its stamp equals current_stamp_ (timestamp flags: O(1) reset).
    struct NodeState {
        double seconds;
        std::uint32_t stamp;
        std::int32_t label;
    };
    [[nodiscard]] bool reached(NodeId v) const noexcept { return state_[v].stamp == current_stamp_; }

    GraphView graph_;
    std::vector<NodeState> state_;
    std::uint32_t current_stamp_ = 1;
    MinIdQueue queue_;
    std::vector<NodeId> settled_;
};

}  // namespace maillage::geo::routing
