// The legend spec of a choropleth: rows, counts, no-data row, notes and source line.
#include "layers/legend.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "capso_income.h"
#include "layers/format.h"

using namespace maillage::layers;

namespace {
#define NNBSP "\u202F"
#define NBSP "\u00A0"

LegendText income_text() {
    return LegendText{"Revenu médian par unité de consommation", "€", 0, Scope::commune, "INSEE, Filosofi", "2019"};
}
}  // namespace

TEST(Legend, CtgIncomeLegendOnTheCapso) {
    const Classification c = classify_manual(maillage::layers::test::capso_med19_values(), ctg_income_breaks());
    const LegendSpec legend = make_choropleth_legend(c, ramp(Scheme::YlGnBu, 4), income_text());
    EXPECT_EQ(legend.title, "Revenu médian par unité de consommation");
    EXPECT_EQ(legend.unit, "€");
    EXPECT_TRUE(legend.scope_note.empty());
    EXPECT_EQ(legend.method_note, "Seuils manuels, 4 classes");
    EXPECT_EQ(legend.bounds_note, "Chaque classe inclut sa borne inférieure.");
    EXPECT_EQ(legend.source_line, "Source" NBSP ": INSEE, Filosofi, 2019");
    ASSERT_EQ(legend.entries.size(), 4u);
    EXPECT_EQ(legend.entries[0].label, "< 20" NNBSP "000" NBSP "€");
    EXPECT_EQ(legend.entries[0].color.hex(), "#ffffcc");
    EXPECT_EQ(legend.entries[0].count, 21u);
    EXPECT_EQ(legend.entries[3].label, "≥ 23" NNBSP "000" NBSP "€");
    EXPECT_EQ(legend.entries[3].color.hex(), "#225ea8");  // ColorBrewer YlGnBu, 4 classes
    EXPECT_EQ(legend.entries[3].count, 3u);
    std::size_t total = 0;
    for (const auto& e : legend.entries) {
        EXPECT_FALSE(e.hatched);
        total += e.count;
    }
    EXPECT_EQ(total, 53u);  // every CAPSO commune has a Filosofi 2019 median
    EXPECT_FALSE(legend.no_data.has_value());
}

TEST(Legend, MissingValuesGetTheirOwnRowNeverClassOne) {
    // Two communes whose value is secret (NULL in the database) among five.
    const std::vector<std::optional<double>> v{17230.0, std::nullopt, 23410.0, 20940.0, std::nullopt};
    const Classification c = classify(v, Method::quantiles, 3);
    const LegendSpec legend = make_choropleth_legend(c, ramp(Scheme::YlOrRd, 3), income_text());
    ASSERT_TRUE(legend.no_data.has_value());
    EXPECT_EQ(legend.no_data->label, "données non disponibles");
    EXPECT_EQ(legend.no_data->count, 2u);
    EXPECT_TRUE(legend.no_data->hatched);
    EXPECT_EQ(legend.no_data->color, kNoDataColor);
    ASSERT_EQ(legend.entries.size(), 3u);
    EXPECT_EQ(legend.entries[0].count, 1u);  // only Saint-Omer's 17 230 €, not the two missing
    EXPECT_NE(legend.entries[0].color, kNoDataColor);
    EXPECT_EQ(legend.bounds_note, "Chaque classe inclut sa borne supérieure.");
}

TEST(Legend, CoarserScaleIsSaid) {
    EXPECT_EQ(scope_note(Scope::bassin), "donnée à l'échelle du bassin de vie");
    EXPECT_EQ(scope_note(Scope::capso), "donnée à l'échelle de la CAPSO");
    EXPECT_TRUE(scope_note(Scope::commune).empty());
    EXPECT_EQ(scope_from_key("bassin"), Scope::bassin);
    EXPECT_FALSE(scope_from_key("region").has_value());

    // Four bassins de vie classified into 3 classes; the legend carries the scope note.
    const std::vector<std::optional<double>> bassins{61.2, 74.8, 88.0, 69.4};
    LegendText text{"Taux d'activité des femmes", "%", 1, Scope::bassin, "CTG CAPSO 2023-2026", ""};
    const LegendSpec legend = make_choropleth_legend(classify(bassins, Method::jenks, 3), ramp(Scheme::Purples, 3), text);
    EXPECT_EQ(legend.scope_note, "donnée à l'échelle du bassin de vie");
    EXPECT_EQ(legend.source_line, "Source" NBSP ": CTG CAPSO 2023-2026");  // no vintage given
    EXPECT_EQ(legend.entries.front().label, "61,2" NBSP "%");
}

TEST(Legend, EmptyClassificationAndColourMismatch) {
    const std::vector<std::optional<double>> none{std::nullopt, std::nullopt};
    const Classification c = classify(none, Method::jenks, 5);
    const LegendSpec legend = make_choropleth_legend(c, {}, LegendText{"Indice de jeunesse", "", 2, Scope::commune, "", ""});
    EXPECT_TRUE(legend.entries.empty());
    ASSERT_TRUE(legend.no_data.has_value());
    EXPECT_EQ(legend.no_data->count, 2u);
    EXPECT_TRUE(legend.source_line.empty());

    const Classification four = classify_manual(none, ctg_income_breaks());
    EXPECT_THROW((void)make_choropleth_legend(four, ramp(Scheme::Blues, 5), income_text()), std::invalid_argument);
}
