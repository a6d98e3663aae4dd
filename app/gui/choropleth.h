// A choropleth of one indicator over the CAPSO communes: which scale its values come from,
// their classification, the class colour of every commune, and the legend.
//
// Contract (Qt-free; classes, colours and legend come from layers::make_choropleth, this file
// only decides which values are drawn):
// - Scale: commune values when the database has at least one non-missing commune value for the
//   indicator ("finer data takes precedence"); otherwise bassin values, drawn on every commune
//   of the bassin; otherwise the CAPSO value. The legend's scope note says which.
// - A place may have several rows for one indicator: the figure read from the source data
//   (origin "source"), our aggregation of commune values ("aggregate") and the figure as the CTG
//   document prints it ("ctg"). The map uses source, then aggregate, then ctg; within one origin
//   the most recent year. The info panel shows the CTG's figure beside it.
// - Missing values stay missing: no class, the "données non disponibles" swatch, never class 1.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "geo/db/project_db.h"
#include "layers/classification.h"
#include "layers/color_ramp.h"
#include "layers/legend.h"

namespace maillage::app {

struct ChoroplethRequest {
    std::string indicator;
    layers::Method method = layers::Method::jenks;
    int classes = 5;  ///< 3–7
    layers::Scheme scheme = layers::Scheme::YlOrRd;
    bool reversed = false;
    std::vector<double> manualBreaks;  ///< used when method == manual (2–6 increasing values)
};

struct ChoroplethResult {
    layers::Scope scope = layers::Scope::commune;
    layers::Classification classification;  ///< over the places of `scope`
    std::vector<std::string> placeCodes;    ///< the classified places (INSEE codes or bassin ids)
    std::vector<layers::Rgb> classColors;   ///< one per class, class 0 first
    std::vector<std::optional<std::size_t>> communeClass;  ///< per commune (input order)
    std::vector<std::optional<double>> communeValue;       ///< the value drawn on each commune
    layers::LegendSpec legend;
    std::string countNoun;  ///< "communes" or "bassins": what legend counts count
};

/// The unit as written after a number: empty for a dimensionless "ratio".
[[nodiscard]] inline std::string displayUnit(const std::string& unit) { return unit == "ratio" ? std::string() : unit; }

/// Rank of an origin for drawing: 0 source, 1 aggregate, 2 ctg, 3 anything else.
[[nodiscard]] int originRank(const std::string& origin);

/// The row to draw for one place among `values` (already filtered to one indicator), or null.
[[nodiscard]] const geo::db::IndicatorValue* bestValue(const std::vector<geo::db::IndicatorValue>& values,
                                                       const std::string& scope, const std::string& placeCode);

/// The value to draw per place at `scope` ("commune", "bassin", ...), by the rule above, in
/// first-seen order. Places with only missing values map to std::nullopt.
[[nodiscard]] std::vector<std::pair<std::string, std::optional<double>>> latestValues(
    const std::vector<geo::db::IndicatorValue>& values, const std::string& scope);

/// Throws layers::ClassificationError for bad class counts or manual breaks.
[[nodiscard]] ChoroplethResult computeChoropleth(const ChoroplethRequest& request,
                                                 const std::vector<geo::db::Commune>& communes,
                                                 const geo::db::IndicatorDefinition& definition,
                                                 const std::vector<geo::db::IndicatorValue>& values);

}  // namespace maillage::app
