#include "geo/isochrone/raster_snap.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "geo/routing/road_network.h"

namespace maillage::geo {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Candidates are kept when their lower bound is within this many metres above the limit:
// rounding in the bounds can only cost a few extra candidates, never a missed nearest one.
constexpr double kSlack_m = 1e-6;

// Closest point of segment [a, b] to p, written exactly as routing/snap.cpp's so the squared
// distances (and therefore the ties) are bit-identical.
struct SegmentHit {
    double t;
    double d2;
};
inline SegmentHit closest_on_segment(double px, double py, double ax, double ay, double bx, double by) {
    const double dx = bx - ax, dy = by - ay;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const double qx = ax + t * dx - px, qy = ay + t * dy - py;
    return {t, qx * qx + qy * qy};
}

// The same squared distance with a precomputed 1 / len2 instead of the division: within a
// few 1e-9 m of closest_on_segment's (coordinates are ~1e6 m), used only to screen candidates
// with a margin (kScreen) so that the exact formula decides every possible winner.
inline double approx_d2(double px, double py, double ax, double ay, double dx, double dy, double inv_len2) {
    const double t = std::clamp(((px - ax) * dx + (py - ay) * dy) * inv_len2, 0.0, 1.0);
    const double qx = ax + t * dx - px, qy = ay + t * dy - py;
    return qx * qx + qy * qy;
}
inline double screen_margin(double d2) { return 1e-8 * d2 + 1e-6; }

}  // namespace

inline double RasterSnapper::box_distance2(const Cluster& c, XY lo, XY hi) noexcept {
    const double dx = std::max({0.0, c.min_x - hi.x, lo.x - c.max_x});
    const double dy = std::max({0.0, c.min_y - hi.y, lo.y - c.max_y});
    return dx * dx + dy * dy;
}

RasterSnapper::RasterSnapper(const routing::RoadNetwork& network) {
    min_x_ = network.min_xy().x;
    min_y_ = network.min_xy().y;
    max_x_ = network.max_xy().x;
    max_y_ = network.max_xy().y;

    // Pass 1, edge by edge along each polyline (only RoadNetwork::edge_shape is used): each
    // segment's ends, edge, length (sqrt of the squared length; SnapIndex uses std::hypot or
    // sqrt: fractions agree to an ulp) and the length of its edge before it (running sum in
    // SnapIndex's order), its rank in (edge, segment) order (SnapIndex's tie-break), and a key
    // for grouping: the Z-order index of its midpoint on a 65536 x 65536 lattice over the box.
    std::size_t n = 0;
    for (routing::EdgeId e = 0; e < network.edge_count(); ++e) n += network.edge_shape(e).size() - 1;
    std::vector<XY> a_of(n), b_of(n);
    std::vector<routing::EdgeId> edge(n);
    std::vector<double> before_m(n), length_m(n);
    std::vector<std::uint32_t> key(n);
    edge_total_m_.assign(network.edge_count(), 0.0);
    const double sx = 65535.0 / std::max(max_x_ - min_x_, 1.0), sy = 65535.0 / std::max(max_y_ - min_y_, 1.0);
    auto spread = [](std::uint32_t v) {  // 16 bits -> even bits of 32
        v = (v | (v << 8)) & 0x00FF00FFu;
        v = (v | (v << 4)) & 0x0F0F0F0Fu;
        v = (v | (v << 2)) & 0x33333333u;
        v = (v | (v << 1)) & 0x55555555u;
        return v;
    };
    std::size_t k = 0;
    for (routing::EdgeId e = 0; e < network.edge_count(); ++e) {
        const auto shape = network.edge_shape(e);
        double before = 0.0;
        for (std::size_t i = 0; i + 1 < shape.size(); ++i, ++k) {
            const XY a = shape[i], b = shape[i + 1];
            const double l = std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y));
            a_of[k] = a;
            b_of[k] = b;
            edge[k] = e;
            before_m[k] = before;
            length_m[k] = l;
            before += l;
            const auto cx = static_cast<std::uint32_t>(std::clamp((0.5 * (a.x + b.x) - min_x_) * sx, 0.0, 65535.0));
            const auto cy = static_cast<std::uint32_t>(std::clamp((0.5 * (a.y + b.y) - min_y_) * sy, 0.0, 65535.0));
            key[k] = spread(cx) | (spread(cy) << 1);
        }
        edge_total_m_[e] = before;
    }

    // Pass 2: radix sort by key (two stable 16-bit passes), then the arrays in that order.
    std::vector<std::uint32_t> order(n), tmp(n);
    for (std::uint32_t s = 0; s < n; ++s) tmp[s] = s;
    std::vector<std::uint32_t> start(65537);
    for (const int shift : {0, 16}) {
        std::fill(start.begin(), start.end(), 0u);
        for (std::size_t s = 0; s < n; ++s) ++start[((key[s] >> shift) & 0xFFFFu) + 1u];
        for (std::size_t c = 1; c < start.size(); ++c) start[c] += start[c - 1];
        for (const std::uint32_t s : tmp) order[start[(key[s] >> shift) & 0xFFFFu]++] = s;
        std::swap(order, tmp);
    }
    std::swap(order, tmp);  // the sorted permutation
    for (auto* v : {&ax_, &ay_, &bx_, &by_, &dx_, &dy_, &inv_len2_, &before_m_, &length_m_}) v->resize(n);
    ref_.resize(n);
    edge_.resize(n);
    for (std::size_t d = 0; d < n; ++d) {
        const std::uint32_t s = order[d];
        const XY a = a_of[s], b = b_of[s];
        ax_[d] = a.x;
        ay_[d] = a.y;
        bx_[d] = b.x;
        by_[d] = b.y;
        dx_[d] = b.x - a.x;
        dy_[d] = b.y - a.y;
        const double len2 = dx_[d] * dx_[d] + dy_[d] * dy_[d];
        inv_len2_[d] = len2 > 0 ? 1.0 / len2 : 0.0;
        ref_[d] = s;
        edge_[d] = edge[s];
        before_m_[d] = before_m[s];
        length_m_[d] = length_m[s];
    }
    static_assert(kClusterSize % kGroupSize == 0);
    for (std::uint32_t first_segment = 0; first_segment < n; first_segment += kGroupSize) {
        Cluster g{kInf, kInf, -kInf, -kInf, first_segment,
                  static_cast<std::uint32_t>(std::min<std::size_t>(kGroupSize, n - first_segment))};
        for (std::uint32_t d = first_segment; d < first_segment + g.count; ++d) {
            g.min_x = std::min({g.min_x, ax_[d], bx_[d]});
            g.min_y = std::min({g.min_y, ay_[d], by_[d]});
            g.max_x = std::max({g.max_x, ax_[d], bx_[d]});
            g.max_y = std::max({g.max_y, ay_[d], by_[d]});
        }
        groups_.push_back(g);
    }
    clusters_.reserve((n + kClusterSize - 1) / kClusterSize);
    for (std::uint32_t first_segment = 0; first_segment < n; first_segment += kClusterSize) {
        const auto count = static_cast<std::uint32_t>(std::min<std::size_t>(kClusterSize, n - first_segment));
        Cluster c{kInf, kInf, -kInf, -kInf, first_segment, count};
        for (std::uint32_t d = first_segment; d < first_segment + count; ++d) {
            c.min_x = std::min({c.min_x, ax_[d], bx_[d]});
            c.min_y = std::min({c.min_y, ay_[d], by_[d]});
            c.max_x = std::max({c.max_x, ax_[d], bx_[d]});
            c.max_y = std::max({c.max_y, ay_[d], by_[d]});
        }
        clusters_.push_back(c);
    }
}

std::size_t RasterSnapper::memory_bytes() const noexcept {
    return (ax_.capacity() + ay_.capacity() + bx_.capacity() + by_.capacity() + dx_.capacity() + dy_.capacity() +
            inv_len2_.capacity() + before_m_.capacity() +
            length_m_.capacity() + edge_total_m_.capacity()) * sizeof(double) +
           (ref_.capacity() + edge_.capacity()) * sizeof(std::uint32_t) +
           (clusters_.capacity() + groups_.capacity()) * sizeof(Cluster);
}

RasterSnaps RasterSnapper::snap(const RasterGrid& grid, double radius_m) const {
    RasterSnaps out;
    snap(grid, radius_m, out);
    return out;
}

void RasterSnapper::snap(const RasterGrid& grid, double radius_m, RasterSnaps& out) const {
    if (!(radius_m > 0.0)) throw std::invalid_argument("raster snap: radius must be > 0 m");
    out.edge.assign(grid.size(), routing::kInvalidId);
    out.fraction.assign(grid.size(), 0.0);
    out.distance_m.assign(grid.size(), kInf);
    if (grid.size() == 0 || ax_.empty()) return;

    // Root candidates: clusters whose box is within the radius of the centres' rectangle.
    const XY lo = grid.centre(0, 0);
    const XY hi = grid.centre(grid.nx - 1, grid.ny - 1);
    std::vector<std::uint32_t> candidates;
    candidates.reserve(clusters_.size() * 4);
    const double lim2 = (radius_m + kSlack_m) * (radius_m + kSlack_m);
    for (std::uint32_t c = 0; c < clusters_.size(); ++c) {
        if (box_distance2(clusters_[c], lo, hi) <= lim2) candidates.push_back(c);
    }
    solve(grid, radius_m, {0, 0, grid.nx, grid.ny}, 0, candidates.size(), candidates, out);
}

void RasterSnapper::solve(const RasterGrid& grid, double radius_m, Block block, std::size_t first,
                          std::size_t count, std::vector<std::uint32_t>& candidates, RasterSnaps& out) const {
    if (count == 0) return;  // nothing within the radius: outputs keep "no edge"
    const int ni = block.i1 - block.i0, nj = block.j1 - block.j0;
    if (ni * nj <= kLeafCells || count <= 1) {
        brute_force(grid, radius_m, block, candidates.data() + first, count, out);
        return;
    }
    // Split the longer side in two; each half keeps the clusters that can still win there.
    Block halves[2] = {block, block};
    if (ni >= nj) {
        halves[0].i1 = halves[1].i0 = block.i0 + ni / 2;
    } else {
        halves[0].j1 = halves[1].j0 = block.j0 + nj / 2;
    }
    for (const Block& half : halves) {
        const XY lo = grid.centre(half.i0, half.j0);
        const XY hi = grid.centre(half.i1 - 1, half.j1 - 1);
        const double mx = 0.5 * (lo.x + hi.x), my = 0.5 * (lo.y + hi.y);
        // Upper bound: every centre of the half is within (distance from the middle to some
        // segment + half-diagonal) of that segment. One representative segment per cluster.
        double best2 = kInf;
        for (std::size_t c = first; c < first + count; ++c) {
            const std::uint32_t k = clusters_[candidates[c]].first + clusters_[candidates[c]].count / 2;
            best2 = std::min(best2, approx_d2(mx, my, ax_[k], ay_[k], dx_[k], dy_[k], inv_len2_[k]));
        }
        const double half_diagonal = 0.5 * std::hypot(hi.x - lo.x, hi.y - lo.y);
        const double limit = std::min(std::sqrt(best2 + screen_margin(best2)) + half_diagonal, radius_m) + kSlack_m;
        const double limit2 = limit * limit;
        const std::size_t child_first = candidates.size();
        for (std::size_t c = first; c < first + count; ++c) {
            if (box_distance2(clusters_[candidates[c]], lo, hi) <= limit2) candidates.push_back(candidates[c]);
        }
        solve(grid, radius_m, half, child_first, candidates.size() - child_first, candidates, out);
        candidates.resize(child_first);
    }
}

void RasterSnapper::brute_force(const RasterGrid& grid, double radius_m, Block block, const std::uint32_t* clusters,
                                std::size_t count, RasterSnaps& out) const {
    constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
    const double max2 = radius_m * radius_m;
    // Clusters nearest to the block first, so each centre finds a close segment early and
    // skips (then stops at) the clusters whose box is already farther than it.
    thread_local std::vector<std::pair<double, std::uint32_t>> near;
    near.clear();
    const XY lo = grid.centre(block.i0, block.j0);
    const XY hi = grid.centre(block.i1 - 1, block.j1 - 1);
    for (std::size_t c = 0; c < count; ++c) near.emplace_back(box_distance2(clusters_[clusters[c]], lo, hi), clusters[c]);
    std::sort(near.begin(), near.end());
    std::uint32_t previous = kNone;  // the last centre's nearest segment: usually close to this one's
    for (int j = block.j0; j < block.j1; ++j) {
        for (int i = block.i0; i < block.i1; ++i) {
            const XY p = grid.centre(i, j);
            double best_d2 = max2;
            std::uint32_t best = kNone;  // segment index
            double best_t = 0.0;
            // Pruning bound: the best so far, or the previous centre's segment (an upper bound on
            // the true nearest distance, with the screening margin) until something closer is found.
            double prune2 = max2;
            if (previous != kNone) {
                const double seed = approx_d2(p.x, p.y, ax_[previous], ay_[previous], dx_[previous], dy_[previous],
                                              inv_len2_[previous]);
                prune2 = std::min(max2, seed + screen_margin(seed));
            }
            for (const auto& [block_d2, c] : near) {
                if (block_d2 > prune2) break;  // this cluster and the next ones are all farther
                const Cluster& cluster = clusters_[c];
                if (box_distance2(cluster, p, p) > prune2) continue;  // no segment of it can be closer
                const std::uint32_t end = cluster.first + cluster.count;
                for (std::uint32_t k = cluster.first; k < end; ++k) {
                    if (k % kGroupSize == 0 && box_distance2(groups_[k / kGroupSize], p, p) > prune2) {
                        k += kGroupSize - 1;  // the whole group of segments is farther
                        continue;
                    }
                    if (approx_d2(p.x, p.y, ax_[k], ay_[k], dx_[k], dy_[k], inv_len2_[k]) >
                        prune2 + screen_margin(prune2))
                        continue;
                    const SegmentHit hit = closest_on_segment(p.x, p.y, ax_[k], ay_[k], bx_[k], by_[k]);
                    // Strictly closer than the radius; ties go to the lowest segment (SnapIndex's rule).
                    if (hit.d2 < best_d2 || (hit.d2 == best_d2 && best != kNone && ref_[k] < ref_[best])) {
                        best_d2 = hit.d2;
                        best = k;
                        best_t = hit.t;
                        prune2 = std::min(prune2, best_d2);
                    }
                }
            }
            previous = best;
            if (best == kNone) continue;
            const std::size_t index = static_cast<std::size_t>(j) * static_cast<std::size_t>(grid.nx) +
                                      static_cast<std::size_t>(i);
            const routing::EdgeId e = edge_[best];
            const double before = before_m_[best] + best_t * length_m_[best];
            const double total = edge_total_m_[e];
            out.edge[index] = e;
            out.fraction[index] = total > 0 ? std::clamp(before / total, 0.0, 1.0) : 0.0;
            out.distance_m[index] = std::sqrt(best_d2);
        }
    }
}

}  // namespace maillage::geo
