#include "app/gui/legend_model.h"

#include <QSignalSpy>
#include <gtest/gtest.h>

#include "layers/classification.h"
#include "layers/color_ramp.h"

using namespace maillage::app;
namespace layers = maillage::layers;

// The CTG's own income classes on six communes, one of them without a value: four class rows
// with French bounds and counts, then a separate "données non disponibles" row.
TEST(LegendModel, ShowsClassesCountsAndMissingRow) {
    const std::vector<std::optional<double>> values = {19100, 20500, 21400, 22999, 25000, std::nullopt};
    const auto c = layers::classify_manual(values, layers::ctg_income_breaks());
    const auto colors = layers::ramp(layers::Scheme::YlOrRd, 4);
    layers::LegendText text{"Revenu médian par unité de consommation", "€", 0, layers::Scope::commune, "INSEE, Filosofi", "2019"};
    LegendModel m;
    QSignalSpy spy(&m, &LegendModel::legendChanged);
    m.setLegend(layers::make_choropleth_legend(c, colors, text), "communes");
    EXPECT_EQ(spy.count(), 1);
    ASSERT_EQ(m.rowCount(), 5);
    const auto label = [&](int r) { return m.data(m.index(r), LegendModel::LabelRole).toString(); };
    const auto count = [&](int r) { return m.data(m.index(r), LegendModel::CountRole).toInt(); };
    EXPECT_EQ(label(0), QString::fromUtf8("< 20\u202F000\u00A0€"));
    EXPECT_EQ(label(1), QString::fromUtf8("20\u202F000 – 21\u202F400\u00A0€"));
    EXPECT_EQ(label(3), QString::fromUtf8("≥ 23\u202F000\u00A0€"));
    EXPECT_EQ(count(0), 1);
    EXPECT_EQ(count(1), 1);
    EXPECT_EQ(count(2), 2);  // 21 400 and 22 999: [21 400, 23 000)
    EXPECT_EQ(count(3), 1);
    EXPECT_TRUE(m.data(m.index(4), LegendModel::NoDataRole).toBool());
    EXPECT_EQ(count(4), 1);
    EXPECT_EQ(label(4), QString::fromUtf8("données non disponibles"));
    EXPECT_NE(m.data(m.index(4), LegendModel::ColorRole).value<QColor>(), m.data(m.index(0), LegendModel::ColorRole).value<QColor>());
    EXPECT_EQ(m.data(m.index(0), LegendModel::ColorRole).value<QColor>(), QColor(colors[0].r, colors[0].g, colors[0].b));
    EXPECT_EQ(m.sourceLine(), QString::fromUtf8("Source\u00A0: INSEE, Filosofi, 2019"));
    EXPECT_EQ(m.countNoun(), "communes");
    EXPECT_TRUE(m.scopeNote().isEmpty());
    EXPECT_FALSE(m.data(m.index(9), LegendModel::LabelRole).isValid());
}

TEST(LegendModel, SaysWhenDrawnAtBassinScale) {
    const std::vector<std::optional<double>> values = {1.1, 1.3, 0.9, 1.6};
    const auto c = layers::classify(values, layers::Method::quantiles, 3);
    layers::LegendText text{"Indice de jeunesse", "", 2, layers::Scope::bassin, "CTG", "2022"};
    LegendModel m;
    m.setLegend(layers::make_choropleth_legend(c, layers::ramp(layers::Scheme::Blues, 3), text), "bassins");
    EXPECT_FALSE(m.scopeNote().isEmpty());
    EXPECT_TRUE(m.scopeNote().contains("bassin"));
    m.clear();
    EXPECT_EQ(m.rowCount(), 0);
    EXPECT_TRUE(m.title().isEmpty());
}
