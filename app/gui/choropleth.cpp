#include "app/gui/choropleth.h"

#include <algorithm>
#include <map>

#include "layers/choropleth.h"

namespace maillage::app {

int originRank(const std::string& origin) {
    if (origin == "source") return 0;
    if (origin == "aggregate") return 1;
    if (origin == "ctg") return 2;
    return 3;
}

namespace {
/// True when `a` should be drawn rather than `b`.
bool better(const geo::db::IndicatorValue& a, const geo::db::IndicatorValue& b) {
    if (a.value.has_value() != b.value.has_value()) return a.value.has_value();
    if (originRank(a.origin) != originRank(b.origin)) return originRank(a.origin) < originRank(b.origin);
    return a.year.value_or(0) > b.year.value_or(0);
}
}  // namespace

const geo::db::IndicatorValue* bestValue(const std::vector<geo::db::IndicatorValue>& values, const std::string& scope,
                                         const std::string& placeCode) {
    const geo::db::IndicatorValue* best = nullptr;
    for (const auto& v : values)
        if (v.scope == scope && v.place_code == placeCode && (!best || better(v, *best))) best = &v;
    return best;
}

std::vector<std::pair<std::string, std::optional<double>>> latestValues(
    const std::vector<geo::db::IndicatorValue>& values, const std::string& scope) {
    std::map<std::string, const geo::db::IndicatorValue*> best;
    std::vector<std::string> order;
    for (const geo::db::IndicatorValue& v : values) {
        if (v.scope != scope) continue;
        auto [it, inserted] = best.try_emplace(v.place_code, &v);
        if (inserted) order.push_back(v.place_code);
        else if (better(v, *it->second)) it->second = &v;
    }
    std::vector<std::pair<std::string, std::optional<double>>> out;
    out.reserve(order.size());
    for (const std::string& code : order) out.emplace_back(code, best[code]->value);
    return out;
}

ChoroplethResult computeChoropleth(const ChoroplethRequest& request,
                                   const std::vector<geo::db::Commune>& communes,
                                   const geo::db::IndicatorDefinition& definition,
                                   const std::vector<geo::db::IndicatorValue>& values) {
    ChoroplethResult result;
    std::map<std::string, std::optional<double>> communeValues;
    bool anyCommune = false;
    for (auto& [code, value] : latestValues(values, "commune")) {
        communeValues[code] = value;
        anyCommune = anyCommune || value.has_value();
    }
    std::vector<std::optional<double>> placeValues;
    std::map<std::string, std::size_t> placeIndex;
    if (anyCommune) {
        result.scope = layers::Scope::commune;
        result.countNoun = "communes";
        for (const geo::db::Commune& c : communes) {
            placeIndex[c.insee] = result.placeCodes.size();
            result.placeCodes.push_back(c.insee);
            auto it = communeValues.find(c.insee);
            placeValues.push_back(it == communeValues.end() ? std::nullopt : it->second);
        }
    } else {
        auto bassins = latestValues(values, "bassin");
        const bool anyBassin = std::any_of(bassins.begin(), bassins.end(), [](auto& p) { return p.second.has_value(); });
        if (anyBassin) {
            result.scope = layers::Scope::bassin;
            result.countNoun = "bassins";
            for (auto& [code, value] : bassins) {
                placeIndex[code] = result.placeCodes.size();
                result.placeCodes.push_back(code);
                placeValues.push_back(value);
            }
        } else {
            result.scope = layers::Scope::capso;
            result.countNoun = "CAPSO";
            for (auto& [code, value] : latestValues(values, "capso")) {
                placeIndex[code] = result.placeCodes.size();
                result.placeCodes.push_back(code);
                placeValues.push_back(value);
            }
        }
    }

    layers::LegendText text;
    text.title = definition.label_fr;
    // A dimensionless ratio is written bare ("1,05"), the unit name says nothing.
    text.unit = displayUnit(definition.unit);
    text.decimals = definition.decimals;
    text.scope = result.scope;
    text.source = definition.source;
    text.vintage = definition.vintage;
    layers::ChoroplethStyle style;
    style.method = request.method;
    style.classes = request.classes;
    style.manual_breaks = request.manualBreaks;
    style.scheme = request.scheme;
    style.reversed = request.reversed;
    layers::Choropleth choropleth = layers::make_choropleth(placeValues, style, text);
    result.classification = std::move(choropleth.classification);
    result.classColors = std::move(choropleth.class_colors);
    result.legend = std::move(choropleth.legend);

    for (const geo::db::Commune& c : communes) {
        std::optional<std::size_t> place;
        switch (result.scope) {
        case layers::Scope::commune: place = placeIndex.count(c.insee) ? std::optional(placeIndex[c.insee]) : std::nullopt; break;
        case layers::Scope::bassin: place = placeIndex.count(c.bassin_id) ? std::optional(placeIndex[c.bassin_id]) : std::nullopt; break;
        default: place = placeValues.empty() ? std::nullopt : std::optional<std::size_t>(0); break;
        }
        result.communeClass.push_back(place ? result.classification.class_of[*place] : std::nullopt);
        result.communeValue.push_back(place ? placeValues[*place] : std::nullopt);
    }
    return result;
}

}  // namespace maillage::app
