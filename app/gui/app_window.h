// The application's main window, built the same way by main(), the screenshot tests and the
// map benchmark: translator, document, QML engine loading qrc:/Maillage/Main.qml.
//
// Contract: construct after QGuiApplication. The database is loaded synchronously before the
// window is shown, so the first frame already shows the map. On failure the window still
// opens and shows the error (ok() is false, error() says why).
#pragma once

#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QSize>
#include <QString>
#include <QTranslator>

#include <memory>

namespace maillage::app {

class MapDocument;
class MapItem;

struct AppWindowOptions {
    QString databasePath;
    QString indicator;   ///< empty: the document's default (first CTG indicator)
    QString method;      ///< jenks, quantiles, equal_intervals, manual; empty: jenks
    int classes = 0;     ///< 0: default (5)
    QString scheme;      ///< ColorBrewer name; empty: the indicator's default
    bool reversed = false;
    QString language = QStringLiteral("fr");  ///< "fr" (default) or "en" (source strings)
    QSize size{1440, 900};
};

class AppWindow {
public:
    explicit AppWindow(const AppWindowOptions& options);
    ~AppWindow();
    AppWindow(const AppWindow&) = delete;
    AppWindow& operator=(const AppWindow&) = delete;

    [[nodiscard]] bool ok() const { return m_ok; }
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] QQuickWindow* window() const { return m_window; }
    [[nodiscard]] MapItem* map() const { return m_map; }
    [[nodiscard]] MapDocument* document() const { return m_document.get(); }
    [[nodiscard]] QQmlApplicationEngine& engine() { return *m_engine; }

    /// Application-wide look shared by the app, tests and benchmarks: Fusion style, DejaVu Sans,
    /// and the scene-graph backend (render_backend.h: software when OpenGL is a CPU rasteriser).
    /// Call once after constructing QGuiApplication, before any window.
    static void configureApplication();

    /// Installs the translator for `language` into the application ("en": none). Returns false
    /// if the French catalogue is missing from the resources.
    static bool installTranslator(QTranslator& translator, const QString& language);

private:
    QTranslator m_translator;
    std::unique_ptr<MapDocument> m_document;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow* m_window = nullptr;
    MapItem* m_map = nullptr;
    bool m_ok = false;
    QString m_error;
};

}  // namespace maillage::app
