// P5: graph build time and memory (issue #4 §6: ≥ 10⁶ nodes in ≤ 10 s and ≤ 300 MB).
//
// BM_P5_SyntheticBuild/<side>/<bends>: a department-scale synthetic road graph, side × side
// nodes (1024² = 1 048 576), made like a real one is seen by RoadNetwork::build:
//  - nodes on a 120 m grid (a 123 km square, the size of the Pas-de-Calais), each moved by up
//    to ±36 m in x and y (fixed seed);
//  - edges to the right and upper neighbours, each present with probability 0.97 (dead ends and
//    some nodes cut off, so the largest-SCC filter has work), plus one random diagonal per node
//    with probability 0.10;
//  - 5 % of the edges one-way (random direction); speed by class: a "primary" road every 16th
//    row and column at 80 km/h, every 64th at 110 km/h, others 50 km/h (urban cores) or
//    30 km/h; length = 1.05 × straight distance;
//  - `bends` intermediate polyline points per edge (0 or 3: OSM edges between junctions carry a
//    few shape points; they weigh on memory through the geometry kept for drawing and snapping).
// Timed (manual time; Google Benchmark's CPU column also counts the input generation, use the
// build_cpu_s counter): RoadNetwork::build() alone — largest SCC, renumbering, forward and
// backward CSR, extent, snap index. The EdgeList is generated before the clock starts (a
// loader would hold it too), so the peak memory counts it.
// The EdgeList is moved into RoadNetwork::build, which consumes it as a loader's output would
// be: its edge arrays become the network's (compacted in place) and the rest is released as
// soon as it has been read.
// Counters: build_s (wall clock), build_cpu_s (on-CPU time of the build alone); peak_rss_MiB
// (VmHWM of the process, reset just before generating the input, i.e. input + build + result
// at their peak); maxrss_MiB (getrusage ru_maxrss: the process's peak since it started, the
// same figure for the first benchmark run); baseline_MiB (RSS before generating); input_MiB
// (RSS growth from generating the EdgeList); network_MiB (RSS growth retained by the built
// network once the input is released).
//
// network_bytes_MiB: RoadNetwork::memory_bytes() (the arrays' exact size, allocator overhead
// excluded). BM_P5_PeerAdjacencyLists: in-process peer, the same arcs as vector-of-vector
// adjacency lists (no SCC, no geometry, no index).
// BM_P5_CapsoLattice: the network the product uses today for the CAPSO, built by
// routing::open_routing_network() (reads population_grid from the database, then the lattice
// model and RoadNetwork::build); the database comes from bench_support.h.
// BM_P5_CapsoLatticeInMemory: the same from cells already read (build_lattice_network only).
// BM_P5_OsmAndorra: load_osm_network on tests/data/osm/andorra-2025-01-19.osm.pbf (libosmium
// read of a 3 MB PBF + build).
#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

#include "bench/bench_support.h"
#include "bench/synthetic_department.h"
#include "geo/db/project_db.h"
#include "geo/routing/lattice.h"
#include "geo/routing/network_source.h"
#include "geo/routing/osm_loader.h"
#include "geo/routing/profile_table.h"
#include "geo/routing/road_network.h"
#include "geo/routing/snap.h"

using namespace maillage::geo;
using maillage::bench::BenchDatabase;
using maillage::bench::Clock;
using maillage::bench::ms_since;
using maillage::bench::synthetic_department;

namespace {

void BM_P5_SyntheticBuild(benchmark::State& state) {
    const auto side = static_cast<int>(state.range(0));
    const auto bends = static_cast<int>(state.range(1));
    double peak = 0, baseline = 0, input = 0, retained = 0, build_s = 0, build_cpu_s = 0;
    std::uint32_t nodes = 0, arcs = 0, input_edges = 0;
    std::size_t network_bytes = 0, snap_bytes = 0;
    double snap_bucket_m = 0;
    const bool reset_ok = maillage::bench::reset_peak_rss();
    for (auto _ : state) {
        maillage::bench::reset_peak_rss();
        baseline = maillage::bench::rss_mib();
        routing::EdgeList el = synthetic_department(side, bends);
        input_edges = static_cast<std::uint32_t>(el.edge_count());
        input = maillage::bench::rss_mib() - baseline;
        routing::NetworkMetadata meta;
        meta.source = "synthetic department graph";
        meta.profile = "car";
        const auto t0 = Clock::now();
        const double c0 = maillage::bench::process_cpu_seconds();
        routing::RoadNetwork net = routing::RoadNetwork::build(std::move(el), std::move(meta));
        build_cpu_s = maillage::bench::process_cpu_seconds() - c0;
        build_s = ms_since(t0) / 1000.0;
        state.SetIterationTime(build_s);
        peak = maillage::bench::peak_rss_mib();
        retained = maillage::bench::rss_mib() - baseline;
        nodes = net.node_count();
        arcs = net.arc_count();
        network_bytes = net.memory_bytes();
        snap_bytes = net.snap_index().memory_bytes();
        snap_bucket_m = net.snap_index().bucket_size_m();
        benchmark::DoNotOptimize(net.first_out().data());
    }
    state.counters["network_bytes_MiB"] = double(network_bytes) / (1024.0 * 1024.0);
    state.counters["snap_index_MiB"] = double(snap_bytes) / (1024.0 * 1024.0);
    state.counters["snap_bucket_m"] = snap_bucket_m;
    state.counters["input_nodes"] = double(side) * side;
    state.counters["input_edges"] = input_edges;
    state.counters["nodes"] = nodes;
    state.counters["arcs"] = arcs;
    state.counters["build_s"] = build_s;
    state.counters["build_cpu_s"] = build_cpu_s;
    state.counters["peak_rss_MiB"] = peak;
    state.counters["baseline_MiB"] = baseline;
    state.counters["input_MiB"] = input;
    state.counters["network_MiB"] = retained;
    // getrusage: the whole process's peak so far (not resettable; for the first benchmark of
    // the run it is this build's peak, including the program's own start-up).
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    state.counters["maxrss_MiB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;
    if (!reset_ok) state.SetLabel("VmHWM reset refused: peak is the whole process's");
}
BENCHMARK(BM_P5_SyntheticBuild)
    ->Args({1024, 0})
    ->Args({1024, 3})
    ->ArgNames({"side", "bends"})
    ->UseManualTime()
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

/// In-process peer (from the routing branch's first version of this bench): the same arcs as
/// std::vector<std::vector<arc>> out- and in-lists, what a naive implementation would hold —
/// no SCC filter, no renumbering, no geometry, no snap index. Same counters.
void BM_P5_PeerAdjacencyLists(benchmark::State& state) {
    const auto side = static_cast<int>(state.range(0));
    const auto bends = static_cast<int>(state.range(1));
    struct Arc {
        routing::NodeId head;
        float seconds;
    };
    double peak = 0, baseline = 0, build_s = 0, build_cpu_s = 0;
    std::size_t bytes = 0;
    for (auto _ : state) {
        maillage::bench::reset_peak_rss();
        baseline = maillage::bench::rss_mib();
        const routing::EdgeList input = synthetic_department(side, bends);
        const auto t0 = Clock::now();
        const double c0 = maillage::bench::process_cpu_seconds();
        std::vector<std::vector<Arc>> out(input.node_xy.size()), in(input.node_xy.size());
        for (std::size_t e = 0; e < input.edge_count(); ++e) {
            const routing::NodeId u = input.edge_tail[e], v = input.edge_head[e];
            const float f = input.edge_forward_seconds[e], b = input.edge_backward_seconds[e];
            if (std::isfinite(f)) out[u].push_back({v, f}), in[v].push_back({u, f});
            if (std::isfinite(b)) out[v].push_back({u, b}), in[u].push_back({v, b});
        }
        build_cpu_s = maillage::bench::process_cpu_seconds() - c0;
        build_s = ms_since(t0) / 1000.0;
        state.SetIterationTime(build_s);
        peak = maillage::bench::peak_rss_mib();
        bytes = 2 * out.size() * sizeof(std::vector<Arc>);
        for (const auto& l : out) bytes += l.capacity() * sizeof(Arc);
        for (const auto& l : in) bytes += l.capacity() * sizeof(Arc);
        benchmark::DoNotOptimize(out.data());
        benchmark::DoNotOptimize(in.data());
    }
    state.counters["build_s"] = build_s;
    state.counters["build_cpu_s"] = build_cpu_s;
    state.counters["peak_rss_MiB"] = peak;
    state.counters["baseline_MiB"] = baseline;
    state.counters["graph_only_MiB"] = double(bytes) / (1024.0 * 1024.0);
}
BENCHMARK(BM_P5_PeerAdjacencyLists)
    ->Args({1024, 0})
    ->ArgNames({"side", "bends"})
    ->UseManualTime()
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

void BM_P5_CapsoLattice(benchmark::State& state) {
    const BenchDatabase& database = BenchDatabase::instance();
    std::uint32_t nodes = 0, arcs = 0;
    std::size_t bytes = 0;
    for (auto _ : state) {
        const routing::RoadNetwork net = routing::open_routing_network(database.path(), routing::Profile::car);
        nodes = net.node_count();
        arcs = net.arc_count();
        bytes = net.memory_bytes();
        benchmark::DoNotOptimize(net.first_out().data());
    }
    state.counters["nodes"] = nodes;
    state.counters["arcs"] = arcs;
    state.counters["network_bytes_MiB"] = double(bytes) / (1024.0 * 1024.0);
}
BENCHMARK(BM_P5_CapsoLattice)->Unit(benchmark::kMillisecond);

void BM_P5_CapsoLatticeInMemory(benchmark::State& state) {
    const auto db = db::ProjectDatabase::open(BenchDatabase::instance().path());
    std::vector<routing::LatticeCell> cells;
    routing::Box3035 capso{INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (const db::PopulationCell& c : db.population_grid(false)) {
        cells.push_back({c.x_3035, c.y_3035, c.ind.value_or(0.0)});
        if (!c.in_capso) continue;
        capso.min_x = std::min(capso.min_x, double(c.x_3035));
        capso.min_y = std::min(capso.min_y, double(c.y_3035));
        capso.max_x = std::max(capso.max_x, double(c.x_3035));
        capso.max_y = std::max(capso.max_y, double(c.y_3035));
    }
    const auto params = routing::LatticeParameters::load_default(routing::Profile::car);
    const routing::PopulationSource source{"INSEE Filosofi 2021 200 m grid", "2021", "INSEE, Licence Ouverte / Etalab 2.0"};
    std::uint32_t nodes = 0;
    for (auto _ : state) {
        const routing::RoadNetwork net = routing::build_lattice_network(cells, params, source, capso);
        nodes = net.node_count();
        benchmark::DoNotOptimize(net.first_out().data());
    }
    state.counters["cells_read"] = static_cast<double>(cells.size());
    state.counters["nodes"] = nodes;
}
BENCHMARK(BM_P5_CapsoLatticeInMemory)->Unit(benchmark::kMillisecond);

void BM_P5_OsmAndorra(benchmark::State& state) {
    const auto table = routing::ProfileTable::load_default(routing::Profile::car);
    const std::filesystem::path file =
        std::filesystem::path(MAILLAGE_SOURCE_DIR) / "tests/data/osm/andorra-2025-01-19.osm.pbf";
    std::uint32_t nodes = 0;
    for (auto _ : state) {
        const routing::RoadNetwork net = routing::load_osm_network(file, table);
        nodes = net.node_count();
        benchmark::DoNotOptimize(net.first_out().data());
    }
    state.counters["nodes"] = nodes;
}
BENCHMARK(BM_P5_OsmAndorra)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
