// P2: one 15-minute isochrone polygon on the Andorra OSM graph (car profile), from graph
// search to valid polygon (cold: pixel snapping included; warm: snaps cached by the engine),
// and the contouring alone. The pgRouting peer (pgr_drivingDistance +
// ST_ConcaveHull on the same edge costs) is measured by bench/pgrouting/isochrone_p2.sh,
// which runs this program in the same session and prints the ratio.
//
// Environment: MAILLAGE_EXPORT_EDGES=FILE.csv writes the graph's arcs (id, source, target,
// cost, reverse_cost in seconds, x1, y1, x2, y2 in EPSG:2154) and the origin's nearest node for
// the peer script, then exits. MAILLAGE_EXPORT_LINES=FILE.gpkg writes the same edges as
// polylines (EPSG:2154) for QGIS's network analysis: `dir` F / B / T (forward only, backward
// only, both), `speed_kmh` = 3.6 x planar polyline length / seconds (so QGIS's "fastest" cost,
// length / speed, is our edge time), plus `fwd_s` / `bwd_s`; and FILE.gpkg.origin with the
// origin's EPSG:2154 coordinates "x,y", and FILE.gpkg.reached_km with our road length reached
// within 900 s (no walking leg, partial edges), to check QGIS computes the same reach.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>

#include "geo/core/crs.h"
#include "geo/core/gdal.h"
#include "geo/isochrone/contour.h"
#include "geo/isochrone/isochrone.h"
#include "geo/isochrone/isochrone_engine.h"
#include "geo/isochrone/raster_snap.h"
#include "geo/routing/snap.h"
#include "geo/routing/nearest.h"
#include "geo/routing/osm_loader.h"
#include "geo/routing/profile_table.h"

using namespace maillage::geo;

namespace {

const routing::RoadNetwork& andorra() {
    static const routing::RoadNetwork net = routing::load_osm_network(
        std::string(MAILLAGE_SOURCE_DIR) + "/tests/data/osm/andorra-2025-01-19.osm.pbf",
        routing::ProfileTable::load_default(routing::Profile::car));
    return net;
}

// Andorra la Vella, Plaça del Poble (WGS84 degrees).
XY origin() {
    static const XY p = CrsTransform(crs::kWgs84, crs::kLambert93).forward({1.5218, 42.5063});
    return p;
}

IsochroneRequest request(double pixel_m) {
    IsochroneRequest r;
    r.origins = {origin()};
    r.thresholds_s = {900.0};
    r.pixel_m = pixel_m;
    r.direction = routing::Direction::from_source;  // as pgr_drivingDistance
    return r;
}

// Timing split and size of the last query, printed beside Google Benchmark's times.
void report(benchmark::State& state, const IsochroneResult& last) {
    state.counters["pixels"] = static_cast<double>(last.raster.grid.size());
    state.counters["timed_px"] = static_cast<double>(
        std::count_if(last.raster.seconds.begin(), last.raster.seconds.end(), [](float t) { return std::isfinite(t); }));
    state.counters["search_ms"] = last.search_ms;
    state.counters["raster_ms"] = last.raster_ms;
    state.counters["contour_ms"] = last.contour_ms;
    state.counters["area_km2"] = last.levels.front().cumulative_area_m2 / 1e6;
}

// Cold: a fresh engine per query (every pixel of the window is snapped to the network).
void BM_Isochrone15minCold(benchmark::State& state) {
    const auto& net = andorra();
    const IsochroneRequest req = request(static_cast<double>(state.range(0)));
    IsochroneResult last;
    for (auto _ : state) {
        last = compute_isochrones(net, req);
        benchmark::DoNotOptimize(last.levels.front().cumulative.get());
    }
    report(state, last);
}
BENCHMARK(BM_Isochrone15minCold)->Arg(200)->Arg(100)->Unit(benchmark::kMillisecond);

// Warm: one engine per network (as the app and repeated CLI queries use it); pixel snaps are
// cached by the first query, which runs before timing starts.
void BM_Isochrone15min(benchmark::State& state) {
    const auto& net = andorra();
    const IsochroneRequest req = request(static_cast<double>(state.range(0)));
    IsochroneEngine engine(net, req.pixel_m, req.direction, req.snap);
    IsochroneResult last = engine.compute(req.origins, req.thresholds_s);
    for (auto _ : state) {
        last = engine.compute(req.origins, req.thresholds_s);
        benchmark::DoNotOptimize(last.levels.front().cumulative.get());
    }
    report(state, last);
}
BENCHMARK(BM_Isochrone15min)->Arg(200)->Arg(100)->Unit(benchmark::kMillisecond);

void BM_ContourOnly(benchmark::State& state) {
    const IsochroneResult base = compute_isochrones(andorra(), request(static_cast<double>(state.range(0))));
    for (auto _ : state) {
        GeomPtr g = contour_polygon(base.raster, 900.0);
        benchmark::DoNotOptimize(g.get());
    }
    state.counters["pixels"] = static_cast<double>(base.raster.grid.size());
}
BENCHMARK(BM_ContourOnly)->Arg(200)->Arg(100)->Unit(benchmark::kMillisecond);

// Snapping every pixel centre of the Andorra network box (the engine's cold path): one
// RasterSnapper pass vs one SnapIndex::snap per centre (same answers, tests/geo/isochrone).
RasterGrid network_box_grid(double pixel_m) {
    Box box;
    box.extend(andorra().min_xy());
    box.extend(andorra().max_xy());
    return RasterGrid::covering(box, pixel_m);
}

void BM_RasterSnap(benchmark::State& state) {
    const RasterGrid grid = network_box_grid(static_cast<double>(state.range(0)));
    const RasterSnapper snapper(andorra());
    RasterSnaps out;
    for (auto _ : state) {
        snapper.snap(grid, 2000.0, out);
        benchmark::DoNotOptimize(out.edge.data());
    }
    state.counters["pixels"] = static_cast<double>(grid.size());
}
BENCHMARK(BM_RasterSnap)->Arg(200)->Arg(100)->Unit(benchmark::kMillisecond);

void BM_SnapIndexPerPixel(benchmark::State& state) {
    const RasterGrid grid = network_box_grid(static_cast<double>(state.range(0)));
    const auto& index = andorra().snap_index();
    for (auto _ : state) {
        std::size_t found = 0;
        for (int j = 0; j < grid.ny; ++j)
            for (int i = 0; i < grid.nx; ++i) found += index.snap(grid.centre(i, j), 2000.0).has_value();
        benchmark::DoNotOptimize(found);
    }
    state.counters["pixels"] = static_cast<double>(grid.size());
}
BENCHMARK(BM_SnapIndexPerPixel)->Arg(200)->Arg(100)->Unit(benchmark::kMillisecond);

void BM_RasterSnapperBuild(benchmark::State& state) {
    for (auto _ : state) {
        RasterSnapper snapper(andorra());
        benchmark::DoNotOptimize(snapper.segment_count());
    }
}
BENCHMARK(BM_RasterSnapperBuild)->Unit(benchmark::kMillisecond);

void export_edges(const char* path) {
    const auto& net = andorra();
    std::ofstream out(path);
    out << "id,source,target,cost,reverse_cost,x1,y1,x2,y2\n";
    out.precision(10);
    for (routing::EdgeId e = 0; e < net.edge_count(); ++e) {
        const auto u = net.edge_tail()[e], v = net.edge_head()[e];
        const auto f = net.edge_forward_seconds()[e], b = net.edge_backward_seconds()[e];
        // pgRouting: a negative cost means "not allowed in this direction"; ids are 1-based.
        out << e + 1 << ',' << u + 1 << ',' << v + 1 << ',' << (std::isfinite(f) ? f : -1.0) << ','
            << (std::isfinite(b) ? b : -1.0) << ',' << net.node_xy()[u].x << ',' << net.node_xy()[u].y << ','
            << net.node_xy()[v].x << ',' << net.node_xy()[v].y << '\n';
    }
    // The node nearest to the origin (pgr_drivingDistance starts from a vertex).
    routing::NodeId best = 0;
    double best_d = INFINITY;
    for (routing::NodeId v = 0; v < net.node_count(); ++v) {
        const double d = std::hypot(net.node_xy()[v].x - origin().x, net.node_xy()[v].y - origin().y);
        if (d < best_d) best_d = d, best = v;
    }
    std::ofstream(std::string(path) + ".origin") << best + 1 << "\n";
    std::cerr << "exported " << net.edge_count() << " edges; origin vertex " << best + 1 << "\n";
}

// See the file comment. Edges whose two directions have different times (none with the
// bundled car profile) cannot be given one QGIS speed: the export refuses them.
int export_lines(const char* path) {
    const auto& net = andorra();
    GDALDatasetUniquePtr ds = create_vector(path, "GPKG");
    OGRSpatialReference l93;
    l93.importFromEPSG(2154);
    OGRLayer* layer = ds->CreateLayer("edges", &l93, wkbLineString, nullptr);
    for (const auto& [name, type] : std::vector<std::pair<const char*, OGRFieldType>>{
             {"edge", OFTInteger}, {"dir", OFTString}, {"speed_kmh", OFTReal}, {"fwd_s", OFTReal}, {"bwd_s", OFTReal}}) {
        OGRFieldDefn field(name, type);
        layer->CreateField(&field);
    }
    if (layer->StartTransaction() != OGRERR_NONE) return 1;
    for (routing::EdgeId e = 0; e < net.edge_count(); ++e) {
        const auto shape = net.edge_shape(e);
        OGRLineString line;
        double length = 0.0;
        for (std::size_t k = 0; k < shape.size(); ++k) {
            line.addPoint(shape[k].x, shape[k].y);
            if (k > 0) length += std::hypot(shape[k].x - shape[k - 1].x, shape[k].y - shape[k - 1].y);
        }
        const double f = net.edge_forward_seconds()[e], b = net.edge_backward_seconds()[e];
        if (std::isfinite(f) && std::isfinite(b) && std::abs(f - b) > 1e-3 * f) {
            std::cerr << "edge " << e << " has different forward and backward times\n";
            return 1;
        }
        const double seconds = std::isfinite(f) ? f : b;
        OGRFeature feature(layer->GetLayerDefn());
        feature.SetField("edge", static_cast<int>(e));
        feature.SetField("dir", std::isfinite(f) && std::isfinite(b) ? "T" : std::isfinite(f) ? "F" : "B");
        feature.SetField("speed_kmh", seconds > 0 ? 3.6 * length / seconds : 1e6);
        feature.SetField("fwd_s", std::isfinite(f) ? f : -1.0);
        feature.SetField("bwd_s", std::isfinite(b) ? b : -1.0);
        feature.SetGeometry(&line);
        if (layer->CreateFeature(&feature) != OGRERR_NONE) return 1;
    }
    if (layer->CommitTransaction() != OGRERR_NONE) return 1;
    std::ofstream(std::string(path) + ".origin") << std::setprecision(12) << origin().x << ',' << origin().y << "\n";

    // Our reached road length within 900 s from the origin (no walking leg, as QGIS): each edge
    // covered from each end by the fraction the remaining time allows, for the equivalence check.
    routing::SnapOptions no_walk;
    no_walk.walking_speed_m_per_s = 1e12;
    const std::vector<XY> from{origin()};
    const auto r = routing::nearest_source_times(net, from, {}, routing::Direction::from_source, 900.0, no_walk);
    double reached_m = 0.0;
    for (routing::EdgeId e = 0; e < net.edge_count(); ++e) {
        const auto shape = net.edge_shape(e);
        double length = 0.0;
        for (std::size_t k = 1; k < shape.size(); ++k)
            length += std::hypot(shape[k].x - shape[k - 1].x, shape[k].y - shape[k - 1].y);
        const double tu = r.node_seconds[net.edge_tail()[e]], tv = r.node_seconds[net.edge_head()[e]];
        const double f = net.edge_forward_seconds()[e], b = net.edge_backward_seconds()[e];
        const double from_tail = std::isfinite(tu) && std::isfinite(f) ? std::clamp((900.0 - tu) / f, 0.0, 1.0) : 0.0;
        const double from_head = std::isfinite(tv) && std::isfinite(b) ? std::clamp((900.0 - tv) / b, 0.0, 1.0) : 0.0;
        reached_m += length * std::min(1.0, from_tail + from_head);
    }
    std::ofstream(std::string(path) + ".reached_km") << std::fixed << std::setprecision(1) << reached_m / 1000.0 << "\n";
    std::cerr << "exported " << net.edge_count() << " polylines\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (const char* path = std::getenv("MAILLAGE_EXPORT_LINES"); path != nullptr && *path != '\0') {
        return export_lines(path);
    }
    if (const char* path = std::getenv("MAILLAGE_EXPORT_EDGES"); path != nullptr && *path != '\0') {
        export_edges(path);
        return 0;
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
