// RasterSnapper must give, for every cell centre, what SnapIndex::snap gives for that point
// alone: same distance (to 1e-6 m), same edge and fraction, same "nothing within the radius".
// Random grids (fixed seed) of random pixel sizes and radii over two real OSM graphs, partly
// outside the networks' extent.
#include "geo/isochrone/raster_snap.h"

#include <gtest/gtest.h>

#include <cmath>
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
