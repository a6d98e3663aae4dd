// ContractedSearch against the full Dijkstra, node by node, on real OSM graphs: sources at
// junctions, inside chains and on dead ends, one or several at once, both directions, with and
// without a bound.
#include "geo/routing/contracted_search.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "geo/routing/osm_loader.h"
#include "geo/routing/profile_table.h"
#include "tests/support/test_network.h"

using namespace maillage::geo;
using namespace maillage::geo::routing;

namespace {

// The full search seeded as NearestSourceQuery seeds its sources.
std::vector<double> full_search(const RoadNetwork& net, Direction direction, const SnappedPoints& sources,
                                double bound_s) {
    Dijkstra dijkstra(net, direction);
    dijkstra.reset();
    for (std::size_t s = 0; s < sources.size(); ++s) {
        const EdgePosition& pos = sources.position[s];
        if (pos.edge == kInvalidId) continue;
        const EndSeconds ends = position_to_ends(net, pos, direction);
        dijkstra.add_source(net.edge_tail()[pos.edge], sources.walk_seconds[s] + ends.tail);
        dijkstra.add_source(net.edge_head()[pos.edge], sources.walk_seconds[s] + ends.head);
    }
    dijkstra.run(bound_s);
    std::vector<double> t(net.node_count(), kInfSeconds);
    for (const NodeId v : dijkstra.settled_nodes()) t[v] = dijkstra.seconds(v);
    return t;
}

}  // namespace

TEST(ContractedSearch, NodeTimesEqualTheFullSearch) {
    const std::filesystem::path dir = std::filesystem::path(MAILLAGE_TEST_DATA_DIR) / "osm";
    for (const char* file : {"monaco.osm.pbf", "andorra-2025-01-19.osm.pbf"}) {
        const RoadNetwork net = load_osm_network(dir / file, ProfileTable::load_default(Profile::car));
        std::mt19937 rng(11);
        std::uniform_int_distribution<NodeId> node(0, net.node_count() - 1);
        std::uniform_real_distribution<double> along(0.0, 1.0);
        for (const Direction direction : {Direction::from_source, Direction::to_source}) {
            ContractedSearch contracted(net, direction);
            std::vector<double> seconds(net.node_count(), kInfSeconds);
            std::vector<NodeId> timed;
            for (int trial = 0; trial < 12; ++trial) {
                // Points near random nodes (junctions, chain interiors, dead ends alike) and
                // along the segment to a neighbour; 1, 2 or 5 sources.
                std::vector<XY> points;
                for (int k = 0; k < 1 + (trial % 3 == 2 ? 4 : trial % 3); ++k) {
                    const NodeId v = node(rng);
                    const NodeId w = net.out_arcs()[net.first_out()[v]].node;
                    const double f = trial % 2 == 0 ? 0.0 : along(rng);
                    const XY a = net.node_xy()[v], b = net.node_xy()[w];
                    points.push_back({a.x + f * (b.x - a.x) + 3.0, a.y + f * (b.y - a.y) - 2.0});
                }
                const SnappedPoints sources = snap_points(net, points);
                const double bound = trial < 6 ? 600.0 : kInfSeconds;
                for (const NodeId v : timed) seconds[v] = kInfSeconds;
                timed.clear();
                contracted.run(sources, bound, seconds, timed);
                const std::vector<double> reference = full_search(net, direction, sources, bound);
                int reached = 0;
                for (NodeId v = 0; v < net.node_count(); ++v) {
                    if (std::isinf(reference[v])) {
                        ASSERT_TRUE(std::isinf(seconds[v])) << file << " node " << v << " trial " << trial;
                        continue;
                    }
                    ++reached;
                    ASSERT_NEAR(seconds[v], reference[v], 1e-4 + 1e-7 * reference[v])
                        << file << " node " << v << " trial " << trial;
                }
                EXPECT_EQ(static_cast<std::size_t>(reached), timed.size()) << file << " trial " << trial;
                EXPECT_GT(reached, 10) << file << " trial " << trial;
            }
        }
    }
}

//  A ---- P ---- B      A-P, P-B two-way; P -> L and L -> P are two one-way edges drawn on
//         |             the same line. A source on P -> L near L reaches L, and P only
//         L             through L -> P: the seed of the leaf L must be passed to its parent.
TEST(ContractedSearch, SeedOnALeafReachesItsParentThroughAOneWayBack) {
    EdgeList el;
    const NodeId a = el.add_node({0, 0}), p = el.add_node({100, 0}), b = el.add_node({200, 0});
    const NodeId l = el.add_node({100, 100});
    el.add_edge(p, l, 10.0F, kInfArcSeconds, 100.0F, 0);  // listed first: wins the snapping tie
    el.add_edge(l, p, 10.0F, kInfArcSeconds, 100.0F, 0);
    el.add_edge(a, p, 10.0F, 10.0F, 100.0F, 0);
    el.add_edge(p, b, 10.0F, 10.0F, 100.0F, 0);
    const RoadNetwork net = RoadNetwork::build(std::move(el), test::car_metadata("leaf test"));
    const std::vector<XY> point{{100.0, 90.0}};
    const SnappedPoints sources = snap_points(net, point);
    ASSERT_NE(sources.position[0].edge, kInvalidId);
    ContractedSearch contracted(net, Direction::from_source);
    std::vector<double> seconds(net.node_count(), kInfSeconds);
    std::vector<NodeId> timed;
    contracted.run(sources, kInfSeconds, seconds, timed);
    const std::vector<double> reference = full_search(net, Direction::from_source, sources, kInfSeconds);
    for (NodeId v = 0; v < net.node_count(); ++v) {
        ASSERT_TRUE(std::isfinite(reference[v])) << v;
        EXPECT_NEAR(seconds[v], reference[v], 1e-9) << v;
    }
    EXPECT_EQ(timed.size(), 4U);
}
