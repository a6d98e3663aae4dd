// Isochrones from a real search on small networks whose answer is known in closed form.
#include "geo/isochrone/isochrone.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "geo/core/error.h"
#include "geo/routing/road_network.h"

using namespace maillage::geo;
using routing::RoadNetwork;

namespace {

constexpr XY kOrigin{650'000.0, 6'850'000.0};

// One straight two-way road along y = kOrigin.y, 10 km long, 10 m/s (36 km/h), cut into
// 100 m edges. Off the road one walks at 1.25 m/s (4.5 km/h) to the nearest road point.
RoadNetwork straight_road() {
    routing::EdgeList e;
    const auto cls = e.class_index("road");
    routing::NodeId prev = e.add_node({kOrigin.x - 5000.0, kOrigin.y});
    for (int k = 1; k <= 100; ++k) {
        const routing::NodeId next = e.add_node({kOrigin.x - 5000.0 + 100.0 * k, kOrigin.y});
        e.add_edge(prev, next, 10.0F, 10.0F, 100.0F, cls);
        prev = next;
    }
    routing::NetworkMetadata meta;
    meta.source = "synthetic straight road";
    meta.profile = "car";
    return RoadNetwork::build(std::move(e), meta);
}

// Closed form: from a point (dx, dy) off the origin, walk |dy| to the road, ride |dx| (the
// origin itself is on the road). Valid while |dx| stays on the 10 km road.
double exact_seconds(XY p) {
    return std::abs(p.y - kOrigin.y) / 1.25 + std::abs(p.x - kOrigin.x) / 10.0;
}

bool contains(const GEOSGeometry& g, XY p) {
    auto h = geos_handle();
    GeomPtr pt(GEOSGeom_createPointFromXY_r(h, p.x, p.y));
    return GEOSContains_r(h, &g, pt.get()) == 1;
}

}  // namespace

// The 5-minute isochrone of a road is the diamond |dx|/10 + |dy|/1.25 <= 300 (half-axes
// 3 000 m along the road and 375 m across): area 2 x 3000 x 375 = 2.25 km².
TEST(Isochrone, RoadGivesTheExpectedDiamond) {
    const RoadNetwork net = straight_road();
    IsochroneRequest req;
    req.origins = {kOrigin};
    req.thresholds_s = {150.0, 300.0};
    req.pixel_m = 25.0;
    const IsochroneResult r = compute_isochrones(net, req);
    ASSERT_EQ(r.levels.size(), 2u);
    const GEOSGeometry& five = *r.levels[1].cumulative;
    ASSERT_EQ(invalidity_reason(five), "");
    EXPECT_NEAR(r.levels[1].cumulative_area_m2, 2.0 * 3000.0 * 375.0, 0.03 * 2.0 * 3000.0 * 375.0);
    EXPECT_NEAR(r.levels[0].cumulative_area_m2, 2.0 * 1500.0 * 187.5, 0.05 * 2.0 * 1500.0 * 187.5);
    EXPECT_TRUE(contains(five, kOrigin));
    // The diamond's tip is thinner than a pixel beyond ~2 900 m (width 2 x 1.25 x (300 - t)):
    // at 2 800 m it is 50 m wide, two pixels, and inside.
    EXPECT_TRUE(contains(five, {kOrigin.x + 2800.0, kOrigin.y}));
    EXPECT_FALSE(contains(five, {kOrigin.x + 3100.0, kOrigin.y}));
    EXPECT_FALSE(contains(five, {kOrigin.x, kOrigin.y + 420.0}));
    EXPECT_EQ(r.origin_snap_distance_m[0], 0.0);
}

// Extra targets are timed by the same search as the raster, and the polygon agrees with them
// away from the boundary (closer than one pixel's walk, 20 s, interpolation decides).
TEST(Isochrone, ExtraTargetsAgreeWithTheirPolygon) {
    const RoadNetwork net = straight_road();
    IsochroneRequest req;
    req.origins = {kOrigin};
    req.thresholds_s = {300.0};
    req.pixel_m = 25.0;
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> dx(-3500.0, 3500.0), dy(-500.0, 500.0);
    for (int k = 0; k < 500; ++k) req.extra_targets.push_back({kOrigin.x + dx(rng), kOrigin.y + dy(rng)});
    const IsochroneResult r = compute_isochrones(net, req);
    ASSERT_EQ(r.extra_seconds.size(), req.extra_targets.size());
    int checked = 0;
    for (std::size_t k = 0; k < req.extra_targets.size(); ++k) {
        const XY p = req.extra_targets[k];
        const double t = r.extra_seconds[k];
        if (std::isfinite(t)) {
            EXPECT_NEAR(t, exact_seconds(p), 1e-3) << k;
        }
        if (std::abs(exact_seconds(p) - 300.0) < 20.0) continue;
        ++checked;
        EXPECT_EQ(contains(*r.levels[0].cumulative, p), t <= 300.0) << "target " << k << " at " << t << " s";
    }
    EXPECT_GT(checked, 300);
}

TEST(Isochrone, OriginFarFromTheNetworkIsAnInputError) {
    const RoadNetwork net = straight_road();
    IsochroneRequest req;
    req.origins = {{kOrigin.x, kOrigin.y + 50'000.0}};
    req.thresholds_s = {900.0};
    EXPECT_THROW((void)compute_isochrones(net, req), InputError);
}

// ORS #337: the 150 s polygon is the same in [150, 300] and [60, 150, 300]: one raster, each
// threshold contoured on its own. (The raster's bound follows the LARGEST threshold, so a set
// with another maximum may differ where neighbouring pixels jump by more than 25 % of it.)
TEST(Isochrone, ThresholdPolygonDoesNotDependOnTheOtherThresholds) {
    const RoadNetwork net = straight_road();
    IsochroneRequest two;
    two.origins = {kOrigin};
    two.thresholds_s = {150.0, 300.0};
    two.pixel_m = 25.0;
    IsochroneRequest three = two;
    three.thresholds_s = {60.0, 150.0, 300.0};
    const IsochroneResult a = compute_isochrones(net, two);
    const IsochroneResult b = compute_isochrones(net, three);
    auto h = geos_handle();
    EXPECT_EQ(GEOSEqualsExact_r(h, a.levels[0].cumulative.get(), b.levels[1].cumulative.get(), 1e-6), 1);
    EXPECT_DOUBLE_EQ(a.levels[0].cumulative_area_m2, b.levels[1].cumulative_area_m2);
    // On this network no neighbouring pixels jump by more than the bound's margin, so even
    // [150] alone gives the same polygon.
    IsochroneRequest alone = two;
    alone.thresholds_s = {150.0};
    const IsochroneResult c = compute_isochrones(net, alone);
    EXPECT_EQ(GEOSEqualsExact_r(h, a.levels[0].cumulative.get(), c.levels[0].cumulative.get(), 1e-6), 1);
}
