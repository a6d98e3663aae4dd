// Whole-window screenshots, checked pixel by pixel: run once under QT_QPA_PLATFORM=offscreen
// (software scene graph, QPainter fallback) and once under xvfb-run (OpenGL via llvmpipe).
// MAILLAGE_RENDER_PATH says which path the run must be using, so a silently blank map or a
// wrong fallback fails instead of passing.
#include <QTest>

#include <set>

#include "app/gui/map_raster.h"
#include "window_fixture.h"

using namespace maillage;
using namespace maillage::app;
using test::close;
using test::qc;
using test::render;
using test::ScreenshotDb;

TEST_F(ScreenshotDb, UsesTheExpectedRenderPath) {
    const char* expected = std::getenv("MAILLAGE_RENDER_PATH");
    if (!expected) GTEST_SKIP() << "MAILLAGE_RENDER_PATH not set";
    EXPECT_EQ(window->map()->softwareRendering(), std::string(expected) == "software")
        << "platform " << QGuiApplication::platformName().toStdString();
}

// The map is not blank: most of its area shows CAPSO class colours or context communes, with
// many distinct colours.
TEST_F(ScreenshotDb, MapIsNotBlank) {
    const auto& c = window->document()->choropleth();
    ASSERT_TRUE(c.has_value());
    std::vector<QColor> classColours;
    for (auto rgb : c->classColors) classColours.push_back(qc(rgb));
    const QSizeF size = window->map()->size();
    int classPixels = 0, samples = 0;
    std::set<QRgb> distinct;
    for (double y = 2; y < size.height(); y += 4)
        for (double x = 2; x < size.width(); x += 4) {
            const QColor px = mapPixel({x, y});
            ++samples;
            distinct.insert(px.rgb());
            for (const QColor& k : classColours)
                if (close(px, k, 2)) {
                    ++classPixels;
                    break;
                }
        }
    EXPECT_GT(classPixels, samples / 5) << "class colours cover " << classPixels << " of " << samples << " samples";
    EXPECT_GT(distinct.size(), 50u);
}

// At a clear interior point of each commune (inside it, away from labels, symbols and borders),
// the pixel has the colour of the commune's class in an independent classification of the
// database values; at least three different classes are checked.
TEST_F(ScreenshotDb, CommuneInteriorsHaveTheirClassColour) {
    const auto db = geo::db::ProjectDatabase::open(path);
    const auto communes = db.communes();
    const auto values = test::communeValues(db, communes, "revenu_median_uc");
    const auto expected = layers::classify_manual(values, layers::ctg_income_breaks());
    const auto& doc = *window->document();
    const auto colors = layers::ramp(layers::scheme_from_name(doc.scheme().toStdString()).value(), 4);
    const MapItem& map = *window->map();
    const MapView& view = map.view();
    const PolygonLayerMesh& mesh = *doc.scene()->communes;
    const OverlayLayout& overlay = map.overlayLayout();

    const auto clear = [&](QPointF s, int commune) {
        if (s.x() < 60 || s.y() < 10 || s.x() > map.width() - 40 || s.y() > map.height() - 40) return false;  // controls
        for (double dx : {-4.0, 0.0, 4.0})
            for (double dy : {-4.0, 0.0, 4.0})
                if (mesh.featureAt(view.screenToWorld(s + QPointF(dx, dy))) != commune) return false;
        for (const PlacedLabel& l : overlay.labels)
            if (l.rect.adjusted(-4, -4, 4, 4).contains(s)) return false;
        for (const PlacedSymbol& p : overlay.symbols) {
            if (QLineF(p.position, s).length() < overlay.symbolSize * 1.3 + 4) return false;
            if (QLineF(p.anchor, s).length() < overlay.symbolSize * 1.3 + 4) return false;
        }
        return true;
    };

    std::set<std::size_t> classesChecked;
    int checked = 0;
    for (std::size_t i = 0; i < communes.size(); ++i) {
        // Under xvfb the X pointer may rest over the map: its commune is highlighted (lighter).
        if (static_cast<int>(i) == doc.style().hoveredCommune) continue;
        const FeatureMesh& f = mesh.features[i];
        std::optional<QPointF> spot;
        for (int gy = 1; gy < 12 && !spot; ++gy)
            for (int gx = 1; gx < 12 && !spot; ++gx) {
                const QPointF w(f.bounds.minX + f.bounds.width() * gx / 12, f.bounds.minY + f.bounds.height() * gy / 12);
                const QPointF s = view.worldToScreen(w);
                if (clear(s, static_cast<int>(i))) spot = s;
            }
        if (!spot) continue;
        const QColor want = expected.class_of[i] ? qc(colors[*expected.class_of[i]]) : QColor(0xd9, 0xd9, 0xd9);
        const QColor got = mapPixel(*spot);
        EXPECT_TRUE(close(got, want, expected.class_of[i] ? 6 : 40))
            << communes[i].name << " at (" << spot->x() << ", " << spot->y() << "): got " << got.name().toStdString()
            << ", expected " << want.name().toStdString();
        if (expected.class_of[i]) classesChecked.insert(*expected.class_of[i]);
        ++checked;
    }
    EXPECT_GE(checked, 30);
    EXPECT_GE(classesChecked.size(), 3u);
}

// Open facilities drawn alone (no fan-out, no count badge, no neighbour within a symbol) show
// their family colour around their projected position.
TEST_F(ScreenshotDb, FacilitySymbolsAreAtTheirPositions) {
    const MapItem& map = *window->map();
    const OverlayLayout& overlay = map.overlayLayout();
    const auto db = geo::db::ProjectDatabase::open(path);
    const auto rows = db.facilities();
    int checked = 0;
    ASSERT_FALSE(overlay.symbols.empty());
    for (const PlacedSymbol& s : overlay.symbols) {
        const FacilityPoint& f = window->document()->scene()->facilities[static_cast<std::size_t>(s.facility)];
        if (s.position != s.anchor || s.badgeCount > 1 || !f.marker.filled) continue;
        bool alone = true;
        for (const PlacedSymbol& o : overlay.symbols)
            if (&o != &s && QLineF(o.position, s.position).length() < overlay.symbolSize * 1.5) alone = false;
        for (const PlacedLabel& l : overlay.labels)
            if (l.rect.contains(s.position)) alone = false;
        if (!alone || s.position.x() < 60 || s.position.y() < 10) continue;
        // Independent position: the database point projected by the view.
        const auto& row = rows[static_cast<std::size_t>(s.facility)];
        const QPointF projected = map.view().worldToScreen({row.x, row.y});
        EXPECT_LT(QLineF(projected, s.position).length(), 0.5);
        // The marker's fill around the point (a subtype letter may cover the very centre).
        int filled = 0;
        for (int dy = -3; dy <= 3; ++dy)
            for (int dx = -3; dx <= 3; ++dx)
                if (close(mapPixel(projected + QPointF(dx, dy)), qc(f.marker.fill), 12)) ++filled;
        EXPECT_GE(filled, 12) << row.name << ": " << filled << " of 49 pixels have the family colour "
                              << qc(f.marker.fill).name().toStdString();
        ++checked;
    }
    EXPECT_GE(checked, 4);
}

// The legend on screen lists the CTG income classes with French bounds.
TEST_F(ScreenshotDb, LegendShowsTheClassBounds) {
    const auto db = geo::db::ProjectDatabase::open(path);
    const auto communes = db.communes();
    const auto expected = layers::classify_manual(test::communeValues(db, communes, "revenu_median_uc"), layers::ctg_income_breaks());
    std::set<QString> onScreen;
    std::vector<QQuickItem*> stack = {window->window()->contentItem()};
    while (!stack.empty()) {
        QQuickItem* item = stack.back();
        stack.pop_back();
        if (!item->isVisible()) continue;
        const QVariant text = item->property("text");
        if (text.isValid()) onScreen.insert(text.toString());
        for (QQuickItem* child : item->childItems()) stack.push_back(child);
    }
    for (const std::string& label : layers::class_labels(expected, {"€", 0}))
        EXPECT_TRUE(onScreen.count(QString::fromStdString(label))) << label;
    EXPECT_TRUE(onScreen.count(QString::fromUtf8("LÉGENDE")));  // French UI (section headers in capitals)
}

// A pan step reuses the previous raster frame and paints only the uncovered strips (on the
// worker): once sharp, the frame must be the same pixels as a direct full render of the view.
TEST_F(ScreenshotDb, PanGivesTheSamePixelsAsAFullRepaint) {
    MapItem* map = window->map();
    map->panByPixels(17, -9);
    render(*window);
    ASSERT_TRUE(test::waitSharp(*window));
    const RasterFrame& shown = map->rasterFrame();
    ASSERT_EQ(shown.view, map->view());
    const RasterFrame full = renderRasterFrame(window->document()->scene(), window->document()->style(), map->view(),
                                               shown.image.devicePixelRatio());
    ASSERT_EQ(shown.image.size(), full.image.size());
    int differing = 0;
    for (int y = 0; y < full.image.height(); ++y)
        for (int x = 0; x < full.image.width(); ++x)
            if (!close(shown.image.pixelColor(x, y), full.image.pixelColor(x, y), 2)) ++differing;
    EXPECT_LE(differing, 0) << differing << " pixels differ";
}

// Hovering a commune names it (with its value) and highlights it; clicking it opens its details
// in the info panel; clicking a facility opens the facility.
TEST_F(ScreenshotDb, HoverAndClickSelectCommunesAndFacilities) {
    MapItem* map = window->map();
    MapDocument* doc = window->document();
    const int so = doc->communeIndex("62765");  // Saint-Omer
    ASSERT_GE(so, 0);
    // A point of Saint-Omer clear of symbols: its label anchor is inside the commune.
    const QPointF anchor = map->view().worldToScreen(doc->scene()->communeAnchors[static_cast<std::size_t>(so)]);
    QPointF spot = anchor;
    for (const PlacedSymbol& s : map->overlayLayout().symbols)
        if (QLineF(s.position, spot).length() < 14) spot += QPointF(0, 16);
    ASSERT_EQ(doc->scene()->communes->featureAt(map->view().screenToWorld(spot)), so);
    const QPoint scenePoint = map->mapToScene(spot).toPoint();
    // Two moves: the first one enters the window (no enter event on every platform).
    QTest::mouseMove(window->window(), scenePoint - QPoint(3, 0));
    QTest::mouseMove(window->window(), scenePoint);
    QTest::qWait(50);
    EXPECT_TRUE(map->hoverText().startsWith("Saint-Omer")) << map->hoverText().toStdString();
    EXPECT_EQ(doc->style().hoveredCommune, so);
    QTest::mouseClick(window->window(), Qt::LeftButton, Qt::NoModifier, scenePoint);
    QCoreApplication::processEvents();
    EXPECT_EQ(doc->info()->kind(), "commune");
    EXPECT_EQ(doc->info()->title(), "Saint-Omer");
    EXPECT_EQ(doc->style().selectedCommune, so);

    render(*window);  // lay the overlay out for the current state
    const PlacedSymbol* single = nullptr;
    for (const PlacedSymbol& s : map->overlayLayout().symbols)
        if (s.badgeCount == 0 && s.position.x() > 60 && s.position.y() > 200) single = &s;
    ASSERT_NE(single, nullptr);
    const int facility = single->facility;
    QTest::mouseClick(window->window(), Qt::LeftButton, Qt::NoModifier, map->mapToScene(single->position).toPoint());
    QCoreApplication::processEvents();
    EXPECT_EQ(doc->info()->kind(), "facility");
    EXPECT_EQ(doc->info()->title(), doc->facilities()->data(doc->facilities()->index(facility), FacilityListModel::NameRole).toString());
}
