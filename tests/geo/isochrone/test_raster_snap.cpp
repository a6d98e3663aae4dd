// RasterSnapper must give, for every cell centre, what SnapIndex::snap gives for that point
// alone: same distance (to 1e-6 m), same edge and fraction, same "nothing within the radius".
// Random grids (fixed seed) of random pixel sizes and radii over two real OSM graphs, partly
// outside the networks' extent.
#include "geo/isochrone/raster_snap.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "geo/routing/osm_loader.h"
#include "geo/routing/profile_table.h"
#include "geo/routing/road_network.h"
#include "geo/routing/snap.h"

using namespace maillage::geo;

namespace {

routing::RoadNetwork load(const std::string& file) {
    return routing::load_osm_network(std::string(MAILLAGE_TEST_DATA_DIR) + "/osm/" + file,
                                     routing::ProfileTable::load_default(routing::Profile::car));
}

struct Mismatches {
    int presence = 0, distance = 0, edge = 0, fraction = 0;
    int snapped = 0, total = 0;
};

Mismatches compare(const routing::RoadNetwork& net, const RasterSnapper& snapper, const RasterGrid& grid,
                   double radius_m) {
    const RasterSnaps mine = snapper.snap(grid, radius_m);
    Mismatches m;
    for (int j = 0; j < grid.ny; ++j) {
        for (int i = 0; i < grid.nx; ++i) {
            const std::size_t k = static_cast<std::size_t>(j) * static_cast<std::size_t>(grid.nx) +
                                  static_cast<std::size_t>(i);
            const auto ref = net.snap_index().snap(grid.centre(i, j), radius_m);
            ++m.total;
            if (!ref) {
                if (mine.edge[k] != routing::kInvalidId) ++m.presence;
                continue;
            }
            ++m.snapped;
            if (mine.edge[k] == routing::kInvalidId) {
                ++m.presence;
                continue;
            }
            if (!(std::abs(mine.distance_m[k] - ref->distance_m) <= 1e-6)) ++m.distance;
            if (mine.edge[k] != ref->edge) ++m.edge;
            else if (!(std::abs(mine.fraction[k] - ref->fraction) <= 1e-9)) ++m.fraction;
        }
    }
    return m;
}

void check_random_grids(const routing::RoadNetwork& net, unsigned seed, int grids) {
    const RasterSnapper snapper(net);
    ASSERT_GT(snapper.segment_count(), 1000u);
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u01(0.0, 1.0);
    const std::vector<double> radii{30.0, 150.0, 600.0, 2000.0};
    int snapped = 0;
    for (int g = 0; g < grids; ++g) {
        // Pixel 7-250 m, up to 90 x 90 centres, the corner anywhere in the box grown by 3 km.
        const double cell = 7.0 + 243.0 * u01(rng);
        const double x0 = net.min_xy().x - 3000.0 + (net.max_xy().x - net.min_xy().x + 6000.0) * u01(rng);
        const double y0 = net.min_xy().y - 3000.0 + (net.max_xy().y - net.min_xy().y + 6000.0) * u01(rng);
        const RasterGrid grid{{x0 - 45 * cell * u01(rng), y0 - 45 * cell * u01(rng)}, cell,
                              1 + static_cast<int>(89 * u01(rng)), 1 + static_cast<int>(89 * u01(rng))};
        const double radius = radii[static_cast<std::size_t>(g) % radii.size()];
        const Mismatches m = compare(net, snapper, grid, radius);
        snapped += m.snapped;
        EXPECT_EQ(m.presence, 0) << "grid " << g << ": cell " << cell << " m, radius " << radius << " m";
        EXPECT_EQ(m.distance, 0) << "grid " << g;
        EXPECT_EQ(m.edge, 0) << "grid " << g;
        EXPECT_EQ(m.fraction, 0) << "grid " << g;
    }
    EXPECT_GT(snapped, 5000);  // the grids really hit the network
}

}  // namespace

TEST(RasterSnap, EqualsPerPointSnapOnMonaco) { check_random_grids(load("monaco.osm.pbf"), 20261129u, 40); }

TEST(RasterSnap, EqualsPerPointSnapOnAndorra) {
    check_random_grids(load("andorra-2025-01-19.osm.pbf"), 4u, 24);
}

// The whole Andorra network box at 200 m (mountains far from any road included), one call.
TEST(RasterSnap, WholeNetworkBoxMatches) {
    const routing::RoadNetwork net = load("andorra-2025-01-19.osm.pbf");
    const RasterSnapper snapper(net);
    Box box;
    box.extend(net.min_xy());
    box.extend(net.max_xy());
    const RasterGrid grid = RasterGrid::covering(box.grown(500.0), 200.0);
    const Mismatches m = compare(net, snapper, grid, 2000.0);
    EXPECT_EQ(m.presence + m.distance + m.edge + m.fraction, 0);
    EXPECT_GT(m.snapped, m.total / 2);
}

TEST(RasterSnap, RejectsANonPositiveRadius) {
    const routing::RoadNetwork net = load("monaco.osm.pbf");
    const RasterSnapper snapper(net);
    EXPECT_THROW((void)snapper.snap(RasterGrid{{0, 0}, 10.0, 2, 2}, 0.0), std::invalid_argument);
}

namespace {

routing::NetworkMetadata synthetic_meta() {
    routing::NetworkMetadata m;
    m.source = "synthetic lattice (raster snap test)";
    m.profile = "car";
    return m;
}

// A 12 x 12 lattice of two-way roads every 100 m on Lambert-93-sized coordinates (exact in
// double), so centres on half-steps are at exactly equal distances from several edges (ties
// go to the lowest (edge, segment) in both snappers). One road in three is a polyline of
// random inner points, some repeated (zero-length segments); two long diagonals cross the
// lattice (segments longer than 64 bins at small pixels).
routing::RoadNetwork lattice(unsigned seed) {
    constexpr int kSide = 12;
    constexpr double kX0 = 652'000.0, kY0 = 6'862'000.0, kStep = 100.0;
    routing::EdgeList el;
    for (int r = 0; r < kSide; ++r)
        for (int c = 0; c < kSide; ++c) el.add_node({kX0 + kStep * c, kY0 + kStep * r});
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> jitter(-30.0, 30.0);
    const auto cls = el.class_index("road");
    int road = 0;
    auto add = [&](routing::NodeId u, routing::NodeId v) {
        const XY a = el.node_xy[u], b = el.node_xy[v];
        std::vector<XY> shape;
        if (++road % 3 == 0) {
            shape.push_back(a);
            const int inner = 1 + static_cast<int>(rng() % 6);
            for (int i = 1; i <= inner; ++i) {
                const double t = double(i) / (inner + 1);
                shape.push_back({a.x + t * (b.x - a.x) + jitter(rng), a.y + t * (b.y - a.y) + jitter(rng)});
                if (rng() % 4 == 0) shape.push_back(shape.back());  // a zero-length segment
            }
            shape.push_back(b);
        }
        el.add_edge(u, v, 10.0F, 10.0F, 100.0F, cls, shape);
    };
    for (int r = 0; r < kSide; ++r) {
        for (int c = 0; c < kSide; ++c) {
            const auto k = static_cast<routing::NodeId>(r * kSide + c);
            if (c + 1 < kSide) add(k, k + 1);
            if (r + 1 < kSide) add(k, k + kSide);
        }
    }
    el.add_edge(0, kSide * kSide - 1, 60.0F, 60.0F, 1600.0F, cls);
    el.add_edge(kSide - 1, kSide * (kSide - 1), 60.0F, 60.0F, 1600.0F, cls);
    return routing::RoadNetwork::build(std::move(el), synthetic_meta());
}

// Brute force over every segment (SnapIndex's formula): how many distinct edges share the
// smallest squared distance to p, if it is below radius^2.
int edges_at_least_distance(const routing::RoadNetwork& net, XY p, double radius_m) {
    double least = radius_m * radius_m;
    int edges = 0;
    for (routing::EdgeId e = 0; e < net.edge_count(); ++e) {
        const auto shape = net.edge_shape(e);
        double edge_least = std::numeric_limits<double>::infinity();
        for (std::size_t i = 0; i + 1 < shape.size(); ++i) {
            const XY a = shape[i], b = shape[i + 1];
            const double dx = b.x - a.x, dy = b.y - a.y;
            const double len2 = dx * dx + dy * dy;
            double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0;
            t = std::clamp(t, 0.0, 1.0);
            const double qx = a.x + t * dx - p.x, qy = a.y + t * dy - p.y;
            edge_least = std::min(edge_least, qx * qx + qy * qy);
        }
        if (edge_least < least) {
            least = edge_least;
            edges = 1;
        } else if (edge_least == least) {
            ++edges;
        }
    }
    return edges;
}

}  // namespace

// Grids aligned on the lattice's half-steps (exact ties between parallel roads and at shared
// vertices) and unaligned ones, pixels of 5-350 m, radii 20 m-2 km, some far outside the
// lattice (only segments clamped into the border bins can be within the radius).
TEST(RasterSnap, TiesPolylinesAndFarGridsMatchPerPointSnap) {
    for (const unsigned seed : {1u, 2u, 3u}) {
        const routing::RoadNetwork net = lattice(seed);
        const RasterSnapper snapper(net);
        std::mt19937 rng(seed * 7919u);
        std::uniform_real_distribution<double> u01(0.0, 1.0);
        const std::vector<double> cells{5.0, 12.5, 25.0, 50.0, 100.0, 200.0, 350.0};
        const std::vector<double> radii{20.0, 75.0, 300.0, 2000.0};
        int snapped = 0, total = 0, ties = 0;
        for (int g = 0; g < 40; ++g) {
            const double cell = cells[static_cast<std::size_t>(g) % cells.size()];
            const double radius = radii[static_cast<std::size_t>(g / 2) % radii.size()];
            // Origins on multiples of 50 m (centres on half-steps when cell is 100 m, on quarter
            // steps when 50 m, ...), every third grid shifted by an arbitrary amount; corners
            // near the lattice, every fourth grid up to 2.5 km outside it.
            const double reach = g % 4 == 3 ? 2500.0 : 300.0;
            const double span = (1100.0 + 2.0 * reach) / 50.0;
            double x0 = 652'000.0 - reach + 50.0 * std::floor(u01(rng) * span);
            double y0 = 6'862'000.0 - reach + 50.0 * std::floor(u01(rng) * span);
            if (g % 3 == 2) {
                x0 += 37.0 * u01(rng);
                y0 += 37.0 * u01(rng);
            }
            const RasterGrid grid{{x0, y0}, cell, 1 + static_cast<int>(60 * u01(rng)), 1 + static_cast<int>(60 * u01(rng))};
            const Mismatches m = compare(net, snapper, grid, radius);
            snapped += m.snapped;
            total += m.total;
            for (int j = 0; j < grid.ny; ++j)
                for (int i = 0; i < grid.nx; ++i) ties += edges_at_least_distance(net, grid.centre(i, j), radius) > 1;
            EXPECT_EQ(m.presence, 0) << "seed " << seed << " grid " << g << ": cell " << cell << " m, radius " << radius;
            EXPECT_EQ(m.distance, 0) << "seed " << seed << " grid " << g;
            EXPECT_EQ(m.edge, 0) << "seed " << seed << " grid " << g << ": cell " << cell << " m, radius " << radius;
            EXPECT_EQ(m.fraction, 0) << "seed " << seed << " grid " << g;
        }
        EXPECT_GT(snapped, total / 10) << "the grids really hit the lattice";
        EXPECT_LT(snapped, total) << "some centres have nothing within the radius";
        EXPECT_GT(ties, 100) << "centres at exactly equal distances from two edges were compared";
    }
}

// Exact ties, checked by value: centres half-way between parallel straight roads (equal
// squared distances to two or more edges) go to the same edge as SnapIndex (the lowest).
TEST(RasterSnap, CentresHalfWayBetweenRoadsTakeSnapIndexEdge) {
    const routing::RoadNetwork net = lattice(5);
    const RasterSnapper snapper(net);
    int ties = 0;
    for (int r = 0; r < 11; ++r) {
        for (int c = 0; c < 11; ++c) {
            // A 1 x 1 grid whose centre is (652 050 + 100 c, 6 862 050 + 100 r).
            const RasterGrid grid{{652'000.0 + 100.0 * c, 6'862'000.0 + 100.0 * r}, 100.0, 1, 1};
            if (edges_at_least_distance(net, grid.centre(0, 0), 2000.0) < 2) continue;
            ++ties;
            const RasterSnaps mine = snapper.snap(grid, 2000.0);
            const auto ref = net.snap_index().snap(grid.centre(0, 0), 2000.0);
            ASSERT_TRUE(ref.has_value());
            EXPECT_EQ(mine.edge[0], ref->edge) << "centre " << c << ", " << r;
            EXPECT_EQ(mine.distance_m[0], ref->distance_m);
            EXPECT_NEAR(mine.fraction[0], ref->fraction, 1e-9);
        }
    }
    EXPECT_GT(ties, 10);
}
