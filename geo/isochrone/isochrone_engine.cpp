#include "geo/isochrone/isochrone_engine.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "geo/core/error.h"
#include "geo/routing/road_network.h"
#include "geo/routing/snap.h"

namespace maillage::geo {

namespace {

double elapsed_ms(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}

// The helpers below mirror routing/nearest.cpp term by term (see the file comment).
double finite_or_inf(float s) { return std::isfinite(s) ? static_cast<double>(s) : routing::kInfSeconds; }
double partial(double fraction, double seconds) { return fraction <= 0.0 ? 0.0 : fraction * seconds; }

struct SourceOnEdge {
    routing::EdgeId edge;
    double fraction;
    double walk_seconds;
};

}  // namespace

IsochroneEngine::IsochroneEngine(const routing::RoadNetwork& network, double pixel_m, routing::Direction direction,
                                 routing::SnapOptions snap)
    : network_(&network), pixel_m_(pixel_m), direction_(direction), snap_(snap), query_(network, direction) {
    if (!(pixel_m > 0.0)) throw std::invalid_argument("isochrone: pixel size must be > 0 m");
    Box box;
    box.extend(network.min_xy());
    box.extend(network.max_xy());
    domain_ = RasterGrid::covering(box.grown(snap.max_snap_distance_m + pixel_m), pixel_m, 50'000'000);
    cache_.assign(domain_.size(), PixelSnap{kNotSnapped, 0.0, 0.0});
}

const IsochroneEngine::PixelSnap& IsochroneEngine::snap_of(std::size_t index, XY centre) {
    PixelSnap& s = cache_[index];
    if (s.edge == kNotSnapped) {
        const auto pos = network_->snap_index().snap(centre, snap_.max_snap_distance_m);
        s = pos ? PixelSnap{pos->edge, pos->fraction, pos->distance_m} : PixelSnap{routing::kInvalidId, 0.0, 0.0};
        ++snapped_;
    }
    return s;
}

TimeRaster IsochroneEngine::fill(const routing::NearestResult& search, std::span<const XY> origins, double bound_s,
                                 const RasterGrid& window) {
    const auto& net = *network_;
    std::vector<SourceOnEdge> on_edge;
    for (std::size_t s = 0; s < origins.size(); ++s) {
        if (!std::isfinite(search.source_snap_distance_m[s])) continue;
        on_edge.push_back({search.source_position[s].edge, search.source_position[s].fraction,
                           snap_.walking_seconds(search.source_snap_distance_m[s])});
    }
    std::sort(on_edge.begin(), on_edge.end(), [](const auto& a, const auto& b) { return a.edge < b.edge; });
    const auto& node_t = search.node_seconds;  // +inf for nodes not settled within the bound
    const bool from_source = direction_ == routing::Direction::from_source;

    const int i0 = static_cast<int>(std::lround((window.origin.x - domain_.origin.x) / pixel_m_));
    const int j0 = static_cast<int>(std::lround((window.origin.y - domain_.origin.y) / pixel_m_));
    TimeRaster raster{window, std::vector<float>(window.size(), std::numeric_limits<float>::infinity())};
    for (int j = 0; j < window.ny; ++j) {
        const int J = j0 + j;
        if (J < 0 || J >= domain_.ny) continue;
        for (int i = 0; i < window.nx; ++i) {
            const int I = i0 + i;
            if (I < 0 || I >= domain_.nx) continue;
            const std::size_t index = static_cast<std::size_t>(J) * static_cast<std::size_t>(domain_.nx) +
                                      static_cast<std::size_t>(I);
            const PixelSnap& p = snap_of(index, domain_.centre(I, J));
            if (p.edge == routing::kInvalidId) continue;
            const routing::EdgeId e = p.edge;
            const double g = p.fraction;
            const double fwd = finite_or_inf(net.edge_forward_seconds()[e]);
            const double bwd = finite_or_inf(net.edge_backward_seconds()[e]);
            const routing::NodeId u = net.edge_tail()[e], v = net.edge_head()[e];
            double best = routing::kInfSeconds;
            if (from_source) {
                best = std::min(node_t[u] + partial(g, fwd), node_t[v] + partial(1.0 - g, bwd));
            } else {
                best = std::min(node_t[v] + partial(1.0 - g, fwd), node_t[u] + partial(g, bwd));
            }
            auto range = std::equal_range(on_edge.begin(), on_edge.end(), SourceOnEdge{e, 0, 0},
                                          [](const auto& a, const auto& b) { return a.edge < b.edge; });
            for (auto it = range.first; it != range.second; ++it) {
                const double from = from_source ? it->fraction : g;
                const double to = from_source ? g : it->fraction;
                if (to >= from) best = std::min(best, it->walk_seconds + partial(to - from, fwd));
                if (to <= from) best = std::min(best, it->walk_seconds + partial(from - to, bwd));
            }
            best += snap_.walking_seconds(p.distance_m);
            if (best <= bound_s && std::isfinite(best)) {
                raster.seconds[static_cast<std::size_t>(j) * static_cast<std::size_t>(window.nx) +
                               static_cast<std::size_t>(i)] = static_cast<float>(best);
            }
        }
    }
    return raster;
}

IsochroneResult IsochroneEngine::compute(std::span<const XY> origins, std::span<const double> thresholds_s,
                                         const ContourOptions& contour, std::span<const XY> extra_targets) {
    if (thresholds_s.empty()) throw std::invalid_argument("isochrone: no threshold given");
    const double t_max = thresholds_s.back();
    IsochroneResult result;
    result.search_bound_s = isochrone_search_bound(t_max);

    auto start = std::chrono::steady_clock::now();
    const routing::NearestResult search = query_.run(origins, extra_targets, result.search_bound_s, snap_);
    result.origin_snap_distance_m = search.source_snap_distance_m;
    result.extra_seconds = search.seconds;
    if (search.unsnapped_source_count() == origins.size()) {
        throw InputError({network_->metadata().source, "", std::nullopt},
                         "no isochrone origin lies within " + std::to_string(snap_.max_snap_distance_m) +
                             " m of the road network");
    }
    Box extent;
    const auto xy = network_->node_xy();
    for (std::size_t v = 0; v < search.node_seconds.size(); ++v) {
        if (search.node_seconds[v] <= t_max) extent.extend(xy[v]);
    }
    for (std::size_t s = 0; s < origins.size(); ++s) {
        if (std::isfinite(search.source_snap_distance_m[s])) extent.extend(origins[s]);
    }
    const double walk_reach = std::min(snap_.max_snap_distance_m,
                                       t_max * snap_.walking_speed_m_per_s / std::max(1.0, snap_.walking_detour_factor));
    const RasterGrid window = RasterGrid::covering(extent.grown(walk_reach + pixel_m_), pixel_m_);
    result.search_ms = elapsed_ms(start);

    start = std::chrono::steady_clock::now();
    result.raster = fill(search, origins, result.search_bound_s, window);
    result.raster_ms = elapsed_ms(start);

    start = std::chrono::steady_clock::now();
    result.levels = isochrone_levels(result.raster, thresholds_s, contour);
    result.contour_ms = elapsed_ms(start);
    return result;
}

}  // namespace maillage::geo
