#include "geo/routing/snap.h"

#include <algorithm>
#include <cmath>

#include "geo/routing/road_network.h"

namespace maillage::geo::routing {

namespace {

/// Closest point of segment [a, b] to p: parameter t in [0, 1] and squared distance.
struct SegmentHit {
    double t;
    double d2;
};
SegmentHit closest_on_segment(XY p, XY a, XY b) {
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const double qx = a.x + t * dx - p.x, qy = a.y + t * dy - p.y;
    return {t, qx * qx + qy * qy};
}

double length(XY a, XY b) { return std::hypot(b.x - a.x, b.y - a.y); }

}  // namespace

SnapIndex::SnapIndex(const RoadNetwork& network)
    : shape_first_(network.shape_first()), shape_xy_(network.shape_xy()) {
    const EdgeId m = network.edge_count();
    double total_length = 0;
    std::size_t segment_count = 0;
    for (EdgeId e = 0; e < m; ++e) {
        const auto s = network.edge_shape(e);
        for (std::size_t i = 0; i + 1 < s.size(); ++i) total_length += length(s[i], s[i + 1]);
        segment_count += s.size() - 1;
    }
    min_x_ = network.min_xy().x;
    min_y_ = network.min_xy().y;
    const double width = std::max(network.max_xy().x - min_x_, 1.0);
    const double height = std::max(network.max_xy().y - min_y_, 1.0);
    // Buckets of about the area per segment (a few pieces per bucket where the network is
    // dense), never smaller than 10 m nor than a fifth of the mean segment (bounded cutting).
    const double mean_segment = segment_count ? total_length / double(segment_count) : 100.0;
    bucket_size_ = std::max({10.0, mean_segment / 5.0, std::sqrt(width * height / double(std::max<std::size_t>(segment_count, 1)))});
    columns_ = static_cast<std::int64_t>(width / bucket_size_) + 1;
    rows_ = static_cast<std::int64_t>(height / bucket_size_) + 1;
    while (columns_ * rows_ > 64LL * 1024 * 1024) {  // cap the bucket array (512 MB of offsets is absurd)
        bucket_size_ *= 2;
        columns_ = static_cast<std::int64_t>(width / bucket_size_) + 1;
        rows_ = static_cast<std::int64_t>(height / bucket_size_) + 1;
    }

    // Two passes (count, fill) over segment pieces no longer than a bucket: each piece's
    // bounding box touches at most 2×2 buckets.
    auto for_each_bucket = [&](auto&& visit) {
        for (EdgeId e = 0; e < m; ++e) {
            const auto s = network.edge_shape(e);
            for (std::uint32_t i = 0; i + 1 < s.size(); ++i) {
                const XY a = s[i], b = s[i + 1];
                const int pieces = std::max(1, static_cast<int>(std::ceil(length(a, b) / bucket_size_)));
                std::int64_t last_bucket = -1;
                for (int k = 0; k < pieces; ++k) {
                    const double t0 = double(k) / pieces, t1 = double(k + 1) / pieces;
                    const XY p{a.x + t0 * (b.x - a.x), a.y + t0 * (b.y - a.y)};
                    const XY q{a.x + t1 * (b.x - a.x), a.y + t1 * (b.y - a.y)};
                    const auto c0 = std::clamp<std::int64_t>(static_cast<std::int64_t>((std::min(p.x, q.x) - min_x_) / bucket_size_), 0, columns_ - 1);
                    const auto c1 = std::clamp<std::int64_t>(static_cast<std::int64_t>((std::max(p.x, q.x) - min_x_) / bucket_size_), 0, columns_ - 1);
                    const auto r0 = std::clamp<std::int64_t>(static_cast<std::int64_t>((std::min(p.y, q.y) - min_y_) / bucket_size_), 0, rows_ - 1);
                    const auto r1 = std::clamp<std::int64_t>(static_cast<std::int64_t>((std::max(p.y, q.y) - min_y_) / bucket_size_), 0, rows_ - 1);
                    for (auto r = r0; r <= r1; ++r)
                        for (auto c = c0; c <= c1; ++c) {
                            const std::int64_t bucket = r * columns_ + c;
                            if (bucket == last_bucket) continue;  // consecutive pieces often share one
                            last_bucket = bucket;
                            visit(bucket, shape_first_[e] + i);
                        }
                }
            }
        }
    };
    bucket_first_.assign(static_cast<std::size_t>(columns_ * rows_ + 1), 0);
    for_each_bucket([&](std::int64_t bucket, std::uint32_t) { ++bucket_first_[bucket + 1]; });
    for (std::size_t i = 1; i < bucket_first_.size(); ++i) bucket_first_[i] += bucket_first_[i - 1];
    refs_.resize(bucket_first_.back());
    std::vector<std::uint32_t> fill(bucket_first_.begin(), bucket_first_.end() - 1);
    for_each_bucket([&](std::int64_t bucket, std::uint32_t ref) { refs_[fill[bucket]++] = ref; });
}

std::optional<EdgePosition> SnapIndex::snap(XY p, double max_distance_m) const {
    if (refs_.empty() || !std::isfinite(p.x) || !std::isfinite(p.y)) return std::nullopt;
    const auto pc = static_cast<std::int64_t>(std::floor((p.x - min_x_) / bucket_size_));
    const auto pr = static_cast<std::int64_t>(std::floor((p.y - min_y_) / bucket_size_));
    // Distance from p to the grid rectangle: rings closer than that are empty anyway.
    double best_d2 = max_distance_m * max_distance_m;
    std::uint32_t best = kInvalidId;  // first point of the best segment in shape_xy_
    double best_t = 0;
    const std::int64_t max_ring = static_cast<std::int64_t>(max_distance_m / bucket_size_) + 2;
    auto visit_bucket = [&](std::int64_t c, std::int64_t r) {
        if (c < 0 || r < 0 || c >= columns_ || r >= rows_) return;
        const std::int64_t bucket = r * columns_ + c;
        for (std::uint32_t i = bucket_first_[bucket]; i < bucket_first_[bucket + 1]; ++i) {
            const std::uint32_t ref = refs_[i];
            const SegmentHit hit = closest_on_segment(p, shape_xy_[ref], shape_xy_[ref + 1]);
            // Ties go to the lowest segment (deterministic whatever the visiting order).
            if (hit.d2 < best_d2 || (hit.d2 == best_d2 && best != kInvalidId && ref < best)) {
                best_d2 = hit.d2;
                best = ref;
                best_t = hit.t;
            }
        }
    };
    // Squared distance from p to bucket (c, r): buckets farther than the best hit so far
    // cannot hold anything closer and are skipped (exact pruning, finer than the ring bound).
    const double fx = p.x - min_x_, fy = p.y - min_y_;
    auto bucket_d2 = [&](std::int64_t c, std::int64_t r) {
        const double x0 = double(c) * bucket_size_, y0 = double(r) * bucket_size_;
        const double dx = fx < x0 ? x0 - fx : (fx > x0 + bucket_size_ ? fx - x0 - bucket_size_ : 0.0);
        const double dy = fy < y0 ? y0 - fy : (fy > y0 + bucket_size_ ? fy - y0 - bucket_size_ : 0.0);
        return dx * dx + dy * dy;
    };
    auto visit_if_near = [&](std::int64_t c, std::int64_t r) {
        if (bucket_d2(c, r) <= best_d2) visit_bucket(c, r);
    };
    for (std::int64_t ring = 0; ring <= max_ring; ++ring) {
        // Every bucket of this ring is at least (ring-1)*bucket_size away from p.
        const double ring_min = std::max<double>(0.0, double(ring - 1) * bucket_size_);
        if (best != kInvalidId && ring_min * ring_min > best_d2) break;
        if (ring_min > max_distance_m) break;
        // Skip rings entirely outside the grid.
        if (pc + ring < 0 || pr + ring < 0 || pc - ring >= columns_ || pr - ring >= rows_) {
            continue;
        }
        if (ring == 0) {
            visit_if_near(pc, pr);
            continue;
        }
        for (std::int64_t c = pc - ring; c <= pc + ring; ++c) {
            visit_if_near(c, pr - ring);
            visit_if_near(c, pr + ring);
        }
        for (std::int64_t r = pr - ring + 1; r <= pr + ring - 1; ++r) {
            visit_if_near(pc - ring, r);
            visit_if_near(pc + ring, r);
        }
    }
    if (best == kInvalidId) return std::nullopt;

    // The edge holding the segment, then the fraction of its length from its tail.
    const auto edge = static_cast<EdgeId>(std::upper_bound(shape_first_.begin(), shape_first_.end(), best) - shape_first_.begin() - 1);
    const std::uint32_t first = shape_first_[edge], last = shape_first_[edge + 1];
    double fraction = best_t;  // a single-segment edge: the fraction is the segment's parameter
    if (last - first > 2) {
        double before = 0, total = 0;
        for (std::uint32_t i = first; i + 1 < last; ++i) {
            const double l = length(shape_xy_[i], shape_xy_[i + 1]);
            if (i < best) before += l;
            if (i == best) before += best_t * l;
            total += l;
        }
        fraction = total > 0 ? std::clamp(before / total, 0.0, 1.0) : 0.0;
    }
    const XY a = shape_xy_[best], b = shape_xy_[best + 1];
    EdgePosition pos;
    pos.edge = edge;
    pos.fraction = fraction;
    pos.point = {a.x + best_t * (b.x - a.x), a.y + best_t * (b.y - a.y)};
    pos.distance_m = std::sqrt(best_d2);
    return pos;
}

}  // namespace maillage::geo::routing
