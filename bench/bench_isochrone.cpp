// P2: one 15-minute isochrone polygon on the Andorra OSM graph (car profile), from graph
// search to valid polygon (cold: pixel snapping included; warm: snaps cached by the engine),
// and the contouring alone. The pgRouting peer (pgr_drivingDistance +
// ST_ConcaveHull on the same edge costs) is measured by bench/pgrouting/isochrone_p2.sh,
// which runs this program in the same session and prints the ratio.
//
// Environment: MAILLAGE_EXPORT_EDGES=FILE.csv writes the graph's arcs (id, source, target,
// cost, reverse_cost in seconds, x1, y1, x2, y2 in EPSG:2154) and the origin's nearest node for
// the peer script, then exits.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "geo/core/crs.h"
#include "geo/isochrone/contour.h"
#include "geo/isochrone/isochrone.h"
#include "geo/isochrone/isochrone_engine.h"
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

// Cold: a fresh engine per query (every pixel of the window is snapped to the network).
void BM_Isochrone15minCold(benchmark::State& state) {
    const auto& net = andorra();
    const IsochroneRequest req = request(static_cast<double>(state.range(0)));
    IsochroneResult last;
    for (auto _ : state) {
        last = compute_isochrones(net, req);
        benchmark::DoNotOptimize(last.levels.front().cumulative.get());
    }
    state.counters["pixels"] = static_cast<double>(last.raster.grid.size());
    state.counters["search_ms"] = last.search_ms;
    state.counters["raster_ms"] = last.raster_ms;
    state.counters["contour_ms"] = last.contour_ms;
    state.counters["area_km2"] = last.levels.front().cumulative_area_m2 / 1e6;
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
    state.counters["pixels"] = static_cast<double>(last.raster.grid.size());
    state.counters["search_ms"] = last.search_ms;
    state.counters["raster_ms"] = last.raster_ms;
    state.counters["contour_ms"] = last.contour_ms;
    state.counters["area_km2"] = last.levels.front().cumulative_area_m2 / 1e6;
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

}  // namespace

int main(int argc, char** argv) {
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
