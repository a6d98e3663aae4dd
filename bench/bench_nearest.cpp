// P1: time to the nearest facility for every populated 200 m cell, all facilities of one type
// in ONE multi-source pass (issue #4 §6, target ≤ 20 ms), on two graphs:
//
//  - capso_lattice: the network the product uses today for the CAPSO — the lattice fallback
//    model (geo/routing/lattice.h, data/profiles/lattice.json, car profile) built by
//    routing::open_routing_network() from the project database, exactly as `maillage coverage`
//    gets it when no real network was imported. Targets: the CAPSO cells of
//    `population_grid` with ind > 0 (INSEE Filosofi 2021); sources: the facilities of the
//    family (ALSH, EAJE) from the `facilities` layer (geo::FacilitySelection, like
//    `maillage coverage --type X`).
//  - andorra_osm: a real OpenStreetMap graph (tests/data/osm/andorra-2025-01-19.osm.pbf, car
//    profile, data/profiles/car.json, one-ways kept). Andorra has no population grid here, so
//    the targets are the centres of the 200 m Lambert-93 grid cells lying within 300 m of a
//    road (a stand-in for "populated cells", labelled as such), and the sources are as many
//    target cells as the CAPSO has ALSH facilities, drawn with a fixed seed.
//
// The database: $MAILLAGE_BENCH_DB when set (any database made by `maillage build-db`),
// otherwise the bench builds one from data/sources/ into a temporary directory with the same
// code as `maillage build-db` (geo::db::build_project_database) and removes it at exit.
//
// What each benchmark times (wall clock, release build, one thread):
//  - BM_P1_NearestQuery: NearestSourceQuery::run() as `maillage coverage` calls it: snapping
//    the facilities, snapping every cell, the multi-source Dijkstra (reverse graph: time from
//    the cell to the facility; NodeTimes::none: it stops once every cell's edge ends are
//    settled), the walking legs and partial edges, and the per-cell results. Argument: bound in
//    seconds (0 = unbounded, as the CLI).
//  - BM_P1_NearestQueryNodeTimes: the same, also searching to the end and filling every
//    node's time and nearest source (NodeTimes::all, what isochrones and maps use).
//  - BM_P1_NearestPresnapped: BM_P1_NearestQuery with the cells snapped once beforehand
//    (snap_points; cells do not change between facility selections): snapping the facilities
//    + run().
//  - BM_P1_SearchOnly: the multi-source Dijkstra alone from facilities snapped beforehand.
//  - BM_P1_SnapTargets: snapping every cell alone (the part that does not depend on the
//    facilities and could be cached between queries).
//  - BM_P1_SnapSynthetic/bends:B: snapping 100,000 points drawn uniformly (fixed seed) over the
//    synthetic department of bench_graph_build (1024 × 1024 nodes, B intermediate polyline
//    points per edge; built on first use, ≈ 3 s and 350 MiB), radius 2000 m: the snap index at
//    department scale, where it no longer fits in the caches.
//  - BM_P1_PeerTextbookDijkstra: in-process peer, a textbook Dijkstra (std::priority_queue,
//    adjacency lists) answering the same question from pre-snapped points.
//  - BM_P1_VertexSources: the like-for-like counterpart of pgRouting's
//    pgr_drivingDistance(edges, facility vertices, bound, directed, equicost := true): the
//    same graph, the same start vertices (node nearest to each facility), the same bound, every
//    reached node's time and nearest start copied out. bench/pgrouting/bench_p1.sh runs the peer
//    and this program in the same session and prints the ratios.
//
// Environment: MAILLAGE_DUMP_SNAPS=DIR writes every snap answer of the snapping benchmarks
// (cells, plus 20,000 uniform points at radius 2000 m on the real graphs) to
// DIR/<graph>-snaps.txt (edge, fraction, point, distance as hexadecimal floats), then exits:
// two builds of the index can be compared with `cmp` (the snap is exact, answers must not move).
// MAILLAGE_EXPORT_P1=DIR writes, for the peer script, the graphs
// (DIR/<graph>-edges.csv: id,source,target,cost,reverse_cost in seconds, -1 = forbidden,
// 1-based ids as `maillage network export-graph`), the start vertices
// (DIR/<graph>-<type>-sources.txt, comma-separated) and our node times for the same question
// (DIR/<graph>-<type>-<bound>-ours.csv: node,agg_cost), then exits.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <queue>
#include <random>
#include <string>
#include <vector>

#include "bench/bench_support.h"
#include "bench/synthetic_department.h"
#include "geo/core/crs.h"
#include "geo/coverage/facility_selection.h"
#include "geo/db/project_db.h"
#include "geo/routing/dijkstra.h"
#include "geo/routing/nearest.h"
#include "geo/routing/network_source.h"
#include "geo/routing/osm_loader.h"
#include "geo/routing/profile_table.h"
#include "geo/routing/road_network.h"
#include "geo/routing/snap.h"

using namespace maillage::geo;
namespace fs = std::filesystem;

namespace {

using maillage::bench::BenchDatabase;
using maillage::bench::Clock;
using maillage::bench::ms_since;

// ------------------------------------------------------------------------------ inputs

/// One graph with its P1 question(s): targets (cells) and, per facility type, sources.
struct Scenario {
    std::string name;
    std::unique_ptr<routing::RoadNetwork> network;
    double network_ms = 0;         ///< time to obtain the network (read/build), for the record
    std::vector<XY> targets;       ///< cell centres, EPSG:2154
    std::map<std::string, std::vector<XY>> sources;  ///< per facility type, EPSG:2154
};

const std::vector<std::string>& facility_types() {
    static const std::vector<std::string> types{"ALSH", "EAJE"};
    return types;
}

/// Which priority queue Dijkstra picks on this graph, with the arc-time range that decides it.
std::string queue_description(const routing::RoadNetwork& net) {
    const routing::Dijkstra dij(net, routing::Direction::to_source);
    char text[160];
    std::snprintf(text, sizeof text, "arcs %.3g-%.4g s -> %s", double(net.min_arc_seconds()), double(net.max_arc_seconds()),
                  dij.queue_kind() == routing::QueueKind::buckets     ? "bucket queue"
                  : dij.queue_kind() == routing::QueueKind::two_level ? "two-level queue"
                                                                      : "4-ary heap");
    return text;
}

Scenario make_capso_lattice() {
    const BenchDatabase& database = BenchDatabase::instance();
    Scenario s;
    s.name = "capso_lattice";
    const auto t0 = Clock::now();
    // Exactly what `maillage coverage` routes on when no network was imported.
    s.network = std::make_unique<routing::RoadNetwork>(
        routing::open_routing_network(database.path(), routing::Profile::car));
    s.network_ms = ms_since(t0);
    const auto db = db::ProjectDatabase::open(database.path());
    for (const db::PopulationCell& c : db.population_grid(true))
        if (c.ind.value_or(0.0) > 0.0) s.targets.push_back({c.x, c.y});
    const std::vector<db::Facility> all = db.facilities();
    for (const std::string& type : facility_types()) {
        FacilitySelection selection;
        selection.types = {type};
        for (const db::Facility& f : selection.apply(all)) s.sources[type].push_back({f.x, f.y});
    }
    std::fprintf(stderr, "capso_lattice: database %s; %u nodes, %u arcs (network in %.0f ms), %s; %zu populated cells",
                 database.origin().c_str(), s.network->node_count(), s.network->arc_count(), s.network_ms,
                 queue_description(*s.network).c_str(), s.targets.size());
    for (const auto& [type, xy] : s.sources) std::fprintf(stderr, "; %zu %s", xy.size(), type.c_str());
    std::fprintf(stderr, "\n");
    return s;
}

Scenario make_andorra(std::size_t source_count) {
    Scenario s;
    s.name = "andorra_osm";
    const auto t0 = Clock::now();
    s.network = std::make_unique<routing::RoadNetwork>(routing::load_osm_network(
        fs::path(MAILLAGE_SOURCE_DIR) / "tests/data/osm/andorra-2025-01-19.osm.pbf",
        routing::ProfileTable::load_default(routing::Profile::car)));
    s.network_ms = ms_since(t0);
    const routing::RoadNetwork& net = *s.network;
    // 200 m cells of the Lambert-93 grid over the network's box, kept when within 300 m of a road.
    const double size = 200.0;
    for (double y = std::floor(net.min_xy().y / size) * size; y < net.max_xy().y; y += size)
        for (double x = std::floor(net.min_xy().x / size) * size; x < net.max_xy().x; x += size) {
            const XY centre{x + size / 2, y + size / 2};
            if (net.snap_index().snap(centre, 300.0)) s.targets.push_back(centre);
        }
    std::mt19937 rng(20261129);
    std::uniform_int_distribution<std::size_t> pick(0, s.targets.size() - 1);
    for (const std::string& type : facility_types()) {
        auto& src = s.sources[type];
        for (std::size_t k = 0; k < source_count; ++k) src.push_back(s.targets[pick(rng)]);
    }
    std::fprintf(stderr, "andorra_osm: %u nodes, %u arcs (loaded in %.0f ms), %s; %zu cells within 300 m of a road; "
                 "%zu random sources per type\n",
                 net.node_count(), net.arc_count(), s.network_ms, queue_description(net).c_str(), s.targets.size(),
                 source_count);
    return s;
}

std::vector<Scenario>& scenarios() {
    static std::vector<Scenario> all = [] {
        std::vector<Scenario> v;
        v.push_back(make_capso_lattice());
        v.push_back(make_andorra(v.front().sources.at("ALSH").size()));
        return v;
    }();
    return all;
}

/// The start vertices pgRouting gets for facilities: the node nearest to each (pgRouting starts
/// from vertices; ties to the lowest id), sorted, without duplicates (two facilities nearest to
/// the same node are one start; pgRouting would return that node's rows twice).
std::vector<routing::NodeId> nearest_vertices(const routing::RoadNetwork& net, const std::vector<XY>& points) {
    std::vector<routing::NodeId> out;
    for (const XY& p : points) {
        routing::NodeId best = 0;
        double best_d2 = INFINITY;
        for (routing::NodeId v = 0; v < net.node_count(); ++v) {
            const double dx = net.node_xy()[v].x - p.x, dy = net.node_xy()[v].y - p.y;
            if (dx * dx + dy * dy < best_d2) best_d2 = dx * dx + dy * dy, best = v;
        }
        out.push_back(best);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

double bound_seconds(std::int64_t arg) { return arg > 0 ? static_cast<double>(arg) : routing::kInfSeconds; }

// ------------------------------------------------------------------------------ benchmarks

void BM_P1_NearestQuery(benchmark::State& state, std::size_t scenario, const std::string& type,
                        routing::NodeTimes node_times) {
    const Scenario& s = scenarios().at(scenario);
    const auto& sources = s.sources.at(type);
    const double bound = bound_seconds(state.range(0));
    routing::NearestSourceQuery query(*s.network, routing::Direction::to_source);
    routing::NearestResult r;
    for (auto _ : state) {
        r = query.run(sources, s.targets, bound, {}, node_times);
        benchmark::DoNotOptimize(r.seconds.data());
    }
    // Meaning, not just speed: how many cells are within 15 minutes, and the worst cell.
    double within15 = 0, worst = 0;
    for (double t : r.seconds) {
        within15 += t <= 900.0 ? 1 : 0;
        if (std::isfinite(t)) worst = std::max(worst, t);
    }
    state.counters["cells"] = static_cast<double>(s.targets.size());
    state.counters["sources"] = static_cast<double>(sources.size());
    state.counters["nodes"] = s.network->node_count();
    state.counters["arcs"] = s.network->arc_count();
    state.counters["settled"] = static_cast<double>(query.dijkstra().settled_nodes().size());
    state.counters["share_le_15min"] = within15 / static_cast<double>(s.targets.size());
    state.counters["max_min"] = worst / 60.0;
}

/// The same query with the cells snapped once beforehand (they do not change between facility
/// selections): per iteration, snapping the facilities + NearestSourceQuery::run(SnappedPoints).
void BM_P1_NearestPresnapped(benchmark::State& state, std::size_t scenario, const std::string& type) {
    const Scenario& s = scenarios().at(scenario);
    const auto& sources = s.sources.at(type);
    const double bound = bound_seconds(state.range(0));
    const routing::SnappedPoints cells = routing::snap_points(*s.network, s.targets);
    routing::NearestSourceQuery query(*s.network, routing::Direction::to_source);
    routing::NearestResult r;
    for (auto _ : state) {
        const routing::SnappedPoints facilities = routing::snap_points(*s.network, sources);
        r = query.run(facilities, cells, bound, routing::NodeTimes::none);
        benchmark::DoNotOptimize(r.seconds.data());
    }
    double within15 = 0;
    for (double t : r.seconds) within15 += t <= 900.0 ? 1 : 0;
    state.counters["share_le_15min"] = within15 / static_cast<double>(s.targets.size());
}

void BM_P1_SearchOnly(benchmark::State& state, std::size_t scenario, const std::string& type) {
    const Scenario& s = scenarios().at(scenario);
    const routing::RoadNetwork& net = *s.network;
    const double bound = bound_seconds(state.range(0));
    const routing::SnapOptions options;
    struct Seed {
        routing::NodeId node;
        double seconds;
        std::int32_t label;
    };
    std::vector<Seed> seeds;
    const auto& sources = s.sources.at(type);
    for (std::size_t k = 0; k < sources.size(); ++k) {
        const auto pos = net.snap_index().snap(sources[k], options.max_snap_distance_m);
        if (!pos) continue;
        const double walk = options.walking_seconds(pos->distance_m);
        const auto ends = routing::position_to_ends(net, *pos, routing::Direction::to_source);
        const auto label = static_cast<std::int32_t>(k);
        if (std::isfinite(ends.tail)) seeds.push_back({net.edge_tail()[pos->edge], walk + ends.tail, label});
        if (std::isfinite(ends.head)) seeds.push_back({net.edge_head()[pos->edge], walk + ends.head, label});
    }
    routing::Dijkstra dij(net, routing::Direction::to_source);
    for (auto _ : state) {
        dij.reset();
        for (const Seed& seed : seeds) dij.add_source(seed.node, seed.seconds, seed.label);
        dij.run(bound);
        benchmark::DoNotOptimize(dij.settled_nodes().data());
    }
    state.counters["settled"] = static_cast<double>(dij.settled_nodes().size());
    state.counters["nodes"] = net.node_count();
}

void BM_P1_SnapTargets(benchmark::State& state, std::size_t scenario) {
    const Scenario& s = scenarios().at(scenario);
    const routing::SnapIndex& index = s.network->snap_index();
    const double radius = routing::SnapOptions{}.max_snap_distance_m;
    for (auto _ : state) {
        double sum = 0;
        for (const XY& p : s.targets)
            if (const auto pos = index.snap(p, radius)) sum += pos->distance_m;
        benchmark::DoNotOptimize(sum);
    }
    state.counters["cells"] = static_cast<double>(s.targets.size());
    state.counters["bucket_m"] = index.bucket_size_m();
}

/// The synthetic department with `bends` polyline points per edge and its 100,000 query points
/// (uniform over the network's box, fixed seed), built once per process.
struct SyntheticSnapCase {
    std::unique_ptr<routing::RoadNetwork> network;
    std::vector<XY> points;
};
const SyntheticSnapCase& synthetic_snap_case(int bends) {
    static std::map<int, SyntheticSnapCase> cases;
    auto [it, inserted] = cases.try_emplace(bends);
    if (inserted) {
        routing::NetworkMetadata meta;
        meta.source = "synthetic department graph";
        meta.profile = "car";
        it->second.network = std::make_unique<routing::RoadNetwork>(
            routing::RoadNetwork::build(maillage::bench::synthetic_department(1024, bends), meta));
        const routing::RoadNetwork& net = *it->second.network;
        std::mt19937_64 rng(2026'11'29);
        std::uniform_real_distribution<double> x(net.min_xy().x, net.max_xy().x), y(net.min_xy().y, net.max_xy().y);
        for (int k = 0; k < 100'000; ++k) it->second.points.push_back({x(rng), y(rng)});
    }
    return it->second;
}

void BM_P1_SnapSynthetic(benchmark::State& state) {
    const SyntheticSnapCase& c = synthetic_snap_case(static_cast<int>(state.range(0)));
    const routing::SnapIndex& index = c.network->snap_index();
    const double radius = routing::SnapOptions{}.max_snap_distance_m;
    double sum = 0;
    for (auto _ : state) {
        sum = 0;
        for (const XY& p : c.points)
            if (const auto pos = index.snap(p, radius)) sum += pos->distance_m;
        benchmark::DoNotOptimize(sum);
    }
    state.counters["points"] = static_cast<double>(c.points.size());
    state.counters["mean_snap_m"] = sum / static_cast<double>(c.points.size());
    state.counters["bucket_m"] = index.bucket_size_m();
    state.counters["index_MiB"] = static_cast<double>(index.memory_bytes()) / (1024.0 * 1024.0);
    state.counters["ns_per_snap"] = benchmark::Counter(static_cast<double>(c.points.size()),
                                                       benchmark::Counter::kIsIterationInvariantRate |
                                                           benchmark::Counter::kInvert);
}

/// In-process peer (from the routing branch's first version of this bench): a textbook
/// multi-source Dijkstra — std::priority_queue with lazy deletion over
/// std::vector<std::vector<arc>> — on the same reverse graph, same snapped sources and cells,
/// followed by the same per-cell combination of the two edge ends. Compare with
/// BM_P1_NearestPresnapped (cells snapped beforehand on both sides).
void BM_P1_PeerTextbookDijkstra(benchmark::State& state, std::size_t scenario, const std::string& type) {
    const Scenario& s = scenarios().at(scenario);
    const routing::RoadNetwork& net = *s.network;
    const double bound = bound_seconds(state.range(0));
    struct Arc {
        routing::NodeId to;
        double seconds;
    };
    std::vector<std::vector<Arc>> reverse(net.node_count());
    for (routing::NodeId v = 0; v < net.node_count(); ++v)
        for (auto a = net.first_out()[v]; a < net.first_out()[v + 1]; ++a)
            reverse[net.out_arcs()[a].node].push_back({v, net.out_arcs()[a].seconds});
    const routing::SnappedPoints cells = routing::snap_points(net, s.targets);
    const routing::SnappedPoints sources = routing::snap_points(net, s.sources.at(type));
    double within15 = 0;
    for (auto _ : state) {
        std::vector<double> dist(net.node_count(), routing::kInfSeconds);
        using Item = std::pair<double, routing::NodeId>;
        std::priority_queue<Item, std::vector<Item>, std::greater<>> pq;
        for (std::size_t k = 0; k < sources.size(); ++k) {
            const routing::EdgePosition& pos = sources.position[k];
            if (pos.edge == routing::kInvalidId) continue;
            const auto ends = routing::position_to_ends(net, pos, routing::Direction::to_source);
            for (auto [node, t] : {std::pair{net.edge_tail()[pos.edge], ends.tail}, std::pair{net.edge_head()[pos.edge], ends.head}})
                if (sources.walk_seconds[k] + t < dist[node]) {
                    dist[node] = sources.walk_seconds[k] + t;
                    pq.push({dist[node], node});
                }
        }
        while (!pq.empty()) {
            const auto [d, u] = pq.top();
            pq.pop();
            if (d > dist[u]) continue;
            if (d > bound) break;
            for (const Arc& a : reverse[u])
                if (d + a.seconds < dist[a.to]) {
                    dist[a.to] = d + a.seconds;
                    pq.push({dist[a.to], a.to});
                }
        }
        within15 = 0;
        for (std::size_t t = 0; t < cells.size(); ++t) {
            const routing::EdgePosition& p = cells.position[t];
            if (p.edge == routing::kInvalidId) continue;
            const double g = p.fraction;
            const double best = std::min(dist[net.edge_head()[p.edge]] + (1 - g) * net.edge_forward_seconds()[p.edge],
                                         dist[net.edge_tail()[p.edge]] + g * net.edge_backward_seconds()[p.edge]) +
                                cells.walk_seconds[t];
            within15 += best <= 900.0 ? 1 : 0;
        }
        benchmark::DoNotOptimize(within15);
    }
    state.counters["share_le_15min"] = within15 / static_cast<double>(s.targets.size());
}

/// pgr_drivingDistance's work: start vertices, bound, every reached node's time and start out.
struct NodeRow {
    routing::NodeId node;
    routing::NodeId start;
    double seconds;
};
void vertex_sources_search(routing::Dijkstra& dij, const std::vector<routing::NodeId>& starts, double bound,
                           std::vector<NodeRow>& rows) {
    dij.reset();
    for (std::size_t k = 0; k < starts.size(); ++k) dij.add_source(starts[k], 0.0, static_cast<std::int32_t>(k));
    dij.run(bound);
    rows.clear();
    for (routing::NodeId v : dij.settled_nodes())
        rows.push_back({v, starts[static_cast<std::size_t>(dij.source_label(v))], dij.seconds(v)});
}

void BM_P1_VertexSources(benchmark::State& state, std::size_t scenario, const std::string& type) {
    const Scenario& s = scenarios().at(scenario);
    const std::vector<routing::NodeId> starts = nearest_vertices(*s.network, s.sources.at(type));
    const double bound = bound_seconds(state.range(0));
    routing::Dijkstra dij(*s.network, routing::Direction::to_source);
    std::vector<NodeRow> rows;
    rows.reserve(s.network->node_count());
    for (auto _ : state) {
        vertex_sources_search(dij, starts, bound, rows);
        benchmark::DoNotOptimize(rows.data());
    }
    state.counters["rows"] = static_cast<double>(rows.size());
}

void register_all() {
    for (std::size_t k = 0; k < scenarios().size(); ++k) {
        const std::string& g = scenarios()[k].name;
        for (const std::string& type : facility_types()) {
            const std::string suffix = "/" + g + "/" + type;
            benchmark::RegisterBenchmark(("BM_P1_NearestQuery" + suffix).c_str(), BM_P1_NearestQuery, k, type,
                                         routing::NodeTimes::none)
                ->Arg(0)->Arg(900)->Unit(benchmark::kMillisecond);
            benchmark::RegisterBenchmark(("BM_P1_NearestQueryNodeTimes" + suffix).c_str(), BM_P1_NearestQuery, k, type,
                                         routing::NodeTimes::all)
                ->Arg(0)->Arg(900)->Unit(benchmark::kMillisecond);
            benchmark::RegisterBenchmark(("BM_P1_NearestPresnapped" + suffix).c_str(), BM_P1_NearestPresnapped, k, type)
                ->Arg(0)->Arg(900)->Unit(benchmark::kMillisecond);
            benchmark::RegisterBenchmark(("BM_P1_SearchOnly" + suffix).c_str(), BM_P1_SearchOnly, k, type)
                ->Arg(0)->Arg(900)->Unit(benchmark::kMillisecond);
            benchmark::RegisterBenchmark(("BM_P1_VertexSources" + suffix).c_str(), BM_P1_VertexSources, k, type)
                ->Arg(0)->Arg(900)->Unit(benchmark::kMillisecond);
        }
        for (const std::string& type : facility_types())
            benchmark::RegisterBenchmark(("BM_P1_PeerTextbookDijkstra/" + g + "/" + type).c_str(), BM_P1_PeerTextbookDijkstra, k, type)
                ->Arg(0)->Arg(900)->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark(("BM_P1_SnapTargets/" + g).c_str(), BM_P1_SnapTargets, k)
            ->Unit(benchmark::kMillisecond);
    }
    benchmark::RegisterBenchmark("BM_P1_SnapSynthetic", BM_P1_SnapSynthetic)
        ->ArgName("bends")->Arg(0)->Arg(3)->Unit(benchmark::kMillisecond);
}

// ------------------------------------------------------------------------------ export

/// Every answer of the snapping benchmarks, exactly (hexadecimal floats), for comparing two
/// builds of the snap index with `cmp`.
void dump_snaps(const fs::path& dir) {
    fs::create_directories(dir);
    auto dump = [&](const std::string& name, const routing::SnapIndex& index, const std::vector<XY>& points,
                    double radius) {
        const fs::path file = dir / (name + "-snaps.txt");
        std::FILE* out = std::fopen(file.c_str(), "w");
        if (out == nullptr) throw std::runtime_error("cannot write " + file.string());
        std::size_t snapped = 0;
        for (const XY& p : points) {
            const auto pos = index.snap(p, radius);
            if (!pos) {
                std::fprintf(out, "%a %a -\n", p.x, p.y);
                continue;
            }
            ++snapped;
            std::fprintf(out, "%a %a %u %a %a %a %a\n", p.x, p.y, pos->edge, pos->fraction, pos->point.x, pos->point.y,
                         pos->distance_m);
        }
        std::fclose(out);
        std::fprintf(stderr, "%s: %zu points, %zu snapped -> %s\n", name.c_str(), points.size(), snapped, file.c_str());
    };
    const double radius = routing::SnapOptions{}.max_snap_distance_m;
    for (const Scenario& s : scenarios()) {
        const routing::RoadNetwork& net = *s.network;
        dump(s.name + "-cells", net.snap_index(), s.targets, radius);
        std::mt19937_64 rng(777);
        std::uniform_real_distribution<double> x(net.min_xy().x - 3000, net.max_xy().x + 3000),
            y(net.min_xy().y - 3000, net.max_xy().y + 3000);
        std::vector<XY> uniform;
        for (int k = 0; k < 20'000; ++k) uniform.push_back({x(rng), y(rng)});
        dump(s.name + "-uniform", net.snap_index(), uniform, radius);
    }
    for (const int bends : {0, 3}) {
        const SyntheticSnapCase& c = synthetic_snap_case(bends);
        dump("synthetic-bends" + std::to_string(bends), c.network->snap_index(), c.points, radius);
    }
}

/// Graph, start vertices and our node times for bench/pgrouting/bench_p1.sh.
void export_for_peer(const fs::path& dir) {
    fs::create_directories(dir);
    for (const Scenario& s : scenarios()) {
        const routing::RoadNetwork& net = *s.network;
        {
            std::ofstream out(dir / (s.name + "-edges.csv"));
            out << "id,source,target,cost,reverse_cost\n";
            out.precision(17);  // the float's exact value, so both sides sum the same numbers
            for (routing::EdgeId e = 0; e < net.edge_count(); ++e) {
                const float f = net.edge_forward_seconds()[e], b = net.edge_backward_seconds()[e];
                out << e + 1 << ',' << net.edge_tail()[e] + 1 << ',' << net.edge_head()[e] + 1 << ','
                    << (std::isfinite(f) ? double(f) : -1.0) << ',' << (std::isfinite(b) ? double(b) : -1.0) << '\n';
            }
            if (!out.flush()) throw std::runtime_error("cannot write " + (dir / (s.name + "-edges.csv")).string());
        }
        routing::Dijkstra dij(net, routing::Direction::to_source);
        std::vector<NodeRow> rows;
        for (const std::string& type : facility_types()) {
            const auto starts = nearest_vertices(net, s.sources.at(type));
            std::ofstream ids(dir / (s.name + "-" + type + "-sources.txt"));
            for (std::size_t k = 0; k < starts.size(); ++k) ids << (k ? "," : "") << starts[k] + 1;
            ids << "\n";
            for (const std::int64_t bound : {std::int64_t{0}, std::int64_t{900}}) {
                vertex_sources_search(dij, starts, bound_seconds(bound), rows);
                std::ofstream out(dir / (s.name + "-" + type + "-" + std::to_string(bound) + "-ours.csv"));
                out << "node,agg_cost\n";
                out.precision(17);
                for (const NodeRow& r : rows) out << r.node + 1 << ',' << r.seconds << '\n';
            }
        }
        std::fprintf(stderr, "exported %s: %u edges\n", s.name.c_str(), net.edge_count());
    }
}

}  // namespace

int main(int argc, char** argv) {
    try {
        if (const char* dir = std::getenv("MAILLAGE_EXPORT_P1"); dir != nullptr && *dir != '\0') {
            export_for_peer(dir);
            return 0;
        }
        if (const char* dir = std::getenv("MAILLAGE_DUMP_SNAPS"); dir != nullptr && *dir != '\0') {
            dump_snaps(dir);
            return 0;
        }
        benchmark::Initialize(&argc, argv);
        if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
        register_all();
        benchmark::RunSpecifiedBenchmarks();
        benchmark::Shutdown();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_nearest: %s\n", e.what());
        return 1;
    }
    return 0;
}
