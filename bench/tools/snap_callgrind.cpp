// Deterministic cost of SnapIndex::snap, for comparing two versions of the index on a machine
// too loaded for stable timings: run under callgrind (instructions, simulated cache misses,
// only the snap loop is instrumented) and, with REPS=n, the minimum on-CPU time of n passes.
// Not built by CMake (it needs valgrind's callgrind.h); bench/tools/snap_callgrind.sh builds it
// against a source tree (e.g. an older commit's geo/routing) and runs it.
// Modes: `andorra` (cells of the 200 m grid within 300 m of a road, as bench_nearest),
// `capso` (populated CAPSO cells; $MAILLAGE_BENCH_DB), or a bend count (0, 3) followed by a
// point count: uniform points over bench_graph_build's synthetic department.
#include <valgrind/callgrind.h>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>
#include "bench/bench_support.h"
#include "bench/synthetic_department.h"
#include "geo/routing/network_source.h"
#include "geo/routing/osm_loader.h"
#include "geo/routing/profile_table.h"
#include "geo/routing/road_network.h"
#include "geo/routing/snap.h"
#include "geo/db/project_db.h"
using namespace maillage::geo;
int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "andorra";
    std::unique_ptr<routing::RoadNetwork> net;
    std::vector<XY> pts;
    if (mode == "andorra") {
        net = std::make_unique<routing::RoadNetwork>(routing::load_osm_network(
            std::filesystem::path(MAILLAGE_SOURCE_DIR) / "tests/data/osm/andorra-2025-01-19.osm.pbf",
            routing::ProfileTable::load_default(routing::Profile::car)));
        const double size = 200.0;
        for (double y = std::floor(net->min_xy().y / size) * size; y < net->max_xy().y; y += size)
            for (double x = std::floor(net->min_xy().x / size) * size; x < net->max_xy().x; x += size) {
                const XY c{x + size / 2, y + size / 2};
                if (net->snap_index().snap(c, 300.0)) pts.push_back(c);
            }
    } else if (mode == "capso") {
        const char* db = std::getenv("MAILLAGE_BENCH_DB");
        net = std::make_unique<routing::RoadNetwork>(routing::open_routing_network(db, routing::Profile::car));
        const auto d = db::ProjectDatabase::open(db);
        for (const db::PopulationCell& c : d.population_grid(true))
            if (c.ind.value_or(0.0) > 0.0) pts.push_back({c.x, c.y});
    } else {
        routing::NetworkMetadata meta; meta.source = "synthetic"; meta.profile = "car";
        net = std::make_unique<routing::RoadNetwork>(routing::RoadNetwork::build(maillage::bench::synthetic_department(1024, std::stoi(mode)), meta));
        std::mt19937_64 rng(2026'11'29);
        std::uniform_real_distribution<double> x(net->min_xy().x, net->max_xy().x), y(net->min_xy().y, net->max_xy().y);
        const int n = argc > 2 ? std::stoi(argv[2]) : 20000;
        for (int k = 0; k < n; ++k) pts.push_back({x(rng), y(rng)});
    }
    const routing::SnapIndex& index = net->snap_index();
    double sum = 0;
    CALLGRIND_START_INSTRUMENTATION;
    CALLGRIND_TOGGLE_COLLECT;
    for (const XY& p : pts) if (const auto pos = index.snap(p, 2000.0)) sum += pos->distance_m;
    CALLGRIND_TOGGLE_COLLECT;
    CALLGRIND_STOP_INSTRUMENTATION;
    if (const char* reps = std::getenv("REPS")) {
        double best = 1e99;
        for (int r = 0; r < std::atoi(reps); ++r) {
            const double c0 = maillage::bench::process_cpu_seconds();
            double s2 = 0;
            for (const XY& p : pts) if (const auto pos = index.snap(p, 2000.0)) s2 += pos->distance_m;
            best = std::min(best, maillage::bench::process_cpu_seconds() - c0);
            if (s2 != sum) std::abort();
        }
        std::printf("min_cpu_ms %.3f\n", best * 1e3);
    }
    std::printf("%s: %zu points, bucket %.1f m, index %.1f MiB, sum %.6f\n", mode.c_str(), pts.size(), index.bucket_size_m(), index.memory_bytes() / 1048576.0, sum);
}
