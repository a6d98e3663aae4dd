#include "geo/routing/nearest.h"

#include <algorithm>
#include <cmath>

#include "geo/core/error.h"
#include "geo/routing/road_network.h"

namespace maillage::geo::routing {

namespace {
double finite_or_inf(float s) { return std::isfinite(s) ? static_cast<double>(s) : kInfSeconds; }

/// Time to cover `fraction` of an edge whose full traversal takes `seconds` (+inf if the
/// direction is forbidden); covering nothing takes 0 s even on a forbidden direction.
double partial(double fraction, double seconds) { return fraction <= 0.0 ? 0.0 : fraction * seconds; }

struct SourceOnEdge {
    EdgeId edge;
    double fraction;
    double walk_seconds;
    std::int32_t index;
};
}  // namespace

std::size_t NearestResult::unsnapped_source_count() const noexcept {
    return static_cast<std::size_t>(std::count_if(source_snap_distance_m.begin(), source_snap_distance_m.end(),
                                                  [](double d) { return !std::isfinite(d); }));
}

EndSeconds position_to_ends(const RoadNetwork& network, const EdgePosition& pos, Direction direction) {
    const double fwd = finite_or_inf(network.edge_forward_seconds()[pos.edge]);
    const double bwd = finite_or_inf(network.edge_backward_seconds()[pos.edge]);
    const double f = pos.fraction;
    if (direction == Direction::from_source) {
        // Leave the position towards the head (forward) or the tail (backward).
        return {partial(f, bwd), partial(1.0 - f, fwd)};
    }
    // to_source: how long from each end to reach the position.
    return {partial(f, fwd), partial(1.0 - f, bwd)};
}

NearestSourceQuery::NearestSourceQuery(const RoadNetwork& network, Direction direction)
    : network_(&network), direction_(direction), dijkstra_(network, direction) {}

SnappedPoints snap_points(const RoadNetwork& network, std::span<const XY> points, const SnapOptions& options) {
    SnappedPoints out;
    out.position.assign(points.size(), EdgePosition{});
    out.walk_seconds.assign(points.size(), kInfSeconds);
    const SnapIndex& index = network.snap_index();
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (const auto pos = index.snap(points[i], options.max_snap_distance_m)) {
            out.position[i] = *pos;
            out.walk_seconds[i] = options.walking_seconds(pos->distance_m);
        }
    }
    return out;
}

void require_all_snapped(const SnappedPoints& points, std::span<const std::string> names, const RoadNetwork& network,
                         const SnapOptions& options, const std::string& what) {
    std::string list;
    std::size_t missing = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (points.position[i].edge != kInvalidId) continue;
        if (++missing <= 10) list += (list.empty() ? "" : ", ") + (i < names.size() ? names[i] : what + " #" + std::to_string(i));
    }
    if (missing == 0) return;
    if (missing > 10) list += " and " + std::to_string(missing - 10) + " more";
    throw InputError({network.metadata().source, {}, {}},
                     std::to_string(missing) + " " + what + (missing > 1 ? "s are" : " is") + " farther than " +
                         std::to_string(static_cast<long>(options.max_snap_distance_m)) +
                         " m from any road of the network (outside its extent?): " + list);
}

NearestResult NearestSourceQuery::run(std::span<const XY> sources, std::span<const XY> targets,
                                      double max_seconds, const SnapOptions& options, NodeTimes node_times) {
    return run(snap_points(*network_, sources, options), snap_points(*network_, targets, options), max_seconds,
               node_times);
}

NearestResult NearestSourceQuery::run(const SnappedPoints& sources, const SnappedPoints& targets, double max_seconds,
                                      NodeTimes node_times) {
    const RoadNetwork& net = *network_;
    NearestResult r;
    r.source_snap_distance_m.assign(sources.size(), kInfSeconds);
    r.source_position = sources.position;
    dijkstra_.reset();
    std::vector<SourceOnEdge> on_edge;
    on_edge.reserve(sources.size());
    for (std::size_t s = 0; s < sources.size(); ++s) {
        const EdgePosition& pos = sources.position[s];
        if (pos.edge == kInvalidId) continue;
        r.source_snap_distance_m[s] = pos.distance_m;
        const double walk = sources.walk_seconds[s];
        const auto label = static_cast<std::int32_t>(s);
        on_edge.push_back({pos.edge, pos.fraction, walk, label});
        const EndSeconds ends = position_to_ends(net, pos, direction_);
        if (std::isfinite(ends.tail)) dijkstra_.add_source(net.edge_tail()[pos.edge], walk + ends.tail, label);
        if (std::isfinite(ends.head)) dijkstra_.add_source(net.edge_head()[pos.edge], walk + ends.head, label);
    }
    std::sort(on_edge.begin(), on_edge.end(),
              [](const SourceOnEdge& a, const SourceOnEdge& b) { return a.edge < b.edge || (a.edge == b.edge && a.index < b.index); });
    if (node_times != NodeTimes::none) {
        dijkstra_.run(max_seconds);
    } else {
        target_nodes_.clear();
        for (const EdgePosition& pos : targets.position) {
            if (pos.edge == kInvalidId) continue;
            target_nodes_.push_back(net.edge_tail()[pos.edge]);
            target_nodes_.push_back(net.edge_head()[pos.edge]);
        }
        dijkstra_.run_until_settled(target_nodes_, max_seconds);
    }

    auto node_time = [&](NodeId v) { return dijkstra_.is_settled(v) ? dijkstra_.seconds(v) : kInfSeconds; };

    r.seconds.assign(targets.size(), kInfSeconds);
    r.source.assign(targets.size(), -1);
    r.snap_distance_m.assign(targets.size(), kInfSeconds);
    r.target_position = targets.position;
    for (std::size_t t = 0; t < targets.size(); ++t) {
        const EdgePosition& pos = targets.position[t];
        if (pos.edge == kInvalidId) continue;
        r.snap_distance_m[t] = pos.distance_m;
        const EdgeId e = pos.edge;
        const double g = pos.fraction;
        const double fwd = finite_or_inf(net.edge_forward_seconds()[e]);
        const double bwd = finite_or_inf(net.edge_backward_seconds()[e]);
        const NodeId u = net.edge_tail()[e], v = net.edge_head()[e];
        double best = kInfSeconds;
        std::int32_t best_source = -1;
        auto consider = [&](double time, std::int32_t who) {
            if (time < best || (time == best && who >= 0 && (best_source < 0 || who < best_source))) {
                best = time;
                best_source = who;
            }
        };
        if (direction_ == Direction::from_source) {
            consider(node_time(u) + partial(g, fwd), dijkstra_.source_label(u));
            consider(node_time(v) + partial(1.0 - g, bwd), dijkstra_.source_label(v));
        } else {
            consider(node_time(v) + partial(1.0 - g, fwd), dijkstra_.source_label(v));
            consider(node_time(u) + partial(g, bwd), dijkstra_.source_label(u));
        }
        // Sources on the same edge: along the edge without touching a node.
        auto range = std::equal_range(on_edge.begin(), on_edge.end(), SourceOnEdge{e, 0, 0, 0},
                                      [](const SourceOnEdge& a, const SourceOnEdge& b) { return a.edge < b.edge; });
        for (auto it = range.first; it != range.second; ++it) {
            const double f = it->fraction;
            // Travel from the earlier fraction to the later one uses the forward time.
            const bool source_first = direction_ == Direction::from_source;
            const double from = source_first ? f : g, to = source_first ? g : f;
            if (to >= from) consider(it->walk_seconds + partial(to - from, fwd), it->index);
            if (to <= from) consider(it->walk_seconds + partial(from - to, bwd), it->index);
        }
        best += targets.walk_seconds[t];
        if (best <= max_seconds && std::isfinite(best)) {
            r.seconds[t] = best;
            r.source[t] = best_source;
        }
    }

    if (node_times != NodeTimes::all) return r;
    const std::uint32_t n = net.node_count();
    r.node_seconds.assign(n, kInfSeconds);
    r.node_source.assign(n, -1);
    for (NodeId v : dijkstra_.settled_nodes()) {
        r.node_seconds[v] = dijkstra_.seconds(v);
        r.node_source[v] = dijkstra_.source_label(v);
    }
    return r;
}

NearestResult nearest_source_times(const RoadNetwork& network, std::span<const XY> sources,
                                   std::span<const XY> targets, Direction direction,
                                   double max_seconds, const SnapOptions& options, NodeTimes node_times) {
    NearestSourceQuery query(network, direction);
    return query.run(sources, targets, max_seconds, options, node_times);
}

}  // namespace maillage::geo::routing
