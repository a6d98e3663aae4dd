// Progressive rendering, on the path the run uses (offscreen: software; xvfb: OpenGL): a zoom
// step first shows the last frame scaled (the commune under a point keeps its class colour at
// the point's new screen position; area the old frame did not cover is background), then the
// frame painted by the worker, which equals a direct render of the new view. A pan step shows
// the frame translated, the uncovered strip in the background colour.
#include "app/gui/map_painter.h"
#include "app/gui/map_raster.h"
#include "window_fixture.h"

#include <functional>
#include <optional>

using namespace maillage;
using namespace maillage::app;
using test::close;
using test::render;
using test::ScreenshotDb;

namespace {

/// Away from the map's controls, scale bar and attribution (item pixels).
bool inOpenMap(const MapItem& map, QPointF s) {
    return s.x() > 80 && s.y() > 40 && s.x() < map.width() - 80 && s.y() < map.height() - 80;
}

/// A point of commune `c` (item pixels) at least `clearance` px away from every symbol, label
/// and the commune's border, for which `accept` holds, or nullopt.
std::optional<QPointF> clearSpot(const MapItem& map, const PolygonLayerMesh& mesh, int c, double clearance,
                                 const std::function<bool(QPointF)>& accept) {
    const FeatureMesh& f = mesh.features[static_cast<std::size_t>(c)];
    const OverlayLayout& overlay = map.overlayLayout();
    for (int gy = 1; gy < 16; ++gy)
        for (int gx = 1; gx < 16; ++gx) {
            const QPointF s = map.view().worldToScreen({f.bounds.minX + f.bounds.width() * gx / 16, f.bounds.minY + f.bounds.height() * gy / 16});
            if (!inOpenMap(map, s) || !accept(s)) continue;
            bool ok = true;
            for (double dx : {-clearance, 0.0, clearance})
                for (double dy : {-clearance, 0.0, clearance})
                    ok = ok && mesh.featureAt(map.view().screenToWorld(s + QPointF(dx, dy))) == c;
            for (const PlacedLabel& l : overlay.labels)
                ok = ok && !l.rect.adjusted(-clearance, -clearance, clearance, clearance).contains(s);
            for (const PlacedSymbol& p : overlay.symbols)
                ok = ok && QLineF(p.position, s).length() > overlay.symbolSize + clearance && QLineF(p.anchor, s).length() > overlay.symbolSize + clearance;
            if (ok) return s;
        }
    return std::nullopt;
}

}  // namespace

TEST_F(ScreenshotDb, ZoomShowsTheScaledFrameThenTheSharpFrame) {
    MapItem* map = window->map();
    MapDocument* doc = window->document();
    ASSERT_TRUE(test::waitSharp(*window));
    // Zoom ×1.5 around `anchor`. A commune with room around a point of it (no symbol, label or
    // border within 20 px) that stays in the open map after the zoom.
    const QPointF anchor(map->width() * 0.3, map->height() * 0.3);
    const auto afterZoom = [&](QPointF s) { return anchor + (s - anchor) * 1.5; };
    const PolygonLayerMesh& mesh = *doc->scene()->communes;
    int c = -1;
    std::optional<QPointF> spot;
    for (int i = 0; i < static_cast<int>(mesh.features.size()) && !spot; ++i) {
        if (i == doc->style().hoveredCommune || doc->style().communeNoData[static_cast<std::size_t>(i)]) continue;
        spot = clearSpot(*map, mesh, i, 20, [&](QPointF s) { return inOpenMap(*map, afterZoom(s)); });
        c = i;
    }
    ASSERT_TRUE(spot.has_value());
    const QColor classColour = doc->style().communeFill[static_cast<std::size_t>(c)];
    const QPointF world = map->view().screenToWorld(*spot);
    ASSERT_TRUE(close(mapPixel(*spot), classColour, 6))
        << mapPixel(*spot).name().toStdString() << " vs " << classColour.name().toStdString() << " at " << spot->x() << "," << spot->y();

    // The zoom step: the spot's commune moves on screen.
    map->setHoldRasterFrames(true);
    const double scaleBefore = map->view().scale();
    map->zoomAt(anchor.x(), anchor.y(), 1.5);
    image = render(*window);
    EXPECT_FALSE(map->isSharp());
    EXPECT_NEAR(map->view().scale(), scaleBefore * 1.5, 1e-12);
    const QPointF moved = map->view().worldToScreen(world);
    EXPECT_LT(QLineF(moved, afterZoom(*spot)).length(), 1e-6);
    ASSERT_GT(QLineF(moved, *spot).length(), 20);
    EXPECT_TRUE(close(mapPixel(moved), classColour, 6))
        << "interactive frame at the scaled position: " << mapPixel(moved).name().toStdString() << ", expected "
        << classColour.name().toStdString();

    // The worker's frame comes in: sharp, same colour there, and the frame is a direct render.
    map->setHoldRasterFrames(false);
    ASSERT_TRUE(test::waitSharp(*window));
    image = render(*window);
    EXPECT_TRUE(map->isSharp());
    EXPECT_TRUE(close(mapPixel(moved), classColour, 6)) << mapPixel(moved).name().toStdString();
    const RasterFrame& shown = map->rasterFrame();
    ASSERT_EQ(shown.view, map->view());
    const RasterFrame direct = renderRasterFrame(doc->scene(), doc->style(), map->view(), shown.image.devicePixelRatio());
    ASSERT_EQ(shown.image.size(), direct.image.size());
    int differing = 0;
    for (int y = 0; y < direct.image.height(); ++y)
        for (int x = 0; x < direct.image.width(); ++x)
            if (!close(shown.image.pixelColor(x, y), direct.image.pixelColor(x, y), 2)) ++differing;
    EXPECT_EQ(differing, 0);
    // The overlay was laid out again for the new view.
    EXPECT_EQ(map->overlayView(), map->view());
}

TEST_F(ScreenshotDb, ZoomOutShowsBackgroundWhereTheOldFrameEnds) {
    MapItem* map = window->map();
    ASSERT_TRUE(test::waitSharp(*window));
    map->setHoldRasterFrames(true);
    map->zoomAt(map->width() / 2, map->height() / 2, 0.5);
    image = render(*window);
    EXPECT_FALSE(map->isSharp());
    // The old frame now covers the middle half of the map; near the right edge nothing is drawn
    // yet but the background, though the view there shows neighbouring (context) communes.
    const QPointF edge(map->width() - 6, map->height() / 2);
    EXPECT_TRUE(close(mapPixel(edge), palette::kBackground, 1)) << mapPixel(edge).name().toStdString();
    map->setHoldRasterFrames(false);
    ASSERT_TRUE(test::waitSharp(*window));
    EXPECT_EQ(map->rasterFrame().view, map->view());
}

TEST_F(ScreenshotDb, PanShowsTheTranslatedFrameThenTheSharpFrame) {
    MapItem* map = window->map();
    MapDocument* doc = window->document();
    ASSERT_TRUE(test::waitSharp(*window));
    const QPointF delta(60, 35);
    const PolygonLayerMesh& mesh = *doc->scene()->communes;
    int c = -1;
    std::optional<QPointF> spot;
    for (int i = 0; i < static_cast<int>(mesh.features.size()) && !spot; ++i) {
        if (i == doc->style().hoveredCommune || doc->style().communeNoData[static_cast<std::size_t>(i)]) continue;
        spot = clearSpot(*map, mesh, i, 20, [&](QPointF s) { return inOpenMap(*map, s + delta); });
        c = i;
    }
    ASSERT_TRUE(spot.has_value());
    const QColor classColour = doc->style().communeFill[static_cast<std::size_t>(c)];

    map->setHoldRasterFrames(true);
    map->panByPixels(delta.x(), delta.y());
    image = render(*window);
    EXPECT_FALSE(map->isSharp());
    EXPECT_TRUE(close(mapPixel(*spot + delta), classColour, 6)) << mapPixel(*spot + delta).name().toStdString();
    // The strip the pan uncovered on the left has no data yet: background colour.
    const QPointF strip(delta.x() / 2, map->height() / 2);
    EXPECT_TRUE(close(mapPixel(strip), palette::kBackground, 1)) << mapPixel(strip).name().toStdString();

    map->setHoldRasterFrames(false);
    ASSERT_TRUE(test::waitSharp(*window));
    image = render(*window);
    EXPECT_TRUE(close(mapPixel(*spot + delta), classColour, 6));
    EXPECT_EQ(map->rasterFrame().view, map->view());
}
