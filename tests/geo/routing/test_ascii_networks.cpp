// Tiny networks drawn as ASCII maps; assertions are about meaning (who is inside, which
// facility is nearest, where the river without a bridge leaves a hole). One character is
// 100 m; ways run at 36 km/h = 10 m/s unless stated, so 100 m take 10 s.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "geo/core/error.h"
#include "geo/routing/dijkstra.h"
#include "geo/routing/nearest.h"
#include "geo/routing/road_network.h"
#include "geo/routing/snap.h"
#include "tests/geo/routing/ascii_map.h"

namespace maillage::geo::routing {
namespace {

using test::draw;
using test::node_at;
using test::Way;

RoadNetwork build(const test::AsciiMap& m) {
    NetworkMetadata meta;
    meta.source = "ascii test map";
    meta.profile = "car";
    auto net = RoadNetwork::build(m.edges, meta);
    net.check_invariants();
    return net;
}

// A river (~) with its only bridge at the east end (e–f–k). g lies 200 m from the crèche at a
// as the crow flies, but 1800 m by road (a→e 800, e→f→k 200, k→g 800).
TEST(AsciiNetworks, RiverWithoutBridgeLeavesAHole) {
    const auto m = draw(R"(
a b c d e
~ ~ ~ ~ f
g h i j k
)",
                        {{"abcde"}, {"efk"}, {"ghijk"}});
    const RoadNetwork net = build(m);
    Dijkstra dij(net, Direction::from_source);
    dij.reset().add_source(node_at(net, m.at('a')), 0.0, 0).run(90.0);
    EXPECT_DOUBLE_EQ(dij.seconds(node_at(net, m.at('e'))), 80.0);
    EXPECT_TRUE(dij.is_settled(node_at(net, m.at('e'))));
    EXPECT_FALSE(dij.is_settled(node_at(net, m.at('g'))));  // across the river: outside 90 s
    EXPECT_FALSE(dij.is_settled(node_at(net, m.at('h'))));
    dij.reset().add_source(node_at(net, m.at('a')), 0.0, 0).run();
    EXPECT_DOUBLE_EQ(dij.seconds(node_at(net, m.at('g'))), 180.0);
    EXPECT_DOUBLE_EQ(dij.seconds(node_at(net, m.at('k'))), 100.0);

    // The same with population points just south of the river (10 m off the g–h road):
    // a 2-minute isochrone from a contains the point near e but not the one near g.
    const std::vector<XY> facility{m.at('a')};
    const std::vector<XY> homes{{m.at('g').x + 50, m.at('g').y - 10}, {m.at('e').x - 50, m.at('e').y + 10}};
    const auto r = nearest_source_times(net, facility, homes, Direction::to_source, 120.0);
    EXPECT_FALSE(std::isfinite(r.seconds[0]));
    EXPECT_EQ(r.source[0], -1);
    ASSERT_TRUE(std::isfinite(r.seconds[1]));
    EXPECT_NEAR(r.seconds[1], 75.0 + 10.0 / (4.5 / 3.6), 1e-9);  // 750 m road + 10 m on foot
    EXPECT_EQ(r.source[1], 0);
}

// Two crèches (A west, B east) on one street; each home goes to the closer one by road.
TEST(AsciiNetworks, EachHomeReachesItsNearestFacility) {
    const auto m = draw(R"(
a b c d e f g
)",
                        {{"abcdefg"}});
    const RoadNetwork net = build(m);
    const std::vector<XY> facilities{m.at('a'), m.at('g')};
    const std::vector<XY> homes{m.at('b'), m.at('c'), m.at('e'), m.at('f')};
    const auto r = nearest_source_times(net, facilities, homes, Direction::to_source, kInfSeconds);
    EXPECT_EQ(r.source, (std::vector<std::int32_t>{0, 0, 1, 1}));
    EXPECT_DOUBLE_EQ(r.seconds[0], 20.0);
    EXPECT_DOUBLE_EQ(r.seconds[1], 40.0);
    EXPECT_DOUBLE_EQ(r.seconds[2], 40.0);
    EXPECT_DOUBLE_EQ(r.seconds[3], 20.0);
    // Per-node times from the same search: d is 60 s from both.
    EXPECT_DOUBLE_EQ(r.node_seconds[node_at(net, m.at('d'))], 60.0);
}

// One-way loop a→b→c→d→a (anticlockwise is forbidden): from a, d is 3 edges away; to a, d is
// one edge away. Direction::to_source must use the reverse graph.
TEST(AsciiNetworks, OneWayStreetsAreRespectedInBothDirections) {
    const auto m = draw(R"(
ab
dc
)",
                        {{"abcda", 36.0, Way::forward_only}}, 200.0);
    const RoadNetwork net = build(m);
    Dijkstra forward(net, Direction::from_source);
    forward.reset().add_source(node_at(net, m.at('a')), 0.0).run();
    EXPECT_DOUBLE_EQ(forward.seconds(node_at(net, m.at('d'))), 60.0);
    EXPECT_DOUBLE_EQ(forward.seconds(node_at(net, m.at('b'))), 20.0);
    Dijkstra backward(net, Direction::to_source);
    backward.reset().add_source(node_at(net, m.at('a')), 0.0).run();
    EXPECT_DOUBLE_EQ(backward.seconds(node_at(net, m.at('d'))), 20.0);
    EXPECT_DOUBLE_EQ(backward.seconds(node_at(net, m.at('b'))), 60.0);

    // A home in the middle of the one-way edge b→c: leaving it to reach a goes c→d→a (30 s),
    // reaching it from a goes a→b then half of b→c (30 s); a home on d→a: 10 s to a, 50 s from a.
    const std::vector<XY> src{m.at('a')};
    const std::vector<XY> homes{{m.at('b').x, -300.0}, {m.at('a').x, -300.0}};
    const auto to = nearest_source_times(net, src, homes, Direction::to_source, kInfSeconds);
    EXPECT_DOUBLE_EQ(to.seconds[0], 50.0);
    EXPECT_DOUBLE_EQ(to.seconds[1], 10.0);
    const auto from = nearest_source_times(net, src, homes, Direction::from_source, kInfSeconds);
    EXPECT_DOUBLE_EQ(from.seconds[0], 30.0);
    EXPECT_DOUBLE_EQ(from.seconds[1], 70.0);
}

// A dead-end spur only enterable (e→x one-way in): x cannot get out, so the largest strongly
// connected component drops it, and a cul-de-sac island (y–z) is dropped too.
TEST(AsciiNetworks, OnlyTheLargestStronglyConnectedComponentIsKept) {
    const auto m = draw(R"(
a b c   y z
e       x
)",
                        {{"abc"}, {"ae"}, {"ex", 36.0, Way::forward_only}, {"yz"}});
    const RoadNetwork net = build(m);
    EXPECT_EQ(net.input_node_count(), 7U);
    EXPECT_EQ(net.node_count(), 4U);  // a b c e
    EXPECT_THROW((void)node_at(net, m.at('x')), std::runtime_error);
    EXPECT_THROW((void)node_at(net, m.at('y')), std::runtime_error);
}

// A facility beside a long edge snaps into the edge interior, not onto a vertex.
TEST(AsciiNetworks, SnappingLandsInsideTheEdgeNotOnTheNearestVertex) {
    const auto m = draw(R"(
a         b
)",
                        {{"ab"}});
    const RoadNetwork net = build(m);
    const auto pos = net.snap_index().snap({300.0, -130.0}, 500.0);
    ASSERT_TRUE(pos.has_value());
    EXPECT_NEAR(pos->distance_m, 30.0, 1e-9);
    EXPECT_NEAR(pos->point.x, 300.0, 1e-9);
    EXPECT_NEAR(pos->point.y, -100.0, 1e-9);
    const bool tail_is_a = net.node_xy()[net.edge_tail()[pos->edge]] == m.at('a');
    EXPECT_NEAR(tail_is_a ? pos->fraction : 1.0 - pos->fraction, 0.3, 1e-12);
    EXPECT_FALSE(net.snap_index().snap({300.0, -700.0}, 500.0).has_value());  // 600 m away

    // Source and target on the same edge: 400 m apart along it → 40 s + both walking legs.
    const std::vector<XY> s{{300.0, -110.0}};
    const std::vector<XY> t{{700.0, -90.0}};
    const auto r = nearest_source_times(net, s, t, Direction::to_source, kInfSeconds);
    EXPECT_NEAR(r.seconds[0], 40.0 + 20.0 / (4.5 / 3.6), 1e-9);
    EXPECT_NEAR(r.snap_distance_m[0], 10.0, 1e-9);
}

TEST(AsciiNetworks, EmptyInputsGiveEmptyOrInfiniteResults) {
    const auto m = draw("a b c\n", {{"abc"}});
    const RoadNetwork net = build(m);
    const std::vector<XY> none;
    const std::vector<XY> homes{m.at('b')};
    const auto r = nearest_source_times(net, none, homes, Direction::to_source, 900.0);
    ASSERT_EQ(r.seconds.size(), 1U);
    EXPECT_FALSE(std::isfinite(r.seconds[0]));
    EXPECT_EQ(r.source[0], -1);
    const auto r2 = nearest_source_times(net, homes, none, Direction::to_source, 900.0);
    EXPECT_TRUE(r2.seconds.empty());
    EXPECT_DOUBLE_EQ(r2.node_seconds[node_at(net, m.at('b'))], 0.0);
    // A facility 5 km away from every road is reported unsnapped, not silently moved.
    const std::vector<XY> far{{5000.0, 5000.0}};
    const auto r3 = nearest_source_times(net, far, homes, Direction::to_source, 900.0);
    EXPECT_EQ(r3.unsnapped_source_count(), 1U);
    EXPECT_FALSE(std::isfinite(r3.seconds[0]));
    const std::vector<std::string> names{"facility x1 'Crèche du bout du monde'"};
    try {
        require_all_snapped(snap_points(net, far), names, net, SnapOptions{});
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("Crèche du bout du monde"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("2000 m"), std::string::npos) << e.what();
    }
    EXPECT_NO_THROW(require_all_snapped(snap_points(net, homes), names, net, SnapOptions{}));
}

TEST(AsciiNetworks, NetworkWithoutUsableRoadIsAnInputError) {
    test::AsciiMap m = draw("a b\n", {});
    NetworkMetadata meta;
    meta.source = "empty.gpkg";
    meta.profile = "walk";
    try {
        (void)RoadNetwork::build(m.edges, meta);
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("empty.gpkg"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace maillage::geo::routing
