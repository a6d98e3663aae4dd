// Isochrone polygons on synthetic rasters whose exact answer is known.
#include "geo/isochrone/contour.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <random>
#include <vector>

#include "geo/isochrone/time_raster.h"

using namespace maillage::geo;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr XY kCentre{650'000.0, 6'850'000.0};  // somewhere in Lambert-93, metres
constexpr double kSpeed = 10.0;                // m/s (36 km/h)

// A square raster of `cells` x `cells` pixels of `cell_m` metres centred on kCentre.
RasterGrid square_grid(int cells, double cell_m) {
    const double half = cells * cell_m / 2.0;
    return {{kCentre.x - half, kCentre.y - half}, cell_m, cells, cells};
}

double dist(XY a, XY b) { return std::hypot(a.x - b.x, a.y - b.y); }

int parts(const GEOSGeometry& g) { return GEOSGetNumGeometries_r(geos_handle(), &g); }

int holes_of_part(const GEOSGeometry& g, int k) {
    return GEOSGetNumInteriorRings_r(geos_handle(), GEOSGetGeometryN_r(geos_handle(), &g, k));
}

bool contains_point(const GEOSGeometry& g, XY p) {
    auto h = geos_handle();
    GeomPtr pt(GEOSGeom_createPointFromXY_r(h, p.x, p.y));
    return GEOSContains_r(h, &g, pt.get()) == 1;
}

// A cone plus deterministic noise with an unreachable lake: plenty of saddles and holes.
TimeRaster noisy_field() {
    const RasterGrid grid = square_grid(120, 100.0);
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> noise(0.0, 120.0);
    const XY lake{kCentre.x + 1500.0, kCentre.y - 800.0};
    return TimeRaster::from_function(grid, [&](XY p) {
        if (dist(p, lake) < 600.0) return kInf;
        return dist(p, kCentre) / kSpeed + noise(rng);
    });
}

}  // namespace

// t = distance / speed: the 300 s isochrone is the disc of radius 3 000 m. The contour's
// vertices lie on the circle (linear interpolation is exact along grid lines for a cone up to
// curvature), so the inscribed polygon's area is within 0.2 % of pi r^2 at 50 m pixels.
TEST(Contour, ConeGivesDiscOfExpectedArea) {
    const TimeRaster r = TimeRaster::from_function(square_grid(200, 50.0),
                                                   [](XY p) { return dist(p, kCentre) / kSpeed; });
    GeomPtr poly = contour_polygon(r, 300.0);
    ASSERT_EQ(invalidity_reason(*poly), "");
    ASSERT_EQ(parts(*poly), 1);
    EXPECT_EQ(holes_of_part(*poly, 0), 0);
    const double expected = std::numbers::pi * 3000.0 * 3000.0;
    EXPECT_NEAR(area_m2(*poly), expected, 0.002 * expected);
    EXPECT_TRUE(contains_point(*poly, kCentre));
    EXPECT_TRUE(contains_point(*poly, {kCentre.x + 2950.0, kCentre.y}));
    EXPECT_FALSE(contains_point(*poly, {kCentre.x + 3050.0, kCentre.y}));
    EXPECT_FALSE(contains_point(*poly, {kCentre.x, kCentre.y - 3050.0}));
}

// An unreachable lake (radius 800 m) 1.5 km east of the source, inside the 3 km disc: the
// isochrone keeps it as a hole, whose area is close to the lake's.
TEST(Contour, UnreachableLakeIsAHole) {
    const XY lake{kCentre.x + 1500.0, kCentre.y};
    const TimeRaster r = TimeRaster::from_function(square_grid(200, 50.0), [&](XY p) {
        return dist(p, lake) < 800.0 ? kInf : dist(p, kCentre) / kSpeed;
    });
    GeomPtr poly = contour_polygon(r, 300.0);
    ASSERT_EQ(invalidity_reason(*poly), "");
    ASSERT_EQ(parts(*poly), 1);
    ASSERT_EQ(holes_of_part(*poly, 0), 1);
    EXPECT_FALSE(contains_point(*poly, lake));
    EXPECT_TRUE(contains_point(*poly, kCentre));
    // Hole boundary crosses half-way between reachable and lake centres: radius ~ 800 m.
    const double disc = std::numbers::pi * 3000.0 * 3000.0;
    const double hole = std::numbers::pi * 800.0 * 800.0;
    EXPECT_NEAR(area_m2(*poly), disc - hole, 0.01 * disc);
}

// Two sources 10 km apart, 300 s at 10 m/s: two discs, two parts of one MultiPolygon.
TEST(Contour, TwoSeparateSourcesGiveTwoParts) {
    const XY a{kCentre.x - 5000.0, kCentre.y};
    const XY b{kCentre.x + 5000.0, kCentre.y};
    const TimeRaster r = TimeRaster::from_function(square_grid(400, 50.0), [&](XY p) {
        return std::min(dist(p, a), dist(p, b)) / kSpeed;
    });
    GeomPtr poly = contour_polygon(r, 300.0);
    ASSERT_EQ(invalidity_reason(*poly), "");
    EXPECT_EQ(GEOSGeomTypeId_r(geos_handle(), poly.get()), GEOS_MULTIPOLYGON);
    ASSERT_EQ(parts(*poly), 2);
    EXPECT_TRUE(contains_point(*poly, a));
    EXPECT_TRUE(contains_point(*poly, b));
    EXPECT_FALSE(contains_point(*poly, kCentre));
    const double disc = std::numbers::pi * 3000.0 * 3000.0;
    EXPECT_NEAR(area_m2(*poly), 2 * disc, 0.004 * disc);
}

// A 2 x 2 saddle: BL and TR reachable in 100 s, BR and TL in 1 000 s; mean 550 s.
// At 500 s the mean is above the threshold: two separate diamonds. At 600 s it is below:
// one joined polygon along the diagonal.
TEST(Contour, SaddleIsResolvedByTheCentreMean) {
    const RasterGrid grid{{0.0, 0.0}, 100.0, 2, 2};
    const std::vector<double> t{100.0, 1000.0,   // row 0: BL, BR
                                1000.0, 100.0};  // row 1: TL, TR
    const TimeRaster r = TimeRaster::from_samples(grid, t);

    GeomPtr apart = contour_polygon(r, 500.0);
    ASSERT_EQ(invalidity_reason(*apart), "");
    EXPECT_EQ(parts(*apart), 2);
    EXPECT_FALSE(contains_point(*apart, {100.0, 100.0}));  // the saddle point itself

    GeomPtr joined = contour_polygon(r, 600.0);
    ASSERT_EQ(invalidity_reason(*joined), "");
    EXPECT_EQ(parts(*joined), 1);
    EXPECT_TRUE(contains_point(*joined, {100.0, 100.0}));
    EXPECT_TRUE(contains_point(*joined, {50.0, 50.0}));
    EXPECT_TRUE(contains_point(*joined, {150.0, 150.0}));
    EXPECT_FALSE(contains_point(*joined, {150.0, 50.0}));
}

// The map never disagrees with the numbers: with no sliver removal, every centre with t <= T
// is inside the polygon and every centre with t > T outside, on a noisy field full of saddles
// and with a lake. With the default 1 m² sliver removal, the only centres left out are
// isolated ones within a second of the threshold (their diamond is under 1 m²).
TEST(Contour, PolygonAgreesWithEveryCellCentre) {
    const TimeRaster r = noisy_field();
    auto h = geos_handle();
    for (const double min_area : {0.0, ContourOptions{}.min_part_area_m2}) {
        for (const double threshold : {300.0, 600.0, 900.0}) {
            GeomPtr poly = contour_polygon(r, threshold, ContourOptions{min_area});
            ASSERT_EQ(invalidity_reason(*poly), "") << threshold;
            const GEOSPreparedGeometry* prepared = GEOSPrepare_r(h, poly.get());
            int wrong = 0;
            for (int j = 0; j < r.grid.ny; ++j) {
                for (int i = 0; i < r.grid.nx; ++i) {
                    const XY c = r.grid.centre(i, j);
                    GeomPtr pt(GEOSGeom_createPointFromXY_r(h, c.x, c.y));
                    const bool inside = GEOSPreparedContains_r(h, prepared, pt.get()) == 1;
                    const bool reached = r.at(i, j) <= threshold;
                    if (inside == reached) continue;
                    const bool tolerated = min_area > 0.0 && reached && threshold - r.at(i, j) < 1.0;
                    if (!tolerated) ++wrong;
                }
            }
            GEOSPreparedGeom_destroy_r(h, prepared);
            EXPECT_EQ(wrong, 0) << "threshold " << threshold << " s, sliver area " << min_area << " m2";
        }
    }
}

// Nested by construction: 5 ⊆ 7.5 ⊆ 10 ⊆ 12.5 ⊆ 15 min (GEOS covers, 1 mm tolerance), bands are
// disjoint and add up to the largest area, everything valid.
TEST(Contour, LevelsAreNestedAndBandsPartitionTheArea) {
    const TimeRaster r = noisy_field();
    const std::vector<double> thresholds{300.0, 450.0, 600.0, 750.0, 900.0};
    const auto levels = isochrone_levels(r, thresholds);
    ASSERT_EQ(levels.size(), thresholds.size());
    auto h = geos_handle();
    double band_sum = 0.0;
    for (std::size_t k = 0; k < levels.size(); ++k) {
        EXPECT_EQ(invalidity_reason(*levels[k].cumulative), "") << k;
        EXPECT_EQ(invalidity_reason(*levels[k].band), "") << k;
        band_sum += levels[k].band_area_m2;
        if (k == 0) continue;
        GeomPtr grown(GEOSBuffer_r(h, levels[k].cumulative.get(), 1e-3, 8));
        EXPECT_EQ(GEOSCovers_r(h, grown.get(), levels[k - 1].cumulative.get()), 1)
            << thresholds[k - 1] << " s not inside " << thresholds[k] << " s";
        EXPECT_GT(levels[k].cumulative_area_m2, levels[k - 1].cumulative_area_m2);
        GeomPtr overlap(GEOSIntersection_r(h, levels[k].band.get(), levels[k - 1].band.get()));
        EXPECT_LT(area_m2(*overlap), 1.0);
    }
    EXPECT_NEAR(band_sum, levels.back().cumulative_area_m2, 1.0);
    // The lake is a hole at every level that reaches round it.
    EXPECT_FALSE(contains_point(*levels.back().cumulative, {kCentre.x + 1500.0, kCentre.y - 800.0}));
}

TEST(Contour, EverythingUnreachableGivesAnEmptyMultiPolygon) {
    const TimeRaster r = TimeRaster::from_function(square_grid(10, 100.0), [](XY) { return kInf; });
    GeomPtr poly = contour_polygon(r, 900.0);
    EXPECT_EQ(GEOSGeomTypeId_r(geos_handle(), poly.get()), GEOS_MULTIPOLYGON);
    EXPECT_EQ(GEOSisEmpty_r(geos_handle(), poly.get()), 1);
}

// A reachable area touching the raster's edge still closes (the raster is padded with +inf).
TEST(Contour, AreaTouchingTheRasterEdgeCloses) {
    const TimeRaster r = TimeRaster::from_function(square_grid(10, 100.0), [](XY) { return 10.0; });
    GeomPtr poly = contour_polygon(r, 900.0);
    ASSERT_EQ(invalidity_reason(*poly), "");
    ASSERT_EQ(parts(*poly), 1);
    // The boundary runs half-way between the outer centres and the +inf padding, i.e. on the
    // raster's edge, with each corner cut by a 50 m x 50 m right triangle.
    EXPECT_NEAR(area_m2(*poly), 1000.0 * 1000.0 - 4 * 0.5 * 50.0 * 50.0, 1e-6);
}

TEST(Contour, RejectsThresholdsThatAreNotIncreasing) {
    const TimeRaster r = noisy_field();
    const std::vector<double> bad{600.0, 300.0};
    EXPECT_THROW((void)isochrone_levels(r, bad), std::invalid_argument);
    const std::vector<double> negative{-1.0};
    EXPECT_THROW((void)isochrone_levels(r, negative), std::invalid_argument);
}

// Valid by construction (no GEOS check on the default path): random rasters whose times come
// from a handful of values (ties with the threshold, plateaus, saddles everywhere) plus +inf
// holes give GEOS-valid MultiPolygons, the same ones the GEOS-checked path returns, and the
// areas the levels report (sums of ring areas) equal GEOSArea.
TEST(Contour, RandomRastersAreValidWithoutTheGeosCheck) {
    std::mt19937 rng(7);
    const std::vector<double> values{0.0, 100.0, 300.0, 300.0, 450.0, 600.0, kInf};
    std::uniform_int_distribution<std::size_t> pick(0, values.size() - 1);
    auto h = geos_handle();
    for (int trial = 0; trial < 200; ++trial) {
        const int nx = 1 + trial % 17, ny = 1 + (trial * 7) % 13;
        std::vector<double> t(static_cast<std::size_t>(nx * ny));
        for (double& v : t) v = values[pick(rng)];
        const TimeRaster r = TimeRaster::from_samples(RasterGrid{{650'000.0, 6'850'000.0}, 100.0, nx, ny}, t);
        for (const double threshold : {100.0, 300.0, 450.0}) {
            ContourOptions fast;
            fast.min_part_area_m2 = trial % 2 == 0 ? 0.0 : 1.0;
            ContourOptions checked = fast;
            checked.check_validity_with_geos = true;
            GeomPtr a = contour_polygon(r, threshold, fast);
            GeomPtr b = contour_polygon(r, threshold, checked);
            ASSERT_EQ(invalidity_reason(*a), "") << "trial " << trial << ", T " << threshold;
            EXPECT_EQ(GEOSEqualsExact_r(h, a.get(), b.get(), 0.0), 1) << "trial " << trial;
        }
        const std::vector<double> thresholds{100.0, 300.0, 450.0};
        for (const auto& level : isochrone_levels(r, thresholds)) {
            EXPECT_NEAR(level.cumulative_area_m2, area_m2(*level.cumulative), 1e-4) << "trial " << trial;
            EXPECT_NEAR(level.band_area_m2, area_m2(*level.band), 1e-4) << "trial " << trial;
        }
    }
}
