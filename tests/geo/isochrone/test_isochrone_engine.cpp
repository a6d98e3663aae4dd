// The engine's cached-snap raster must equal routing::nearest_source_times at every pixel
// centre (same model, no drift), on a real OSM graph with one-way streets, both directions.
#include "geo/isochrone/isochrone_engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "geo/core/crs.h"
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

const routing::RoadNetwork& andorra() {
    static const routing::RoadNetwork net = routing::load_osm_network(
        std::string(MAILLAGE_TEST_DATA_DIR) + "/osm/andorra-2025-01-19.osm.pbf",
        routing::ProfileTable::load_default(routing::Profile::car));
    return net;
}

XY lambert93(double lon, double lat) { return CrsTransform(crs::kWgs84, crs::kLambert93).forward({lon, lat}); }

// Pixels of `r` timed (finite in the reference) and pixels disagreeing with
// routing::nearest_source_times at their centres (by more than 1e-3 s, the float storage, or
// finite on one side only).
struct Agreement {
    int finite = 0;
    int mismatched = 0;
};

Agreement compare_with_nearest(const routing::RoadNetwork& net, const std::vector<XY>& origins,
                               const IsochroneResult& r, routing::Direction direction) {
    const auto centres = r.raster.grid.centres();
    const auto ref = routing::nearest_source_times(net, origins, centres, direction, r.search_bound_s);
    Agreement a;
    for (std::size_t k = 0; k < centres.size(); ++k) {
        if (std::isinf(ref.seconds[k])) {
            a.mismatched += std::isinf(r.raster.seconds[k]) ? 0 : 1;
            continue;
        }
        ++a.finite;
        if (!(std::abs(r.raster.seconds[k] - ref.seconds[k]) <= 1e-3)) ++a.mismatched;
    }
    return a;
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
                const Agreement a = compare_with_nearest(net, origins, r, direction);
                EXPECT_GT(a.finite, 200);
                EXPECT_EQ(a.mismatched, 0) << "direction " << routing::to_string(direction) << ", pass " << pass;
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
    const Agreement agreement = compare_with_nearest(net, origins, a, routing::Direction::to_source);
    EXPECT_GT(agreement.finite, 500);
    EXPECT_EQ(agreement.mismatched, 0);
}

// The raster window must hold every pixel whose time is within the largest threshold, even
// when the area ends in the middle of a long fast edge far beyond its last reached node (short
// thresholds, where the walking margin is small). Reference: nearest_source_times on every
// pixel centre of a much larger grid aligned on the same lattice.
TEST(IsochroneEngine, WindowHoldsEveryPixelWithinTheThreshold) {
    const auto& net = andorra();
    const double pixel = 100.0;
    IsochroneEngine engine(net, pixel, routing::Direction::from_source);
    // Andorra la Vella, and the tails of the four longest-timed edges (an area ending inside
    // one of them reaches far beyond its last node).
    std::vector<routing::EdgeId> edges(net.edge_count());
    for (routing::EdgeId e = 0; e < net.edge_count(); ++e) edges[e] = e;
    auto seconds = [&](routing::EdgeId e) {
        const float f = net.edge_forward_seconds()[e];
        return std::isfinite(f) ? f : 0.0F;
    };
    std::partial_sort(edges.begin(), edges.begin() + 4, edges.end(),
                      [&](routing::EdgeId a, routing::EdgeId b) { return seconds(a) > seconds(b); });
    std::vector<XY> origins{lambert93(1.5218, 42.5063)};
    for (int k = 0; k < 4; ++k) origins.push_back(net.node_xy()[net.edge_tail()[edges[k]]]);
    for (const XY origin : origins) {
        for (const double t : {45.0, 90.0, 180.0, 300.0}) {
            const std::vector<XY> from{origin};
            const std::vector<double> thresholds{t};
            const IsochroneResult r = engine.compute(from, thresholds);
            const RasterGrid& w = r.raster.grid;
            // 6 km around the window, same lattice (the window origin is a multiple of the pixel).
            const int grow = 60;
            const RasterGrid big{{w.origin.x - grow * pixel, w.origin.y - grow * pixel}, pixel, w.nx + 2 * grow,
                                 w.ny + 2 * grow};
            const auto centres = big.centres();
            const auto ref = routing::nearest_source_times(net, from, centres, routing::Direction::from_source,
                                                           r.search_bound_s);
            int within = 0, outside_window = 0, mismatched = 0;
            for (int j = 0; j < big.ny; ++j) {
                for (int i = 0; i < big.nx; ++i) {
                    const double theirs = ref.seconds[static_cast<std::size_t>(j) * static_cast<std::size_t>(big.nx) +
                                                      static_cast<std::size_t>(i)];
                    if (!(theirs <= t)) continue;
                    ++within;
                    const int wi = i - grow, wj = j - grow;
                    if (wi < 0 || wj < 0 || wi >= w.nx || wj >= w.ny) {
                        ++outside_window;
                        continue;
                    }
                    if (!(std::abs(r.raster.at(wi, wj) - theirs) <= 1e-3)) ++mismatched;
                }
            }
            EXPECT_GT(within, 0) << "origin " << origin.x << "," << origin.y << ", " << t << " s";
            EXPECT_EQ(outside_window, 0) << "origin " << origin.x << "," << origin.y << ", " << t << " s";
            EXPECT_EQ(mismatched, 0) << t;
        }
    }
}

// Origins on dead ends (the engine's own search leaves out the nodes joined to a single other
// node and times them afterwards): at a dead end's last node, half-way along a dead-end edge,
// and next to its junction; the raster must still equal nearest_source_times at every pixel.
TEST(IsochroneEngine, DeadEndOriginsEqualNearestSourceTimes) {
    const auto& net = monaco();
    std::vector<XY> origins;
    for (routing::EdgeId e = 0; e < net.edge_count() && origins.size() < 6; e += 7) {
        for (const bool tail_is_end : {true, false}) {
            const routing::NodeId end = tail_is_end ? net.edge_tail()[e] : net.edge_head()[e];
            // A dead end: every arc of `end` joins the edge's other node.
            const routing::NodeId other = tail_is_end ? net.edge_head()[e] : net.edge_tail()[e];
            bool dead_end = other != end;
            for (auto a = net.first_out()[end]; a < net.first_out()[end + 1]; ++a) dead_end &= net.out_arcs()[a].node == other;
            for (auto a = net.first_in()[end]; a < net.first_in()[end + 1]; ++a) dead_end &= net.in_arcs()[a].node == other;
            if (!dead_end) continue;
            const XY p = net.node_xy()[end], q = net.node_xy()[other];
            origins.push_back(origins.size() % 3 == 0   ? p
                              : origins.size() % 3 == 1 ? XY{(p.x + q.x) / 2, (p.y + q.y) / 2}
                                                        : XY{q.x + 0.05 * (p.x - q.x), q.y + 0.05 * (p.y - q.y)});
        }
    }
    ASSERT_GE(origins.size(), 6U);
    for (const auto direction : {routing::Direction::to_source, routing::Direction::from_source}) {
        IsochroneEngine engine(net, 40.0, direction);
        for (std::size_t k = 0; k < origins.size(); ++k) {
            // One dead end at a time, then all of them together.
            const std::vector<XY> from = k + 1 < origins.size() ? std::vector<XY>{origins[k]} : origins;
            const std::vector<double> thresholds{90.0, 180.0};
            const IsochroneResult r = engine.compute(from, thresholds);
            const Agreement a = compare_with_nearest(net, from, r, direction);
            EXPECT_GT(a.finite, 20) << k;
            EXPECT_EQ(a.mismatched, 0) << "origin " << k << ", direction " << routing::to_string(direction);
        }
    }
}
