// ColorBrewer ramps against ColorBrewer's published table (colorbrewer2.org, "HEX" export).
#include "layers/color_ramp.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

using namespace maillage::layers;

namespace {
std::vector<std::string> hexes(const std::vector<Rgb>& colors) {
    std::vector<std::string> out;
    for (const Rgb& c : colors) out.push_back(c.hex());
    return out;
}
}  // namespace

TEST(ColorRamp, SequentialValuesMatchColorBrewer) {
    EXPECT_THAT(hexes(ramp(Scheme::YlOrRd, 5)),
                ::testing::ElementsAre("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"));
    EXPECT_THAT(hexes(ramp(Scheme::YlOrRd, 3)), ::testing::ElementsAre("#ffeda0", "#feb24c", "#f03b20"));
    EXPECT_THAT(hexes(ramp(Scheme::Blues, 4)), ::testing::ElementsAre("#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"));
    EXPECT_THAT(hexes(ramp(Scheme::YlGnBu, 7)), ::testing::ElementsAre("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4",
                                                                       "#1d91c0", "#225ea8", "#0c2c84"));
    EXPECT_EQ(ramp(Scheme::Greens, 6).back().hex(), "#006d2c");
    EXPECT_EQ(ramp(Scheme::Purples, 5).front().hex(), "#f2f0f7");
    EXPECT_EQ(ramp(Scheme::OrRd, 3)[1].hex(), "#fdbb84");
}

TEST(ColorRamp, DivergingValuesMatchColorBrewer) {
    EXPECT_THAT(hexes(ramp(Scheme::RdYlBu, 5)),
                ::testing::ElementsAre("#d7191c", "#fdae61", "#ffffbf", "#abd9e9", "#2c7bb6"));
    EXPECT_THAT(hexes(ramp(Scheme::PuOr, 3)), ::testing::ElementsAre("#f1a340", "#f7f7f7", "#998ec3"));
    EXPECT_EQ(ramp(Scheme::BrBG, 7)[3].hex(), "#f5f5f5");  // the neutral middle class
    EXPECT_EQ(ramp(Scheme::BrBG, 7).front().hex(), "#8c510a");
}

TEST(ColorRamp, EveryRampHasDistinctColoursFromLightToDark) {
    for (const SchemeInfo& info : all_schemes()) {
        for (int k = 3; k <= 7; ++k) {
            const std::vector<Rgb> colors = ramp(info.scheme, k);
            ASSERT_EQ(colors.size(), static_cast<std::size_t>(k));
            std::set<std::uint32_t> distinct;
            for (const Rgb& c : colors) distinct.insert(c.packed());
            EXPECT_EQ(distinct.size(), colors.size()) << info.name << " " << k;
            if (info.kind == SchemeKind::sequential) {
                auto luma = [](Rgb c) { return 299 * c.r + 587 * c.g + 114 * c.b; };
                for (int i = 1; i < k; ++i) {
                    EXPECT_LT(luma(colors[i]), luma(colors[i - 1])) << info.name << " " << k << " class " << i;
                }
            }
            EXPECT_FALSE(distinct.count(kNoDataColor.packed())) << "no-data grey reused by " << info.name;
        }
    }
}

TEST(ColorRamp, ReversalAndValidation) {
    const auto forward = ramp(Scheme::RdYlBu, 4);
    const auto backward = ramp(Scheme::RdYlBu, 4, true);
    EXPECT_EQ(backward.front(), forward.back());
    EXPECT_EQ(backward.back(), forward.front());
    EXPECT_EQ(backward[1], forward[2]);
    EXPECT_THROW((void)ramp(Scheme::Blues, 2), std::invalid_argument);
    EXPECT_THROW((void)ramp(Scheme::Blues, 8), std::invalid_argument);
}

TEST(ColorRamp, OnlyColourBlindSafeSchemesAreOffered) {
    // ColorBrewer flags RdYlGn and Spectral as not colour-blind safe and RdGy as "maybe".
    EXPECT_FALSE(scheme_from_name("RdYlGn").has_value());
    EXPECT_FALSE(scheme_from_name("Spectral").has_value());
    EXPECT_FALSE(scheme_from_name("RdGy").has_value());
    EXPECT_EQ(scheme_from_name("YlOrRd"), Scheme::YlOrRd);
    EXPECT_EQ(scheme_info(Scheme::PuOr).kind, SchemeKind::diverging);
    EXPECT_EQ(scheme_info(Scheme::PuOr).name, "PuOr");
    EXPECT_EQ(default_scheme(SchemeKind::diverging), Scheme::RdYlBu);
    for (const SchemeInfo& info : all_schemes()) EXPECT_EQ(scheme_from_name(info.name), info.scheme);
}

TEST(Rgb, HexRoundTrip) {
    EXPECT_EQ(Rgb::from_hex("#BD0026"), Rgb::from_packed(0xbd0026));
    EXPECT_EQ(Rgb::from_hex("2c7bb6")->hex(), "#2c7bb6");
    EXPECT_FALSE(Rgb::from_hex("#12345").has_value());
    EXPECT_FALSE(Rgb::from_hex("#12345g").has_value());
    EXPECT_EQ(kNoDataColor.hex(), "#d9d9d9");
}
