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
