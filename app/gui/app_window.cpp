#include "app/gui/app_window.h"

#include <QCoreApplication>
#include <QFont>
#include <QGuiApplication>
#include <QQuickStyle>
#include <QLocale>

#include "app/gui/map_document.h"
#include "app/gui/map_item.h"
#include "app/gui/marker_image_provider.h"
#include "app/gui/render_backend.h"

namespace maillage::app {

void AppWindow::configureApplication() {
    QGuiApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 10));
    QQuickStyle::setStyle(QStringLiteral("Fusion"));
    chooseSceneGraphBackend();
}

bool AppWindow::installTranslator(QTranslator& translator, const QString& language) {
    if (language == QLatin1String("en")) return true;
    if (!translator.load(QStringLiteral(":/i18n/maillage_%1.qm").arg(language))) return false;
    QCoreApplication::installTranslator(&translator);
    return true;
}

AppWindow::AppWindow(const AppWindowOptions& options) {
    installTranslator(m_translator, options.language);
    QLocale::setDefault(QLocale(QLocale::French, QLocale::France));

    m_document = std::make_unique<MapDocument>();
    m_ok = m_document->loadBlocking(options.databasePath);
    if (!m_ok) m_error = m_document->errorMessage();
    if (m_ok) {
        if (!options.indicator.isEmpty()) m_document->setIndicator(options.indicator);
        if (!options.scheme.isEmpty()) m_document->setScheme(options.scheme);
        m_document->setReversed(options.reversed);
        if (options.classes > 0) m_document->setClassCount(options.classes);
        if (!options.method.isEmpty()) m_document->setMethod(options.method);
        if (!options.indicator.isEmpty() && m_document->indicator() != options.indicator) {
            m_ok = false;
            m_error = QStringLiteral("unknown indicator '%1'").arg(options.indicator);
        }
    }

    m_engine = std::make_unique<QQmlApplicationEngine>();
    m_engine->addImageProvider(QStringLiteral("marker"), new MarkerImageProvider);
    m_engine->setInitialProperties({{QStringLiteral("document"), QVariant::fromValue(m_document.get())},
                                    {QStringLiteral("width"), options.size.width()},
                                    {QStringLiteral("height"), options.size.height()}});
    m_engine->load(QUrl(QStringLiteral("qrc:/Maillage/Main.qml")));
    if (m_engine->rootObjects().isEmpty()) {
        m_ok = false;
        m_error = QStringLiteral("the user interface (Main.qml) failed to load");
        return;
    }
    m_window = qobject_cast<QQuickWindow*>(m_engine->rootObjects().constFirst());
    if (m_window) m_map = m_window->findChild<MapItem*>(QStringLiteral("map"));
}

AppWindow::~AppWindow() {
    // The engine's items reference the document: destroy them first.
    m_engine.reset();
    m_document.reset();
}

}  // namespace maillage::app
