// P1: time to the nearest facility for every populated 200 m cell of the CAPSO, all open
// facilities of one family, in one multi-source pass (Direction::to_source), on the network the
// CLI would use (imported, or the lattice model: 48,852 nodes, 773,678 arcs). Target: ≤ 20 ms.
//
// Peer measured in the same run: a textbook multi-source Dijkstra (std::priority_queue with
// lazy deletion over std::vector<std::vector<arc>>) on the same reverse graph, followed by the
// same per-cell combination of the two edge ends. (pgRouting's pgr_drivingDistance with
// equicost is timed by bench/pgrouting/bench_p1.sh on the same exported graph.)
//
// Database: $MAILLAGE_DB, else <source>/build/release/test-capso.gpkg (made by ctest's capso_db
// fixture or `maillage build-db --out …`).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <queue>
#include <vector>

#include "geo/db/project_db.h"
#include "geo/routing/nearest.h"
#include "geo/routing/network_source.h"

namespace {

using namespace maillage::geo;
using namespace maillage::geo::routing;

struct Fixture {
    RoadNetwork network;
    std::vector<XY> cells;
    std::vector<XY> facilities;
};

const Fixture& fixture(const std::string& family) {
    static std::map<std::string, std::unique_ptr<Fixture>> cache;
    auto& slot = cache[family];
    if (slot) return *slot;
    const char* env = std::getenv("MAILLAGE_DB");
    const std::filesystem::path db = env && *env ? std::filesystem::path(env)
                                                 : std::filesystem::path(MAILLAGE_SOURCE_DIR) / "build/release/test-capso.gpkg";
    const db::ProjectDatabase database = db::ProjectDatabase::open(db);
    auto f = std::make_unique<Fixture>(Fixture{open_routing_network(db, Profile::car), {}, {}});
    for (const auto& c : database.population_grid(true))
        if (c.ind.value_or(0) > 0) f->cells.push_back({c.x, c.y});
    for (const auto& fac : database.facilities())
        if (fac.family == family && fac.status == "open") f->facilities.push_back({fac.x, fac.y});
    slot = std::move(f);
    return *slot;
}

void BM_NearestFacility_AllCells(benchmark::State& state, const std::string& family, double max_seconds) {
    const Fixture& f = fixture(family);
    NearestSourceQuery query(f.network, Direction::to_source);
    const SnappedPoints targets = snap_points(f.network, f.cells);
    const SnappedPoints sources = snap_points(f.network, f.facilities);
    std::size_t covered = 0;
    for (auto _ : state) {
        const NearestResult r = query.run(sources, targets, max_seconds);
        covered = static_cast<std::size_t>(std::count_if(r.seconds.begin(), r.seconds.end(), [](double s) { return s <= 900.0; }));
        benchmark::DoNotOptimize(r);
    }
    state.counters["cells"] = double(f.cells.size());
    state.counters["facilities"] = double(f.facilities.size());
    state.counters["cells_within_15min"] = double(covered);
    state.counters["nodes"] = f.network.node_count();
    state.SetLabel(f.network.is_approximation() ? "lattice approximation" : f.network.metadata().source);
}

/// Same, including the snapping of cells and facilities in every iteration.
void BM_NearestFacility_WithSnapping(benchmark::State& state, const std::string& family) {
    const Fixture& f = fixture(family);
    NearestSourceQuery query(f.network, Direction::to_source);
    for (auto _ : state) benchmark::DoNotOptimize(query.run(f.facilities, f.cells, kInfSeconds));
}

/// Peer: textbook Dijkstra on adjacency lists, same reverse graph, same sources and targets.
void BM_Peer_TextbookDijkstra(benchmark::State& state, const std::string& family) {
    const Fixture& f = fixture(family);
    const RoadNetwork& net = f.network;
    struct Arc {
        NodeId to;
        double seconds;
    };
    std::vector<std::vector<Arc>> reverse(net.node_count());
    for (NodeId v = 0; v < net.node_count(); ++v)
        for (auto a = net.first_out()[v]; a < net.first_out()[v + 1]; ++a) reverse[net.head()[a]].push_back({v, net.arc_seconds()[a]});
    const SnappedPoints targets = snap_points(net, f.cells);
    const SnappedPoints sources = snap_points(net, f.facilities);
    double checksum = 0;
    for (auto _ : state) {
        std::vector<double> dist(net.node_count(), kInfSeconds);
        using Item = std::pair<double, NodeId>;
        std::priority_queue<Item, std::vector<Item>, std::greater<>> pq;
        for (std::size_t s = 0; s < sources.size(); ++s) {
            const EndSeconds ends = position_to_ends(net, sources.position[s], Direction::to_source);
            for (auto [node, t] : {std::pair{net.edge_tail()[sources.position[s].edge], ends.tail},
                                   std::pair{net.edge_head()[sources.position[s].edge], ends.head}})
                if (sources.walk_seconds[s] + t < dist[node]) {
                    dist[node] = sources.walk_seconds[s] + t;
                    pq.push({dist[node], node});
                }
        }
        while (!pq.empty()) {
            const auto [d, u] = pq.top();
            pq.pop();
            if (d > dist[u]) continue;
            for (const Arc& a : reverse[u])
                if (d + a.seconds < dist[a.to]) {
                    dist[a.to] = d + a.seconds;
                    pq.push({dist[a.to], a.to});
                }
        }
        checksum = 0;
        for (std::size_t t = 0; t < targets.size(); ++t) {
            const EdgePosition& p = targets.position[t];
            const double g = p.fraction;
            const double best = std::min(dist[net.edge_head()[p.edge]] + (1 - g) * net.edge_forward_seconds()[p.edge],
                                         dist[net.edge_tail()[p.edge]] + g * net.edge_backward_seconds()[p.edge]);
            checksum += best + targets.walk_seconds[t];
        }
        benchmark::DoNotOptimize(checksum);
    }
}

BENCHMARK_CAPTURE(BM_NearestFacility_AllCells, EAJE_unbounded, std::string("EAJE"), kInfSeconds)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_NearestFacility_AllCells, EAJE_900s, std::string("EAJE"), 900.0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_NearestFacility_AllCells, ALSH_unbounded, std::string("ALSH"), kInfSeconds)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_NearestFacility_WithSnapping, EAJE, std::string("EAJE"))->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Peer_TextbookDijkstra, EAJE, std::string("EAJE"))->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
