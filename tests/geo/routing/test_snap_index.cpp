// SnapIndex against a brute-force scan of every segment of every polyline, with the same
// arithmetic, so the answers must be equal to the bit: edge, fraction, point and distance.
// The networks exercise what the index's structure relies on: polylines of 1 to 40 segments
// (edges listed whole, or by chunks of SnapIndex::kChunkSegments segments), polylines that
// leave a bucket and come back into it (masks with gaps), zero-length segments, segments
// spanning many buckets, points on vertices (exact ties between edges), on bucket borders,
// and beyond the radius.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>
#include <random>
#include <vector>

#include "geo/routing/road_network.h"
#include "geo/routing/snap.h"
#include "tests/support/test_network.h"

namespace maillage::geo::routing {
namespace {

NetworkMetadata meta() { return test::car_metadata("snap index test"); }

/// The nearest position by scanning every segment: the closest point of each segment as
/// SnapIndex computes it (clamped projection), strictly within the radius, ties to the lowest
/// (edge, segment); the fraction from the polyline's segment lengths summed tail to head.
std::optional<EdgePosition> brute_force_snap(const RoadNetwork& net, XY p, double radius) {
    double best_d2 = radius * radius, best_t = 0;
    EdgeId best_edge = kInvalidId;
    std::size_t best_segment = 0;
    for (EdgeId e = 0; e < net.edge_count(); ++e) {
        const ShapeView s = net.edge_shape(e);
        for (std::size_t i = 0; i + 1 < s.size(); ++i) {
            const XY a = s[i], b = s[i + 1];
            const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
            const double t = std::clamp(len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0, 0.0, 1.0);
            const double qx = a.x + t * dx - p.x, qy = a.y + t * dy - p.y, d2 = qx * qx + qy * qy;
            // Scanning edges and segments in increasing order, a tie never replaces the best.
            if (d2 < best_d2) best_d2 = d2, best_edge = e, best_segment = i, best_t = t;
        }
    }
    if (best_edge == kInvalidId) return std::nullopt;
    const ShapeView s = net.edge_shape(best_edge);
    double fraction = best_t;
    if (s.size() > 2) {
        double before = 0, total = 0;
        for (std::size_t i = 0; i + 1 < s.size(); ++i) {
            const double dx = s[i + 1].x - s[i].x, dy = s[i + 1].y - s[i].y, l = std::sqrt(dx * dx + dy * dy);
            if (i < best_segment) before += l;
            if (i == best_segment) before += best_t * l;
            total += l;
        }
        fraction = total > 0 ? std::clamp(before / total, 0.0, 1.0) : 0.0;
    }
    const XY a = s[best_segment], b = s[best_segment + 1];
    return EdgePosition{best_edge, fraction, {a.x + best_t * (b.x - a.x), a.y + best_t * (b.y - a.y)}, std::sqrt(best_d2)};
}

void expect_same_answers(const RoadNetwork& net, const std::vector<XY>& points, double radius) {
    std::size_t snapped = 0;
    for (std::size_t k = 0; k < points.size(); ++k) {
        const XY p = points[k];
        const auto want = brute_force_snap(net, p, radius);
        const auto got = net.snap_index().snap(p, radius);
        ASSERT_EQ(got.has_value(), want.has_value()) << "point " << k << " (" << p.x << ", " << p.y << ")";
        if (!want) continue;
        ++snapped;
        ASSERT_EQ(got->edge, want->edge) << "point " << k << " (" << p.x << ", " << p.y << ")";
        ASSERT_EQ(got->distance_m, want->distance_m) << "point " << k;
        ASSERT_EQ(got->fraction, want->fraction) << "point " << k;
        ASSERT_EQ(got->point.x, want->point.x) << "point " << k;
        ASSERT_EQ(got->point.y, want->point.y) << "point " << k;
    }
    EXPECT_GT(snapped, points.size() / 4) << "the test should mostly snap";
}

/// A connected two-way network on a Lambert-93-sized square of `side` metres: a chain through
/// all nodes plus random chords, each edge a random polyline of 0 to `max_inner` points
/// (wandering walks that often cross back over themselves), some with repeated points.
RoadNetwork random_polyline_network(std::uint32_t seed, std::uint32_t nodes, double side, int max_inner) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> coord(0.0, side), unit(0.0, 1.0);
    std::uniform_int_distribution<int> inner_count(0, max_inner);
    std::uniform_int_distribution<std::uint32_t> pick(0, nodes - 1);
    EdgeList el;
    const XY origin{652'000.0, 6'862'000.0};
    for (std::uint32_t i = 0; i < nodes; ++i) el.add_node({origin.x + coord(rng), origin.y + coord(rng)});
    const std::uint8_t cls = el.class_index("road");
    std::vector<XY> shape;
    auto add = [&](NodeId u, NodeId v) {
        const XY a = el.node_xy[u], b = el.node_xy[v];
        shape.assign(1, a);
        const int inner = inner_count(rng);
        const double wander = 0.05 * side * unit(rng);
        for (int k = 1; k <= inner; ++k) {
            if (unit(rng) < 0.1) {  // a repeated point: a zero-length segment
                shape.push_back(shape.back());
                continue;
            }
            const double t = double(k) / (inner + 1);
            const double angle = 2 * std::numbers::pi * unit(rng);
            shape.push_back({a.x + t * (b.x - a.x) + wander * std::cos(angle), a.y + t * (b.y - a.y) + wander * std::sin(angle)});
        }
        shape.push_back(b);
        const auto len = static_cast<float>(std::hypot(b.x - a.x, b.y - a.y) + 1.0);
        el.add_edge(u, v, len / 10.0F, len / 10.0F, len, cls, shape);
    };
    for (NodeId v = 0; v + 1 < nodes; ++v) add(v, v + 1);
    for (std::uint32_t k = 0; k < nodes; ++k) {
        const NodeId u = pick(rng), v = pick(rng);
        if (u != v) add(u, v);
    }
    return RoadNetwork::build(std::move(el), meta());
}

std::vector<XY> query_points(const RoadNetwork& net, std::uint32_t seed, int count) {
    std::mt19937 rng(seed);
    const double margin = 300.0;
    std::uniform_real_distribution<double> x(net.min_xy().x - margin, net.max_xy().x + margin),
        y(net.min_xy().y - margin, net.max_xy().y + margin), unit(0.0, 1.0);
    std::vector<XY> points;
    for (int k = 0; k < count; ++k) points.push_back({x(rng), y(rng)});
    // On polyline vertices (several edges may tie at 0 m at a node) and midway along segments.
    std::uniform_int_distribution<EdgeId> edge(0, net.edge_count() - 1);
    for (int k = 0; k < count / 4; ++k) {
        const ShapeView s = net.edge_shape(edge(rng));
        const std::size_t i = static_cast<std::size_t>(unit(rng) * double(s.size() - 1));
        points.push_back(s[i]);
        points.push_back({0.5 * (s[i].x + s[i + 1].x), 0.5 * (s[i].y + s[i + 1].y)});
    }
    // On bucket borders and corners.
    const double bucket = net.snap_index().bucket_size_m();
    for (int k = 0; k < count / 8; ++k)
        points.push_back({net.min_xy().x + bucket * std::floor(unit(rng) * 200.0),
                          net.min_xy().y + bucket * std::floor(unit(rng) * 200.0) + (k % 2 ? 0.0 : unit(rng) * bucket)});
    return points;
}

TEST(SnapIndex, EqualsBruteForceOnRandomPolylines) {
    for (const std::uint32_t seed : {1U, 2U, 3U}) {
        const RoadNetwork net = random_polyline_network(seed, 150, 3000.0, 40);
        ASSERT_GT(net.edge_count(), 200U);
        expect_same_answers(net, query_points(net, seed * 7, 1500), 400.0);
    }
}

TEST(SnapIndex, EqualsBruteForceWithSmallRadiusAndShortPolylines) {
    // Mostly single-segment and short edges (listed whole), and a radius small enough that many
    // points have nothing within it.
    const RoadNetwork net = random_polyline_network(11, 300, 5000.0, 3);
    expect_same_answers(net, query_points(net, 12, 3000), 60.0);
}

TEST(SnapIndex, LongWindingEdgeListedByChunks) {
    // One spiral edge of 400 segments that winds around the same buckets many times (every
    // chunk's mask has gaps, many chunks share buckets), closed by a straight edge back.
    EdgeList el;
    const XY centre{652'500.0, 6'862'500.0};
    std::vector<XY> spiral;
    for (int k = 0; k <= 400; ++k) {
        const double angle = 0.37 * k, radius = 20.0 + 0.9 * k;
        spiral.push_back({centre.x + radius * std::cos(angle), centre.y + radius * std::sin(angle)});
    }
    const NodeId a = el.add_node(spiral.front()), b = el.add_node(spiral.back());
    const std::uint8_t cls = el.class_index("road");
    el.add_edge(a, b, 100.0F, 100.0F, 1000.0F, cls, spiral);
    el.add_edge(b, a, 100.0F, 100.0F, 1000.0F, cls);
    const RoadNetwork net = RoadNetwork::build(std::move(el), meta());
    ASSERT_EQ(net.edge_shape(0).size() + net.edge_shape(1).size(), 401U + 2U);
    std::vector<XY> points;
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> d(-450.0, 450.0);
    for (int k = 0; k < 4000; ++k) points.push_back({centre.x + d(rng), centre.y + d(rng)});
    for (const XY& p : spiral) points.push_back(p);
    expect_same_answers(net, points, 1000.0);
}

TEST(SnapIndex, GridOfBentEdges) {
    // Edges of 4 segments on a 120 m grid (the shape of bench_graph_build's synthetic
    // department with 3 bends): buckets sized by the geometric mean of edge and segment counts.
    EdgeList el;
    constexpr int kSide = 40;
    for (int r = 0; r < kSide; ++r)
        for (int c = 0; c < kSide; ++c) el.add_node({652'000.0 + 120.0 * c, 6'862'000.0 + 120.0 * r});
    const std::uint8_t cls = el.class_index("road");
    auto add = [&](int c0, int r0, int c1, int r1) {
        const XY a = el.node_xy[r0 * kSide + c0], b = el.node_xy[r1 * kSide + c1];
        std::vector<XY> shape{a};
        for (int k = 1; k <= 3; ++k) shape.push_back({a.x + k * (b.x - a.x) / 4 + 3.0, a.y + k * (b.y - a.y) / 4 + 3.0});
        shape.push_back(b);
        el.add_edge(static_cast<NodeId>(r0 * kSide + c0), static_cast<NodeId>(r1 * kSide + c1), 10.0F, 10.0F, 120.0F, cls, shape);
    };
    for (int r = 0; r < kSide; ++r)
        for (int c = 0; c < kSide; ++c) {
            if (c + 1 < kSide) add(c, r, c + 1, r);
            if (r + 1 < kSide) add(c, r, c, r + 1);
        }
    const RoadNetwork net = RoadNetwork::build(std::move(el), meta());
    const SnapIndex& index = net.snap_index();
    // sqrt(area / sqrt(segments × edges)) = sqrt(area / (2 × edges)) here: 120 m / sqrt(4) ≈ 60 m.
    EXPECT_NEAR(index.bucket_size_m(), 120.0 / 2.0, 3.0);
    std::vector<XY> points;
    std::mt19937 rng(8);
    std::uniform_real_distribution<double> x(net.min_xy().x, net.max_xy().x), y(net.min_xy().y, net.max_xy().y);
    for (int k = 0; k < 3000; ++k) points.push_back({x(rng), y(rng)});
    expect_same_answers(net, points, 2000.0);
}

TEST(SnapIndex, MoreListingsThanSixteenBitOffsetsHold) {
    // 70,000 parallel roads between two nodes 40 m apart, all in a few buckets: more than
    // 65,535 listings in one group of buckets, so the index falls back to one 32-bit offset per
    // bucket. The answers must not change.
    EdgeList el;
    const NodeId a = el.add_node({652'000.0, 6'862'000.0}), b = el.add_node({652'040.0, 6'862'000.0});
    const std::uint8_t cls = el.class_index("road");
    for (int k = 0; k < 70'000; ++k) {
        const double bulge = 0.0005 * (k % 20'000) * (k % 2 ? 1.0 : -1.0);  // -10 .. 10 m
        const std::vector<XY> shape{el.node_xy[a], {652'020.0, 6'862'000.0 + bulge}, el.node_xy[b]};
        el.add_edge(a, b, 3.0F, 3.0F, 40.0F, cls, shape);
    }
    const RoadNetwork net = RoadNetwork::build(std::move(el), meta());
    ASSERT_EQ(net.edge_count(), 70'000U);
    std::vector<XY> points;
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> x(651'950.0, 652'090.0), y(6'861'950.0, 6'862'050.0);
    for (int k = 0; k < 150; ++k) points.push_back({x(rng), y(rng)});
    expect_same_answers(net, points, 100.0);
}

}  // namespace
}  // namespace maillage::geo::routing
