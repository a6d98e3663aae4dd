// End to end on the CAPSO test database (fixture capso_db): lattice network (the project's
// fallback model), one multi-source search from the ALSH, coverage tables and zones blanches
// checked against independent computations.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <optional>

#include "geo/core/crs.h"
#include "geo/coverage/coverage.h"
#include "geo/coverage/facility_selection.h"
#include "geo/db/project_db.h"
#include "geo/isochrone/contour.h"
#include "geo/isochrone/isochrone.h"
#include "geo/routing/network_source.h"
#include "geo/routing/nearest.h"
#include "tests/support/test_db.h"

using namespace maillage::geo;

namespace {

struct Capso {
    std::vector<db::Commune> communes;
    std::vector<db::PopulationCell> grid;  // CAPSO cells
    std::vector<db::Facility> alsh;
    std::optional<routing::RoadNetwork> network;
    std::vector<CoverageCell> cells;
    std::vector<XY> centres;
};

const Capso& capso() {
    static const Capso data = [] {
        Capso c;
        const auto database = db::ProjectDatabase::open(maillage::test::test_database_path());
        c.communes = database.communes();
        c.grid = database.population_grid(true);
        c.alsh = FacilitySelection{{"ALSH"}, {}}.apply(database.facilities());
        // The project's network as the CLI opens it: the lattice model (no network imported).
        c.network.emplace(routing::open_routing_network(maillage::test::test_database_path(), routing::Profile::car));
        for (const auto& cell : c.grid) {
            c.cells.push_back({cell.cell_id, cell.x_3035, cell.y_3035, cell.insee.value_or(""),
                               {cell.ind, cell.ind_0_3, cell.men_fmp}});
            c.centres.push_back({cell.x, cell.y});
        }
        return c;
    }();
    return data;
}

const std::vector<PopulationVariable> kVars{{"ind", "individuals", "individuals"},
                                            {"ind_0_3", "children 0-3", "individuals"},
                                            {"men_fmp", "single-parent households", "households"}};

std::vector<XY> facility_points(const std::vector<db::Facility>& fs) {
    std::vector<XY> out;
    for (const auto& f : fs) out.push_back({f.x, f.y});
    return out;
}

std::vector<CommuneRef> refs(const std::vector<db::Commune>& communes) {
    std::vector<CommuneRef> out;
    for (const auto& c : communes) out.push_back({c.insee, c.name, c.bassin_id, c.bassin_name});
    return out;
}

}  // namespace

TEST(CoverageCapsoDb, UncoveredPopulationEqualsTheCellsBeyondTheThreshold) {
    const Capso& c = capso();
    ASSERT_FALSE(c.alsh.empty());
    ASSERT_EQ(c.communes.size(), 53u);
    EXPECT_TRUE(c.network->is_approximation());  // no network imported in the test database
    const auto times = routing::nearest_source_times(*c.network, facility_points(c.alsh), c.centres,
                                                     routing::Direction::to_source, routing::kInfSeconds);
    for (const double threshold : {300.0, 900.0}) {
        CoverageOptions options;
        options.threshold_s = threshold;
        const CoverageResult r = compute_coverage(kVars, c.cells, times.seconds, refs(c.communes), options);

        // Independent sum straight from the grid: every CAPSO cell with t > T.
        double uncovered = 0.0, total = 0.0;
        std::map<std::string, double> uncovered_by_bassin;
        std::map<std::string, std::string> bassin_of;
        for (const auto& commune : c.communes) bassin_of[commune.insee] = commune.bassin_id;
        for (std::size_t k = 0; k < c.grid.size(); ++k) {
            ASSERT_TRUE(c.grid[k].insee.has_value());
            const double ind = c.grid[k].ind.value_or(0.0);
            total += ind;
            if (times.seconds[k] > threshold) {
                uncovered += ind;
                uncovered_by_bassin[bassin_of.at(*c.grid[k].insee)] += ind;
            }
        }
        EXPECT_EQ(r.cells_outside, 0);
        EXPECT_NEAR(r.territory.sums[0].uncovered, uncovered, 1e-6) << threshold;
        EXPECT_NEAR(r.territory.sums[0].total, total, 1e-6);
        for (const auto& b : r.bassins) EXPECT_NEAR(b.sums[0].uncovered, uncovered_by_bassin[b.code], 1e-6) << b.code;
        // Bassins are the sums of their communes, for every variable.
        for (const auto& b : r.bassins) {
            for (std::size_t v = 0; v < kVars.size(); ++v) {
                double from_communes = 0.0;
                for (std::size_t k = 0; k < c.communes.size(); ++k)
                    if (c.communes[k].bassin_id == b.code) from_communes += r.communes[k].sums[v].uncovered;
                EXPECT_NEAR(b.sums[v].uncovered, from_communes, 1e-6) << b.code << " " << kVars[v].key;
            }
        }
        if (threshold == 300.0) {
            EXPECT_GT(uncovered, 0.0) << "5 min should leave someone uncovered";
        }
    }
}

// The multi-source times equal the minimum over single-facility searches (an independent
// computation), for a sample of cells.
TEST(CoverageCapsoDb, NearestTimeIsTheMinimumOverFacilities) {
    const Capso& c = capso();
    std::vector<XY> sample;
    for (std::size_t k = 0; k < c.centres.size(); k += 97) sample.push_back(c.centres[k]);
    const auto sources = facility_points(c.alsh);
    const auto multi = routing::nearest_source_times(*c.network, sources, sample, routing::Direction::to_source,
                                                     routing::kInfSeconds);
    std::vector<double> best(sample.size(), routing::kInfSeconds);
    for (const XY& s : sources) {
        const std::vector<XY> one{s};
        const auto single = routing::nearest_source_times(*c.network, one, sample, routing::Direction::to_source,
                                                          routing::kInfSeconds);
        for (std::size_t k = 0; k < sample.size(); ++k) best[k] = std::min(best[k], single.seconds[k]);
    }
    for (std::size_t k = 0; k < sample.size(); ++k) EXPECT_NEAR(multi.seconds[k], best[k], 1e-6) << k;
}

// The map is made of the same times as the table: each uncovered inhabited cell's centre is in
// the zones, each covered cell's centre is not, and the zones' population is the table's.
TEST(CoverageCapsoDb, UncoveredZonesMatchTheTable) {
    const Capso& c = capso();
    const auto times = routing::nearest_source_times(*c.network, facility_points(c.alsh), c.centres,
                                                     routing::Direction::to_source, routing::kInfSeconds);
    CoverageOptions options;
    options.threshold_s = 300.0;
    const CoverageResult r = compute_coverage(kVars, c.cells, times.seconds, refs(c.communes), options);
    GeomPtr area = uncovered_area(c.cells, r);
    ASSERT_EQ(invalidity_reason(*area), "");
    auto h = geos_handle();
    const GEOSPreparedGeometry* prepared = GEOSPrepare_r(h, area.get());
    int wrong = 0;
    for (std::size_t k = 0; k < c.grid.size(); ++k) {
        GeomPtr pt(GEOSGeom_createPointFromXY_r(h, c.grid[k].x, c.grid[k].y));
        const bool inside = GEOSPreparedContains_r(h, prepared, pt.get()) == 1;
        const bool expected = r.cells[k].inhabited && !r.cells[k].covered;
        if (inside != expected) ++wrong;
    }
    GEOSPreparedGeom_destroy_r(h, prepared);
    EXPECT_EQ(wrong, 0);
    double zone_people = 0.0;
    for (const auto& z : uncovered_zones(c.cells, r)) zone_people += z.sums[0].uncovered;
    EXPECT_NEAR(zone_people, r.territory.sums[0].uncovered, 1e-6);
}

// An isochrone from a facility contains the facility and agrees with the times of the grid
// cells computed in the same search, except within a boundary tolerance (one pixel in
// distance, or the walk across one pixel in time).
TEST(IsochroneCapsoDb, PolygonContainsItsFacilityAndTheCellsWithinTheTime) {
    const Capso& c = capso();
    const db::Facility& f = c.alsh.front();
    IsochroneRequest req;
    req.origins = {{f.x, f.y}};
    req.thresholds_s = {600.0, 900.0};
    req.pixel_m = 100.0;
    req.extra_targets = c.centres;
    const IsochroneResult r = compute_isochrones(*c.network, req);
    auto h = geos_handle();
    for (std::size_t level = 0; level < r.levels.size(); ++level) {
        const GEOSGeometry* poly = r.levels[level].cumulative.get();
        ASSERT_EQ(invalidity_reason(*poly), "");
        GeomPtr own(GEOSGeom_createPointFromXY_r(h, f.x, f.y));
        EXPECT_EQ(GEOSContains_r(h, poly, own.get()), 1);
        GeomPtr boundary(GEOSBoundary_r(h, poly));
        int checked = 0, wrong = 0;
        const double time_tolerance_s = req.pixel_m / req.snap.walking_speed_m_per_s;  // 80 s
        for (std::size_t k = 0; k < c.centres.size(); ++k) {
            GeomPtr pt(GEOSGeom_createPointFromXY_r(h, c.centres[k].x, c.centres[k].y));
            double d = 0.0;
            GEOSDistance_r(h, boundary.get(), pt.get(), &d);
            // Boundary tolerance: one pixel in distance, or in time the walk across one pixel
            // (a pixel centre up to a pixel away from the lattice node it shares a cell with
            // pays that walking leg, so the contour may pass on either side of a cell whose
            // time is that close to T).
            if (d < req.pixel_m) continue;
            if (std::abs(r.extra_seconds[k] - req.thresholds_s[level]) < time_tolerance_s) continue;
            ++checked;
            const bool inside = GEOSContains_r(h, poly, pt.get()) == 1;
            if (inside != (r.extra_seconds[k] <= req.thresholds_s[level])) {
                ++wrong;
                ADD_FAILURE() << "cell " << k << " t=" << r.extra_seconds[k] << " s, inside=" << inside
                              << ", " << d << " m from the boundary";
            }
        }
        EXPECT_GT(checked, 1000);
        EXPECT_EQ(wrong, 0) << "level " << req.thresholds_s[level] << " s";
    }
    GeomPtr grown(GEOSBuffer_r(h, r.levels[1].cumulative.get(), 1e-3, 8));
    EXPECT_EQ(GEOSCovers_r(h, grown.get(), r.levels[0].cumulative.get()), 1);
}
