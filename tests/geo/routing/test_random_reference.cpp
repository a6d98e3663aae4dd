// Randomised cross-checks (fixed seeds) against independent, plain implementations:
//  - Dijkstra (4-ary heap, timestamps, CSR) against a textbook Dijkstra with
//    std::priority_queue over an adjacency list built from the network's edge arrays;
//  - the snap index against a brute-force scan of every segment;
//  - nearest_source_times against a reference that really splits edges at every snapped
//    point (virtual nodes) and runs the textbook Dijkstra on that bigger graph.
// Graphs include isolated nodes, one-way arcs, several components and empty source sets.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <queue>
#include <random>
#include <vector>

#include "geo/routing/dijkstra.h"
#include "geo/routing/nearest.h"
#include "geo/routing/road_network.h"
#include "geo/routing/snap.h"

namespace maillage::geo::routing {
namespace {

struct RefArc {
    std::uint32_t to;
    double seconds;
};
using RefGraph = std::vector<std::vector<RefArc>>;

std::vector<double> reference_dijkstra(const RefGraph& g, const std::vector<std::pair<std::uint32_t, double>>& sources) {
    std::vector<double> dist(g.size(), kInfSeconds);
    using Item = std::pair<double, std::uint32_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> pq;
    for (auto [s, t] : sources)
        if (t < dist[s]) {
            dist[s] = t;
            pq.push({t, s});
        }
    while (!pq.empty()) {
        auto [d, u] = pq.top();
        pq.pop();
        if (d > dist[u]) continue;
        for (const RefArc& a : g[u])
            if (d + a.seconds < dist[a.to]) {
                dist[a.to] = d + a.seconds;
                pq.push({dist[a.to], a.to});
            }
    }
    return dist;
}

/// Random planar-ish network: n nodes on a 2 km square, each linked to a few near ones,
/// ~20 % one-way, some isolated nodes, optional shape points.
EdgeList random_edges(std::mt19937& rng, std::uint32_t n) {
    EdgeList el;
    std::uniform_real_distribution<double> coord(0.0, 2000.0);
    for (std::uint32_t i = 0; i < n; ++i) el.add_node({coord(rng), coord(rng)});
    std::uniform_int_distribution<std::uint32_t> pick(0, n - 1);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const std::uint8_t cls = el.class_index("road");
    for (std::uint32_t i = 0; i < n * 2; ++i) {
        const std::uint32_t u = pick(rng);
        if (u % 17 == 0) continue;  // isolated-ish nodes
        // a near neighbour: best of a few random picks
        std::uint32_t v = pick(rng);
        for (int k = 0; k < 6; ++k) {
            const std::uint32_t w = pick(rng);
            auto d2 = [&](std::uint32_t x) {
                return std::pow(el.node_xy[x].x - el.node_xy[u].x, 2) + std::pow(el.node_xy[x].y - el.node_xy[u].y, 2);
            };
            if (w != u && w % 17 != 0 && d2(w) < d2(v)) v = w;
        }
        if (v == u || v % 17 == 0) continue;
        const XY a = el.node_xy[u], b = el.node_xy[v];
        std::vector<XY> shape{a};
        if (unit(rng) < 0.5) shape.push_back({(a.x + b.x) / 2 + 30 * (unit(rng) - 0.5), (a.y + b.y) / 2 + 30 * (unit(rng) - 0.5)});
        shape.push_back(b);
        double len = 0;
        for (std::size_t s = 0; s + 1 < shape.size(); ++s) len += std::hypot(shape[s + 1].x - shape[s].x, shape[s + 1].y - shape[s].y);
        const auto secs = static_cast<float>(len / (5.0 + 25.0 * unit(rng)));
        const double r = unit(rng);
        const float fwd = r < 0.1 ? kInfArcSeconds : secs;
        const float bwd = r > 0.9 ? kInfArcSeconds : (r > 0.5 ? static_cast<float>(secs * 1.3) : secs);
        el.add_edge(u, v, fwd, bwd, static_cast<float>(len), cls, shape);
    }
    return el;
}

RefGraph reference_graph(const RoadNetwork& net, Direction dir) {
    RefGraph g(net.node_count());
    for (EdgeId e = 0; e < net.edge_count(); ++e) {
        const NodeId u = net.edge_tail()[e], v = net.edge_head()[e];
        const float f = net.edge_forward_seconds()[e], b = net.edge_backward_seconds()[e];
        const bool rev = dir == Direction::to_source;
        if (std::isfinite(f)) g[rev ? v : u].push_back({rev ? u : v, f});
        if (std::isfinite(b)) g[rev ? u : v].push_back({rev ? v : u, b});
    }
    return g;
}

RoadNetwork random_network(std::uint32_t seed, std::uint32_t n) {
    std::mt19937 rng(seed);
    NetworkMetadata meta;
    meta.source = "random seed " + std::to_string(seed);
    meta.profile = "car";
    return RoadNetwork::build(random_edges(rng, n), meta);
}

TEST(RandomReference, DijkstraMatchesTextbookDijkstra) {
    for (std::uint32_t seed = 1; seed <= 20; ++seed) {
        const RoadNetwork net = random_network(seed, 300);
        net.check_invariants();
        ASSERT_LT(net.node_count(), net.input_node_count()) << "isolated nodes must be dropped";
        ASSERT_GT(net.min_arc_seconds(), 0.0F);
        for (QueueKind kind : {QueueKind::heap, QueueKind::buckets, QueueKind::two_level}) {
        std::mt19937 rng(seed * 7919);
        std::uniform_int_distribution<NodeId> pick(0, net.node_count() - 1);
        for (Direction dir : {Direction::from_source, Direction::to_source}) {
            Dijkstra dij(net, dir, kind);
            ASSERT_EQ(dij.queue_kind(), kind);
            const RefGraph g = reference_graph(net, dir);
            for (int q = 0; q < 10; ++q) {  // reuse the query object: tests O(1) reset
                std::vector<std::pair<std::uint32_t, double>> sources;
                dij.reset();
                const int k = q % 4;  // 0 sources on the first query of each 4: empty input
                for (int s = 0; s < k; ++s) {
                    const NodeId v = pick(rng);
                    const double t0 = double(s) * 7.0 + (q > 5 ? 400.0 : 0.0);  // late sources too
                    sources.emplace_back(v, t0);
                    dij.add_source(v, t0, s);
                }
                const double bound = q % 2 ? 120.0 : kInfSeconds;
                dij.run(bound);
                const auto ref = reference_dijkstra(g, sources);
                for (NodeId v = 0; v < net.node_count(); ++v) {
                    const double expected = ref[v] <= bound ? ref[v] : kInfSeconds;
                    const double got = dij.is_settled(v) ? dij.seconds(v) : kInfSeconds;
                    if (std::isfinite(expected))
                        ASSERT_NEAR(got, expected, 1e-9) << "seed " << seed << " node " << v;
                    else
                        ASSERT_FALSE(std::isfinite(got)) << "seed " << seed << " node " << v;
                }
                // Settle order: non-decreasing (heap), non-decreasing bucket by bucket (buckets).
                double highest = 0;
                for (NodeId v : dij.settled_nodes()) {
                    ASSERT_GE(dij.seconds(v), highest - dij.bucket_width()) << "seed " << seed;
                    highest = std::max(highest, dij.seconds(v));
                }
            }
        }
        }
    }
}

// The bucket queue (Dial, buckets narrower than the smallest arc) gives exactly the heap's
// times AND labels (ties broken by the smallest label on both), bounded or not, and
// run_until_settled stops early with the targets' final times.
TEST(RandomReference, BucketQueueEqualsHeapAndStopsAtTargets) {
    for (std::uint32_t seed = 200; seed < 215; ++seed) {
        const RoadNetwork net = random_network(seed, 400);
        std::mt19937 rng(seed);
        std::uniform_int_distribution<NodeId> pick(0, net.node_count() - 1);
        for (Direction dir : {Direction::from_source, Direction::to_source}) {
            Dijkstra heap(net, dir, QueueKind::heap), buckets(net, dir, QueueKind::buckets), early(net, dir);
            Dijkstra two_level(net, dir, QueueKind::two_level);
            for (int q = 0; q < 6; ++q) {
                heap.reset();
                buckets.reset();
                early.reset();
                two_level.reset();
                const int k = 1 + q * 3;
                for (int s = 0; s < k; ++s) {
                    const NodeId v = pick(rng);
                    const double t0 = (s % 3) * 11.0;
                    // the same node twice from two labels, the second one faster: kept
                    for (Dijkstra* d : {&heap, &buckets, &early, &two_level}) d->add_source(v, t0, s);
                }
                const double bound = q % 2 ? 90.0 : kInfSeconds;
                heap.run(bound);
                buckets.run(bound);
                two_level.run(bound);
                ASSERT_EQ(heap.settled_nodes().size(), two_level.settled_nodes().size()) << "seed " << seed;
                double previous = 0.0;
                for (NodeId v : two_level.settled_nodes()) {  // settled in non-decreasing time
                    ASSERT_GE(two_level.seconds(v), previous) << "seed " << seed;
                    previous = two_level.seconds(v);
                    ASSERT_EQ(two_level.seconds(v), heap.seconds(v)) << "seed " << seed << " node " << v;
                    ASSERT_EQ(two_level.source_label(v), heap.source_label(v)) << "seed " << seed << " node " << v;
                }
                ASSERT_EQ(heap.settled_nodes().size(), buckets.settled_nodes().size()) << "seed " << seed;
                for (NodeId v = 0; v < net.node_count(); ++v) {
                    ASSERT_EQ(heap.is_settled(v), buckets.is_settled(v)) << "seed " << seed << " node " << v;
                    if (!heap.is_settled(v)) continue;
                    ASSERT_EQ(heap.seconds(v), buckets.seconds(v)) << "seed " << seed << " node " << v;
                    ASSERT_EQ(heap.source_label(v), buckets.source_label(v)) << "seed " << seed << " node " << v;
                }
                std::vector<NodeId> targets;
                for (int t = 0; t < 5; ++t) targets.push_back(pick(rng));
                early.run_until_settled(targets, bound);
                for (NodeId t : targets) {
                    ASSERT_EQ(early.is_settled(t), heap.is_settled(t)) << "seed " << seed;
                    if (heap.is_settled(t)) {
                        ASSERT_EQ(early.seconds(t), heap.seconds(t));
                    }
                }
                ASSERT_LE(early.settled_nodes().size(), heap.settled_nodes().size());
                // A bounded search can be resumed with a larger bound.
                buckets.run(kInfSeconds);
                heap.run(kInfSeconds);
                two_level.run(kInfSeconds);
                for (NodeId v = 0; v < net.node_count(); ++v) ASSERT_EQ(heap.seconds(v), buckets.seconds(v));
                for (NodeId v = 0; v < net.node_count(); ++v) ASSERT_EQ(heap.seconds(v), two_level.seconds(v));
            }
        }
    }
}

TEST(RandomReference, BucketQueueIsRefusedWithZeroArcs) {
    EdgeList el;
    const NodeId a = el.add_node({0, 0}), b = el.add_node({10, 0});
    el.add_edge(a, b, 0.0F, 0.0F, 10.0F, el.class_index("road"));
    NetworkMetadata meta;
    meta.source = "two nodes";
    meta.profile = "car";
    const RoadNetwork net = RoadNetwork::build(el, meta);
    EXPECT_THROW(Dijkstra(net, Direction::from_source, QueueKind::buckets), std::invalid_argument);
    Dijkstra dij(net, Direction::from_source);
    EXPECT_EQ(dij.queue_kind(), QueueKind::heap);
    dij.reset().add_source(a, 0.0, 0).run();
    EXPECT_EQ(dij.seconds(b), 0.0);
}

TEST(RandomReference, SnapIndexFindsTheTrueNearestSegment) {
    const RoadNetwork net = random_network(42, 400);
    std::mt19937 rng(4242);
    std::uniform_real_distribution<double> coord(-300.0, 2300.0);
    for (int i = 0; i < 2000; ++i) {
        const XY p{coord(rng), coord(rng)};
        double best = kInfSeconds;
        for (EdgeId e = 0; e < net.edge_count(); ++e) {
            const auto s = net.edge_shape(e);
            for (std::size_t k = 0; k + 1 < s.size(); ++k) {
                const double dx = s[k + 1].x - s[k].x, dy = s[k + 1].y - s[k].y;
                const double l2 = dx * dx + dy * dy;
                const double t = l2 > 0 ? std::clamp(((p.x - s[k].x) * dx + (p.y - s[k].y) * dy) / l2, 0.0, 1.0) : 0.0;
                best = std::min(best, std::hypot(s[k].x + t * dx - p.x, s[k].y + t * dy - p.y));
            }
        }
        const auto pos = net.snap_index().snap(p, 250.0);
        if (best < 250.0 - 1e-9) {
            ASSERT_TRUE(pos.has_value()) << "point " << i;
            ASSERT_NEAR(pos->distance_m, best, 1e-6) << "point " << i;
        } else if (best > 250.0 + 1e-9) {
            ASSERT_FALSE(pos.has_value()) << "point " << i;
        }
    }
}

/// Reference for nearest_source_times: split each edge at every snapped point, making real
/// nodes of them, and run the textbook Dijkstra.
TEST(RandomReference, NearestSourceTimesMatchesExplicitEdgeSplitting) {
    for (std::uint32_t seed = 100; seed < 110; ++seed) {
        const RoadNetwork net = random_network(seed, 250);
        std::mt19937 rng(seed);
        std::uniform_real_distribution<double> coord(0.0, 2000.0);
        std::vector<XY> sources(seed % 5), targets(300);
        for (XY& p : sources) p = {coord(rng), coord(rng)};
        for (XY& p : targets) p = {coord(rng), coord(rng)};
        // Put a source and a target on the same edge, and a target exactly on a node.
        if (!sources.empty()) targets[0] = sources[0];
        targets[1] = net.node_xy()[0];
        const SnapOptions opt;
        for (Direction dir : {Direction::from_source, Direction::to_source}) {
            for (double bound : {kInfSeconds, 150.0}) {
                const auto r = nearest_source_times(net, sources, targets, dir, bound, opt);
                // Build the split graph.
                struct Cut { double fraction; std::uint32_t node; };
                std::vector<std::vector<Cut>> cuts(net.edge_count());
                std::uint32_t next = net.node_count();
                std::vector<std::uint32_t> source_node(sources.size(), kInvalidId), target_node(targets.size(), kInvalidId);
                for (std::size_t s = 0; s < sources.size(); ++s)
                    if (r.source_position[s].edge != kInvalidId) {
                        source_node[s] = next++;
                        cuts[r.source_position[s].edge].push_back({r.source_position[s].fraction, source_node[s]});
                    }
                for (std::size_t t = 0; t < targets.size(); ++t)
                    if (r.target_position[t].edge != kInvalidId) {
                        target_node[t] = next++;
                        cuts[r.target_position[t].edge].push_back({r.target_position[t].fraction, target_node[t]});
                    }
                RefGraph g(next);
                const bool rev = dir == Direction::to_source;
                auto add = [&](std::uint32_t a, std::uint32_t b, double secs) {
                    if (std::isfinite(secs)) g[rev ? b : a].push_back({rev ? a : b, secs});
                };
                for (EdgeId e = 0; e < net.edge_count(); ++e) {
                    auto& c = cuts[e];
                    std::stable_sort(c.begin(), c.end(), [](const Cut& a, const Cut& b) { return a.fraction < b.fraction; });
                    std::vector<Cut> chain{{0.0, net.edge_tail()[e]}};
                    chain.insert(chain.end(), c.begin(), c.end());
                    chain.push_back({1.0, net.edge_head()[e]});
                    const double f = net.edge_forward_seconds()[e], b = net.edge_backward_seconds()[e];
                    for (std::size_t k = 0; k + 1 < chain.size(); ++k) {
                        const double part = chain[k + 1].fraction - chain[k].fraction;
                        // Points at the same place are the same place: 0 s both ways, one-way or not.
                        add(chain[k].node, chain[k + 1].node, part == 0 ? 0.0 : part * f);
                        add(chain[k + 1].node, chain[k].node, part == 0 ? 0.0 : part * b);
                    }
                }
                std::vector<std::pair<std::uint32_t, double>> seeds;
                for (std::size_t s = 0; s < sources.size(); ++s)
                    if (source_node[s] != kInvalidId)
                        seeds.emplace_back(source_node[s], opt.walking_seconds(r.source_snap_distance_m[s]));
                const auto ref = reference_dijkstra(g, seeds);
                for (std::size_t t = 0; t < targets.size(); ++t) {
                    double expected = target_node[t] == kInvalidId ? kInfSeconds
                                                                    : ref[target_node[t]] + opt.walking_seconds(r.snap_distance_m[t]);
                    if (expected > bound) expected = kInfSeconds;
                    if (std::isfinite(expected)) {
                        ASSERT_NEAR(r.seconds[t], expected, 1e-6) << "seed " << seed << " target " << t << " dir " << int(dir)
                            << " tedge " << r.target_position[t].edge << " f " << r.target_position[t].fraction
                            << " sedge " << (sources.empty() ? 0 : r.source_position[0].edge) << " f " << (sources.empty() ? 0 : r.source_position[0].fraction)
                            << " fwd " << net.edge_forward_seconds()[r.target_position[t].edge] << " bwd " << net.edge_backward_seconds()[r.target_position[t].edge];
                        ASSERT_GE(r.source[t], 0);
                    } else {
                        ASSERT_FALSE(std::isfinite(r.seconds[t])) << "seed " << seed << " target " << t;
                        ASSERT_EQ(r.source[t], -1);
                    }
                }
                // Node times of the same search agree with the split graph's (nodes < node_count).
                for (NodeId v = 0; v < net.node_count(); ++v) {
                    const double expected = ref[v] <= bound ? ref[v] : kInfSeconds;
                    if (std::isfinite(expected))
                        ASSERT_NEAR(r.node_seconds[v], expected, 1e-6);
                    else
                        ASSERT_FALSE(std::isfinite(r.node_seconds[v]));
                }
            }
        }
    }
}

}  // namespace
}  // namespace maillage::geo::routing
