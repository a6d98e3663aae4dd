// From values to place colours and legend in one call, on the CAPSO income table.
#include "layers/choropleth.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "capso_income.h"

using namespace maillage::layers;
using maillage::layers::test::capso_index;

TEST(Choropleth, CtgIncomeMapColoursEachCommuneByItsClass) {
    std::vector<std::optional<double>> values = maillage::layers::test::capso_med19_values();
    values[capso_index("62592")] = std::nullopt;  // pretend Moringhem's value is secret
    ChoroplethStyle style;
    style.method = Method::manual;
    style.manual_breaks = ctg_income_breaks();
    style.scheme = Scheme::YlOrRd;
    const LegendText text{"Revenu médian par UC", "€", 0, Scope::commune, "INSEE, Filosofi", "2019"};
    const Choropleth map = make_choropleth(values, style, text);

    ASSERT_EQ(map.place_colors.size(), 53u);
    // YlOrRd, 4 classes: #ffffb2, #fecc5c, #fd8d3c, #e31a1c.
    EXPECT_EQ(map.place_colors[capso_index("62765")].hex(), "#ffffb2");  // Saint-Omer, < 20 000 €
    EXPECT_EQ(map.place_colors[capso_index("62757")].hex(), "#fecc5c");  // Tatinghem, 20 940 €
    EXPECT_EQ(map.place_colors[capso_index("62772")].hex(), "#fd8d3c");  // Salperwick, 21 450 €
    EXPECT_EQ(map.place_colors[capso_index("62225")].hex(), "#e31a1c");  // Clairmarais, 23 410 €
    EXPECT_EQ(map.place_colors[capso_index("62592")], kNoDataColor);
    EXPECT_TRUE(map.place_hatched[capso_index("62592")]);
    EXPECT_FALSE(map.place_hatched[capso_index("62765")]);
    ASSERT_TRUE(map.legend.no_data.has_value());
    EXPECT_EQ(map.legend.no_data->count, 1u);
    EXPECT_EQ(map.legend.entries[1].count, 19u);  // Moringhem (20 610 €) left class 1
}

TEST(Choropleth, FewDistinctValuesStillGetColours) {
    // Two distinct values: two classes coloured with the ends of the 3-class ramp.
    const std::vector<std::optional<double>> values{1.0, 2.0, 1.0};
    ChoroplethStyle style;
    style.method = Method::quantiles;
    style.classes = 5;
    style.scheme = Scheme::Blues;
    const Choropleth map = make_choropleth(values, style, LegendText{});
    ASSERT_EQ(map.class_colors.size(), 2u);
    EXPECT_EQ(map.class_colors[0].hex(), "#deebf7");
    EXPECT_EQ(map.class_colors[1].hex(), "#3182bd");
    EXPECT_EQ(map.place_colors[2].hex(), "#deebf7");
    EXPECT_EQ(ramp_for_class_count(Scheme::Blues, 1).front().hex(), "#9ecae1");
    EXPECT_TRUE(ramp_for_class_count(Scheme::Blues, 0).empty());
    EXPECT_EQ(scheme_kind_from_key("diverging"), SchemeKind::diverging);
    EXPECT_FALSE(scheme_kind_from_key("qualitative").has_value());
}

TEST(Choropleth, ReversedDivergingRamp) {
    const std::vector<std::optional<double>> values{-2.0, 0.0, 2.0};
    ChoroplethStyle style;
    style.method = Method::equal_intervals;
    style.classes = 3;
    style.scheme = Scheme::RdYlBu;
    style.reversed = true;  // high values red
    const Choropleth map = make_choropleth(values, style, LegendText{});
    EXPECT_EQ(map.place_colors[0].hex(), "#91bfdb");
    EXPECT_EQ(map.place_colors[2].hex(), "#fc8d59");
}
