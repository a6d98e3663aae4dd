// A two-finger pinch on a touch screen (QTest touch events through the window, delivered to the
// map's PinchHandler in qml/Main.qml): the map zooms in, and the map point under the pinch
// centre stays under it.
#include <QPointingDevice>
#include <QTest>

#include "window_fixture.h"

using namespace maillage;
using namespace maillage::app;
using test::render;
using test::ScreenshotDb;

TEST_F(ScreenshotDb, PinchZoomsAroundThePinchCentre) {
    MapItem* map = window->map();
    QWindow* win = window->window();
    static QPointingDevice* touchscreen = QTest::createTouchDevice(QInputDevice::DeviceType::TouchScreen);
    const QPointF centreItem(map->width() * 0.42, map->height() * 0.55);
    const QPoint centre = map->mapToScene(centreItem).toPoint();
    const QPointF worldUnderCentre = map->view().screenToWorld(map->mapFromScene(centre));
    const double scaleBefore = map->view().scale();

    QTest::touchEvent(win, touchscreen).press(0, centre - QPoint(30, 0)).press(1, centre + QPoint(30, 0));
    for (int k = 1; k <= 12; ++k) {
        QTest::touchEvent(win, touchscreen).move(0, centre - QPoint(30 + 6 * k, 0)).move(1, centre + QPoint(30 + 6 * k, 0));
        QTest::qWait(10);
    }
    QTest::touchEvent(win, touchscreen).release(0, centre - QPoint(102, 0)).release(1, centre + QPoint(102, 0));
    render(*window);

    // Fingers 60 px → 204 px apart; the handler starts after its drag threshold, so the scale
    // grows by a little less than 3.4.
    EXPECT_GT(map->view().scale(), scaleBefore * 2.0);
    EXPECT_LT(map->view().scale(), scaleBefore * 3.5);
    const QPointF nowAt = map->view().worldToScreen(worldUnderCentre);
    EXPECT_LT(QLineF(nowAt, map->mapFromScene(centre)).length(), 1.0)
        << "pinch centre (" << centreItem.x() << ", " << centreItem.y() << ") moved to (" << nowAt.x() << ", " << nowAt.y() << ")";
}
