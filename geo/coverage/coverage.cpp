#include "geo/coverage/coverage.h"

#include <cmath>
#include <stdexcept>
#include <unordered_map>

#include "geo/core/crs.h"
#include "geo/core/error.h"
#include "geo/isochrone/contour.h"
#include "geo/isochrone/polygon_utils.h"

namespace maillage::geo {

std::optional<double> VariableSums::uncovered_share() const {
    if (total <= 0.0) return std::nullopt;
    return uncovered / total;
}

std::optional<double> TimeStats::share_beyond() const {
    if (weight_total <= 0.0) return std::nullopt;
    return weight_beyond / weight_total;
}

namespace {

AreaCoverage empty_area(std::string code, std::string name, std::size_t variables) {
    AreaCoverage a;
    a.code = std::move(code);
    a.name = std::move(name);
    a.sums.resize(variables);
    return a;
}

// Running sums for the weighted mean (kept beside AreaCoverage while accumulating).
struct MeanAccumulator {
    double weighted_seconds = 0.0;
    double weight = 0.0;
};

void add_cell(AreaCoverage& area, MeanAccumulator& mean, const CoverageCell& cell, const CellOutcome& out,
              std::size_t weight_variable) {
    ++area.cells;
    if (out.inhabited && !out.covered) ++area.cells_uncovered;
    for (std::size_t v = 0; v < cell.values.size(); ++v) {
        VariableSums& s = area.sums[v];
        if (!cell.values[v]) {
            ++s.cells_missing;
            continue;
        }
        const double value = *cell.values[v];
        ++s.cells_with_value;
        s.total += value;
        (out.covered ? s.covered : s.uncovered) += value;
    }
    const double w = cell.values[weight_variable].value_or(0.0);
    if (w <= 0.0) return;
    TimeStats& t = area.time;
    t.weight_total += w;
    if (!out.covered) t.weight_beyond += w;
    if (std::isinf(out.seconds)) {
        t.unreachable_weight += w;
        return;
    }
    mean.weighted_seconds += w * out.seconds;
    mean.weight += w;
    t.max_s = std::max(t.max_s.value_or(0.0), out.seconds);
}

void finish(AreaCoverage& area, const MeanAccumulator& mean) {
    if (mean.weight > 0.0) area.time.weighted_mean_s = mean.weighted_seconds / mean.weight;
}

}  // namespace

CoverageResult compute_coverage(std::span<const PopulationVariable> variables, std::span<const CoverageCell> cells,
                                std::span<const double> seconds, std::span<const CommuneRef> communes,
                                const CoverageOptions& options) {
    if (!std::isfinite(options.threshold_s) || options.threshold_s <= 0.0) {
        throw std::invalid_argument("coverage threshold must be a positive number of seconds");
    }
    if (seconds.size() != cells.size()) {
        throw std::invalid_argument("coverage: " + std::to_string(seconds.size()) + " times for " +
                                    std::to_string(cells.size()) + " cells");
    }
    if (options.weight_variable >= variables.size()) {
        throw std::invalid_argument("coverage: weight variable index out of range");
    }
    const std::size_t nv = variables.size();
    CoverageResult result;
    result.threshold_s = options.threshold_s;
    result.variables.assign(variables.begin(), variables.end());
    result.territory = empty_area(options.territory_code, options.territory_name, nv);
    MeanAccumulator territory_mean;

    std::unordered_map<std::string, std::size_t> commune_index;
    std::unordered_map<std::string, std::size_t> bassin_index;
    std::vector<std::size_t> bassin_of_commune;
    for (const CommuneRef& c : communes) {
        commune_index.emplace(c.insee, result.communes.size());
        result.communes.push_back(empty_area(c.insee, c.name, nv));
        auto [it, added] = bassin_index.emplace(c.bassin_id, result.bassins.size());
        if (added) result.bassins.push_back(empty_area(c.bassin_id, c.bassin_name, nv));
        bassin_of_commune.push_back(it->second);
    }
    std::vector<MeanAccumulator> commune_means(result.communes.size());
    std::vector<MeanAccumulator> bassin_means(result.bassins.size());

    result.cells.reserve(cells.size());
    for (std::size_t k = 0; k < cells.size(); ++k) {
        const CoverageCell& cell = cells[k];
        if (cell.values.size() != nv) {
            throw std::invalid_argument("coverage: cell " + cell.cell_id + " has " +
                                        std::to_string(cell.values.size()) + " values for " +
                                        std::to_string(nv) + " variables");
        }
        const double t = seconds[k];
        if (std::isnan(t) || t < 0.0) {
            throw std::invalid_argument("coverage: cell " + cell.cell_id + " has no valid travel time");
        }
        CellOutcome out;
        out.seconds = t;
        out.covered = t <= options.threshold_s;
        out.inhabited = cell.values[options.weight_variable].value_or(0.0) > 0.0;
        const auto found = commune_index.find(cell.commune);
        out.in_territory = found != commune_index.end();
        result.cells.push_back(out);
        if (!out.in_territory) {
            ++result.cells_outside;
            continue;
        }
        const std::size_t c = found->second;
        const std::size_t b = bassin_of_commune[c];
        add_cell(result.communes[c], commune_means[c], cell, out, options.weight_variable);
        add_cell(result.bassins[b], bassin_means[b], cell, out, options.weight_variable);
        add_cell(result.territory, territory_mean, cell, out, options.weight_variable);
    }
    for (std::size_t c = 0; c < result.communes.size(); ++c) finish(result.communes[c], commune_means[c]);
    for (std::size_t b = 0; b < result.bassins.size(); ++b) finish(result.bassins[b], bassin_means[b]);
    finish(result.territory, territory_mean);
    return result;
}

namespace {

bool counts_as_uncovered(const CellOutcome& out) { return out.in_territory && out.inhabited && !out.covered; }

// Squares of the selected cells in Lambert-93 (corners reprojected from EPSG:3035).
std::vector<GeomPtr> cell_squares(std::span<const CoverageCell> cells, const std::vector<std::size_t>& selected,
                                  double cell_size_m) {
    const CrsTransform to_l93(crs::kLaea, crs::kLambert93);
    std::vector<double> xs;
    std::vector<double> ys;
    xs.reserve(selected.size() * 4);
    ys.reserve(selected.size() * 4);
    for (const std::size_t k : selected) {
        const double x = static_cast<double>(cells[k].x_3035);
        const double y = static_cast<double>(cells[k].y_3035);
        xs.insert(xs.end(), {x, x + cell_size_m, x + cell_size_m, x});
        ys.insert(ys.end(), {y, y, y + cell_size_m, y + cell_size_m});
    }
    to_l93.forward(xs, ys);
    auto h = geos_handle();
    std::vector<GeomPtr> squares;
    squares.reserve(selected.size());
    for (std::size_t s = 0; s < selected.size(); ++s) {
        const std::size_t o = 4 * s;
        const double ring[10] = {xs[o], ys[o], xs[o + 1], ys[o + 1], xs[o + 2], ys[o + 2],
                                 xs[o + 3], ys[o + 3], xs[o], ys[o]};
        GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(h, ring, 5, 0, 0);
        if (seq == nullptr) throw GeometryError("building a cell square failed: " + geos_last_error());
        GeomPtr shell = geos_check(GEOSGeom_createLinearRing_r(h, seq), "building a cell square");
        squares.push_back(geos_check(GEOSGeom_createPolygon_r(h, shell.release(), nullptr, 0), "building a cell square"));
    }
    return squares;
}

std::vector<std::size_t> uncovered_cells(const CoverageResult& result) {
    std::vector<std::size_t> selected;
    for (std::size_t k = 0; k < result.cells.size(); ++k) {
        if (counts_as_uncovered(result.cells[k])) selected.push_back(k);
    }
    return selected;
}

}  // namespace

GeomPtr uncovered_area(std::span<const CoverageCell> cells, const CoverageResult& result, double cell_size_m) {
    if (cells.size() != result.cells.size()) {
        throw std::invalid_argument("uncovered_area: cells and coverage result differ in size");
    }
    const std::vector<std::size_t> selected = uncovered_cells(result);
    if (selected.empty()) return empty_multipolygon();
    GeomPtr merged = as_multipolygon(union_all(cell_squares(cells, selected, cell_size_m)));
    auto h = geos_handle();
    if (GEOSisValid_r(h, merged.get()) != 1) {
        merged = as_multipolygon(geos_check(GEOSMakeValid_r(h, merged.get()), "making zones blanches valid"));
    }
    return merged;
}

std::vector<UncoveredZone> uncovered_zones(std::span<const CoverageCell> cells, const CoverageResult& result,
                                           double cell_size_m) {
    GeomPtr area = uncovered_area(cells, result, cell_size_m);
    auto h = geos_handle();
    const int n = GEOSGetNumGeometries_r(h, area.get());
    std::vector<UncoveredZone> zones;
    if (GEOSisEmpty_r(h, area.get()) == 1) return zones;
    std::vector<const GEOSPreparedGeometry*> prepared;
    for (int k = 0; k < n; ++k) {
        UncoveredZone z;
        z.polygon = geom_clone(*GEOSGetGeometryN_r(h, area.get(), k));
        z.area_m2 = area_m2(*z.polygon);
        z.sums.resize(result.variables.size());
        zones.push_back(std::move(z));
    }
    for (auto& z : zones) prepared.push_back(GEOSPrepare_r(h, z.polygon.get()));

    const CrsTransform to_l93(crs::kLaea, crs::kLambert93);
    const double half = cell_size_m / 2.0;
    for (const std::size_t k : uncovered_cells(result)) {
        const XY centre = to_l93.forward({static_cast<double>(cells[k].x_3035) + half,
                                          static_cast<double>(cells[k].y_3035) + half});
        GeomPtr point(GEOSGeom_createPointFromXY_r(h, centre.x, centre.y));
        for (std::size_t z = 0; z < zones.size(); ++z) {
            if (GEOSPreparedContains_r(h, prepared[z], point.get()) != 1) continue;
            UncoveredZone& zone = zones[z];
            ++zone.cells;
            for (std::size_t v = 0; v < result.variables.size(); ++v) {
                VariableSums& s = zone.sums[v];
                if (!cells[k].values[v]) {
                    ++s.cells_missing;
                    continue;
                }
                ++s.cells_with_value;
                s.total += *cells[k].values[v];
                s.uncovered += *cells[k].values[v];
            }
            break;
        }
    }
    for (const auto* p : prepared) GEOSPreparedGeom_destroy_r(h, p);
    return zones;
}

std::vector<PopulationVariable> standard_population_variables() {
    return {
        {"ind", "individuals", "individuals"},
        {"ind_0_3", "children aged 0-3", "individuals"},
        {"ind_4_5", "children aged 4-5", "individuals"},
        {"ind_6_10", "children aged 6-10", "individuals"},
        {"ind_11_17", "young people aged 11-17", "individuals"},
        {"men", "households", "households"},
        {"men_fmp", "single-parent households", "households"},
        {"men_pauv", "poor households", "households"},
    };
}

}  // namespace maillage::geo
