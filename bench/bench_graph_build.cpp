// P5: building a department-scale graph (≥ 10^6 nodes): time and memory of RoadNetwork::build
// (largest SCC, Hilbert renumbering, forward + backward CSR, snap index) from an edge list.
//
// The synthetic input imitates a road network: a 1000 × 1000 lattice of intersections 150 m
// apart, jittered, with ~12 % of the links missing (dead ends, islands), ~10 % one-way, one
// shape point on every other edge, speeds 30–90 km/h. Targets (issue #4): ≤ 10 s, ≤ 300 MB.
// Peer, measured in the same run: a textbook build of the same graph as
// std::vector<std::vector<arc>> adjacency lists (what a naive implementation would hold).
#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <cmath>
#include <random>
#include <vector>

#include "geo/routing/road_network.h"

namespace {

using namespace maillage::geo;
using namespace maillage::geo::routing;

EdgeList synthetic_department(int side) {
    std::mt19937 rng(2154);
    std::uniform_real_distribution<double> jitter(-40.0, 40.0), unit(0.0, 1.0);
    EdgeList el;
    el.node_xy.reserve(static_cast<std::size_t>(side) * side);
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c) el.add_node({600000.0 + c * 150.0 + jitter(rng), 7000000.0 + r * 150.0 + jitter(rng)});
    const std::uint8_t cls = el.class_index("road");
    std::vector<XY> shape;
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c)
            for (int dir = 0; dir < 2; ++dir) {
                const int rr = r + dir, cc = c + 1 - dir;
                if (rr >= side || cc >= side || unit(rng) < 0.12) continue;
                const NodeId a = static_cast<NodeId>(r * side + c), b = static_cast<NodeId>(rr * side + cc);
                const XY pa = el.node_xy[a], pb = el.node_xy[b];
                shape.assign({pa});
                if (unit(rng) < 0.5) shape.push_back({(pa.x + pb.x) / 2 + jitter(rng) / 4, (pa.y + pb.y) / 2 + jitter(rng) / 4});
                shape.push_back(pb);
                double len = 0;
                for (std::size_t k = 0; k + 1 < shape.size(); ++k) len += std::hypot(shape[k + 1].x - shape[k].x, shape[k + 1].y - shape[k].y);
                const auto secs = static_cast<float>(len / ((30.0 + 60.0 * unit(rng)) / 3.6));
                const double o = unit(rng);
                el.add_edge(a, b, o < 0.05 ? kInfArcSeconds : secs, o > 0.95 ? kInfArcSeconds : secs, static_cast<float>(len), cls, shape);
            }
    return el;
}

long peak_rss_mb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;
}

void BM_RoadNetworkBuild_1M(benchmark::State& state) {
    const EdgeList input = synthetic_department(1000);
    std::size_t bytes = 0;
    std::uint32_t nodes = 0, arcs = 0;
    for (auto _ : state) {
        state.PauseTiming();
        EdgeList copy = input;
        state.ResumeTiming();
        NetworkMetadata meta;
        meta.source = "synthetic department";
        meta.profile = "car";
        RoadNetwork net = RoadNetwork::build(std::move(copy), meta);
        bytes = net.memory_bytes();
        nodes = net.node_count();
        arcs = net.arc_count();
        benchmark::DoNotOptimize(net);
    }
    state.counters["nodes"] = nodes;
    state.counters["arcs"] = arcs;
    state.counters["network_MB"] = double(bytes) / 1e6;
    state.counters["target_ratio_time"] = 10.0;  // seconds allowed; compare with the real time
    state.counters["peak_rss_MB"] = double(peak_rss_mb());
}
BENCHMARK(BM_RoadNetworkBuild_1M)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

/// Peer: adjacency lists (vector of vectors) of the same arcs, no SCC, no index.
void BM_Peer_AdjacencyLists_1M(benchmark::State& state) {
    const EdgeList input = synthetic_department(1000);
    struct Arc {
        NodeId head;
        float seconds;
    };
    std::size_t bytes = 0;
    for (auto _ : state) {
        std::vector<std::vector<Arc>> out(input.node_xy.size()), in(input.node_xy.size());
        for (std::size_t e = 0; e < input.edge_count(); ++e) {
            const NodeId u = input.edge_tail[e], v = input.edge_head[e];
            if (std::isfinite(input.edge_forward_seconds[e])) { out[u].push_back({v, input.edge_forward_seconds[e]}); in[v].push_back({u, input.edge_forward_seconds[e]}); }
            if (std::isfinite(input.edge_backward_seconds[e])) { out[v].push_back({u, input.edge_backward_seconds[e]}); in[u].push_back({v, input.edge_backward_seconds[e]}); }
        }
        bytes = 2 * out.size() * sizeof(std::vector<Arc>);
        for (const auto& l : out) bytes += l.capacity() * sizeof(Arc);
        for (const auto& l : in) bytes += l.capacity() * sizeof(Arc);
        benchmark::DoNotOptimize(out);
        benchmark::DoNotOptimize(in);
    }
    state.counters["graph_only_MB"] = double(bytes) / 1e6;
}
BENCHMARK(BM_Peer_AdjacencyLists_1M)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
