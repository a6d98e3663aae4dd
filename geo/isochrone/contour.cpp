#include "geo/isochrone/contour.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include "geo/core/error.h"
#include "geo/isochrone/polygon_utils.h"

namespace maillage::geo {

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

// The raster seen with a one-cell ring of +inf around it, so every contour closes.
// Padded indices I = i + 1, J = j + 1; corners are cell centres.
struct PaddedField {
    const TimeRaster& r;
    int px;  // nx + 2
    int py;  // ny + 2

    [[nodiscard]] float value(int I, int J) const noexcept {
        if (I <= 0 || J <= 0 || I >= px - 1 || J >= py - 1) return kInf;
        return r.at(I - 1, J - 1);
    }
    [[nodiscard]] XY corner(int I, int J) const noexcept {
        return {r.grid.origin.x + (I - 0.5) * r.grid.cell_m, r.grid.origin.y + (J - 0.5) * r.grid.cell_m};
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
    double s = std::isinf(vb) ? 0.5 : (t - static_cast<double>(va)) / (static_cast<double>(vb) - va);
    s = std::clamp(s, kMinEdgeFraction, 1.0 - kMinEdgeFraction);
    return {pa.x + s * (pb.x - pa.x), pa.y + s * (pb.y - pa.y)};
}

struct Segment {
    std::int64_t from_edge;
    std::int64_t to_edge;
    XY from;
};

double signed_area(const std::vector<XY>& ring) noexcept {
    double twice = 0.0;
    const std::size_t n = ring.size();
    for (std::size_t k = 0, prev = n - 1; k < n; prev = k++) {
        twice += (ring[prev].x * ring[k].y) - (ring[k].x * ring[prev].y);
    }
    return 0.5 * twice;
}

}  // namespace

std::vector<ContourRing> contour_rings(const TimeRaster& raster, double threshold_s) {
    const PaddedField f{raster, raster.grid.nx + 2, raster.grid.ny + 2};
    const double t = threshold_s;
    std::vector<Segment> segments;

    for (int cj = 0; cj + 1 < f.py; ++cj) {
        for (int ci = 0; ci + 1 < f.px; ++ci) {
            // Corners counter-clockwise: BL, BR, TR, TL; cell edge k joins corner k to k+1.
            const std::array<float, 4> v{f.value(ci, cj), f.value(ci + 1, cj), f.value(ci + 1, cj + 1),
                                         f.value(ci, cj + 1)};
            const std::array<bool, 4> in{v[0] <= t, v[1] <= t, v[2] <= t, v[3] <= t};
            const int count = in[0] + in[1] + in[2] + in[3];
            if (count == 0 || count == 4) continue;

            const std::array<XY, 4> p{f.corner(ci, cj), f.corner(ci + 1, cj), f.corner(ci + 1, cj + 1),
                                      f.corner(ci, cj + 1)};
            const std::array<std::int64_t, 4> edge{f.horizontal(ci, cj), f.vertical(ci + 1, cj),
                                                   f.horizontal(ci, cj + 1), f.vertical(ci, cj)};
            // Going counter-clockwise round the cell, an "exit" edge goes from inside to outside,
            // an "entry" edge from outside to inside. A boundary segment runs from an exit to an
            // entry, which keeps the inside on its left (outer rings CCW, holes CW).
            const bool saddle = count == 2 && in[0] == in[2];
            const bool joined = saddle && (static_cast<double>(v[0]) + v[1] + v[2] + v[3]) / 4.0 <= t;
            for (int k = 0; k < 4; ++k) {
                const int k1 = (k + 1) % 4;
                if (!(in[k] && !in[k1])) continue;  // not an exit
                // Joined saddles (and every non-saddle cell) pair an exit with the next entry
                // counter-clockwise; separated saddles with the previous one.
                int m = k;
                for (int step = 1; step < 4; ++step) {
                    m = saddle && !joined ? (k + 4 - step) % 4 : (k + step) % 4;
                    if (!in[m] && in[(m + 1) % 4]) break;
                }
                segments.push_back({edge[k], edge[m], crossing(p[k], v[k], p[k1], v[k1], t)});
            }
        }
    }

    // Every crossed edge starts exactly one segment and ends exactly one: chain them.
    std::vector<std::int32_t> starting_at(static_cast<std::size_t>(f.edge_count()), -1);
    for (std::size_t s = 0; s < segments.size(); ++s) {
        starting_at[static_cast<std::size_t>(segments[s].from_edge)] = static_cast<std::int32_t>(s);
    }
    std::vector<bool> used(segments.size(), false);
    std::vector<ContourRing> rings;
    for (std::size_t first = 0; first < segments.size(); ++first) {
        if (used[first]) continue;
        ContourRing ring;
        std::size_t s = first;
        while (!used[s]) {
            used[s] = true;
            ring.points.push_back(segments[s].from);
            const std::int32_t next = starting_at[static_cast<std::size_t>(segments[s].to_edge)];
            if (next < 0) throw GeometryError("isochrone contour: open ring (internal error)");
            s = static_cast<std::size_t>(next);
        }
        if (s != first) throw GeometryError("isochrone contour: ring does not close (internal error)");
        ring.signed_area_m2 = signed_area(ring.points);
        rings.push_back(std::move(ring));
    }
    return rings;
}

GeomPtr contour_polygon(const TimeRaster& raster, double threshold_s, const ContourOptions& options) {
    return polygons_from_rings(contour_rings(raster, threshold_s), options.min_part_area_m2);
}

std::vector<IsochroneLevel> isochrone_levels(const TimeRaster& raster, std::span<const double> thresholds_s,
                                             const ContourOptions& options) {
    for (std::size_t k = 0; k < thresholds_s.size(); ++k) {
        const double t = thresholds_s[k];
        if (!std::isfinite(t) || t <= 0.0 || (k > 0 && t <= thresholds_s[k - 1])) {
            throw std::invalid_argument("isochrone thresholds must be finite, positive and strictly "
                                        "increasing (seconds)");
        }
    }
    auto h = geos_handle();
    std::vector<IsochroneLevel> levels;
    levels.reserve(thresholds_s.size());
    for (const double t : thresholds_s) {
        IsochroneLevel level;
        level.threshold_s = t;
        level.cumulative = contour_polygon(raster, t, options);
        level.cumulative_area_m2 = area_m2(*level.cumulative);
        if (levels.empty()) {
            level.band = geom_clone(*level.cumulative);
        } else {
            level.band = as_multipolygon(
                geos_check(GEOSDifference_r(h, level.cumulative.get(), levels.back().cumulative.get()),
                           "isochrone band difference"));
        }
        level.band_area_m2 = area_m2(*level.band);
        levels.push_back(std::move(level));
    }
    return levels;
}

double area_m2(const GEOSGeometry& g) {
    double a = 0.0;
    if (GEOSArea_r(geos_handle(), &g, &a) != 1) throw GeometryError("area failed: " + geos_last_error());
    return a;
}

}  // namespace maillage::geo
