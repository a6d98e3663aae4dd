#include "geo/isochrone/contour.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "geo/core/error.h"
#include "geo/isochrone/polygon_utils.h"

namespace maillage::geo {

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
static_assert(std::endian::native == std::endian::little,
              "contour_rings reads corner bytes as little-endian words");

// The raster seen with a one-cell ring of +inf around it, so every contour closes.
// Padded indices I = i + 1, J = j + 1; corners are cell centres.
struct PaddedField {
    const TimeRaster& r;
    int px;  // nx + 2
    int py;  // ny + 2

    /// Time at padded corner (I, J); +inf on the padding ring.
    [[nodiscard]] float value(int I, int J) const noexcept {
        if (I < 1 || J < 1 || I > r.grid.nx || J > r.grid.ny) return kInf;
        return r.at(I - 1, J - 1);
    }
    [[nodiscard]] XY corner(int I, int J) const noexcept {
        return {r.grid.origin.x + (I - 0.5) * r.grid.cell_m,
                r.grid.origin.y + (J - 0.5) * r.grid.cell_m};
    }
    // Dense edge ids: horizontal edges (I,J)-(I+1,J) first, then vertical (I,J)-(I,J+1).
    [[nodiscard]] std::int64_t horizontal(int I, int J) const noexcept {
        return static_cast<std::int64_t>(J) * (px - 1) + I;
    }
    [[nodiscard]] std::int64_t vertical(int I, int J) const noexcept {
        return static_cast<std::int64_t>(px - 1) * py + static_cast<std::int64_t>(J) * px + I;
    }
    [[nodiscard]] std::int64_t edge_count() const noexcept {
        return static_cast<std::int64_t>(px - 1) * py + static_cast<std::int64_t>(px) * (py - 1);
    }
};

// Where the threshold crosses the segment from corner a to corner b (exactly one of them
// inside, i.e. <= T). See the contract in contour.h.
XY crossing(XY pa, float va, XY pb, float vb, double t) noexcept {
    if (va > vb) {
        std::swap(pa, pb);
        std::swap(va, vb);
    }
    double s =
        std::isinf(vb) ? 0.5 : (t - static_cast<double>(va)) / (static_cast<double>(vb) - va);
    s = std::clamp(s, kMinEdgeFraction, 1.0 - kMinEdgeFraction);
    return {pa.x + s * (pb.x - pa.x), pa.y + s * (pb.y - pa.y)};
}

struct Segment {
    std::int64_t from_edge;
    std::int64_t to_edge;
    XY from;
};

struct StampedIndex {
    std::uint32_t stamp;
    std::uint32_t index;
};

// Per-thread buffers reused by every contour_rings call (no allocation once warmed up, apart
// from the returned rings).
struct ContourScratch {
    std::vector<std::uint8_t> inside;
    std::vector<Segment> segments;
    std::vector<StampedIndex> starting_at;
    std::vector<std::uint8_t> used;
    std::uint32_t stamp = 0;
};

ContourScratch& contour_scratch() {
    thread_local ContourScratch scratch;
    return scratch;
}

// Shoelace formula relative to the first point (Lambert-93 coordinates are ~1e6 m: products
// of absolute coordinates would lose the square metres).
double signed_area(const std::vector<XY>& ring) noexcept {
    double twice = 0.0;
    const std::size_t n = ring.size();
    const XY o = ring[0];
    for (std::size_t k = 0, prev = n - 1; k < n; prev = k++) {
        twice +=
            ((ring[prev].x - o.x) * (ring[k].y - o.y)) - ((ring[k].x - o.x) * (ring[prev].y - o.y));
    }
    return 0.5 * twice;
}

// Marching-squares cases. Corners counter-clockwise BL, BR, TR, TL (bit k of the code = corner
// k inside); cell edge k joins corner k to corner k + 1. Going counter-clockwise round the
// cell, an "exit" edge goes from inside to outside, an "entry" edge from outside to inside; a
// boundary segment runs from an exit to an entry, which keeps the inside on its left (outer
// rings CCW, holes CW). Joined saddles (and every non-saddle cell) pair an exit with the next
// entry counter-clockwise; separated saddles with the previous one. Index: code | joined << 4.
struct CellCase {
    std::uint8_t count = 0;  ///< segments (0, 1, or 2 for saddles)
    std::array<std::uint8_t, 2> exit{};
    std::array<std::uint8_t, 2> entry{};
};

constexpr std::array<CellCase, 32> make_cell_cases() {
    std::array<CellCase, 32> cases{};
    for (unsigned index = 0; index < 32; ++index) {
        const unsigned code = index & 15U;
        const bool joined = (index & 16U) != 0;
        const bool saddle = code == 5 || code == 10;
        auto in = [code](int k) { return ((code >> (k & 3)) & 1U) != 0; };
        CellCase& c = cases[index];
        for (int k = 0; k < 4; ++k) {
            if (!(in(k) && !in(k + 1))) continue;  // not an exit
            int m = k;
            for (int step = 1; step < 4; ++step) {
                m = saddle && !joined ? (k + 4 - step) % 4 : (k + step) % 4;
                if (!in(m) && in(m + 1)) break;
            }
            c.exit[c.count] = static_cast<std::uint8_t>(k);
            c.entry[c.count] = static_cast<std::uint8_t>(m);
            ++c.count;
        }
    }
    return cases;
}

constexpr std::array<CellCase, 32> kCellCases = make_cell_cases();
constexpr std::array<int, 4> kCornerDx{0, 1, 1, 0};
constexpr std::array<int, 4> kCornerDy{0, 0, 1, 1};

// dst[i] = src[i] <= limit ? 1 : 0 for i < n (NaN compares false), 16 values per step with SSE2.
void mark_at_most(const float* src, std::size_t n, float limit, std::uint8_t* dst) noexcept {
    std::size_t i = 0;
#if defined(__SSE2__)
    const __m128 lim = _mm_set1_ps(limit);
    const __m128i one = _mm_set1_epi8(1);
    auto block = [&](std::size_t at) {
        const __m128i a = _mm_castps_si128(_mm_cmple_ps(_mm_loadu_ps(src + at), lim));
        const __m128i b = _mm_castps_si128(_mm_cmple_ps(_mm_loadu_ps(src + at + 4), lim));
        const __m128i c = _mm_castps_si128(_mm_cmple_ps(_mm_loadu_ps(src + at + 8), lim));
        const __m128i d = _mm_castps_si128(_mm_cmple_ps(_mm_loadu_ps(src + at + 12), lim));
        // Masks are 0 or -1 per lane: saturating packs keep them, then & 1 gives the bytes.
        const __m128i bytes = _mm_packs_epi16(_mm_packs_epi32(a, b), _mm_packs_epi32(c, d));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + at), _mm_and_si128(bytes, one));
    };
    for (; i + 16 <= n; i += 16) block(i);
    if (i < n && n >= 16) {  // the tail as one last block overlapping the previous one
        block(n - 16);
        i = n;
    }
#endif
    for (; i < n; ++i) dst[i] = src[i] <= limit ? 1 : 0;
}

}  // namespace

std::vector<ContourRing> contour_rings(const TimeRaster& raster, double threshold_s) {
    const PaddedField f{raster, raster.grid.nx + 2, raster.grid.ny + 2};
    const double t = threshold_s;
    ContourScratch& w = contour_scratch();

    // Pass 1: which corners are inside (t_centre <= T), on the padded lattice (padding is
    // +inf, i.e. outside). One byte per corner. The contract compares in double; with tf the
    // largest float <= T, (double)v <= T exactly when v <= tf, a float compare that vectorises.
    const std::size_t px = static_cast<std::size_t>(f.px);
    const std::size_t nx = static_cast<std::size_t>(raster.grid.nx);
    float tf = static_cast<float>(t);
    if (static_cast<double>(tf) > t) tf = std::nextafter(tf, -kInf);
    w.inside.assign(px * static_cast<std::size_t>(f.py) + 8, 0);  // + 8: word reads past the end
    for (int j = 0; j < raster.grid.ny; ++j) {
        const float* src = raster.seconds.data() + static_cast<std::size_t>(j) * nx;
        std::uint8_t* dst = w.inside.data() + (static_cast<std::size_t>(j) + 1) * px + 1;
        mark_at_most(src, nx, tf, dst);
    }

    // Pass 2: marching squares. Only cells with both inside and outside corners emit segments.
    w.segments.clear();
    for (int cj = 0; cj + 1 < f.py; ++cj) {
        const std::uint8_t* in0 = w.inside.data() + static_cast<std::size_t>(cj) * px;
        const std::uint8_t* in1 = in0 + px;
        // 8 cells at a time: byte k of `mixed` is 1 where cell base + k has corners on both
        // sides (corner bytes are 0 or 1; the + 8 padding of `inside` covers the reads).
        const int cells = f.px - 1;
        for (int base = 0; base < cells; base += 8) {
            std::uint64_t a = 0, a1 = 0, b = 0, b1 = 0;
            std::memcpy(&a, in0 + base, 8);
            std::memcpy(&a1, in0 + base + 1, 8);
            std::memcpy(&b, in1 + base, 8);
            std::memcpy(&b1, in1 + base + 1, 8);
            std::uint64_t mixed = (a ^ a1) | (b ^ b1) | (a ^ b);
            if (cells - base < 8) mixed &= (std::uint64_t{1} << (8 * (cells - base))) - 1;
            for (; mixed != 0; mixed &= mixed - 1) {
                const int ci = base + std::countr_zero(mixed) / 8;
                // Corners counter-clockwise: BL, BR, TR, TL; cell edge k joins corner k to k+1.
                const unsigned code =
                    in0[ci] | (in0[ci + 1] << 1) | (in1[ci + 1] << 2) | (in1[ci] << 3);
                bool joined = false;
                if (code == 5 || code == 10) {
                    const double sum = static_cast<double>(f.value(ci, cj)) + f.value(ci + 1, cj) +
                                       f.value(ci + 1, cj + 1) + f.value(ci, cj + 1);
                    joined = sum / 4.0 <= t;
                }
                const CellCase& cell = kCellCases[code | (joined ? 16U : 0U)];
                const std::int64_t h = f.horizontal(ci, cj), v = f.vertical(ci, cj);
                const std::array<std::int64_t, 4> edge{h, v + 1, h + (f.px - 1), v};
                for (int s = 0; s < cell.count; ++s) {
                    const int k = cell.exit[s], k1 = (k + 1) & 3;
                    const int ai = ci + kCornerDx[k], aj = cj + kCornerDy[k];
                    const int bi = ci + kCornerDx[k1], bj = cj + kCornerDy[k1];
                    w.segments.push_back({edge[k], edge[cell.entry[s]],
                                          crossing(f.corner(ai, aj), f.value(ai, aj),
                                                   f.corner(bi, bj), f.value(bi, bj), t)});
                }
            }
        }
    }

    // Every crossed edge starts exactly one segment and ends exactly one: chain them. The
    // edge -> segment table is stamped per call, so it is never cleared.
    const auto edge_count = static_cast<std::size_t>(f.edge_count());
    if (w.starting_at.size() < edge_count) w.starting_at.resize(edge_count, StampedIndex{0, 0});
    if (++w.stamp == 0) {
        std::fill(w.starting_at.begin(), w.starting_at.end(), StampedIndex{0, 0});
        w.stamp = 1;
    }
    for (std::size_t s = 0; s < w.segments.size(); ++s) {
        w.starting_at[static_cast<std::size_t>(w.segments[s].from_edge)] = {
            w.stamp, static_cast<std::uint32_t>(s)};
    }
    w.used.assign(w.segments.size(), 0);
    // Local views: push_back below may alias anything reachable through `w` otherwise.
    const Segment* segments = w.segments.data();
    const StampedIndex* starting_at = w.starting_at.data();
    std::uint8_t* used = w.used.data();
    const std::uint32_t stamp = w.stamp;
    const std::size_t segment_count = w.segments.size();
    std::vector<ContourRing> rings;
    for (std::size_t first = 0; first < segment_count; ++first) {
        if (used[first] != 0) continue;
        ContourRing ring;
        std::size_t s = first;
        while (used[s] == 0) {
            used[s] = 1;
            ring.points.push_back(segments[s].from);
            const StampedIndex next = starting_at[static_cast<std::size_t>(segments[s].to_edge)];
            if (next.stamp != stamp)
                throw GeometryError("isochrone contour: open ring (internal error)");
            s = next.index;
        }
        if (s != first)
            throw GeometryError("isochrone contour: ring does not close (internal error)");
        ring.signed_area_m2 = signed_area(ring.points);
        rings.push_back(std::move(ring));
    }
    return rings;
}

namespace {

GeomPtr contour_polygon_with_area(const TimeRaster& raster, double threshold_s,
                                  const ContourOptions& options, double& area) {
    return polygons_from_rings(contour_rings(raster, threshold_s), options.min_part_area_m2,
                               options.check_validity_with_geos ? RingValidity::check_with_geos
                                                                : RingValidity::by_construction,
                               &area);
}

}  // namespace

GeomPtr contour_polygon(const TimeRaster& raster, double threshold_s,
                        const ContourOptions& options) {
    double area = 0.0;
    return contour_polygon_with_area(raster, threshold_s, options, area);
}

std::vector<IsochroneLevel> isochrone_levels(const TimeRaster& raster,
                                             std::span<const double> thresholds_s,
                                             const ContourOptions& options) {
    for (std::size_t k = 0; k < thresholds_s.size(); ++k) {
        const double t = thresholds_s[k];
        if (!std::isfinite(t) || t <= 0.0 || (k > 0 && t <= thresholds_s[k - 1])) {
            throw std::invalid_argument(
                "isochrone thresholds must be finite, positive and strictly "
                "increasing (seconds)");
        }
    }
    auto h = geos_handle();
    std::vector<IsochroneLevel> levels;
    levels.reserve(thresholds_s.size());
    for (const double t : thresholds_s) {
        IsochroneLevel level;
        level.threshold_s = t;
        level.cumulative = contour_polygon_with_area(raster, t, options, level.cumulative_area_m2);
        if (levels.empty()) {
            level.band = geom_clone(*level.cumulative);
            level.band_area_m2 = level.cumulative_area_m2;
        } else {
            level.band = as_multipolygon(geos_check(
                GEOSDifference_r(h, level.cumulative.get(), levels.back().cumulative.get()),
                "isochrone band difference"));
            level.band_area_m2 = area_m2(*level.band);
        }
        levels.push_back(std::move(level));
    }
    return levels;
}

double area_m2(const GEOSGeometry& g) {
    double a = 0.0;
    if (GEOSArea_r(geos_handle(), &g, &a) != 1)
        throw GeometryError("area failed: " + geos_last_error());
    return a;
}

}  // namespace maillage::geo
