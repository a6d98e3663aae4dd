#include "app/gui/overlay_layout.h"

#include <gtest/gtest.h>

using namespace maillage::app;

namespace {
LabelFonts fonts() {
    LabelFonts f;
    f.normal = QFont("DejaVu Sans");
    f.normal.setPixelSize(11);
    f.major = f.normal;
    f.major.setPixelSize(13);
    return f;
}
MapStyle styleFor(const MapScene& scene) {
    MapStyle s;
    s.families = {{"EAJE", true, 1.0f}, {"RPE", true, 1.0f}};
    s.facilityVisible.assign(scene.facilities.size(), true);
    return s;
}
}  // namespace

// Three communes whose anchors are 300 m apart: at 50 m/px their labels would overlap, so the
// most populated wins and the others move above/below or drop out; nothing overlaps.
TEST(OverlayLayout, LabelsNeverOverlapAndPriorityWins) {
    MapScene scene;
    scene.communeLabels = {"Petite-Commune", "Grande-Ville", "Moyenne-Commune"};
    scene.communeAnchors = {{650000, 7060000}, {650300, 7060000}, {650150, 7060000}};
    scene.communePriority = {500, 15000, 3000};
    const MapView view({650150, 7060000}, 1.0 / 50, QSizeF(800, 600));
    const OverlayLayout layout = layoutOverlay(scene, styleFor(scene), view, fonts());
    ASSERT_FALSE(layout.labels.empty());
    EXPECT_EQ(layout.labels.front().commune, 1);  // placed first
    EXPECT_TRUE(layout.labels.front().major);
    for (std::size_t i = 0; i < layout.labels.size(); ++i)
        for (std::size_t j = i + 1; j < layout.labels.size(); ++j)
            EXPECT_FALSE(layout.labels[i].rect.intersects(layout.labels[j].rect)) << i << " " << j;
    // Zoomed in 50x they are 300 px apart on screen: all three fit.
    const MapView close({650150, 7060000}, 1.0, QSizeF(800, 600));
    EXPECT_EQ(layoutOverlay(scene, styleFor(scene), close, fonts()).labels.size(), 3u);
}

// Four facilities on one site fan out around the site (leader lines to the anchor); ten on one
// site collapse into one marker with a count badge until the site is expanded.
TEST(OverlayLayout, CoLocatedFacilitiesFanOutOrShowABadge) {
    MapScene scene;
    for (int i = 0; i < 4; ++i) scene.facilities.push_back({{650000, 7060000}, "EAJE", "open", false, {}, "site-a", i + 1, 4});
    for (int i = 0; i < 10; ++i) scene.facilities.push_back({{655000, 7060000}, "RPE", "open", false, {}, "site-b", i + 1, 10});
    scene.facilities.push_back({{652000, 7061000}, "EAJE", "open", true, {}, "", 1, 1});
    const MapView view({652500, 7060000}, 1.0 / 20, QSizeF(800, 600));
    MapStyle style = styleFor(scene);
    OverlayLayout layout = layoutOverlay(scene, style, view, fonts());
    int fanned = 0, badges = 0, single = 0;
    for (const PlacedSymbol& s : layout.symbols) {
        if (s.siteKey == "site-a") {
            ++fanned;
            EXPECT_NE(s.position, s.anchor);
            EXPECT_EQ(s.anchor, view.worldToScreen({650000, 7060000}));
        } else if (s.siteKey == "site-b") {
            ++badges;
            EXPECT_EQ(s.badgeCount, 10);
        } else {
            ++single;
            EXPECT_EQ(s.position, view.worldToScreen({652000, 7061000}));
        }
    }
    EXPECT_EQ(fanned, 4);
    EXPECT_EQ(badges, 1);
    EXPECT_EQ(single, 1);
    style.expandedSite = "site-b";
    layout = layoutOverlay(scene, style, view, fonts());
    EXPECT_EQ(layout.symbols.size(), 15u);
    // Hidden family and filtered facility disappear.
    style.families[1].visible = false;
    style.facilityVisible[14] = false;
    EXPECT_EQ(layoutOverlay(scene, style, view, fonts()).symbols.size(), 4u);
    EXPECT_NE(layout.symbolAt(layout.symbols.back().position), nullptr);
    EXPECT_EQ(layout.symbolAt({-100, -100}), nullptr);
}
