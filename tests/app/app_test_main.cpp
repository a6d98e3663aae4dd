// GoogleTest main for the application tests: a QGuiApplication (fonts, scene graph) must exist
// before any test. The platform comes from QT_QPA_PLATFORM (offscreen when unset).
#include <QGuiApplication>

#include <gtest/gtest.h>

#include <cstdlib>

#include "app/gui/app_window.h"

int main(int argc, char** argv) {
    if (!std::getenv("QT_QPA_PLATFORM") && !std::getenv("DISPLAY")) setenv("QT_QPA_PLATFORM", "offscreen", 1);
    ::testing::InitGoogleTest(&argc, argv);
    QGuiApplication app(argc, argv);
    maillage::app::AppWindow::configureApplication();
    return RUN_ALL_TESTS();
}
