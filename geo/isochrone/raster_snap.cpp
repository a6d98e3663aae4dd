#include "geo/isochrone/raster_snap.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "geo/routing/road_network.h"

namespace maillage::geo {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// Every pruning bound is widened by this many metres: rounding in box and bin arithmetic
// (coordinates ~1e6 m, errors ~1e-9 m) can only add candidates, never lose a nearest one or a tie.
constexpr double kSlack_m = 1e-3;

// Bins beyond the grid: at most this many rings; farther segments are clamped into the
// border bins (their distance from a centre stays a lower bound, only less selective).
constexpr double kMaxMarginBins = 64.0;

// A segment longer than this many bins is cut into this many pieces (each then listed in
// every bin of its box) instead of bin-long pieces.
constexpr double kMaxPieces = 64.0;

// Bins of snap() are a pixel, or a pixel split into an even number of bins per side of about
// this size. Measured on Andorra: 50 m or 75 m bins for 100 m and 200 m pixels were slower
// (more bin rows per centre far from roads) than pixel-sized bins.
constexpr double kBin_m = 150.0;

// Groups of four centres whose bounds all exceed this many pixels (and differ by less) are
// searched together (one scan of the bin rows for the four).
constexpr double kFarPixels = 2.0;

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

// A segment in float metres relative to the bins' origin, for screening only.
struct Proto {
    float ax, ay, dx, dy, inv_len2;  ///< one end, the other minus it, 1 / squared length (0: a point)
};

// Four float lanes (GCC/Clang vector extensions: SSE on x86-64, NEON on arm64).
constexpr int kLanes = 4;
using V4f = float __attribute__((vector_size(16)));
using V4i = std::int32_t __attribute__((vector_size(16)));
inline V4f splat(float x) { return V4f{x, x, x, x}; }
inline V4f load4(const float* p) {
    V4f v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
inline bool none(V4i m) {
#if defined(__SSE2__)
    return _mm_movemask_ps(_mm_castsi128_ps(reinterpret_cast<__m128i>(m))) == 0;  // one instruction
#else
    return (m[0] | m[1] | m[2] | m[3]) == 0;
#endif
}

// Squared float distance from (px, py) to a segment, the same formula as the vector one below.
inline float screen_d2(const Proto& g, float px, float py) {
    const float ex = px - g.ax, ey = py - g.ay;
    const float t = std::clamp((ex * g.dx + ey * g.dy) * g.inv_len2, 0.0f, 1.0f);
    const float qx = t * g.dx - ex, qy = t * g.dy - ey;
    return qx * qx + qy * qy;
}

// Bin entries as structure of arrays (kLanes consecutive entries screened at once), padded
// with kLanes - 1 unused entries so a vector load never leaves the arrays.
struct Entries {
    std::vector<float> ax, ay, dx, dy, inv_len2;
    std::vector<std::uint32_t> segment;  ///< index in Scratch::selected
    void resize(std::size_t n) {  // the padding may hold anything: its lanes are masked
        for (auto* v : {&ax, &ay, &dx, &dy, &inv_len2}) v->resize(n + kLanes - 1);
        segment.resize(n + kLanes - 1);
    }
};

// Entries [first, end) of bins of one row at `a` rows from a centre.
struct Run {
    std::uint32_t first, end;
    int a;
};

// An entry that may hold a centre's nearest segment: its float squared distance.
struct Candidate {
    float d2;
    std::uint32_t q;  ///< index in Scratch::selected
};

// Per-thread buffers of snap(), reused from call to call.
struct Scratch {
    std::vector<std::uint32_t> selected;  ///< segments within the radius of the grid
    std::vector<Proto> proto;             ///< their float form, parallel to `selected`
    std::vector<std::uint64_t> listed;    ///< (bin << 32 | index in selected), one per bin of a piece
    std::vector<std::uint32_t> sorted;    ///< the indexes in selected of `listed`, by bin
    std::vector<std::uint32_t> bin_first;
    Entries entries;
    std::vector<std::uint32_t> below;  ///< nearest segment (index in selected) of the previous row's centres
    std::vector<Run> runs;             ///< one centre's runs of entries to screen
    std::vector<Candidate> candidates[4];  ///< per centre of a search
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
    const std::size_t n = m + network.shape_inner().size();  // each edge: its inner points + 1 segments

    // Coarse cells of about kSegmentsPerCell segments; a segment belongs to the cell of its
    // midpoint. Counting sort (no per-cell vectors).
    const double cell = std::max(1.0, std::sqrt(width * height * kSegmentsPerCell / std::max(1.0, double(n))));
    const auto cols = static_cast<std::uint32_t>(std::min(4096.0, std::floor(width / cell) + 1.0));
    const auto rows = static_cast<std::uint32_t>(std::min(4096.0, std::floor(height / cell) + 1.0));
    const double inv_cell = 1.0 / cell;
    std::vector<Cell> boxes(std::size_t(cols) * rows, Cell{kInf, kInf, -kInf, -kInf, 0, 0});

    // Pass 1: each segment's cell (midpoint), the cells' boxes and counts.
    std::vector<std::uint32_t> cell_of(n);
    std::uint32_t k = 0;
    for (routing::EdgeId e = 0; e < m; ++e) {
        const auto shape = network.edge_shape(e);
        XY a = shape[0];
        for (std::size_t i = 1; i < shape.size(); ++i, ++k) {
            const XY b = shape[i];
            // Truncation after clamping to >= 0 is floor.
            const auto cx = static_cast<std::uint32_t>(std::clamp((0.5 * (a.x + b.x) - min_x) * inv_cell, 0.0, double(cols - 1)));
            const auto cy = static_cast<std::uint32_t>(std::clamp((0.5 * (a.y + b.y) - min_y) * inv_cell, 0.0, double(rows - 1)));
            const std::uint32_t c = cy * cols + cx;
            cell_of[k] = c;
            Cell& box = boxes[c];
            box.min_x = std::min(box.min_x, std::min(a.x, b.x));
            box.min_y = std::min(box.min_y, std::min(a.y, b.y));
            box.max_x = std::max(box.max_x, std::max(a.x, b.x));
            box.max_y = std::max(box.max_y, std::max(a.y, b.y));
            ++box.count;
            a = b;
        }
    }
    std::vector<std::uint32_t> next(boxes.size());
    std::uint32_t first = 0;
    for (std::size_t c = 0; c < boxes.size(); ++c) {
        boxes[c].first = next[c] = first;
        first += boxes[c].count;
    }

    // Pass 2, edge by edge along each polyline, straight into cell order: each segment's ends,
    // its rank in (edge, segment) order (SnapIndex's tie-break), its length (sqrt of the
    // squared length, as SnapIndex) and the length of its edge before it (running sum in
    // SnapIndex's order).
    segments_.resize(n);
    places_.resize(n);
    edge_total_m_.resize(m);
    std::uint32_t ref = 0;
    for (routing::EdgeId e = 0; e < m; ++e) {
        const auto shape = network.edge_shape(e);
        double before = 0.0;
        XY a = shape[0];
        for (std::size_t i = 1; i < shape.size(); ++i, ++ref) {
            const XY b = shape[i];
            const double l = std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y));
            const std::uint32_t slot = next[cell_of[ref]]++;
            segments_[slot] = {a.x, a.y, b.x, b.y};
            places_[slot] = {e, ref, before, l};
            before += l;
            a = b;
        }
        edge_total_m_[e] = before;
    }
    for (const Cell& box : boxes)
        if (box.count > 0) cells_.push_back(box);
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

    // 1b. Bins: each cell split into split x split bins of about kBin_m (split 1 or even), plus
    // `margin` rings of bins around the grid. With split 1 a centre is the middle of its bin,
    // with an even split the corner of four bins.
    const int split = h < 1.5 * kBin_m ? 1 : 2 * std::max(1, static_cast<int>(std::min(h / (2.0 * kBin_m) + 0.5, 64.0)));
    const double bin_m = h / split;
    const int margin = static_cast<int>(std::min(kMaxMarginBins, std::ceil(radius_m / bin_m) + 1.0));
    const int bw = split * grid.nx + 2 * margin, bh = split * grid.ny + 2 * margin;
    const double ox = grid.origin.x - margin * bin_m, oy = grid.origin.y - margin * bin_m;
    const double inv_b = 1.0 / bin_m;
    // Truncation after clamping to >= 0 is floor (rounding at a bin edge is within kSlack_m).
    auto column = [&](double x) { return static_cast<std::uint32_t>(std::clamp((x - ox) * inv_b, 0.0, double(bw - 1))); };
    auto row = [&](double y) { return static_cast<std::uint32_t>(std::clamp((y - oy) * inv_b, 0.0, double(bh - 1))); };
    s.proto.resize(s.selected.size());
    s.listed.resize(4 * s.selected.size() + 4);
    std::size_t listed = 0;
    const auto row_step = std::uint64_t(bw) << 32;
    for (std::uint32_t q = 0; q < s.selected.size(); ++q) {
        const Segment& g = segments_[s.selected[q]];
        const double dx = g.bx - g.ax, dy = g.by - g.ay;
        const double len2 = dx * dx + dy * dy;
        s.proto[q] = {static_cast<float>(g.ax - ox), static_cast<float>(g.ay - oy), static_cast<float>(dx),
                      static_cast<float>(dy), len2 > 0 ? static_cast<float>(1.0 / len2) : 0.0f};
        // At least ceil(length / bin) pieces (so each is at most a bin long, its box on at most
        // 2 x 2 bins), at most kMaxPieces.
        const int pieces = 1 + static_cast<int>(std::min(std::sqrt(len2) * inv_b, kMaxPieces - 1.0));
        if (listed + 4 > s.listed.size()) s.listed.resize(2 * s.listed.size() + 4);
        std::uint64_t* put = s.listed.data();
        const std::uint32_t c0 = column(std::min(g.ax, g.bx)), c1 = column(std::max(g.ax, g.bx));
        const std::uint32_t r0 = row(std::min(g.ay, g.by)), r1 = row(std::max(g.ay, g.by));
        if (pieces == 1 && c1 - c0 <= 1 && r1 - r0 <= 1) {  // most segments: <= 2 x 2 bins, no branches
            const std::uint64_t key = (std::uint64_t{r0} * std::uint32_t(bw) + c0) << 32 | q;
            const bool wide = c1 != c0, tall = r1 != r0;
            put[listed] = key;
            listed += 1;
            put[listed] = key + (std::uint64_t{1} << 32);
            listed += wide ? 1 : 0;
            put[listed] = key + row_step;
            listed += tall ? 1 : 0;
            put[listed] = key + row_step + (std::uint64_t{1} << 32);
            listed += wide && tall ? 1 : 0;
            continue;
        }
        std::uint64_t last = ~std::uint64_t{0};
        for (int k = 0; k < pieces; ++k) {
            const double t0 = double(k) / pieces, t1 = double(k + 1) / pieces;
            const double x0 = g.ax + t0 * dx, y0 = g.ay + t0 * dy, x1 = g.ax + t1 * dx, y1 = g.ay + t1 * dy;
            const std::uint32_t p0 = column(std::min(x0, x1)), p1 = column(std::max(x0, x1));
            const std::uint32_t q0 = row(std::min(y0, y1)), q1 = row(std::max(y0, y1));
            for (std::uint32_t r = q0; r <= q1; ++r) {
                for (std::uint32_t c = p0; c <= p1; ++c) {
                    const std::uint64_t key = (std::uint64_t{r} * std::uint32_t(bw) + c) << 32 | q;
                    if (key == last) continue;  // consecutive pieces often share a bin
                    last = key;
                    if (listed == s.listed.size()) {
                        s.listed.resize(2 * s.listed.size());
                        put = s.listed.data();
                    }
                    put[listed++] = key;
                }
            }
        }
    }
    // Counting sort of the (bin, segment) keys by bin, then the entries in that order.
    const std::size_t bins = std::size_t(bw) * std::size_t(bh);
    s.bin_first.assign(bins + 1 + std::size_t(bw), 0);  // + a sentinel row, all equal to the total
    const std::uint64_t* keys = s.listed.data();
    for (std::size_t k = 0; k < listed; ++k) ++s.bin_first[(keys[k] >> 32) + 1];
    for (std::size_t k = 1; k <= bins; ++k) s.bin_first[k] += s.bin_first[k - 1];
    if (s.sorted.size() < listed) s.sorted.resize(listed);
    // Each bin filled from its end backwards (bin_first[k + 1] counts down to bin k's start).
    for (std::size_t k = 0; k < listed; ++k) s.sorted[--s.bin_first[(keys[k] >> 32) + 1]] = static_cast<std::uint32_t>(keys[k]);
    for (std::size_t k = 0; k < bins; ++k) s.bin_first[k] = s.bin_first[k + 1];
    std::fill(s.bin_first.begin() + std::ptrdiff_t(bins), s.bin_first.end(), static_cast<std::uint32_t>(listed));
    Entries& en = s.entries;
    en.resize(listed);
    for (std::size_t k = 0; k < listed; ++k) {
        const std::uint32_t q = s.sorted[k];
        const Proto& g = s.proto[q];
        en.ax[k] = g.ax;
        en.ay[k] = g.ay;
        en.dx[k] = g.dx;
        en.dy[k] = g.dy;
        en.inv_len2[k] = g.inv_len2;
        en.segment[k] = q;
    }
    // Raw views: the hot loops below then keep them in registers (the candidate vectors they
    // append to could otherwise alias the entries' vectors).
    const float* const e_ax = en.ax.data();
    const float* const e_ay = en.ay.data();
    const float* const e_dx = en.dx.data();
    const float* const e_dy = en.dy.data();
    const float* const e_inv_len2 = en.inv_len2.data();
    const std::uint32_t* const e_segment = en.segment.data();

    // 2. Centres row by row. Float screen: entries' coordinates are within max(bw, bh) bins
    // of the bins' origin, rounded to ~6e-8 of that; a float distance differs from the exact
    // one by far less than `pad`.
    const double extent = double(std::max(bw, bh)) * bin_m;
    const double pad = 0.05 + 4e-6 * extent;
    const double max2 = radius_m * radius_m;
    s.below.assign(std::size_t(grid.nx), kNone);
    const std::uint32_t* bin_first = s.bin_first.data();
    const std::uint32_t* sentinel = bin_first + bins;
    const std::uint32_t* selected = s.selected.data();
    const Proto* proto = s.proto.data();
    const bool odd = split == 1;
    const double off = odd ? 0.5 : 0.0;  // a centre's gap to the far edge of its own bin row/column
    const V4i iota{0, 1, 2, 3};
    auto to_bins2 = [&](double bound) { return ((bound + kSlack_m) * inv_b) * ((bound + kSlack_m) * inv_b); };

    // One centre's search state; `exact` applies SnapIndex's rule (strictly closer than the
    // radius; ties to the lowest (edge, segment)) and says whether the segment became the best.
    struct Best {
        double d2;
        std::uint32_t q;  ///< index in `selected`, kNone if nothing yet
        double t;
    };
    auto exact = [&](XY p, std::uint32_t q, Best& best) {
        const std::uint32_t c = selected[q];
        const Segment& g = segments_[c];
        const SegmentHit hit = closest_on_segment(p.x, p.y, g.ax, g.ay, g.bx, g.by);
        if (hit.d2 < best.d2 || (hit.d2 == best.d2 && best.q != kNone && places_[c].ref < places_[selected[best.q]].ref)) {
            best = {hit.d2, q, hit.t};
            return true;
        }
        return false;
    };

    // The runs of entries of the bin rows within sqrt(limit2) bins of the centres of bin
    // columns cf .. cl on bin row rc: rows at gap a - off below and above (a = 0 .. a_max), each
    // over its columns (gap kx - off beyond cf or cl). Collected without branches (most rows
    // far from roads are empty), nearest rows first.
    auto collect = [&](int rc, int cf, int cl, double limit2) {
        const int a_max = static_cast<int>(std::min(std::sqrt(limit2) + off, double(bw + bh)));
        if (s.runs.size() < 2 * std::size_t(a_max) + 2) s.runs.resize(2 * std::size_t(a_max) + 2);
        Run* runs = s.runs.data();
        std::size_t count = 0;
        const int even = odd ? 0 : 1;
        const int down_rows = rc - even + 1;  // rows rc - even - a below, for a < down_rows
        const auto up_first = static_cast<unsigned>(1 - even);  // rows rc + a above, for up_first <= a < bh - rc
        const auto up_span = static_cast<unsigned>(bh - rc) - up_first;
        std::ptrdiff_t down_at = std::ptrdiff_t(rc - even) * bw, up_at = std::ptrdiff_t(rc) * bw;  // row starts
        for (int a = 0; a <= a_max; ++a, down_at -= bw, up_at += bw) {
            const double gap = std::max(0.0, a - off);
            const int kx = static_cast<int>(std::sqrt(std::max(0.0, limit2 - gap * gap)) + off);
            const int c0 = std::max(0, cf - kx - even), c1 = std::min(bw - 1, cl + kx) + 1;
            // Rows outside the bins read the constant sentinel row (an empty run).
            const std::uint32_t* d = a < down_rows ? bin_first + down_at : sentinel;
            const std::uint32_t* u = static_cast<unsigned>(a) - up_first < up_span ? bin_first + up_at : sentinel;
            runs[count] = {d[c0], d[c1], a};
            count += d[c1] > d[c0] ? 1 : 0;
            runs[count] = {u[c0], u[c1], a};
            count += u[c1] > u[c0] ? 1 : 0;
        }
        return count;
    };

    // A search keeps, in float, the smallest squared distance `least2` screened so far (from
    // the neighbours' segments at first) and every entry within 2 pad of it (the exact nearest
    // segment, and any exact tie, is within pad in float); at the end the exact formula decides
    // among those still within 2 pad of the final least2. Bins farther than least + pad
    // (>= the exact distance of that entry's segment) are not read.
    struct Reach {
        float screen2;  ///< entries screened in within this squared float distance are kept
        double limit2;  ///< bins within this squared distance (bins^2) are read
    };
    auto reach_of = [&](float least2) {
        const double least = std::sqrt(double(least2));  // +inf before anything is found
        const double keep = std::min(least + 2.0 * pad, radius_m + pad);
        return Reach{static_cast<float>(keep * keep), to_bins2(std::min(radius_m, least + pad))};
    };
    auto decide = [&](XY p, const std::vector<Candidate>& candidates, float least2) {
        const float keep2 = reach_of(least2).screen2;
        Best best{max2, kNone, 0.0};
        for (const Candidate& c : candidates)
            if (c.d2 <= keep2 && c.q != best.q) exact(p, c.q, best);
        return best;
    };

    // One centre (bin column cc, row rc): entries screened four at a time.
    auto search_one = [&](XY p, int cc, int rc, float least2) {
        const V4f vx = splat(static_cast<float>(p.x - ox)), vy = splat(static_cast<float>(p.y - oy));
        Reach reach = reach_of(least2);
        V4f screen2 = splat(reach.screen2);
        double limit2 = reach.limit2;
        std::vector<Candidate>& candidates = s.candidates[0];
        candidates.clear();
        const std::size_t run_count = collect(rc, cc, cc, limit2);
        const Run* runs = s.runs.data();
        for (std::size_t k = 0; k < run_count; ++k) {
            const double gap = std::max(0.0, runs[k].a - off);
            if (gap * gap > limit2) break;  // this row and the next ones are beyond the best found
            const auto end = static_cast<std::int32_t>(runs[k].end);
            for (auto e = static_cast<std::int32_t>(runs[k].first); e < end; e += kLanes) {
                const auto u = std::size_t(e);
                const V4f ex = vx - load4(e_ax + u), ey = vy - load4(e_ay + u);
                const V4f dx = load4(e_dx + u), dy = load4(e_dy + u);
                V4f t = (ex * dx + ey * dy) * load4(e_inv_len2 + u);
                t = t < splat(0.0f) ? splat(0.0f) : t;
                t = t > splat(1.0f) ? splat(1.0f) : t;
                const V4f qx = t * dx - ex, qy = t * dy - ey;
                const V4f d2 = qx * qx + qy * qy;
                const V4i pass = (d2 <= screen2) & (iota < end - e);
                if (none(pass)) continue;
                for (int l = 0; l < kLanes; ++l) {
                    if (pass[l] == 0) continue;
                    candidates.push_back({d2[l], e_segment[u + std::size_t(l)]});
                    if (d2[l] < least2) {
                        least2 = d2[l];
                        reach = reach_of(least2);
                        screen2 = splat(reach.screen2);
                        limit2 = reach.limit2;
                    }
                }
            }
        }
        return decide(p, candidates, least2);
    };

    // Four neighbouring centres (bin columns cf, cf + split, ...) far from roads at once: one
    // collection of runs for the group, each entry screened against the four centres.
    auto search_four = [&](const XY* p, int cf, int rc, V4f least2, Best* best) {
        V4f px, screen2;
        double limit2[kLanes];
        double widest2 = 0.0;
        for (int l = 0; l < kLanes; ++l) {
            px[l] = static_cast<float>(p[l].x - ox);
            const Reach reach = reach_of(least2[l]);
            screen2[l] = reach.screen2;
            limit2[l] = reach.limit2;
            widest2 = std::max(widest2, limit2[l]);
            s.candidates[std::size_t(l)].clear();
        }
        const float py = static_cast<float>(p[0].y - oy);
        const std::size_t run_count = collect(rc, cf, cf + split * (kLanes - 1), widest2);
        const Run* runs = s.runs.data();
        for (std::size_t k = 0; k < run_count; ++k) {
            const double gap = std::max(0.0, runs[k].a - off);
            if (gap * gap > widest2) break;
            for (std::uint32_t e = runs[k].first; e < runs[k].end; ++e) {
                const float dx = e_dx[e], dy = e_dy[e], ey = py - e_ay[e];
                const V4f ex = px - splat(e_ax[e]);
                V4f t = (ex * splat(dx) + splat(ey * dy)) * splat(e_inv_len2[e]);
                t = t < splat(0.0f) ? splat(0.0f) : t;
                t = t > splat(1.0f) ? splat(1.0f) : t;
                const V4f qx = t * splat(dx) - ex, qy = t * splat(dy) - splat(ey);
                const V4f d2 = qx * qx + qy * qy;
                const V4i pass = d2 <= screen2;
                if (none(pass)) continue;
                bool closer = false;
                for (int l = 0; l < kLanes; ++l) {
                    if (pass[l] == 0) continue;
                    s.candidates[std::size_t(l)].push_back({d2[l], e_segment[e]});
                    if (d2[l] < least2[l]) {
                        least2[l] = d2[l];
                        const Reach reach = reach_of(least2[l]);
                        screen2[l] = reach.screen2;
                        limit2[l] = reach.limit2;
                        closer = true;
                    }
                }
                if (closer) {
                    widest2 = 0.0;
                    widest2 = *std::max_element(limit2, limit2 + kLanes);
                }
            }
        }
        for (int l = 0; l < kLanes; ++l) best[l] = decide(p[l], s.candidates[std::size_t(l)], least2[l]);
    };

    auto write = [&](int i, int j, const Best& best) {
        s.below[std::size_t(i)] = best.q;
        if (best.q == kNone) return;
        const std::size_t index = std::size_t(j) * std::size_t(grid.nx) + std::size_t(i);
        const Place& place = places_[selected[best.q]];
        const double before = place.before_m + best.t * place.length_m;
        const double total = edge_total_m_[place.edge];
        out.edge[index] = place.edge;
        out.fraction[index] = total > 0 ? std::clamp(before / total, 0.0, 1.0) : 0.0;
        out.distance_m[index] = std::sqrt(best.d2);
    };

    // Upper bounds from the neighbours' nearest segments (the distance is 1-Lipschitz: within
    // about a pixel of the answer), screened in float: bound >= that segment's exact distance.
    auto bound_of = [&](float seed2) { return std::isfinite(seed2) ? std::min(radius_m, std::sqrt(double(seed2)) + pad) : radius_m; };
    for (int j = 0; j < grid.ny; ++j) {
        std::uint32_t left = kNone;  // nearest segment (index in `selected`) of the previous centre
        const int rc = margin + split * j + split / 2;  // the centres' bin row (odd) or the one above (even)
        for (int i0 = 0; i0 < grid.nx; i0 += kLanes) {
            const int lanes = std::min(kLanes, grid.nx - i0);
            XY p[kLanes];
            V4f px{};
            for (int k = 0; k < kLanes; ++k) {
                p[k] = grid.centre(i0 + std::min(k, lanes - 1), j);
                px[k] = static_cast<float>(p[k].x - ox);
            }
            const float py = static_cast<float>(p[0].y - oy);
            if (lanes == kLanes) {
                // Far from roads (all four bounds above kFarPixels pixels and close to one another),
                // the group shares one collection of runs.
                V4f seed2 = splat(std::numeric_limits<float>::infinity());
                auto seed = [&](std::uint32_t q) {
                    if (q == kNone) return;
                    const Proto& g = proto[q];
                    const V4f ex = px - splat(g.ax);
                    const float ey = py - g.ay;
                    V4f t = (ex * splat(g.dx) + splat(ey * g.dy)) * splat(g.inv_len2);
                    t = t < splat(0.0f) ? splat(0.0f) : t;
                    t = t > splat(1.0f) ? splat(1.0f) : t;
                    const V4f qx = t * splat(g.dx) - ex, qy = t * splat(g.dy) - splat(ey);
                    const V4f d2 = qx * qx + qy * qy;
                    seed2 = d2 < seed2 ? d2 : seed2;
                };
                seed(left);
                for (int k = 0; k < kLanes; ++k) seed(s.below[std::size_t(i0 + k)]);
                double bound[kLanes];
                double nearest = kInf, farthest = 0.0;
                for (int k = 0; k < kLanes; ++k) {
                    bound[k] = bound_of(seed2[k]);
                    nearest = std::min(nearest, bound[k]);
                    farthest = std::max(farthest, bound[k]);
                }
                if (nearest > kFarPixels * h && farthest - nearest < kFarPixels * h) {
                    Best best[kLanes];
                    search_four(p, margin + split * i0 + split / 2, rc, seed2, best);
                    for (int k = 0; k < kLanes; ++k) write(i0 + k, j, best[k]);
                    left = best[kLanes - 1].q;
                    continue;
                }
            }
            for (int k = 0; k < lanes; ++k) {
                const float fx = px[k];
                float seed2 = std::numeric_limits<float>::infinity();
                if (left != kNone) seed2 = screen_d2(proto[left], fx, py);
                const std::uint32_t below = s.below[std::size_t(i0 + k)];
                if (below != kNone && below != left) seed2 = std::min(seed2, screen_d2(proto[below], fx, py));
                const Best best = search_one(p[k], margin + split * (i0 + k) + split / 2, rc, seed2);
                write(i0 + k, j, best);
                left = best.q;
            }
        }
    }
}

}  // namespace maillage::geo
