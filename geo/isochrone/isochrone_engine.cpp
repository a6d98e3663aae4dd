#include "geo/isochrone/isochrone_engine.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "geo/core/error.h"
#include "geo/routing/dijkstra.h"
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

Box edge_box(const routing::RoadNetwork& network, routing::EdgeId e) {
    Box box;
    for (const XY p : network.edge_shape(e)) box.extend(p);
    return box;
}

}  // namespace

IsochroneEngine::IsochroneEngine(const routing::RoadNetwork& network, double pixel_m, routing::Direction direction,
                                 routing::SnapOptions snap)
    : network_(&network),
      pixel_m_(pixel_m),
      direction_(direction),
      snap_(snap),
      snapper_(network),
      query_(network, direction),
      contracted_(network, direction) {
    if (!(pixel_m > 0.0)) throw std::invalid_argument("isochrone: pixel size must be > 0 m");
    Box box;
    box.extend(network.min_xy());
    box.extend(network.max_xy());
    domain_ = RasterGrid::covering(box.grown(snap.max_snap_distance_m + pixel_m), pixel_m, 50'000'000);
    cache_.assign(domain_.size(), PixelSnap{kNotSnapped, 0.0F, 0.0F});
    cache_fraction_.assign(domain_.size(), 0.0F);
    cache_walk_s_.assign(domain_.size(), 0.0F);
    tiles_x_ = (domain_.nx + kTile - 1) / kTile;
    tiles_y_ = (domain_.ny + kTile - 1) / kTile;
    tile_done_.assign(static_cast<std::size_t>(tiles_x_) * static_cast<std::size_t>(tiles_y_), 0);
    const routing::NodeId sentinel_node = network.node_count();
    edge_ends_.resize(static_cast<std::size_t>(network.edge_count()) + 1);
    for (routing::EdgeId e = 0; e < network.edge_count(); ++e) {
        edge_ends_[e] = {network.edge_tail()[e], network.edge_head()[e]};
    }
    edge_ends_.back() = {sentinel_node, sentinel_node};
    node_seconds_.assign(static_cast<std::size_t>(network.node_count()) + 1, routing::kInfSeconds);
    edge_has_source_.assign(edge_ends_.size(), 0);
    tile_nodes_.resize(tile_done_.size() * kTileNodes);
    tile_node_count_.assign(tile_done_.size(), 0);
    build_node_reach();
}

void IsochroneEngine::build_node_reach() {
    // Boxes of the edges around each node, as float offsets rounded outwards by 1 m (float
    // keeps ~1e-3 m at 10 km, far inside that margin), and the fastest planar pace away from
    // the node along them: a position s metres along an edge is at most s metres from its end
    // and takes at least s / (planar length / edge time) seconds to reach from it.
    const routing::RoadNetwork& network = *network_;
    const auto xy = network.node_xy();
    std::vector<Box> boxes(network.node_count());
    std::vector<double> speed(network.node_count(), 0.0);
    for (routing::NodeId v = 0; v < network.node_count(); ++v) boxes[v].extend(xy[v]);
    for (routing::EdgeId e = 0; e < network.edge_count(); ++e) {
        Box shape;
        double planar_m = 0.0;
        XY previous{};
        bool first = true;
        for (const XY p : network.edge_shape(e)) {
            shape.extend(p);
            if (!first) planar_m += std::hypot(p.x - previous.x, p.y - previous.y);
            previous = p;
            first = false;
        }
        const double quickest_s = std::min(finite_or_inf(network.edge_forward_seconds()[e]),
                                           finite_or_inf(network.edge_backward_seconds()[e]));
        const double edge_speed = quickest_s > 0.0 ? planar_m / quickest_s : routing::kInfSeconds;
        for (const routing::NodeId v : edge_ends_[e]) {
            boxes[v].extend({shape.min_x, shape.min_y});
            boxes[v].extend({shape.max_x, shape.max_y});
            if (std::isfinite(quickest_s)) speed[v] = std::max(speed[v], edge_speed);
        }
    }
    node_reach_.resize(network.node_count());
    for (routing::NodeId v = 0; v < network.node_count(); ++v) {
        node_reach_[v] = {static_cast<float>(boxes[v].min_x - xy[v].x - 1.0),
                          static_cast<float>(boxes[v].min_y - xy[v].y - 1.0),
                          static_cast<float>(boxes[v].max_x - xy[v].x + 1.0),
                          static_cast<float>(boxes[v].max_y - xy[v].y + 1.0),
                          static_cast<float>(speed[v] * (1.0 + 1e-5))};
    }
}

IsochroneEngine::PixelSnap IsochroneEngine::pixel_snap(routing::EdgeId edge, double fraction,
                                                       double distance_m) const {
    if (edge == routing::kInvalidId) return {no_edge(), 0.0F, 0.0F};
    const double fwd = finite_or_inf(network_->edge_forward_seconds()[edge]);
    const double bwd = finite_or_inf(network_->edge_backward_seconds()[edge]);
    const double walk = snap_.walking_seconds(distance_m);
    // from_source: tail + g x forward, head + (1 - g) x backward; to_source: the reverse trips.
    const bool from_source = direction_ == routing::Direction::from_source;
    const double via_tail = partial(fraction, from_source ? fwd : bwd) + walk;
    const double via_head = partial(1.0 - fraction, from_source ? bwd : fwd) + walk;
    return {edge, static_cast<float>(via_tail), static_cast<float>(via_head)};
}

void IsochroneEngine::ensure_snapped(const RasterGrid& window) {
    // The window in domain pixel indices, clipped to the domain.
    const int wi = static_cast<int>(std::lround((window.origin.x - domain_.origin.x) / pixel_m_));
    const int wj = static_cast<int>(std::lround((window.origin.y - domain_.origin.y) / pixel_m_));
    const int i0 = std::max(0, wi), j0 = std::max(0, wj);
    const int i1 = std::min(domain_.nx, wi + window.nx), j1 = std::min(domain_.ny, wj + window.ny);
    if (i0 >= i1 || j0 >= j1) return;
    // The tiles the window touches that are not cached yet, as one rectangle of tiles.
    int ti0 = tiles_x_, tj0 = tiles_y_, ti1 = -1, tj1 = -1;
    for (int tj = j0 / kTile; tj <= (j1 - 1) / kTile; ++tj) {
        for (int ti = i0 / kTile; ti <= (i1 - 1) / kTile; ++ti) {
            if (tile_done_[static_cast<std::size_t>(tj) * static_cast<std::size_t>(tiles_x_) +
                           static_cast<std::size_t>(ti)] != 0)
                continue;
            ti0 = std::min(ti0, ti);
            tj0 = std::min(tj0, tj);
            ti1 = std::max(ti1, ti);
            tj1 = std::max(tj1, tj);
        }
    }
    if (ti1 < 0) return;
    const int bi0 = ti0 * kTile, bj0 = tj0 * kTile;
    const int bi1 = std::min(domain_.nx, (ti1 + 1) * kTile), bj1 = std::min(domain_.ny, (tj1 + 1) * kTile);
    const RasterGrid block{{domain_.origin.x + bi0 * pixel_m_, domain_.origin.y + bj0 * pixel_m_}, pixel_m_,
                           bi1 - bi0, bj1 - bj0};
    snapper_.snap(block, snap_.max_snap_distance_m, block_snaps_);
    for (int tj = tj0; tj <= tj1; ++tj) {
        for (int ti = ti0; ti <= ti1; ++ti) {
            std::uint8_t& done = tile_done_[static_cast<std::size_t>(tj) * static_cast<std::size_t>(tiles_x_) +
                                            static_cast<std::size_t>(ti)];
            if (done != 0) continue;
            done = 1;
            for (int J = tj * kTile; J < std::min(domain_.ny, (tj + 1) * kTile); ++J) {
                for (int I = ti * kTile; I < std::min(domain_.nx, (ti + 1) * kTile); ++I) {
                    const std::size_t from = static_cast<std::size_t>(J - bj0) * static_cast<std::size_t>(block.nx) +
                                             static_cast<std::size_t>(I - bi0);
                    const std::size_t to = static_cast<std::size_t>(J) * static_cast<std::size_t>(domain_.nx) +
                                           static_cast<std::size_t>(I);
                    cache_[to] = pixel_snap(block_snaps_.edge[from], block_snaps_.fraction[from],
                                            block_snaps_.distance_m[from]);
                    cache_fraction_[to] = static_cast<float>(block_snaps_.fraction[from]);
                    cache_walk_s_[to] = block_snaps_.edge[from] == routing::kInvalidId
                                            ? 0.0F
                                            : static_cast<float>(snap_.walking_seconds(block_snaps_.distance_m[from]));
                    ++snapped_;
                }
            }
            index_tile(ti, tj);
        }
    }
}

void IsochroneEngine::index_tile(int ti, int tj) {
    const std::size_t tile = static_cast<std::size_t>(tj) * static_cast<std::size_t>(tiles_x_) + static_cast<std::size_t>(ti);
    TileNode* list = tile_nodes_.data() + tile * kTileNodes;
    int count = 0;
    auto add = [&](routing::NodeId node, float via_s) {
        if (count == kTileUnbounded || !std::isfinite(via_s)) return;
        for (int k = 0; k < count; ++k) {
            if (list[k].node == node) {
                list[k].via_s = std::min(list[k].via_s, via_s);
                return;
            }
        }
        if (count == kTileNodes) {
            count = kTileUnbounded;
            return;
        }
        list[count++] = {node, via_s};
    };
    // Runs of pixels on the same edge (the common case) are folded before touching the list.
    std::uint32_t run_edge = no_edge();
    float run_tail = 0.0F, run_head = 0.0F;
    auto flush = [&] {
        if (run_edge == no_edge()) return;
        add(edge_ends_[run_edge][0], run_tail);
        add(edge_ends_[run_edge][1], run_head);
    };
    for (int J = tj * kTile; J < std::min(domain_.ny, (tj + 1) * kTile); ++J) {
        for (int I = ti * kTile; I < std::min(domain_.nx, (ti + 1) * kTile); ++I) {
            const PixelSnap& p = cache_[static_cast<std::size_t>(J) * static_cast<std::size_t>(domain_.nx) +
                                        static_cast<std::size_t>(I)];
            if (p.edge == run_edge) {
                run_tail = std::min(run_tail, p.via_tail_s);
                run_head = std::min(run_head, p.via_head_s);
                continue;
            }
            flush();
            run_edge = p.edge;
            run_tail = p.via_tail_s;
            run_head = p.via_head_s;
        }
    }
    flush();
    tile_node_count_[tile] = static_cast<std::uint8_t>(count);
}

void IsochroneEngine::bound_tiles(int ti0, int tj0, int ti1, int tj1, double bound_s,
                                  std::span<const routing::EdgePosition> sources) {
    lb_ti0_ = ti0;
    lb_tj0_ = tj0;
    lb_nx_ = std::max(0, ti1 - ti0);
    lb_ny_ = std::max(0, tj1 - tj0);
    tile_lb_.assign(static_cast<std::size_t>(lb_nx_) * static_cast<std::size_t>(lb_ny_), routing::kInfSeconds);
    for (int tj = tj0; tj < tj1; ++tj) {
        for (int ti = ti0; ti < ti1; ++ti) {
            const std::size_t tile =
                static_cast<std::size_t>(tj) * static_cast<std::size_t>(tiles_x_) + static_cast<std::size_t>(ti);
            const std::uint8_t count = tile_node_count_[tile];
            double lb = routing::kInfSeconds;
            if (count == kTileUnbounded) {
                lb = tile_minimum(ti, tj);
            } else {
                const TileNode* list = tile_nodes_.data() + tile * kTileNodes;
                for (int k = 0; k < count; ++k) {
                    lb = std::min(lb, node_seconds_[list[k].node] + static_cast<double>(list[k].via_s));
                }
            }
            tile_lb_[static_cast<std::size_t>(tj - tj0) * static_cast<std::size_t>(lb_nx_) +
                     static_cast<std::size_t>(ti - ti0)] = lb;
        }
    }
    // Pixels on a source's own edge are reached along it, not through a node, in no less than
    // the source's walking leg: that bounds the tiles within walking reach of the edge.
    const double tile_m = kTile * pixel_m_;
    // A pixel within the bound walks at most this far to its edge.
    const double reach_m = std::min(snap_.max_snap_distance_m,
                                    bound_s * snap_.walking_speed_m_per_s / std::max(1.0, snap_.walking_detour_factor));
    for (const routing::EdgePosition& source : sources) {
        if (source.edge == routing::kInvalidId) continue;
        const Box near = edge_box(*network_, source.edge).grown(reach_m);
        const int a0 = std::max(ti0, static_cast<int>(std::floor((near.min_x - domain_.origin.x) / tile_m)));
        const int b0 = std::max(tj0, static_cast<int>(std::floor((near.min_y - domain_.origin.y) / tile_m)));
        const int a1 = std::min(ti1, static_cast<int>(std::floor((near.max_x - domain_.origin.x) / tile_m)) + 1);
        const int b1 = std::min(tj1, static_cast<int>(std::floor((near.max_y - domain_.origin.y) / tile_m)) + 1);
        const double walk_s = snap_.walking_seconds(source.distance_m);
        for (int tj = b0; tj < b1; ++tj) {
            for (int ti = a0; ti < a1; ++ti) {
                double& lb = tile_lb_[static_cast<std::size_t>(tj - tj0) * static_cast<std::size_t>(lb_nx_) +
                                      static_cast<std::size_t>(ti - ti0)];
                lb = std::min(lb, walk_s);
            }
        }
    }
}

void IsochroneEngine::set_sources(const routing::NearestResult& search) {
    for (const SourceOnEdge& source : sources_on_edge_) edge_has_source_[source.edge] = 0;
    sources_on_edge_.clear();
    for (std::size_t s = 0; s < search.source_position.size(); ++s) {
        if (!std::isfinite(search.source_snap_distance_m[s])) continue;
        sources_on_edge_.push_back({search.source_position[s].edge, search.source_position[s].fraction,
                                    snap_.walking_seconds(search.source_snap_distance_m[s])});
        edge_has_source_[search.source_position[s].edge] = 1;
    }
    std::sort(sources_on_edge_.begin(), sources_on_edge_.end(),
              [](const SourceOnEdge& a, const SourceOnEdge& b) { return a.edge < b.edge; });
}

double IsochroneEngine::via_sources_on_edge(routing::EdgeId e, double g, double walk_s) const {
    const bool from_source = direction_ == routing::Direction::from_source;
    const double fwd = finite_or_inf(network_->edge_forward_seconds()[e]);
    const double bwd = finite_or_inf(network_->edge_backward_seconds()[e]);
    double best = routing::kInfSeconds;
    auto range = std::equal_range(sources_on_edge_.begin(), sources_on_edge_.end(), SourceOnEdge{e, 0, 0},
                                  [](const SourceOnEdge& a, const SourceOnEdge& b) { return a.edge < b.edge; });
    for (auto it = range.first; it != range.second; ++it) {
        const double from = from_source ? it->fraction : g;
        const double to = from_source ? g : it->fraction;
        if (to >= from) best = std::min(best, it->walk_seconds + partial(to - from, fwd));
        if (to <= from) best = std::min(best, it->walk_seconds + partial(from - to, bwd));
    }
    return best + walk_s;
}

double IsochroneEngine::tile_minimum(int ti, int tj) const {
    double lowest = routing::kInfSeconds;
    for (int J = tj * kTile; J < std::min(domain_.ny, (tj + 1) * kTile); ++J) {
        const std::size_t row = static_cast<std::size_t>(J) * static_cast<std::size_t>(domain_.nx);
        for (int I = ti * kTile; I < std::min(domain_.nx, (ti + 1) * kTile); ++I) {
            lowest = std::min(lowest, pixel_seconds(row + static_cast<std::size_t>(I)));
        }
    }
    return lowest;
}

TimeRaster IsochroneEngine::fill(double bound_s, const RasterGrid& window) {
    constexpr float kInf = std::numeric_limits<float>::infinity();

    const int i0 = static_cast<int>(std::lround((window.origin.x - domain_.origin.x) / pixel_m_));
    const int j0 = static_cast<int>(std::lround((window.origin.y - domain_.origin.y) / pixel_m_));
    TimeRaster raster{window, std::vector<float>(window.size(), kInf)};
    const int i_begin = std::max(0, -i0), i_end = std::min(window.nx, domain_.nx - i0);
    for (int j = 0; j < window.ny; ++j) {
        const int J = j0 + j;
        if (J < 0 || J >= domain_.ny) continue;
        const std::size_t row = static_cast<std::size_t>(J) * static_cast<std::size_t>(domain_.nx) +
                                static_cast<std::size_t>(i0);
        float* out = raster.seconds.data() + static_cast<std::size_t>(j) * static_cast<std::size_t>(window.nx);
        const int tile_j = J / kTile - lb_tj0_;
        const bool row_bounded = tile_j >= 0 && tile_j < lb_ny_;
        const double* tile_lb =
            row_bounded ? tile_lb_.data() + static_cast<std::size_t>(tile_j) * static_cast<std::size_t>(lb_nx_) : nullptr;
        // Tile by tile along the row: tiles bounded beyond bound_s stay +inf.
        for (int span_begin = i_begin; span_begin < i_end;) {
            const int tile_i = (i0 + span_begin) / kTile;
            const int span_end = std::min(i_end, (tile_i + 1) * kTile - i0);
            const bool bounded = row_bounded && tile_i >= lb_ti0_ && tile_i < lb_ti0_ + lb_nx_;
            if (bounded && tile_lb[tile_i - lb_ti0_] > bound_s) {
                span_begin = span_end;
                continue;
            }
            for (int i = span_begin; i < span_end; ++i) {
                const double best = pixel_seconds(row + static_cast<std::size_t>(i));
                out[i] = best <= bound_s ? static_cast<float>(best) : kInf;
            }
            span_begin = span_end;
        }
    }
    return raster;
}

RasterGrid IsochroneEngine::tight_window(const RasterGrid& candidates, double t_max,
                                         std::span<const routing::EdgePosition> sources) {
    // The candidate window in domain pixels, and the domain tiles it touches.
    const int ci0 = static_cast<int>(std::lround((candidates.origin.x - domain_.origin.x) / pixel_m_));
    const int cj0 = static_cast<int>(std::lround((candidates.origin.y - domain_.origin.y) / pixel_m_));
    const int ci1 = ci0 + candidates.nx, cj1 = cj0 + candidates.ny;
    const int ti0 = std::max(0, ci0) / kTile, tj0 = std::max(0, cj0) / kTile;
    const int ti1 = (std::min(domain_.nx, ci1) + kTile - 1) / kTile;
    const int tj1 = (std::min(domain_.ny, cj1) + kTile - 1) / kTile;
    bound_tiles(ti0, tj0, ti1, tj1, isochrone_search_bound(t_max), sources);
    // The pixels of the tiles that may hold a time <= t_max, grown by one pixel (the contour
    // interpolates towards the first pixel beyond), within the candidates.
    int i_lo = ci1, j_lo = cj1, i_hi = ci0 - 1, j_hi = cj0 - 1;
    for (int tj = tj0; tj < tj1; ++tj) {
        for (int ti = ti0; ti < ti1; ++ti) {
            if (!(tile_lb_[static_cast<std::size_t>(tj - tj0) * static_cast<std::size_t>(lb_nx_) +
                           static_cast<std::size_t>(ti - ti0)] <= t_max))
                continue;
            i_lo = std::min(i_lo, ti * kTile - 1);
            j_lo = std::min(j_lo, tj * kTile - 1);
            i_hi = std::max(i_hi, (ti + 1) * kTile);
            j_hi = std::max(j_hi, (tj + 1) * kTile);
        }
    }
    i_lo = std::max(i_lo, ci0);
    j_lo = std::max(j_lo, cj0);
    i_hi = std::min(i_hi, ci1 - 1);
    j_hi = std::min(j_hi, cj1 - 1);
    if (i_lo > i_hi || j_lo > j_hi) return candidates;  // nothing within t_max: keep the candidates
    return {{domain_.origin.x + i_lo * pixel_m_, domain_.origin.y + j_lo * pixel_m_}, pixel_m_, i_hi - i_lo + 1,
            j_hi - j_lo + 1};
}

void IsochroneEngine::search_core(std::span<const XY> origins, double bound_s, routing::NearestResult& out) {
    const routing::SnappedPoints sources = routing::snap_points(*network_, origins, snap_);
    out.source_position = sources.position;
    out.source_snap_distance_m.assign(origins.size(), routing::kInfSeconds);
    for (std::size_t s = 0; s < origins.size(); ++s) {
        if (sources.position[s].edge != routing::kInvalidId) out.source_snap_distance_m[s] = sources.position[s].distance_m;
    }
    contracted_.run(sources, bound_s, node_seconds_, timed_nodes_);
}

IsochroneResult IsochroneEngine::compute(std::span<const XY> origins, std::span<const double> thresholds_s,
                                         const ContourOptions& contour, std::span<const XY> extra_targets) {
    if (thresholds_s.empty()) throw std::invalid_argument("isochrone: no threshold given");
    const double t_max = thresholds_s.back();
    IsochroneResult result;
    result.search_bound_s = isochrone_search_bound(t_max);

    auto start = std::chrono::steady_clock::now();
    // Node times: the nodes reached within the bound, +inf elsewhere (including the sentinel
    // node of no_edge()). Only the previous query's nodes need resetting.
    for (const routing::NodeId v : timed_nodes_) node_seconds_[v] = routing::kInfSeconds;
    routing::NearestResult search;
    if (extra_targets.empty()) {
        search_core(origins, result.search_bound_s, search);
    } else {
        // Extra targets are timed by routing::NearestSourceQuery (the same model, full graph).
        search = query_.run(origins, extra_targets, result.search_bound_s, snap_, routing::NodeTimes::in_search);
        const routing::Dijkstra& dijkstra = query_.dijkstra();
        timed_nodes_.assign(dijkstra.settled_nodes().begin(), dijkstra.settled_nodes().end());
        for (const routing::NodeId v : timed_nodes_) node_seconds_[v] = dijkstra.seconds(v);
    }
    result.origin_snap_distance_m = search.source_snap_distance_m;
    result.extra_seconds = search.seconds;
    if (search.unsnapped_source_count() == origins.size()) {
        throw InputError({network_->metadata().source, "", std::nullopt},
                         "no isochrone origin lies within " + std::to_string(snap_.max_snap_distance_m) +
                             " m of the road network");
    }

    // Every position within t_max lies on an edge around a node reached within t_max, or on an
    // origin's edge; a pixel within t_max is at most `walk_reach` from such a position.
    Box extent;
    const auto xy = network_->node_xy();
    for (const routing::NodeId v : timed_nodes_) {
        const double t = node_seconds_[v];
        if (t > t_max) continue;
        // The node's edges, within the distance its fastest edge covers in the time left.
        const NodeReach& b = node_reach_[v];
        const double r = (t_max - t) * static_cast<double>(b.speed_m_per_s) + 1.0;
        extent.min_x = std::min(extent.min_x, xy[v].x + std::max(static_cast<double>(b.min_dx), -r));
        extent.min_y = std::min(extent.min_y, xy[v].y + std::max(static_cast<double>(b.min_dy), -r));
        extent.max_x = std::max(extent.max_x, xy[v].x + std::min(static_cast<double>(b.max_dx), r));
        extent.max_y = std::max(extent.max_y, xy[v].y + std::min(static_cast<double>(b.max_dy), r));
    }
    for (std::size_t s = 0; s < origins.size(); ++s) {
        if (!std::isfinite(search.source_snap_distance_m[s])) continue;
        extent.extend(origins[s]);
        const Box shape = edge_box(*network_, search.source_position[s].edge);
        extent.extend({shape.min_x, shape.min_y});
        extent.extend({shape.max_x, shape.max_y});
    }
    const double walk_reach = std::min(snap_.max_snap_distance_m,
                                       t_max * snap_.walking_speed_m_per_s / std::max(1.0, snap_.walking_detour_factor));
    const RasterGrid candidates = RasterGrid::covering(extent.grown(walk_reach + pixel_m_), pixel_m_);
    result.search_ms = elapsed_ms(start);

    start = std::chrono::steady_clock::now();
    ensure_snapped(candidates);
    set_sources(search);
    result.raster = fill(result.search_bound_s, tight_window(candidates, t_max, search.source_position));
    result.raster_ms = elapsed_ms(start);

    start = std::chrono::steady_clock::now();
    result.levels = isochrone_levels(result.raster, thresholds_s, contour);
    result.contour_ms = elapsed_ms(start);
    return result;
}

}  // namespace maillage::geo
