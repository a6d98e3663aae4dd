// The engine's cached-snap raster must equal routing::nearest_source_times at every pixel
// centre (same model, no drift), on a real OSM graph with one-way streets, both directions.
#include "geo/isochrone/isochrone_engine.h"

#include <gtest/gtest.h>

#include <cmath>

#include "geo/routing/osm_loader.h"
#include "geo/routing/profile_table.h"

using namespace maillage::geo;

namespace {

const routing::RoadNetwork& monaco() {
    static const routing::RoadNetwork net = routing::load_osm_network(
        std::string(MAILLAGE_TEST_DATA_DIR) + "/osm/monaco.osm.pbf",
        routing::ProfileTable::load_default(routing::Profile::car));
    return net;
}

}  // namespace

TEST(IsochroneEngine, RasterEqualsNearestSourceTimesAtPixelCentres) {
    const auto& net = monaco();
    const XY mid{(net.min_xy().x + net.max_xy().x) / 2, (net.min_xy().y + net.max_xy().y) / 2};
    // One origin near the middle, and two origins where one sits on the same edge as pixels.
    const std::vector<std::vector<XY>> origin_sets{{mid}, {{mid.x - 400, mid.y + 150}, {mid.x + 350, mid.y - 200}}};
    for (const auto direction : {routing::Direction::to_source, routing::Direction::from_source}) {
        IsochroneEngine engine(net, 50.0, direction);
        for (const auto& origins : origin_sets) {
            const std::vector<double> thresholds{120.0, 240.0};
            for (int pass = 0; pass < 2; ++pass) {  // second pass reads the cache only
                const IsochroneResult r = engine.compute(origins, thresholds);
                const auto centres = r.raster.grid.centres();
                const auto ref = routing::nearest_source_times(net, origins, centres, direction, r.search_bound_s);
                int finite = 0, mismatched = 0;
                for (std::size_t k = 0; k < centres.size(); ++k) {
                    const double mine = r.raster.seconds[k];
                    const double theirs = ref.seconds[k];
                    if (std::isinf(theirs)) {
                        if (!std::isinf(mine)) ++mismatched;
                        continue;
                    }
                    ++finite;
                    if (!(std::abs(mine - theirs) <= 1e-3)) ++mismatched;  // float storage
                }
                EXPECT_GT(finite, 200);
                EXPECT_EQ(mismatched, 0) << "direction " << routing::to_string(direction) << ", pass " << pass;
            }
        }
        EXPECT_GT(engine.snapped_pixels(), 0u);
        EXPECT_LE(engine.snapped_pixels(), engine.domain().size());
    }
}

// Snaps cached by earlier queries (tiles snapped for other windows) give the same raster as a
// fresh engine, for a window at the edge of the cached domain (origin on the network's
// westernmost node); both are also compared with nearest_source_times at every pixel.
TEST(IsochroneEngine, CachedTilesEqualAFreshEngine) {
    const auto& net = monaco();
    XY west = net.node_xy()[0];
    for (const XY p : net.node_xy()) {
        if (p.x < west.x) west = p;
    }
    const XY mid{(net.min_xy().x + net.max_xy().x) / 2, (net.min_xy().y + net.max_xy().y) / 2};
    const std::vector<double> thresholds{600.0, 1200.0};
    IsochroneEngine reused(net, 40.0, routing::Direction::to_source);
    (void)reused.compute(std::vector<XY>{mid}, std::vector<double>{120.0});  // caches a small window first
    const std::vector<XY> origins{west};
    const IsochroneResult a = reused.compute(origins, thresholds);
    IsochroneEngine fresh(net, 40.0, routing::Direction::to_source);
    const IsochroneResult b = fresh.compute(origins, thresholds);
    ASSERT_EQ(a.raster.grid.nx, b.raster.grid.nx);
    ASSERT_EQ(a.raster.grid.ny, b.raster.grid.ny);
    EXPECT_EQ(a.raster.seconds, b.raster.seconds);
    EXPECT_NEAR(a.levels.back().cumulative_area_m2, b.levels.back().cumulative_area_m2, 1e-9);
    const auto centres = a.raster.grid.centres();
    const auto ref = routing::nearest_source_times(net, origins, centres, routing::Direction::to_source,
                                                   a.search_bound_s);
    int mismatched = 0, finite = 0;
    for (std::size_t k = 0; k < centres.size(); ++k) {
        if (std::isinf(ref.seconds[k])) {
            mismatched += std::isinf(a.raster.seconds[k]) ? 0 : 1;
            continue;
        }
        ++finite;
        if (!(std::abs(a.raster.seconds[k] - ref.seconds[k]) <= 1e-3)) ++mismatched;
    }
    EXPECT_GT(finite, 500);
    EXPECT_EQ(mismatched, 0);
}
