#include "geo/routing/dijkstra.h"

#include <stdexcept>
#include <string>

#include "geo/routing/road_network.h"

namespace maillage::geo::routing {

GraphView GraphView::of(const RoadNetwork& network, Direction direction) {
    if (direction == Direction::from_source)
        return {network.first_out(), network.head(), network.arc_seconds()};
    return {network.first_in(), network.tail(), network.in_arc_seconds()};
}

Dijkstra::Dijkstra(GraphView graph)
    : graph_(graph),
      state_(graph.node_count(), NodeState{kInfSeconds, 0, -1}),
      queue_(graph.node_count()) {}

Dijkstra::Dijkstra(const RoadNetwork& network, Direction direction)
    : Dijkstra(GraphView::of(network, direction)) {}

Dijkstra& Dijkstra::reset() {
    if (++current_stamp_ == 0) {  // wrapped after 2^32 searches: clear the stamps once
        for (NodeState& st : state_) st.stamp = 0;
        current_stamp_ = 1;
    }
    queue_.clear();
    settled_.clear();
    return *this;
}

Dijkstra& Dijkstra::add_source(NodeId node, double initial_seconds, std::int32_t source_label) {
    if (node >= node_count())
        throw std::out_of_range("Dijkstra::add_source: node " + std::to_string(node) +
                                " is not in a graph of " + std::to_string(node_count()) + " nodes");
    NodeState& st = state_[node];
    if (st.stamp != current_stamp_) {
        st = {initial_seconds, current_stamp_, source_label};
        queue_.push(node, initial_seconds);
    } else if (queue_.contains(node) && initial_seconds < st.seconds) {
        st.seconds = initial_seconds;
        st.label = source_label;
        queue_.decrease_key(node, initial_seconds);
    }
    return *this;
}

Dijkstra::Settled Dijkstra::settle() {
    const MinIdQueue::Entry top = queue_.pop();
    const NodeId u = top.id;
    const double du = top.key;
    const std::int32_t lu = state_[u].label;
    settled_.push_back(u);
    const std::uint32_t end = graph_.first_out[u + 1];
    for (std::uint32_t a = graph_.first_out[u]; a < end; ++a) {
        const NodeId v = graph_.head[a];
        const double dv = du + static_cast<double>(graph_.seconds[a]);
        NodeState& sv = state_[v];
        if (sv.stamp != current_stamp_) {
            sv = {dv, current_stamp_, lu};
            queue_.push(v, dv);
        } else if (dv < sv.seconds) {  // never true for a settled node (arc times ≥ 0)
            sv.seconds = dv;
            sv.label = lu;
            queue_.decrease_key(v, dv);
        }
    }
    return {u, du, lu};
}

Dijkstra& Dijkstra::run(double max_seconds) {
    while (!queue_.empty() && queue_.peek().key <= max_seconds) settle();
    return *this;
}

}  // namespace maillage::geo::routing
