#include "geo/isochrone/raster_snap.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "geo/routing/road_network.h"

namespace maillage::geo {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// Every pruning bound is widened by this many metres: rounding in box and bin arithmetic
// (coordinates ~1e6 m, errors ~1e-9 m) can only add candidates, never lose a nearest one or a tie.
constexpr double kSlack_m = 1e-3;

// Bins beyond the grid: at most this many rings of pixels; farther segments are clamped
// into the border bins (still a lower bound on their distance, only less selective).
constexpr double kMaxMarginBins = 64.0;

// A segment longer than this many pixels is cut into this many pieces (each then listed in
// every bin of its box) instead of pixel-long pieces.
constexpr double kMaxPieces = 64.0;

// Coarse cells of the constructor: about this many segments each on average.
constexpr double kSegmentsPerCell = 32.0;

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

// Squared distance between the box [min, max] and the rectangle [lo, hi] (0 if they overlap).
inline double box_distance2(double min_x, double min_y, double max_x, double max_y, XY lo, XY hi) noexcept {
    const double dx = std::max({0.0, min_x - hi.x, lo.x - max_x});
    const double dy = std::max({0.0, min_y - hi.y, lo.y - max_y});
    return dx * dx + dy * dy;
}

// A bin entry: one segment in float metres relative to the bins' origin, for screening only.
struct Entry {
    float ax, ay, dx, dy, inv_len2;
    std::uint32_t segment;
};

// Per-thread buffers of snap(), reused from call to call.
struct Scratch {
    std::vector<std::uint32_t> selected;  ///< segments within the radius of the grid
    std::vector<Entry> proto;             ///< their entries, parallel to `selected`
    std::vector<std::uint64_t> listed;    ///< (bin << 32 | index in selected), one per bin of a piece
    std::vector<std::uint32_t> bin_first;
    std::vector<Entry> entries;
    std::vector<std::uint32_t> below;  ///< nearest segment of each centre of the previous row
};

Scratch& scratch() {
    thread_local Scratch s;
    return s;
}

}  // namespace

RasterSnapper::RasterSnapper(const routing::RoadNetwork& network) {
    const routing::EdgeId m = network.edge_count();
    const double min_x = network.min_xy().x, min_y = network.min_xy().y;
    const double width = std::max(network.max_xy().x - min_x, 1.0);
    const double height = std::max(network.max_xy().y - min_y, 1.0);
    std::size_t n = 0;
    for (routing::EdgeId e = 0; e < m; ++e) n += network.edge_shape(e).size() - 1;

    // Coarse cells of about kSegmentsPerCell segments; a segment belongs to the cell of its
    // midpoint. Counting sort in two passes over the polylines (no per-cell vectors).
    const double cell = std::max(1.0, std::sqrt(width * height * kSegmentsPerCell / std::max(1.0, double(n))));
    const auto cols = static_cast<std::uint32_t>(std::min(4096.0, std::floor(width / cell) + 1.0));
    const auto rows = static_cast<std::uint32_t>(std::min(4096.0, std::floor(height / cell) + 1.0));
    auto cell_of = [&](XY a, XY b) {
        const double fx = std::clamp(std::floor((0.5 * (a.x + b.x) - min_x) / cell), 0.0, double(cols - 1));
        const double fy = std::clamp(std::floor((0.5 * (a.y + b.y) - min_y) / cell), 0.0, double(rows - 1));
        return static_cast<std::uint32_t>(fy) * cols + static_cast<std::uint32_t>(fx);
    };
    std::vector<std::uint32_t> next(std::size_t(cols) * rows + 1, 0);
    for (routing::EdgeId e = 0; e < m; ++e) {
        const auto shape = network.edge_shape(e);
        XY a = shape[0];
        for (std::size_t i = 1; i < shape.size(); ++i) {
            const XY b = shape[i];
            ++next[cell_of(a, b) + 1];
            a = b;
        }
    }
    for (std::size_t c = 1; c < next.size(); ++c) next[c] += next[c - 1];
    std::vector<std::uint32_t> first(next.begin(), next.end());

    // Pass 2, edge by edge along each polyline: each segment's ends, its rank in (edge,
    // segment) order (SnapIndex's tie-break), its length (sqrt of the squared length; SnapIndex
    // uses the same) and the length of its edge before it (running sum in SnapIndex's order).
    segments_.resize(n);
    places_.resize(n);
    edge_total_m_.assign(m, 0.0);
    std::uint32_t ref = 0;
    for (routing::EdgeId e = 0; e < m; ++e) {
        const auto shape = network.edge_shape(e);
        double before = 0.0;
        XY a = shape[0];
        for (std::size_t i = 1; i < shape.size(); ++i, ++ref) {
            const XY b = shape[i];
            const double l = std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y));
            const std::uint32_t slot = next[cell_of(a, b)]++;
            segments_[slot] = {a.x, a.y, b.x, b.y};
            places_[slot] = {e, ref, before, l};
            before += l;
            a = b;
        }
        edge_total_m_[e] = before;
    }
    for (std::size_t c = 0; c + 1 < first.size(); ++c) {
        if (first[c] == first[c + 1]) continue;
        Cell box{kInf, kInf, -kInf, -kInf, first[c], first[c + 1] - first[c]};
        for (std::uint32_t k = first[c]; k < first[c + 1]; ++k) {
            const Segment& s = segments_[k];
            box.min_x = std::min({box.min_x, s.ax, s.bx});
            box.min_y = std::min({box.min_y, s.ay, s.by});
            box.max_x = std::max({box.max_x, s.ax, s.bx});
            box.max_y = std::max({box.max_y, s.ay, s.by});
        }
        cells_.push_back(box);
    }
}

std::size_t RasterSnapper::memory_bytes() const noexcept {
    return segments_.capacity() * sizeof(Segment) + places_.capacity() * sizeof(Place) +
           edge_total_m_.capacity() * sizeof(double) + cells_.capacity() * sizeof(Cell);
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
    if (grid.size() == 0 || segments_.empty()) return;
    Scratch& s = scratch();
    const double h = grid.cell_m;

    // 1a. The segments whose box is within the radius of the centres' rectangle.
    const XY lo = grid.centre(0, 0);
    const XY hi = grid.centre(grid.nx - 1, grid.ny - 1);
    const double reach2 = (radius_m + kSlack_m) * (radius_m + kSlack_m);
    s.selected.clear();
    for (const Cell& c : cells_) {
        if (box_distance2(c.min_x, c.min_y, c.max_x, c.max_y, lo, hi) > reach2) continue;
        for (std::uint32_t k = c.first; k < c.first + c.count; ++k) {
            const Segment& g = segments_[k];
            if (box_distance2(std::min(g.ax, g.bx), std::min(g.ay, g.by), std::max(g.ax, g.bx), std::max(g.ay, g.by),
                              lo, hi) <= reach2)
                s.selected.push_back(k);
        }
    }
    if (s.selected.empty()) return;

    // 1b. Bins: the grid's cells plus `margin` rings; bin (margin + i, margin + j) is cell (i, j),
    // so each centre sits in the middle of its own bin.
    const int margin = static_cast<int>(std::min(kMaxMarginBins, std::ceil(radius_m / h) + 1.0));
    const int bw = grid.nx + 2 * margin, bh = grid.ny + 2 * margin;
    const double ox = grid.origin.x - margin * h, oy = grid.origin.y - margin * h;
    auto column = [&](double x) { return static_cast<std::uint32_t>(std::clamp(std::floor((x - ox) / h), 0.0, double(bw - 1))); };
    auto row = [&](double y) { return static_cast<std::uint32_t>(std::clamp(std::floor((y - oy) / h), 0.0, double(bh - 1))); };
    s.proto.resize(s.selected.size());
    s.listed.clear();
    for (std::uint32_t q = 0; q < s.selected.size(); ++q) {
        const Segment& g = segments_[s.selected[q]];
        const double dx = g.bx - g.ax, dy = g.by - g.ay;
        const double len2 = dx * dx + dy * dy;
        s.proto[q] = {static_cast<float>(g.ax - ox), static_cast<float>(g.ay - oy), static_cast<float>(dx),
                      static_cast<float>(dy), len2 > 0 ? static_cast<float>(1.0 / len2) : 0.0f, s.selected[q]};
        const int pieces = static_cast<int>(std::clamp(std::ceil(std::sqrt(len2) / h), 1.0, kMaxPieces));
        std::uint64_t last = ~std::uint64_t{0};
        for (int p = 0; p < pieces; ++p) {
            const double t0 = double(p) / pieces, t1 = double(p + 1) / pieces;
            const double x0 = g.ax + t0 * dx, y0 = g.ay + t0 * dy, x1 = g.ax + t1 * dx, y1 = g.ay + t1 * dy;
            const std::uint32_t c0 = column(std::min(x0, x1)), c1 = column(std::max(x0, x1));
            const std::uint32_t r0 = row(std::min(y0, y1)), r1 = row(std::max(y0, y1));
            for (std::uint32_t r = r0; r <= r1; ++r) {
                for (std::uint32_t c = c0; c <= c1; ++c) {
                    const std::uint64_t key = (std::uint64_t{r} * std::uint32_t(bw) + c) << 32 | q;
                    if (key == last) continue;  // consecutive pieces often share a bin
                    last = key;
                    s.listed.push_back(key);
                }
            }
        }
    }
    const std::size_t bins = std::size_t(bw) * std::size_t(bh);
    s.bin_first.assign(bins + 1, 0);
    for (const std::uint64_t key : s.listed) ++s.bin_first[(key >> 32) + 1];
    for (std::size_t b = 1; b <= bins; ++b) s.bin_first[b] += s.bin_first[b - 1];
    s.entries.resize(s.listed.size());
    // Each bin filled from its end backwards (bin_first[b + 1] counts down to bin b's start).
    for (const std::uint64_t key : s.listed) s.entries[--s.bin_first[(key >> 32) + 1]] = s.proto[key & 0xFFFFFFFFu];
    for (std::size_t b = 0; b < bins; ++b) s.bin_first[b] = s.bin_first[b + 1];
    s.bin_first[bins] = static_cast<std::uint32_t>(s.entries.size());

    // 2. Centres row by row. Float screen: entries' coordinates are within ~max(bw, bh) * h of
    // the bins' origin, rounded to ~6e-8 of that; the float distance exceeds the exact one by
    // far less than this pad.
    const double extent = double(std::max(bw, bh)) * h;
    const double pad = 0.05 + 4e-6 * extent;
    const double max2 = radius_m * radius_m;
    const double inv_h = 1.0 / h;
    s.below.assign(std::size_t(grid.nx), kNone);
    const std::uint32_t* bin_first = s.bin_first.data();
    const Entry* entries = s.entries.data();
    for (int j = 0; j < grid.ny; ++j) {
        std::uint32_t left = kNone;
        for (int i = 0; i < grid.nx; ++i) {
            const XY p = grid.centre(i, j);
            double best_d2 = max2;
            std::uint32_t best = kNone;
            double best_t = 0.0;
            // SnapIndex's rule: strictly closer than the radius; ties to the lowest (edge, segment).
            auto consider = [&](std::uint32_t k) {
                const Segment& g = segments_[k];
                const SegmentHit hit = closest_on_segment(p.x, p.y, g.ax, g.ay, g.bx, g.by);
                if (hit.d2 < best_d2 || (hit.d2 == best_d2 && best != kNone && places_[k].ref < places_[best].ref)) {
                    best_d2 = hit.d2;
                    best = k;
                    best_t = hit.t;
                    return true;
                }
                return false;
            };
            // The neighbours' nearest segments: an upper bound within a pixel of the answer.
            if (left != kNone) consider(left);
            if (s.below[std::size_t(i)] != kNone && s.below[std::size_t(i)] != left) consider(s.below[std::size_t(i)]);
            double bound = best == kNone ? radius_m : std::sqrt(best_d2);
            double limit = bound + kSlack_m;
            float screen2 = static_cast<float>((bound + pad) * (bound + pad));
            const float px = static_cast<float>(p.x - ox), py = static_cast<float>(p.y - oy);
            const int pi = i + margin, pj = j + margin;
            // Bin rows pj - a and pj + a for a = 0, 1, ..., each over the columns pi - kx .. pi + kx
            // within `limit` (in pixel units: column gap kx - 1/2, row gap a - 1/2); kx only shrinks.
            double limit2 = (limit * inv_h) * (limit * inv_h);
            int kx = static_cast<int>(std::min(std::floor(limit * inv_h + 0.5), double(bw)));
            for (int a = 0;; ++a) {
                const double gap2 = a == 0 ? 0.0 : (a - 0.5) * (a - 0.5);
                if (gap2 > limit2 || (pj - a < 0 && pj + a >= bh)) break;
                while (kx > 0 && (kx - 0.5) * (kx - 0.5) + gap2 > limit2) --kx;
                const int c0 = std::max(0, pi - kx), c1 = std::min(bw - 1, pi + kx);
                for (int side = 0; side < (a == 0 ? 1 : 2); ++side) {
                    const int r = side == 0 ? pj - a : pj + a;
                    if (r < 0 || r >= bh) continue;
                    const std::size_t base = std::size_t(r) * std::size_t(bw);
                    const std::uint32_t end = bin_first[base + std::size_t(c1) + 1];
                    for (std::uint32_t e = bin_first[base + std::size_t(c0)]; e < end; ++e) {
                        const Entry& en = entries[e];
                        const float t = std::clamp(((px - en.ax) * en.dx + (py - en.ay) * en.dy) * en.inv_len2, 0.0f, 1.0f);
                        const float qx = en.ax + t * en.dx - px, qy = en.ay + t * en.dy - py;
                        if (qx * qx + qy * qy > screen2) continue;
                        if (consider(en.segment)) {
                            bound = std::sqrt(best_d2);
                            limit = bound + kSlack_m;
                            limit2 = (limit * inv_h) * (limit * inv_h);
                            screen2 = static_cast<float>((bound + pad) * (bound + pad));
                        }
                    }
                }
            }
            left = best;
            s.below[std::size_t(i)] = best;
            if (best == kNone) continue;
            const std::size_t index = std::size_t(j) * std::size_t(grid.nx) + std::size_t(i);
            const Place& place = places_[best];
            const double before = place.before_m + best_t * place.length_m;
            const double total = edge_total_m_[place.edge];
            out.edge[index] = place.edge;
            out.fraction[index] = total > 0 ? std::clamp(before / total, 0.0, 1.0) : 0.0;
            out.distance_m[index] = std::sqrt(best_d2);
        }
    }
}

}  // namespace maillage::geo
