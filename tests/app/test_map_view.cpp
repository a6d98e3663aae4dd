#include "app/gui/map_view.h"

#include <gtest/gtest.h>

using maillage::app::MapView;
using maillage::app::WorldRect;

namespace {
void expectNear(QPointF a, QPointF b, double tol) {
    EXPECT_NEAR(a.x(), b.x(), tol);
    EXPECT_NEAR(a.y(), b.y(), tol);
}
}  // namespace

// Saint-Omer's town hall is near (654 300, 7 069 900) in Lambert-93: at 10 m/px in an
// 800x600 viewport centred there, it sits at the viewport centre, and north is up.
TEST(MapView, CentreMapsToViewportCentreAndNorthIsUp) {
    MapView v({654300, 7069900}, 0.1, QSizeF(800, 600));
    expectNear(v.worldToScreen({654300, 7069900}), {400, 300}, 1e-9);
    expectNear(v.worldToScreen({654300 + 1000, 7069900 + 500}), {500, 250}, 1e-9);
}

TEST(MapView, ScreenToWorldInvertsWorldToScreen) {
    MapView v({640000, 7060000}, 0.037, QSizeF(1024, 768));
    const QPointF w(651234.5, 7071234.25);
    expectNear(v.screenToWorld(v.worldToScreen(w)), w, 1e-6);
}

TEST(MapView, ZoomAroundKeepsTheAnchorFixed) {
    MapView v({640000, 7060000}, 0.02, QSizeF(1000, 700));
    const QPointF anchor(123, 456);
    const QPointF before = v.screenToWorld(anchor);
    v.zoomAround(anchor, 2.5);
    EXPECT_DOUBLE_EQ(v.scale(), 0.05);
    expectNear(v.screenToWorld(anchor), before, 1e-6);
}

TEST(MapView, PanMovesContentWithThePointer) {
    MapView v({640000, 7060000}, 0.1, QSizeF(800, 600));
    const QPointF w(641000, 7061000);
    const QPointF s = v.worldToScreen(w);
    v.panBy({30, -20});
    expectNear(v.worldToScreen(w), s + QPointF(30, -20), 1e-9);
}

TEST(MapView, FitShowsTheWholeRectangleWithMargins) {
    MapView v({0, 0}, 1, QSizeF(800, 600));
    const WorldRect capso{620000, 7040000, 670000, 7090000};  // 50 km square
    v.fit(capso, 20);
    EXPECT_NEAR(v.scale(), 560.0 / 50000.0, 1e-12);  // height-limited
    const QPointF tl = v.worldToScreen({capso.minX, capso.maxY});
    const QPointF br = v.worldToScreen({capso.maxX, capso.minY});
    EXPECT_GE(tl.x(), 0);
    EXPECT_NEAR(tl.y(), 20, 1e-6);
    EXPECT_LE(br.x(), 800);
    EXPECT_NEAR(br.y(), 580, 1e-6);
}

TEST(MapView, ScaleIsClamped) {
    MapView v({0, 0}, 1, QSizeF(100, 100));
    v.setScale(1e9);
    EXPECT_EQ(v.scale(), MapView::kMaxScale);
    v.setScale(0);
    EXPECT_EQ(v.scale(), MapView::kMinScale);
}

// The transform used by the scene graph (vertices relative to a local origin) must agree with
// worldToScreen for absolute coordinates.
TEST(MapView, TransformFromOriginMatchesWorldToScreen) {
    MapView v({652000, 7065000}, 0.0421, QSizeF(900, 700));
    const QPointF origin(650000, 7060000);
    const QPointF w(655432.1, 7071234.5);
    expectNear(v.transformFromOrigin(origin).map(w - origin), v.worldToScreen(w), 1e-6);
}

TEST(MapView, VisibleWorldCoversTheViewport) {
    MapView v({1000, 2000}, 0.5, QSizeF(200, 100));
    const WorldRect r = v.visibleWorld();
    EXPECT_DOUBLE_EQ(r.minX, 800);
    EXPECT_DOUBLE_EQ(r.maxX, 1200);
    EXPECT_DOUBLE_EQ(r.minY, 1900);
    EXPECT_DOUBLE_EQ(r.maxY, 2100);
}
