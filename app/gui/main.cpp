// maillage-app [DATABASE] — the Maillage map application.
//
// Opens data/capso.gpkg by default. --screenshot FILE renders the window headless-friendly,
// saves it after the first frames and exits (0 on success, 1 if the map could not be shown,
// 2 on bad usage).
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQuickWindow>
#include <QTimer>

#include <cstdio>

#include "app/gui/app_window.h"
#include "app/gui/map_document.h"
#include "app/gui/map_item.h"

using maillage::app::AppWindow;
using maillage::app::AppWindowOptions;

int main(int argc, char* argv[]) {
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("Maillage"));
    QGuiApplication::setApplicationVersion(QStringLiteral(MAILLAGE_VERSION));
    AppWindow::configureApplication();

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Maillage: family services of the CAPSO on a map"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("database"), QStringLiteral("Project database (default: data/capso.gpkg)"),
                                 QStringLiteral("[database]"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"), QStringLiteral("Save the window to FILE and exit."), QStringLiteral("FILE"));
    const QCommandLineOption indicator(QStringLiteral("indicator"), QStringLiteral("Indicator key to map."), QStringLiteral("KEY"));
    const QCommandLineOption method(QStringLiteral("method"), QStringLiteral("jenks, quantiles, equal_intervals or manual."), QStringLiteral("METHOD"));
    const QCommandLineOption classes(QStringLiteral("classes"), QStringLiteral("Number of classes (3-7)."), QStringLiteral("N"));
    const QCommandLineOption scheme(QStringLiteral("scheme"), QStringLiteral("ColorBrewer scheme name."), QStringLiteral("NAME"));
    const QCommandLineOption reversed(QStringLiteral("reversed"), QStringLiteral("Reverse the colour ramp."));
    const QCommandLineOption size(QStringLiteral("size"), QStringLiteral("Window size WxH (default 1440x900)."), QStringLiteral("WxH"));
    const QCommandLineOption lang(QStringLiteral("lang"), QStringLiteral("UI language: fr (default) or en."), QStringLiteral("LANG"));
    const QCommandLineOption select(QStringLiteral("select"), QStringLiteral("Select the commune with this INSEE code."), QStringLiteral("INSEE"));
    parser.addOptions({screenshot, indicator, method, classes, scheme, reversed, size, lang, select});
    parser.process(app);

    AppWindowOptions options;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        std::fprintf(stderr, "maillage-app: expected at most one database path\n");
        return 2;
    }
    options.databasePath = positional.isEmpty() ? QStringLiteral(MAILLAGE_DATA_DIR "/capso.gpkg") : positional.front();
    options.indicator = parser.value(indicator);
    options.method = parser.value(method);
    options.scheme = parser.value(scheme);
    options.reversed = parser.isSet(reversed);
    if (parser.isSet(lang)) options.language = parser.value(lang);
    if (parser.isSet(classes)) {
        bool ok = false;
        options.classes = parser.value(classes).toInt(&ok);
        if (!ok || options.classes < 3 || options.classes > 7) {
            std::fprintf(stderr, "maillage-app: --classes takes a number from 3 to 7\n");
            return 2;
        }
    }
    if (parser.isSet(size)) {
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        if (wh.size() != 2 || wh[0].toInt() < 320 || wh[1].toInt() < 240) {
            std::fprintf(stderr, "maillage-app: --size takes WxH, e.g. 1440x900\n");
            return 2;
        }
        options.size = QSize(wh[0].toInt(), wh[1].toInt());
    }

    AppWindow window(options);
    if (!window.ok()) std::fprintf(stderr, "maillage-app: %s\n", qPrintable(window.error()));
    if (!window.window()) return 1;
    if (parser.isSet(select) && window.document()) {
        const int c = window.document()->communeIndex(parser.value(select));
        window.document()->selectCommune(c);
    }

    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        const bool ok = window.ok();
        QObject::connect(window.window(), &QQuickWindow::frameSwapped, &app, [&window, file, ok] {
            static bool scheduled = false;
            if (scheduled) return;
            scheduled = true;
            // Let polish/sync settle for a few frames, then grab once the map is sharp (not a
            // transformed earlier frame; see MapItem::sharp).
            QTimer::singleShot(400, [&window, file, ok] {
                QElapsedTimer waited;
                waited.start();
                while (window.map() && !window.map()->isSharp() && waited.elapsed() < 10000)
                    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
                const QImage image = window.window()->grabWindow();
                const bool saved = image.save(file);
                if (!saved) std::fprintf(stderr, "maillage-app: cannot write %s\n", qPrintable(file));
                QCoreApplication::exit(saved && ok ? 0 : 1);
            });
        }, Qt::QueuedConnection);
    }
    return QGuiApplication::exec();
}
