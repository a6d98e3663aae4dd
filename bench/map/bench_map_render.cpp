// Map rendering benchmark (Google Benchmark, manual time): startup to first frame, and pan and
// zoom steps with the bundled data and with a stress layer of Voronoi cells over France. Not a
// test: it prints numbers; targets are 0.5 s to the first frame and 16 ms per frame.
//
// The map renders progressively (map_item.h): a pan or zoom step first shows the last frame
// transformed, then the frame of the new view painted by a background worker. Each Pan/Zoom
// benchmark therefore reports two numbers:
// - its time: the interactive frame, from the view change until the next frame is on screen
//   (steps back to back, as during a wheel or drag burst; the worker is cancelled and restarted
//   by every step, competing for the CPU);
// - counter sharp_ms: the latency from one view change (map at rest before) until a frame
//   showing the exact rendering of the new view is on screen (`MapItem::sharp`).
//
// Peer measured in the same run: a QPainter canvas that re-rasterises every polygon for each
// frame (what QPainter/QQuickPaintedItem-based map canvases do, and what our software-renderer
// fallback does), against our scene-graph path where a pan or zoom only changes a transform.
//
// Run: QT_QPA_PLATFORM=offscreen bench_map_render   (software scene graph: QPainter fallback)
//      xvfb-run -a bench_map_render   (X display; OpenGL is llvmpipe there, so the app's default
//                                      choice is the software scene graph: render_backend.h)
//      MAILLAGE_RENDERER=hardware xvfb-run -a bench_map_render   (OpenGL via llvmpipe: RHI path)
// Database: $MAILLAGE_BENCH_DB, else data/capso.gpkg.
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QQuickWindow>
#include <QSurfaceFormat>

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <random>

#include "app/gui/app_window.h"
#include "app/gui/map_document.h"
#include "app/gui/map_item.h"
#include "app/gui/map_painter.h"
#include "geo/core/geos.h"

using namespace maillage;
using namespace maillage::app;

namespace {

QString databasePath() {
    const char* env = std::getenv("MAILLAGE_BENCH_DB");
    return env && *env ? QString::fromUtf8(env) : QStringLiteral(MAILLAGE_DATA_DIR "/capso.gpkg");
}

/// Waits for the next swapped frame; returns false after 10 s.
bool waitFrame(QQuickWindow* w) {
    bool swapped = false;
    const auto c = QObject::connect(w, &QQuickWindow::frameSwapped, [&swapped] { swapped = true; });
    QElapsedTimer t;
    t.start();
    while (!swapped && t.elapsed() < 10000) QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    QObject::disconnect(c);
    return swapped;
}

/// Waits until a swapped frame shows the exact rendering of the current view and the raster
/// frame of that view and scene exists (the map is at rest, ready to zoom progressively);
/// returns false after 10 s.
bool waitSharp(QQuickWindow* w, MapItem* map) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 10000) {
        if (!waitFrame(w)) return false;
        if (map->isSharp() && map->rasterFrame().view == map->view() && map->rasterFrame().scene == map->document()->scene())
            return true;
    }
    return false;
}

/// `cells` Voronoi cells of uniformly random points over metropolitan France's Lambert-93 extent
/// (fixed seed), clipped to that extent, meshed like any map layer.
std::shared_ptr<const PolygonLayerMesh> voronoiStressLayer(int cells) {
    GEOSContextHandle_t h = geo::geos_handle();
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> x(100000, 1240000), y(6050000, 7110000);
    std::vector<GEOSGeometry*> points;
    for (int i = 0; i < cells; ++i) points.push_back(GEOSGeom_createPointFromXY_r(h, x(rng), y(rng)));
    geo::GeomPtr multi(GEOSGeom_createCollection_r(h, GEOS_MULTIPOINT, points.data(), static_cast<unsigned>(points.size())));
    geo::GeomPtr env = geo::geom_from_wkt("POLYGON((100000 6050000, 1240000 6050000, 1240000 7110000, 100000 7110000, 100000 6050000))");
    geo::GeomPtr diagram(GEOSVoronoiDiagram_r(h, multi.get(), env.get(), 0.0, 0));
    std::vector<geo::GeomPtr> clipped;
    std::vector<const GEOSGeometry*> raw;
    for (int i = 0; i < GEOSGetNumGeometries_r(h, diagram.get()); ++i) {
        clipped.emplace_back(GEOSIntersection_r(h, GEOSGetGeometryN_r(h, diagram.get(), i), env.get()));
        raw.push_back(clipped.back().get());
    }
    return std::make_shared<PolygonLayerMesh>(buildPolygonMesh(raw, QPointF(670000, 6580000)));
}

struct Session {
    std::unique_ptr<AppWindow> window;
    std::shared_ptr<const PolygonLayerMesh> stress;
    std::unique_ptr<QQuickWindow> mapOnly;  ///< destroyed before `window` (its document)
    MapItem* mapOnlyItem = nullptr;
};

std::unique_ptr<Session> g_session;

Session& session() {
    if (g_session) return *g_session;
    g_session = std::make_unique<Session>([] {
        Session out;
        AppWindowOptions o;
        o.databasePath = databasePath();
        o.size = QSize(1440, 900);
        out.window = std::make_unique<AppWindow>(o);
        if (!out.window->ok()) {
            std::fprintf(stderr, "bench_map_render: %s\n", qPrintable(out.window->error()));
            std::exit(1);
        }
        out.window->window()->show();
        waitFrame(out.window->window());
        return out;
    }());
    return *g_session;
}

void useStress(bool on) {
    Session& s = session();
    if (on && !s.stress) {
        QElapsedTimer t;
        t.start();
        s.stress = voronoiStressLayer(35000);
        std::fprintf(stderr, "stress layer: %zu polygons, %zu triangles, %zu segments, prepared in %.2f s\n", s.stress->features.size(),
                     s.stress->triangles.size() / 3, s.stress->lines.size() / 2, static_cast<double>(t.nsecsElapsed()) / 1e9);
    }
    MapDocument* doc = s.window->document();
    MapItem* map = s.window->map();
    doc->setStressLayer(on ? s.stress : nullptr);
    MapView v = map->view();
    if (on) v.fit(s.stress->bounds, 10);  // all of France: every cell on screen
    else v.fit(doc->scene()->capsoBounds, 28);
    map->setView(v);
    waitFrame(s.window->window());
    waitSharp(s.window->window(), map);
}

/// A bare window of the map item's size in the app (780 × 900) holding only a MapCanvas on the
/// same document: the map's own frame cost, without the app's sidebars and controls.
MapItem* mapOnlyWindow() {
    Session& s = session();
    if (!s.mapOnly) {
        s.mapOnly = std::make_unique<QQuickWindow>();
        const QSizeF size = s.window->map()->size();
        s.mapOnly->resize(size.toSize());
        s.mapOnlyItem = new MapItem(s.mapOnly->contentItem());
        s.mapOnlyItem->setSize(size);
        s.mapOnlyItem->setDocument(s.window->document());
        s.mapOnly->show();
        waitFrame(s.mapOnly.get());
        waitSharp(s.mapOnly.get(), s.mapOnlyItem);
    }
    return s.mapOnlyItem;
}

void BM_StartupToFirstFrame(benchmark::State& state) {
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        AppWindowOptions o;
        o.databasePath = databasePath();
        AppWindow w(o);
        w.window()->show();
        if (!waitFrame(w.window())) state.SkipWithError("no frame");
        state.SetIterationTime(static_cast<double>(t.nsecsElapsed()) / 1e9);
    }
}

/// One interactive frame per iteration: change the view, wait until the next frame is on screen.
/// Then, separately, the latency to the sharp frame (counter sharp_ms).
/// `mapOnly`: in a window holding only the map canvas (mapOnlyWindow()) instead of the app.
void frames(benchmark::State& state, bool stress, bool zoom, bool mapOnly = false) {
    useStress(stress);
    MapItem* map = session().window->map();
    QQuickWindow* w = session().window->window();
    if (mapOnly) {
        map = mapOnlyWindow();
        w = map->window();
        MapView v = map->view();
        v.setViewport(map->size());
        v.fit(stress ? session().stress->bounds : session().window->document()->scene()->capsoBounds, stress ? 10 : 28);
        map->setView(v);
        waitSharp(w, map);
    }
    int step = 0;
    const auto nextView = [&] {
        MapView v = map->view();
        // In and out around alternating anchors, and pans of +7/-5 px: the view drifts, so no
        // step returns to a view whose frame is already painted.
        if (zoom) v.zoomAround(QPointF(map->width() * (step % 2 ? 0.45 : 0.4), map->height() * 0.6), step % 2 ? 1 / 1.1 : 1.1);
        else v.panBy(QPointF(step % 2 ? -5 : 7, 3 * (step % 3 - 1)));
        ++step;
        return v;
    };
    int sharpFrames = 0;
    // Our share of a frame: polish (layout, overlay, software polygons) + scene-graph sync,
    // i.e. until afterSynchronizing; the rest is the backend drawing the whole window.
    QElapsedTimer frameTimer;
    double prepSeconds = 0;
    const auto synced = QObject::connect(w, &QQuickWindow::afterSynchronizing, w, [&] {
        if (frameTimer.isValid()) prepSeconds += static_cast<double>(frameTimer.nsecsElapsed()) / 1e9;
        frameTimer.invalidate();
    }, Qt::DirectConnection);
    for (auto _ : state) {
        const MapView v = nextView();
        QElapsedTimer t;
        t.start();
        frameTimer.start();
        map->setView(v);
        if (!waitFrame(w)) state.SkipWithError("no frame");
        state.SetIterationTime(static_cast<double>(t.nsecsElapsed()) / 1e9);
        if (map->isSharp()) ++sharpFrames;
    }
    QObject::disconnect(synced);
    // Latency to the sharp frame: from rest, one step, until the exact frame is on screen.
    constexpr int kSharpSteps = 8;
    double sharpSeconds = 0;
    waitSharp(w, map);
    for (int i = 0; i < kSharpSteps; ++i) {
        const MapView v = nextView();
        QElapsedTimer t;
        t.start();
        map->setView(v);
        if (!waitSharp(w, map)) state.SkipWithError("no sharp frame");
        sharpSeconds += static_cast<double>(t.nsecsElapsed()) / 1e9;
    }
    state.counters["software"] = map->softwareRendering() ? 1 : 0;
    state.counters["prep_ms"] = 1000.0 * prepSeconds / static_cast<double>(state.iterations());
    state.counters["sharp_ms"] = 1000.0 * sharpSeconds / kSharpSteps;
    // Share of burst frames that were already sharp (the worker finished before the next step).
    state.counters["sharp_share"] = static_cast<double>(sharpFrames) / static_cast<double>(state.iterations());
}

/// The floor: a frame of the whole window with nothing changed (QQuickWindow::update()), i.e. what
/// the backend spends drawing the window (sidebars, controls, the map's current nodes) per frame.
/// `transformed`: with the map showing a transformed raster frame (held back from the worker)
/// instead of the sharp rendering.
void windowFloor(benchmark::State& state, bool stress, bool transformed) {
    useStress(stress);
    QQuickWindow* w = session().window->window();
    MapItem* map = session().window->map();
    if (transformed) {
        map->setHoldRasterFrames(true);
        MapView v = map->view();
        v.zoomAround(QPointF(map->width() / 2, map->height() / 2), 1.1);
        map->setView(v);
        waitFrame(w);
    }
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        w->update();
        if (!waitFrame(w)) state.SkipWithError("no frame");
        state.SetIterationTime(static_cast<double>(t.nsecsElapsed()) / 1e9);
    }
    state.counters["sharp"] = map->isSharp() ? 1 : 0;
    map->setHoldRasterFrames(false);
    waitSharp(w, map);
}
void BM_WindowFrameFloor(benchmark::State& s) { windowFloor(s, false, false); }
void BM_WindowFrameFloorTransformed(benchmark::State& s) { windowFloor(s, false, true); }
void BM_WindowFrameFloorStress35k(benchmark::State& s) { windowFloor(s, true, false); }

/// The peer: rasterise every polygon layer with QPainter for one frame at the window size.
void painterFrames(benchmark::State& state, bool stress) {
    useStress(stress);
    MapItem* map = session().window->map();
    const MapScene& scene = *session().window->document()->scene();
    const MapStyle& style = session().window->document()->style();
    QImage image(map->size().toSize(), QImage::Format_ARGB32_Premultiplied);
    int step = 0;
    MapView v = map->view();
    for (auto _ : state) {
        v.panBy(QPointF(step++ % 2 ? -7 : 7, 0));
        QElapsedTimer t;
        t.start();
        image.fill(palette::kBackground);
        QPainter p(&image);
        paintPolygonLayers(p, scene, style, v);
        p.end();
        state.SetIterationTime(static_cast<double>(t.nsecsElapsed()) / 1e9);
    }
}

void BM_PanCapso(benchmark::State& s) { frames(s, false, false); }
void BM_ZoomCapso(benchmark::State& s) { frames(s, false, true); }
void BM_PanStress35k(benchmark::State& s) { frames(s, true, false); }
void BM_ZoomStress35k(benchmark::State& s) { frames(s, true, true); }
void BM_MapOnlyPanCapso(benchmark::State& s) { frames(s, false, false, true); }
void BM_MapOnlyZoomCapso(benchmark::State& s) { frames(s, false, true, true); }
void BM_MapOnlyPanStress35k(benchmark::State& s) { frames(s, true, false, true); }
void BM_MapOnlyZoomStress35k(benchmark::State& s) { frames(s, true, true, true); }
void BM_PeerQPainterCapso(benchmark::State& s) { painterFrames(s, false); }
void BM_PeerQPainterStress35k(benchmark::State& s) { painterFrames(s, true); }

}  // namespace

BENCHMARK(BM_StartupToFirstFrame)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_WindowFrameFloor)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(30);
BENCHMARK(BM_WindowFrameFloorTransformed)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(30);
BENCHMARK(BM_PanCapso)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(60);
BENCHMARK(BM_ZoomCapso)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(60);
BENCHMARK(BM_PeerQPainterCapso)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(60);
BENCHMARK(BM_WindowFrameFloorStress35k)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(10);
BENCHMARK(BM_PanStress35k)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(30);
BENCHMARK(BM_ZoomStress35k)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(30);
BENCHMARK(BM_PeerQPainterStress35k)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(10);
BENCHMARK(BM_MapOnlyPanCapso)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(60);
BENCHMARK(BM_MapOnlyZoomCapso)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(60);
BENCHMARK(BM_MapOnlyPanStress35k)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(30);
BENCHMARK(BM_MapOnlyZoomStress35k)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(30);

int main(int argc, char** argv) {
    // Measure rendering, not the display's refresh: no vsync, everything on the GUI thread.
    QSurfaceFormat format = QSurfaceFormat::defaultFormat();
    format.setSwapInterval(0);
    QSurfaceFormat::setDefaultFormat(format);
    qputenv("QSG_RENDER_LOOP", "basic");
    QGuiApplication app(argc, argv);
    AppWindow::configureApplication();
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    g_session.reset();  // before QGuiApplication goes
    return 0;
}
