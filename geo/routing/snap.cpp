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

/// Segment length in metres (plain sqrt: coordinates are metres, no overflow to guard against,
/// and std::hypot costs a third of a snap on polylines with many points).
double length(XY a, XY b) {
    const double dx = b.x - a.x, dy = b.y - a.y;
    return std::sqrt(dx * dx + dy * dy);
}

}  // namespace

SnapIndex::SnapIndex(const RoadNetwork& network)
    : node_xy_(network.node_xy()),
      edge_tail_(network.edge_tail()),
      edge_head_(network.edge_head()),
      shape_first_(network.shape_first()),
      shape_inner_(network.shape_inner()),
      origin_(network.shape_origin()) {
    const EdgeId m = network.edge_count();
    double total_length = 0;
    std::size_t segment_count_total = 0;
    for (EdgeId e = 0; e < m; ++e) {
        const std::uint32_t segments = segment_count(e);
        for (std::uint32_t i = 0; i < segments; ++i) total_length += length(point(e, i), point(e, i + 1));
        segment_count_total += segments;
    }
    min_x_ = network.min_xy().x;
    min_y_ = network.min_xy().y;
    const double width = std::max(network.max_xy().x - min_x_, 1.0);
    const double height = std::max(network.max_xy().y - min_y_, 1.0);
    // Buckets of about the area per segment (a few pieces per bucket where the network is
    // dense), never smaller than 10 m nor than a fifth of the mean segment (bounded cutting).
    const double mean_segment = segment_count_total ? total_length / double(segment_count_total) : 100.0;
    bucket_size_ = std::max({10.0, mean_segment / 5.0,
                             std::sqrt(width * height / double(std::max<std::size_t>(segment_count_total, 1)))});
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
            const std::uint32_t segments = segment_count(e);
            for (std::uint32_t i = 0; i < segments; ++i) {
                const XY a = point(e, i), b = point(e, i + 1);
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
                            visit(bucket, e, i);
                        }
                }
            }
        }
    };
    bucket_first_.assign(static_cast<std::size_t>(columns_ * rows_ + 1), 0);
    for_each_bucket([&](std::int64_t bucket, EdgeId, std::uint32_t) { ++bucket_first_[bucket + 1]; });
    for (std::size_t i = 1; i < bucket_first_.size(); ++i) bucket_first_[i] += bucket_first_[i - 1];
    ref_edge_.resize(bucket_first_.back());
    ref_segment_.resize(bucket_first_.back());
    // Fill each bucket from its end backwards (bucket_first_[b+1] counts down to
    // bucket_first_[b]): no second offset array. Listing order does not change results.
    for_each_bucket([&](std::int64_t bucket, EdgeId e, std::uint32_t i) {
        const std::uint32_t slot = --bucket_first_[bucket + 1];
        ref_edge_[slot] = e;
        ref_segment_[slot] = static_cast<std::uint16_t>(std::min<std::uint32_t>(i, kManySegments));
    });
    // Now bucket_first_[b+1] == old bucket_first_[b]: shift back by one.
    for (std::size_t b = 0; b + 1 < bucket_first_.size(); ++b) bucket_first_[b] = bucket_first_[b + 1];
    bucket_first_.back() = static_cast<std::uint32_t>(ref_edge_.size());
}

std::optional<EdgePosition> SnapIndex::snap(XY p, double max_distance_m) const {
    if (ref_edge_.empty() || !std::isfinite(p.x) || !std::isfinite(p.y)) return std::nullopt;
    const auto pc = static_cast<std::int64_t>(std::floor((p.x - min_x_) / bucket_size_));
    const auto pr = static_cast<std::int64_t>(std::floor((p.y - min_y_) / bucket_size_));
    double best_d2 = max_distance_m * max_distance_m;
    EdgeId best_edge = kInvalidId;
    std::uint32_t best_segment = 0;
    double best_t = 0;
    const std::int64_t max_ring = static_cast<std::int64_t>(max_distance_m / bucket_size_) + 2;
    auto test = [&](EdgeId e, std::uint32_t i) {
        const SegmentHit hit = closest_on_segment(p, point(e, i), point(e, i + 1));
        // Ties go to the lowest (edge, segment) (deterministic whatever the visiting order).
        if (hit.d2 < best_d2 ||
            (hit.d2 == best_d2 && best_edge != kInvalidId && (e < best_edge || (e == best_edge && i < best_segment)))) {
            best_d2 = hit.d2;
            best_edge = e;
            best_segment = i;
            best_t = hit.t;
        }
    };
    auto visit_bucket = [&](std::int64_t c, std::int64_t r) {
        if (c < 0 || r < 0 || c >= columns_ || r >= rows_) return;
        const std::int64_t bucket = r * columns_ + c;
        for (std::uint32_t k = bucket_first_[bucket]; k < bucket_first_[bucket + 1]; ++k) {
            const EdgeId e = ref_edge_[k];
            const std::uint32_t i = ref_segment_[k];
            if (i != kManySegments) {
                test(e, i);
            } else {
                for (std::uint32_t j = kManySegments; j < segment_count(e); ++j) test(e, j);
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
        if (best_edge != kInvalidId && ring_min * ring_min > best_d2) break;
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
    if (best_edge == kInvalidId) return std::nullopt;

    // The fraction of the edge's length from its tail.
    const EdgeId edge = best_edge;
    const std::uint32_t segments = segment_count(edge);
    double fraction = best_t;  // a single-segment edge: the fraction is the segment's parameter
    if (segments > 1) {
        double before = 0, total = 0;
        for (std::uint32_t i = 0; i < segments; ++i) {
            const double l = length(point(edge, i), point(edge, i + 1));
            if (i < best_segment) before += l;
            if (i == best_segment) before += best_t * l;
            total += l;
        }
        fraction = total > 0 ? std::clamp(before / total, 0.0, 1.0) : 0.0;
    }
    const XY a = point(edge, best_segment), b = point(edge, best_segment + 1);
    EdgePosition pos;
    pos.edge = edge;
    pos.fraction = fraction;
    pos.point = {a.x + best_t * (b.x - a.x), a.y + best_t * (b.y - a.y)};
    pos.distance_m = std::sqrt(best_d2);
    return pos;
}

}  // namespace maillage::geo::routing
