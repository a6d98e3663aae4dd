// The synthetic department-scale road graph of P5 (bench_graph_build) and of the synthetic
// snapping benchmark (bench_nearest). Header-only (bench/ globs only bench_*.cpp into
// executables). What it models is described in bench_graph_build.cpp's file comment.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "geo/core/crs.h"
#include "geo/routing/road_network.h"

namespace maillage::bench {

/// side × side nodes on a jittered 120 m grid (fixed seed), edges to the right and upper
/// neighbours (97 %), a random diagonal (10 %), 5 % one-way, `bends` intermediate polyline
/// points per edge.
inline geo::routing::EdgeList synthetic_department(int side, int bends) {
    namespace routing = geo::routing;
    using geo::XY;

    std::mt19937_64 rng(6'671);  // km² of the Pas-de-Calais
    std::uniform_real_distribution<double> jitter(-36.0, 36.0), unit(0.0, 1.0);
    constexpr double kSpacing = 120.0;
    routing::EdgeList el;
    const auto n = static_cast<std::size_t>(side) * static_cast<std::size_t>(side);
    el.node_xy.reserve(n);
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c)
            el.add_node({600000.0 + c * kSpacing + jitter(rng), 7000000.0 + r * kSpacing + jitter(rng)});
    const std::uint8_t residential = el.class_index("residential"), urban = el.class_index("urban"),
                       primary = el.class_index("primary"), trunk = el.class_index("trunk");
    const std::size_t m_estimate = n * 21 / 10;
    el.reserve_edges(m_estimate, m_estimate * static_cast<std::size_t>(bends));
    std::vector<XY> shape;
    auto id = [side](int c, int r) { return static_cast<routing::NodeId>(r * side + c); };
    auto add = [&](routing::NodeId a, routing::NodeId b, bool main_line, bool fast_line) {
        const XY p = el.node_xy[a], q = el.node_xy[b];
        const double straight = std::hypot(q.x - p.x, q.y - p.y);
        std::uint8_t cls = residential;
        double kmh = 30;
        if (fast_line) cls = trunk, kmh = 110;
        else if (main_line) cls = primary, kmh = 80;
        else if (unit(rng) < 0.3) cls = urban, kmh = 50;
        const auto secs = static_cast<float>(straight * 1.05 / (kmh / 3.6));
        float fwd = secs, bwd = secs;
        if (unit(rng) < 0.05) (unit(rng) < 0.5 ? fwd : bwd) = routing::kInfArcSeconds;
        shape.clear();
        shape.push_back(p);
        for (int k = 1; k <= bends; ++k) {
            const double t = double(k) / (bends + 1);
            shape.push_back({p.x + t * (q.x - p.x) + jitter(rng) / 6, p.y + t * (q.y - p.y) + jitter(rng) / 6});
        }
        shape.push_back(q);
        el.add_edge(a, b, fwd, bwd, static_cast<float>(straight * 1.05), cls, shape);
    };
    for (int r = 0; r < side; ++r)
        for (int c = 0; c < side; ++c) {
            if (c + 1 < side && unit(rng) < 0.97) add(id(c, r), id(c + 1, r), r % 16 == 0, r % 64 == 0);
            if (r + 1 < side && unit(rng) < 0.97) add(id(c, r), id(c, r + 1), c % 16 == 0, c % 64 == 0);
            if (c + 1 < side && r + 1 < side && unit(rng) < 0.10) {
                if (unit(rng) < 0.5) add(id(c, r), id(c + 1, r + 1), false, false);
                else add(id(c + 1, r), id(c, r + 1), false, false);
            }
        }
    return el;
}

}  // namespace maillage::bench
