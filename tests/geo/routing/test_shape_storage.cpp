// Polylines in a RoadNetwork: end points are the nodes, intermediate points are kept as
// integer millimetres from the network's origin (rounding ≤ 0.5 mm), and the snap index works
// on those stored points.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "geo/core/error.h"
#include "geo/routing/road_network.h"
#include "geo/routing/snap.h"
#include "tests/support/test_network.h"

namespace maillage::geo::routing {
namespace {

NetworkMetadata meta() { return test::car_metadata("shape test"); }

TEST(ShapeStorage, InnerPointsKeptToHalfAMillimetreAndEndsAreTheNodes) {
    // A square of four Lambert-93 nodes (coordinates ~ 1e6 m: float would lose centimetres),
    // each side with a bend of random sub-millimetre coordinates.
    EdgeList el;
    const std::vector<XY> corners{{652'000.1234, 6'862'000.9876}, {652'480.5, 6'862'000.25},
                                  {652'480.75, 6'862'390.0625}, {652'000.0, 6'862'390.3333}};
    for (const XY& c : corners) el.add_node(c);
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> jitter(-20.0, 20.0);
    std::vector<std::vector<XY>> shapes;
    for (NodeId k = 0; k < 4; ++k) {
        const XY a = corners[k], b = corners[(k + 1) % 4];
        std::vector<XY> shape{a};
        for (int i = 1; i <= 3; ++i) {
            const double t = i / 4.0;
            shape.push_back({a.x + t * (b.x - a.x) + jitter(rng), a.y + t * (b.y - a.y) + jitter(rng)});
        }
        shape.push_back(b);
        el.add_edge(k, (k + 1) % 4, 30.0F, 30.0F, 500.0F, el.class_index("road"), shape);
        shapes.push_back(shape);
    }
    EXPECT_EQ(el.shape_inner_xy.size(), 12U) << "only intermediate points are stored";
    const RoadNetwork net = RoadNetwork::build(el, meta());
    net.check_invariants();
    ASSERT_EQ(net.edge_count(), 4U);
    EXPECT_EQ(net.shape_inner().size(), 12U);
    EXPECT_EQ(net.shape_origin().x, 652'000.0);
    EXPECT_EQ(net.shape_origin().y, 6'862'000.0);
    for (EdgeId e = 0; e < net.edge_count(); ++e) {
        const ShapeView s = net.edge_shape(e);
        ASSERT_EQ(s.size(), 5U);
        EXPECT_EQ(s.front().x, net.node_xy()[net.edge_tail()[e]].x);
        EXPECT_EQ(s.back().y, net.node_xy()[net.edge_head()[e]].y);
        // Find the input shape with the same end points (node ids were renumbered).
        const std::vector<XY>* in = nullptr;
        for (const auto& cand : shapes)
            if (cand.front().x == s.front().x && cand.front().y == s.front().y) in = &cand;
        ASSERT_NE(in, nullptr);
        std::size_t i = 0;
        for (const XY p : s) {  // iterates by value
            EXPECT_LE(std::abs(p.x - (*in)[i].x), 0.0005 + 1e-9) << "edge " << e << " point " << i;
            EXPECT_LE(std::abs(p.y - (*in)[i].y), 0.0005 + 1e-9) << "edge " << e << " point " << i;
            ++i;
        }
        EXPECT_EQ(i, 5U);
    }
    // Snapping onto a stored inner point finds it at (almost) 0 m on the right edge.
    const ShapeView s0 = net.edge_shape(0);
    const auto pos = net.snap_index().snap(s0[2], 50.0);
    ASSERT_TRUE(pos.has_value());
    EXPECT_EQ(pos->edge, 0U);
    EXPECT_LT(pos->distance_m, 1e-6);
    EXPECT_GT(pos->fraction, 0.0);
    EXPECT_LT(pos->fraction, 1.0);
}

TEST(ShapeStorage, PolylineThousandsOfKilometresAwayIsRefused) {
    EdgeList el;
    el.add_node({0, 0});
    el.add_node({100, 0});
    const std::vector<XY> shape{{0, 0}, {3.0e6, 0}, {100, 0}};
    el.add_edge(0, 1, 10.0F, 10.0F, 6.0e6F, el.class_index("road"), shape);
    EXPECT_THROW((void)RoadNetwork::build(el, meta()), InputError);
}

// The snap index prunes buckets farther than the best hit. On a lattice (the CAPSO fallback's
// shape: 16 neighbours, points exactly on nodes where 16 edges tie at 0 m, bucket borders
// through nodes) it must still return the brute-force answer: the same distance, and on exact
// ties the lowest edge.
TEST(ShapeStorage, PrunedSnapEqualsBruteForceOnALattice) {
    EdgeList el;
    constexpr int kSide = 25;
    for (int r = 0; r < kSide; ++r)
        for (int c = 0; c < kSide; ++c) el.add_node({652'000.0 + 200.0 * c, 6'862'000.0 + 200.0 * r});
    const std::uint8_t cls = el.class_index("lattice");
    static constexpr int kSteps[8][2] = {{1, 0}, {0, 1}, {1, 1}, {-1, 1}, {2, 1}, {1, 2}, {-1, 2}, {-2, 1}};
    for (int r = 0; r < kSide; ++r)
        for (int c = 0; c < kSide; ++c)
            for (const auto& st : kSteps) {
                const int cc = c + st[0], rr = r + st[1];
                if (cc < 0 || rr < 0 || cc >= kSide || rr >= kSide) continue;
                const float secs = static_cast<float>(200.0 * std::hypot(st[0], st[1]) / 15.0);
                el.add_edge(static_cast<NodeId>(r * kSide + c), static_cast<NodeId>(rr * kSide + cc), secs, secs, 1.0F, cls);
            }
    const RoadNetwork net = RoadNetwork::build(el, meta());
    std::vector<XY> points(net.node_xy().begin(), net.node_xy().end());
    std::mt19937 rng(99);
    std::uniform_real_distribution<double> x(651'900.0, 656'900.0), y(6'861'900.0, 6'866'900.0);
    for (int i = 0; i < 3000; ++i) points.push_back({x(rng), y(rng)});
    const double bucket = net.snap_index().bucket_size_m();
    for (int i = 0; i < 200; ++i)  // on bucket borders and corners
        points.push_back({net.min_xy().x + bucket * (i % 37), net.min_xy().y + bucket * ((i * 7) % 41) + (i % 2 ? 0.0 : 13.0)});
    for (std::size_t k = 0; k < points.size(); ++k) {
        const XY p = points[k];
        double best = kInfSeconds;
        EdgeId best_edge = kInvalidId;
        for (EdgeId e = 0; e < net.edge_count(); ++e) {  // same arithmetic as the index
            const XY a = net.edge_shape(e)[0], b = net.edge_shape(e)[1];
            const double dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy;
            const double t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / l2, 0.0, 1.0);
            const double qx = a.x + t * dx - p.x, qy = a.y + t * dy - p.y, d2 = qx * qx + qy * qy;
            if (d2 < best) best = d2, best_edge = e;
        }
        const auto pos = net.snap_index().snap(p, 1000.0);
        ASSERT_TRUE(pos.has_value()) << "point " << k;
        ASSERT_NEAR(pos->distance_m, std::sqrt(best), 1e-6) << "point " << k;
        ASSERT_EQ(pos->edge, best_edge) << "point " << k << " at " << p.x << ", " << p.y;
    }
}

}  // namespace
}  // namespace maillage::geo::routing
