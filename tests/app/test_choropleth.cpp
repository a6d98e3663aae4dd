#include "app/gui/choropleth.h"

#include <gtest/gtest.h>

using namespace maillage;
using namespace maillage::app;

namespace {
geo::db::Commune commune(const std::string& insee, const std::string& bassin) {
    geo::db::Commune c;
    c.insee = insee;
    c.name = "C" + insee;
    c.bassin_id = bassin;
    return c;
}
geo::db::IndicatorValue value(const std::string& scope, const std::string& code, std::optional<double> v,
                              const std::string& origin = "source", int year = 2022) {
    geo::db::IndicatorValue r;
    r.scope = scope;
    r.place_code = code;
    r.indicator = "x";
    r.value = v;
    r.origin = origin;
    r.year = year;
    return r;
}
const std::vector<geo::db::Commune> kCommunes = {commune("1", "a"), commune("2", "a"), commune("3", "b"),
                                                 commune("4", "c"), commune("5", "c")};
geo::db::IndicatorDefinition definition() {
    geo::db::IndicatorDefinition d;
    d.indicator = "x";
    d.label_fr = "Indicateur X";
    d.unit = "%";
    d.decimals = 1;
    d.source = "Test";
    d.vintage = "2022";
    return d;
}
}  // namespace

// Only bassin values: drawn at bassin scale, every commune takes its bassin's class, the legend
// counts bassins and says so.
TEST(Choropleth, CoarserScaleIsDrawnAtThatScale) {
    const std::vector<geo::db::IndicatorValue> values = {value("bassin", "a", 10), value("bassin", "b", 20),
                                                         value("bassin", "c", 30), value("capso", "200069037", 18)};
    ChoroplethRequest r{"x", layers::Method::equal_intervals, 3, layers::Scheme::Blues, false, {}};
    const ChoroplethResult c = computeChoropleth(r, kCommunes, definition(), values);
    EXPECT_EQ(c.scope, layers::Scope::bassin);
    EXPECT_EQ(c.countNoun, "bassins");
    EXPECT_FALSE(c.legend.scope_note.empty());
    ASSERT_EQ(c.communeClass.size(), 5u);
    EXPECT_EQ(c.communeClass[0], c.communeClass[1]);
    EXPECT_EQ(c.communeClass[3], c.communeClass[4]);
    EXPECT_EQ(c.communeClass[0], std::optional<std::size_t>(0));
    EXPECT_EQ(c.communeClass[2], std::optional<std::size_t>(1));
    EXPECT_EQ(c.communeClass[3], std::optional<std::size_t>(2));
    EXPECT_EQ(c.communeValue[4], std::optional<double>(30));
    std::size_t counted = 0;
    for (const auto& e : c.legend.entries) counted += e.count;
    EXPECT_EQ(counted, 3u);
}

// Commune values take precedence over bassin values; a commune without a value is missing, not
// class 1, and not its bassin's value.
TEST(Choropleth, FinerDataTakesPrecedenceAndMissingStaysMissing) {
    const std::vector<geo::db::IndicatorValue> values = {value("commune", "1", 5), value("commune", "2", 15),
                                                         value("commune", "3", 25), value("commune", "4", std::nullopt),
                                                         value("bassin", "c", 99)};
    ChoroplethRequest r{"x", layers::Method::quantiles, 3, layers::Scheme::YlOrRd, false, {}};
    const ChoroplethResult c = computeChoropleth(r, kCommunes, definition(), values);
    EXPECT_EQ(c.scope, layers::Scope::commune);
    EXPECT_TRUE(c.legend.scope_note.empty());
    EXPECT_FALSE(c.communeClass[3].has_value());
    EXPECT_FALSE(c.communeClass[4].has_value());  // no row at all
    EXPECT_FALSE(c.communeValue[3].has_value());
    ASSERT_TRUE(c.legend.no_data.has_value());
    EXPECT_EQ(c.legend.no_data->count, 2u);
}

// Several rows for one place: the source figure beats our aggregate and the CTG's quote; within
// one origin the most recent year wins; a missing value never hides a present one.
TEST(Choropleth, OriginAndYearDecideWhichValueIsDrawn) {
    const std::vector<geo::db::IndicatorValue> values = {
        value("commune", "1", 69.4, "ctg"),      value("commune", "1", 70.7, "source"),
        value("commune", "2", 50, "source", 2019), value("commune", "2", 55, "source", 2022),
        value("commune", "3", std::nullopt, "source"), value("commune", "3", 40, "ctg")};
    const auto best = latestValues(values, "commune");
    ASSERT_EQ(best.size(), 3u);
    EXPECT_EQ(best[0].second, std::optional<double>(70.7));
    EXPECT_EQ(best[1].second, std::optional<double>(55));
    EXPECT_EQ(best[2].second, std::optional<double>(40));
    EXPECT_EQ(bestValue(values, "commune", "1")->origin, "source");
    EXPECT_EQ(bestValue(values, "bassin", "1"), nullptr);
}

TEST(Choropleth, ManualBreaksAndRampEnds) {
    const std::vector<geo::db::IndicatorValue> values = {value("commune", "1", 19000), value("commune", "2", 20500),
                                                         value("commune", "3", 22000), value("commune", "4", 24000),
                                                         value("commune", "5", 19999)};
    ChoroplethRequest r{"x", layers::Method::manual, 5, layers::Scheme::YlOrRd, false, layers::ctg_income_breaks()};
    const ChoroplethResult c = computeChoropleth(r, kCommunes, definition(), values);
    EXPECT_EQ(c.classification.class_count(), 4u);
    EXPECT_EQ(c.communeClass[0], std::optional<std::size_t>(0));
    EXPECT_EQ(c.communeClass[4], std::optional<std::size_t>(0));  // 19 999 < 20 000
    EXPECT_EQ(c.communeClass[1], std::optional<std::size_t>(1));
    EXPECT_EQ(c.communeClass[2], std::optional<std::size_t>(2));
    EXPECT_EQ(c.communeClass[3], std::optional<std::size_t>(3));
    EXPECT_EQ(c.classColors, layers::ramp(layers::Scheme::YlOrRd, 4));
    EXPECT_THROW(computeChoropleth(ChoroplethRequest{"x", layers::Method::manual, 5, layers::Scheme::YlOrRd, false, {3, 1}},
                                   kCommunes, definition(), values),
                 layers::ClassificationError);
}
