// Zones blanches: who is beyond a travel-time threshold of the nearest selected facility.
//
// Input: the population grid (INSEE Filosofi 200 m cells) with, for each cell, its commune, the
// values of every population variable (std::nullopt where the source has none), and the time
// in seconds from the cell to the nearest selected facility (+inf when none is reachable),
// all computed by ONE multi-source search so that tables and maps share the same numbers.
//
// Definitions (threshold T in seconds):
//   covered(cell)   = time <= T          uncovered(cell) = time > T (including +inf)
//   inhabited(cell) = the weight variable (individuals by default) has a value > 0
// Sums per variable add only cells where the variable has a value; `cells_missing` says how
// many cells of the area lacked it (a sum over 10 cells with 2 missing is a sum over 8 cells,
// never a sum where missing counted as 0 silently). Cells whose commune is not in the commune
// table (outside the territory) are left out of every table and counted in
// CoverageResult::cells_outside.
// Time statistics per area are weighted by the weight variable: mean and max over cells with
// a finite time; population with no reachable facility is reported apart (unreachable_weight)
// and counts as beyond the threshold in share_beyond.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "geo/core/geos.h"

namespace maillage::geo {

/// One population variable of the grid, e.g. {"ind_0_3", "children aged 0-3", "individuals"}.
struct PopulationVariable {
    std::string key;    ///< column name in the grid (ind, ind_0_3, men, men_fmp...)
    std::string label;  ///< English label for summaries
    std::string unit;   ///< "individuals" or "households"
};

struct CoverageCell {
    std::string cell_id;               ///< INSEE id, e.g. "CRS3035RES200mN3073400E3774400"
    std::int64_t x_3035 = 0;           ///< lower-left corner, EPSG:3035 metres
    std::int64_t y_3035 = 0;
    std::string commune;               ///< INSEE code of the commune holding the centre
    std::vector<std::optional<double>> values;  ///< one per PopulationVariable, same order
};

struct CommuneRef {
    std::string insee;
    std::string name;
    std::string bassin_id;
    std::string bassin_name;
};

/// Sums of one variable over an area.
struct VariableSums {
    double total = 0.0;
    double covered = 0.0;
    double uncovered = 0.0;
    int cells_with_value = 0;
    int cells_missing = 0;  ///< cells of the area without a value for this variable
    /// uncovered / total, nullopt when total is 0.
    [[nodiscard]] std::optional<double> uncovered_share() const;
};

/// Travel time to the nearest facility over an area, weighted by the weight variable.
struct TimeStats {
    std::optional<double> weighted_mean_s;  ///< over cells with a finite time and a weight > 0
    std::optional<double> max_s;            ///< max finite time over inhabited cells
    double weight_total = 0.0;
    double weight_beyond = 0.0;       ///< weight of cells with time > T (incl. unreachable)
    double unreachable_weight = 0.0;  ///< weight of cells with time = +inf
    [[nodiscard]] std::optional<double> share_beyond() const;
};

struct AreaCoverage {
    std::string code;  ///< INSEE code, bassin_id, or "CAPSO"-like territory code
    std::string name;
    int cells = 0;
    int cells_uncovered = 0;  ///< inhabited cells with time > T
    std::vector<VariableSums> sums;  ///< one per PopulationVariable
    TimeStats time;
};

struct CellOutcome {
    double seconds = std::numeric_limits<double>::infinity();
    bool covered = false;
    bool inhabited = false;
    bool in_territory = false;  ///< its commune is in the commune table
};

struct CoverageResult {
    double threshold_s = 0.0;
    std::vector<PopulationVariable> variables;
    std::vector<CellOutcome> cells;    ///< same order as the input cells
    std::vector<AreaCoverage> communes;  ///< in commune-table order (every commune, even empty)
    std::vector<AreaCoverage> bassins;   ///< in order of first appearance in the commune table
    AreaCoverage territory;
    int cells_outside = 0;
};

struct CoverageOptions {
    double threshold_s = 900.0;
    std::size_t weight_variable = 0;  ///< index into variables: inhabited test and time stats
    std::string territory_code = "CAPSO";
    std::string territory_name = "CAPSO";
};

/// Computes coverage tables. Throws std::invalid_argument when sizes disagree (times vs cells,
/// values vs variables), a time is NaN or negative, the threshold is not finite and > 0, or
/// the weight variable index is out of range.
[[nodiscard]] CoverageResult compute_coverage(std::span<const PopulationVariable> variables,
                                              std::span<const CoverageCell> cells,
                                              std::span<const double> seconds,
                                              std::span<const CommuneRef> communes,
                                              const CoverageOptions& options);

/// The uncovered inhabited area: GEOS union of the 200 m squares of the cells that are in the
/// territory, inhabited and uncovered. Squares are built in EPSG:3035 from (x_3035, y_3035)
/// and `cell_size_m`, their corners reprojected to Lambert-93 (shared corners map to identical
/// points, so the union has no slivers). Valid MultiPolygon, possibly empty.
[[nodiscard]] GeomPtr uncovered_area(std::span<const CoverageCell> cells, const CoverageResult& result,
                                     double cell_size_m = 200.0);

/// One connected zone blanche with what it holds.
struct UncoveredZone {
    GeomPtr polygon;  ///< Polygon, Lambert-93
    double area_m2 = 0.0;
    int cells = 0;
    std::vector<VariableSums> sums;  ///< uncovered sums of its cells (covered = 0)
};

/// Splits uncovered_area() into its connected parts and attributes each uncovered inhabited
/// cell to the part containing its centre, so zone populations add up to the territory's
/// uncovered totals.
[[nodiscard]] std::vector<UncoveredZone> uncovered_zones(std::span<const CoverageCell> cells,
                                                         const CoverageResult& result,
                                                         double cell_size_m = 200.0);

/// The standard variables of the Filosofi grid used in coverage, in output order:
/// ind, ind_0_3, ind_4_5, ind_6_10, ind_11_17, men, men_fmp, men_pauv.
[[nodiscard]] std::vector<PopulationVariable> standard_population_variables();

}  // namespace maillage::geo
