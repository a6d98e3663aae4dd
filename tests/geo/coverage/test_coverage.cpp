// Zones blanches on a hand-made grid whose sums are known exactly.
#include "geo/coverage/coverage.h"

#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <vector>

#include "geo/isochrone/contour.h"

using namespace maillage::geo;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::int64_t kX = 3'774'400;  // EPSG:3035, inside the CAPSO
constexpr std::int64_t kY = 3'073'400;
constexpr double kCellAreaL93 = 40'000.0 * 1.0031;  // m², see UncoveredZones test

const std::vector<PopulationVariable> kVariables{{"ind", "individuals", "individuals"},
                                                 {"men_fmp", "single-parent households", "households"}};
const std::vector<CommuneRef> kCommunes{{"62001", "Alpha", "nord", "Bassin Nord"},
                                        {"62002", "Beta", "nord", "Bassin Nord"},
                                        {"62003", "Gamma", "urbain", "Bassin urbain"}};

CoverageCell cell(const char* id, int column, int row, const char* commune, std::optional<double> ind,
                  std::optional<double> fmp) {
    return {id, kX + 200 * column, kY + 200 * row, commune, {ind, fmp}};
}

// Row 0:  A(0) B(1) C(2) E(3) . . G(6) ;  D at (0, 2);  F outside the territory at (9, 9).
const std::vector<CoverageCell> kCells{
    cell("A", 0, 0, "62001", 10, 1),             // 300 s: covered
    cell("B", 1, 0, "62001", 20, std::nullopt),  // 1000 s: uncovered, fmp missing
    cell("C", 2, 0, "62002", 5, 2),              // unreachable
    cell("D", 0, 2, "62003", 30, 3),             // exactly 900 s: covered (t <= T)
    cell("E", 3, 0, "62003", 0, 0),              // 2000 s but nobody lives there
    cell("F", 9, 9, "59999", 100, 10),           // outside the territory
    cell("G", 6, 0, "62002", 7, 1),              // 1200 s: uncovered, a second zone
};
const std::vector<double> kSeconds{300.0, 1000.0, kInf, 900.0, 2000.0, 5000.0, 1200.0};

CoverageResult run() {
    CoverageOptions options;
    options.threshold_s = 900.0;
    return compute_coverage(kVariables, kCells, kSeconds, kCommunes, options);
}

}  // namespace

TEST(Coverage, CommuneSumsAreExact) {
    const CoverageResult r = run();
    ASSERT_EQ(r.communes.size(), 3u);
    const AreaCoverage& alpha = r.communes[0];
    EXPECT_EQ(alpha.code, "62001");
    EXPECT_EQ(alpha.cells, 2);
    EXPECT_EQ(alpha.cells_uncovered, 1);
    EXPECT_DOUBLE_EQ(alpha.sums[0].total, 30.0);
    EXPECT_DOUBLE_EQ(alpha.sums[0].covered, 10.0);
    EXPECT_DOUBLE_EQ(alpha.sums[0].uncovered, 20.0);
    // men_fmp is missing in B: the sum is over A only and says so.
    EXPECT_DOUBLE_EQ(alpha.sums[1].total, 1.0);
    EXPECT_DOUBLE_EQ(alpha.sums[1].uncovered, 0.0);
    EXPECT_EQ(alpha.sums[1].cells_missing, 1);
    EXPECT_EQ(alpha.sums[1].cells_with_value, 1);
    // Weighted by individuals: (10*300 + 20*1000) / 30.
    ASSERT_TRUE(alpha.time.weighted_mean_s.has_value());
    EXPECT_NEAR(*alpha.time.weighted_mean_s, 23000.0 / 30.0, 1e-9);
    EXPECT_DOUBLE_EQ(*alpha.time.max_s, 1000.0);
    EXPECT_NEAR(*alpha.time.share_beyond(), 20.0 / 30.0, 1e-12);

    const AreaCoverage& beta = r.communes[1];
    EXPECT_DOUBLE_EQ(beta.sums[0].total, 12.0);
    EXPECT_DOUBLE_EQ(beta.sums[0].uncovered, 12.0);
    EXPECT_DOUBLE_EQ(beta.time.unreachable_weight, 5.0);
    EXPECT_DOUBLE_EQ(*beta.time.weighted_mean_s, 1200.0);  // C is unreachable: not in the mean
    EXPECT_DOUBLE_EQ(*beta.time.share_beyond(), 1.0);

    const AreaCoverage& gamma = r.communes[2];
    EXPECT_DOUBLE_EQ(gamma.sums[0].covered, 30.0);  // t == T counts as covered
    EXPECT_DOUBLE_EQ(gamma.sums[0].uncovered, 0.0);
    EXPECT_EQ(gamma.cells_uncovered, 0);  // E is beyond T but uninhabited
    EXPECT_DOUBLE_EQ(*gamma.time.max_s, 900.0);  // E has no weight
}

TEST(Coverage, BassinAndTerritorySumsAreExact) {
    const CoverageResult r = run();
    ASSERT_EQ(r.bassins.size(), 2u);
    EXPECT_EQ(r.bassins[0].code, "nord");
    EXPECT_DOUBLE_EQ(r.bassins[0].sums[0].total, 42.0);
    EXPECT_DOUBLE_EQ(r.bassins[0].sums[0].uncovered, 32.0);
    EXPECT_DOUBLE_EQ(r.bassins[0].sums[1].total, 4.0);
    EXPECT_EQ(r.bassins[0].sums[1].cells_missing, 1);
    EXPECT_NEAR(*r.bassins[0].time.weighted_mean_s, (3000.0 + 20000.0 + 8400.0) / 37.0, 1e-9);
    EXPECT_EQ(r.bassins[1].code, "urbain");
    EXPECT_DOUBLE_EQ(r.bassins[1].sums[0].total, 30.0);

    EXPECT_EQ(r.cells_outside, 1);  // F
    EXPECT_DOUBLE_EQ(r.territory.sums[0].total, 72.0);
    EXPECT_DOUBLE_EQ(r.territory.sums[0].uncovered, 32.0);
    EXPECT_DOUBLE_EQ(r.territory.sums[0].covered, 40.0);
    EXPECT_DOUBLE_EQ(r.territory.time.unreachable_weight, 5.0);
    // Every level adds up: bassins are the sums of their communes.
    for (std::size_t v = 0; v < kVariables.size(); ++v) {
        EXPECT_DOUBLE_EQ(r.bassins[0].sums[v].uncovered, r.communes[0].sums[v].uncovered + r.communes[1].sums[v].uncovered);
        EXPECT_DOUBLE_EQ(r.territory.sums[v].total, r.bassins[0].sums[v].total + r.bassins[1].sums[v].total);
    }
}

// The map is made of the same cells as the table: B+C form one zone, G another; E (empty) and
// F (outside) are not drawn. LAEA is equal-area (a cell is 40 000 m² on the ground); Lambert-93
// is conformal with a linear scale factor of about 1.0015 near 50.75° N (Saint-Omer), so a
// cell measures about 40 000 x 1.0031 m² in Lambert-93 coordinates.
TEST(Coverage, UncoveredZonesAreTheUncoveredInhabitedCells) {
    const CoverageResult r = run();
    GeomPtr area = uncovered_area(kCells, r);
    ASSERT_EQ(invalidity_reason(*area), "");
    EXPECT_EQ(GEOSGetNumGeometries_r(geos_handle(), area.get()), 2);
    EXPECT_NEAR(area_m2(*area), 3 * kCellAreaL93, 3 * 0.0005 * kCellAreaL93);

    const auto zones = uncovered_zones(kCells, r);
    ASSERT_EQ(zones.size(), 2u);
    double people = 0.0;
    int cells = 0;
    for (const auto& z : zones) {
        people += z.sums[0].uncovered;
        cells += z.cells;
        EXPECT_NEAR(z.area_m2, z.cells * kCellAreaL93, z.cells * 0.0005 * kCellAreaL93);
    }
    EXPECT_EQ(cells, 3);
    EXPECT_DOUBLE_EQ(people, r.territory.sums[0].uncovered);
}

TEST(Coverage, RejectsInconsistentInput) {
    CoverageOptions options;
    const std::vector<double> too_few{1.0};
    EXPECT_THROW((void)compute_coverage(kVariables, kCells, too_few, kCommunes, options), std::invalid_argument);
    options.threshold_s = 0.0;
    EXPECT_THROW((void)compute_coverage(kVariables, kCells, kSeconds, kCommunes, options), std::invalid_argument);
    options.threshold_s = 900.0;
    std::vector<double> nan = kSeconds;
    nan[0] = std::numeric_limits<double>::quiet_NaN();
    EXPECT_THROW((void)compute_coverage(kVariables, kCells, nan, kCommunes, options), std::invalid_argument);
}

TEST(Coverage, NobodyUncoveredGivesAnEmptyArea) {
    const std::vector<double> fast(kCells.size(), 60.0);
    const CoverageResult r = compute_coverage(kVariables, kCells, fast, kCommunes, CoverageOptions{});
    EXPECT_DOUBLE_EQ(r.territory.sums[0].uncovered, 0.0);
    GeomPtr area = uncovered_area(kCells, r);
    EXPECT_EQ(GEOSisEmpty_r(geos_handle(), area.get()), 1);
    EXPECT_TRUE(uncovered_zones(kCells, r).empty());
}
