// Fixture of the whole-window tests (tests/app/test_screenshot.cpp, test_progressive.cpp,
// test_pinch.cpp): the application window on the capso_db fixture database, rendered and
// grabbed, with pixel helpers. Run once under QT_QPA_PLATFORM=offscreen (software scene graph)
// and once under xvfb-run (OpenGL via llvmpipe).
#pragma once

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQuickItem>
#include <QQuickWindow>

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>

#include "app/gui/app_window.h"
#include "app/gui/map_document.h"
#include "app/gui/map_item.h"
#include "app_test_support.h"
#include "layers/format.h"

namespace maillage::test {

using namespace maillage::app;


inline QColor qc(layers::Rgb c) { return QColor(c.r, c.g, c.b); }

inline bool close(QColor a, QColor b, int tol = 6) {
    return std::abs(a.red() - b.red()) <= tol && std::abs(a.green() - b.green()) <= tol && std::abs(a.blue() - b.blue()) <= tol;
}

/// Shows the window and waits until frames have been swapped and polish has settled.
inline QImage render(AppWindow& w) {
    w.window()->show();
    int frames = 0;
    const auto connection = QObject::connect(w.window(), &QQuickWindow::frameSwapped, [&frames] { ++frames; });
    QElapsedTimer t;
    t.start();
    while ((frames < 1 || t.elapsed() < 800) && t.elapsed() < 20000) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QObject::disconnect(connection);
    return w.window()->grabWindow();
}

class ScreenshotDb : public ::testing::Test {
protected:
    void SetUp() override {
        path = test::testDatabase();
        ASSERT_FALSE(path.empty());
        AppWindowOptions o;
        o.databasePath = QString::fromStdString(path);
        o.indicator = "revenu_median_uc";
        o.method = "manual";  // the CTG's income classes
        o.size = QSize(1440, 900);
        window = std::make_unique<AppWindow>(o);
        ASSERT_TRUE(window->ok()) << window->error().toStdString();
        ASSERT_NE(window->map(), nullptr);
        image = render(*window);
        ASSERT_FALSE(image.isNull());
        dpr = image.devicePixelRatio();
    }
    /// Pixel colour at item coordinates of the map.
    QColor mapPixel(QPointF itemPos) const {
        const QPointF scene = window->map()->mapToScene(itemPos) * dpr;
        return image.pixelColor(static_cast<int>(std::floor(scene.x())), static_cast<int>(std::floor(scene.y())));
    }
    std::string path;
    std::unique_ptr<AppWindow> window;
    QImage image;
    qreal dpr = 1;
};


/// Processes events until a swapped frame shows the map sharp (false after 20 s).
inline bool waitSharp(AppWindow& w) {
    QElapsedTimer t;
    t.start();
    while (!w.map()->isSharp() && t.elapsed() < 20000) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return w.map()->isSharp();
}

}  // namespace maillage::test
