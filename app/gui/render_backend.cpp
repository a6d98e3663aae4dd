#include "app/gui/render_backend.h"

#include <QGuiApplication>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QQuickWindow>
#include <QSGRendererInterface>

namespace maillage::app {

QString openGlRenderer() {
    QOpenGLContext context;
    if (!context.create()) return {};
    QOffscreenSurface surface;
    surface.setFormat(context.format());
    surface.create();
    if (!surface.isValid() || !context.makeCurrent(&surface)) return {};
    const auto* name = reinterpret_cast<const char*>(context.functions()->glGetString(GL_RENDERER));
    const QString renderer = name ? QString::fromLatin1(name) : QString();
    context.doneCurrent();
    return renderer;
}

bool isCpuRasteriser(const QString& glRenderer) {
    for (const char* cpu : {"llvmpipe", "softpipe", "swrast", "SwiftShader", "Software Rasterizer"})
        if (glRenderer.contains(QLatin1String(cpu), Qt::CaseInsensitive)) return true;
    return false;
}

QString chooseSceneGraphBackend() {
    if (qEnvironmentVariableIsSet("QT_QUICK_BACKEND")) return QStringLiteral("QT_QUICK_BACKEND");
    const QString choice = qEnvironmentVariable("MAILLAGE_RENDERER", QStringLiteral("auto")).toLower();
    if (choice == QLatin1String("hardware")) return QStringLiteral("hardware (MAILLAGE_RENDERER)");
    if (choice == QLatin1String("software")) {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
        return QStringLiteral("software (MAILLAGE_RENDERER)");
    }
    if (QGuiApplication::platformName() == QLatin1String("offscreen")) return QStringLiteral("offscreen platform");
    const QString renderer = openGlRenderer();
    if (!isCpuRasteriser(renderer)) return QStringLiteral("hardware (OpenGL: %1)").arg(renderer);
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    return QStringLiteral("software (OpenGL is a CPU rasteriser: %1)").arg(renderer);
}

}  // namespace maillage::app
