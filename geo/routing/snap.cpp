#include "geo/routing/snap.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <stdexcept>

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
      origin_(network.shape_origin()),
      edge_count_(network.edge_count()) {
    const EdgeId m = edge_count_;
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
    // Buckets of the network's area divided by the geometric mean of its edge and segment
    // counts: about one listed edge per bucket where the network is dense (the same size as one
    // segment per bucket when edges are straight; larger buckets when polylines have many
    // points, which keeps the index small, smaller ones would list each edge in more buckets);
    // never smaller than 10 m nor than a fifth of the mean segment (bounded cutting).
    const double mean_segment = segment_count_total ? total_length / double(segment_count_total) : 100.0;
    const double listed_per_area = std::sqrt(double(std::max<std::size_t>(segment_count_total, 1)) *
                                             double(std::max<EdgeId>(m, 1)));
    bucket_size_ = std::max({10.0, mean_segment / 5.0, std::sqrt(width * height / listed_per_area)});
    columns_ = static_cast<std::int64_t>(width / bucket_size_) + 1;
    rows_ = static_cast<std::int64_t>(height / bucket_size_) + 1;
    while (columns_ * rows_ > 64LL * 1024 * 1024) {  // cap the bucket array (512 MB of offsets is absurd)
        bucket_size_ *= 2;
        columns_ = static_cast<std::int64_t>(width / bucket_size_) + 1;
        rows_ = static_cast<std::int64_t>(height / bucket_size_) + 1;
    }

    // Two passes (count, fill) over the references: per edge (or chunk of a long edge), the
    // buckets touched by its segments cut into pieces no longer than a bucket (each piece's
    // bounding box touches at most 2×2 buckets), each bucket once with the mask of the
    // segments that touch it.
    static_assert(kChunkSegments == 8, "one mask bit per segment of a chunk: 8 bits, key low 3 bits");
    std::vector<std::uint64_t> touched;  // scratch: bucket << 3 | segment within the chunk
    auto add_segment_buckets = [&](XY a, XY b, std::uint32_t local) {
        const int pieces = std::max(1, static_cast<int>(std::ceil(length(a, b) / bucket_size_)));
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
                    const std::uint64_t key = static_cast<std::uint64_t>(r * columns_ + c) << 3 | local;
                    if (touched.empty() || touched.back() != key) touched.push_back(key);
                }
        }
    };
    // Edges of more than kChunkSegments segments are listed by chunks of kChunkSegments.
    for (EdgeId e = 0; e < m; ++e) {
        const std::uint32_t segments = segment_count(e);
        if (segments <= kChunkSegments) continue;
        for (std::uint32_t first = 0; first < segments; first += kChunkSegments) {
            chunk_edge_.push_back(e);
            chunk_first_.push_back(first);
        }
    }
    if (std::uint64_t{m} + chunk_edge_.size() > std::uint64_t{0xFFFFFFFF})
        throw std::length_error("SnapIndex: more than 2^32 edges and chunks");
    chunk_edge_.shrink_to_fit();
    chunk_first_.shrink_to_fit();
    auto for_each_ref = [&](auto&& visit) {
        std::uint32_t chunk = 0;
        for (EdgeId e = 0; e < m; ++e) {
            const std::uint32_t segments = segment_count(e);
            for (std::uint32_t first = 0; first < segments; first += kChunkSegments) {
                const std::uint32_t last = std::min(segments, first + kChunkSegments);
                touched.clear();
                XY a = point(e, first);
                for (std::uint32_t i = first; i < last; ++i) {
                    const XY b = point(e, i + 1);
                    add_segment_buckets(a, b, i - first);
                    a = b;
                }
                std::sort(touched.begin(), touched.end());
                const std::uint32_t ref = segments <= kChunkSegments ? e : edge_count_ + chunk++;
                for (std::size_t j = 0; j < touched.size();) {
                    const auto bucket = static_cast<std::uint32_t>(touched[j] >> 3);
                    std::uint8_t mask = 0;
                    for (; j < touched.size() && (touched[j] >> 3) == bucket; ++j)
                        mask |= static_cast<std::uint8_t>(1U << (touched[j] & 7U));
                    visit(bucket, ref, mask);
                }
            }
        }
    };
    // Bucket b's listings start at group_first_[b >> group_shift_] + bucket_offset_[b] (b = n is
    // a sentinel: the end of the last bucket). With groups of 16 buckets the offsets fit in 16
    // bits unless 16 buckets hold more than 65,535 listings; then (a pathological density)
    // every bucket is its own group and the offsets stay 0. No array of 32-bit offsets per
    // bucket is ever allocated, so the build's peak is the final index.
    const auto n = static_cast<std::size_t>(columns_ * rows_);
    bucket_offset_.assign(n + 1, 0);
    bool fits = true;
    for_each_ref([&](std::uint32_t bucket, std::uint32_t, std::uint8_t) {
        if (bucket_offset_[bucket] == 0xFFFF) fits = false;
        else ++bucket_offset_[bucket];
    });
    std::uint64_t total = 0;
    if (fits) {  // counts → offsets from the group's start to each bucket's end
        group_first_.assign((n >> kGroupShift) + 1, 0);
        for (std::size_t b = 0; b <= n && fits; ++b) {
            if ((b & ((std::size_t{1} << kGroupShift) - 1)) == 0) group_first_[b >> kGroupShift] = static_cast<std::uint32_t>(total);
            total += bucket_offset_[b];
            const std::uint64_t offset = total - group_first_[b >> kGroupShift];
            if (offset > 0xFFFF || total > 0xFFFFFFFF) fits = false;
            else bucket_offset_[b] = static_cast<std::uint16_t>(offset);
        }
        if (total > 0xFFFFFFFF) throw std::length_error("SnapIndex: more than 2^32 listings");
    }
    if (fits) {
        group_shift_ = kGroupShift;
    } else {
        group_shift_ = 0;
        std::fill(bucket_offset_.begin(), bucket_offset_.end(), std::uint16_t{0});
        group_first_.assign(n + 1, 0);  // counts, then the end of each bucket
        for_each_ref([&](std::uint32_t bucket, std::uint32_t, std::uint8_t) { ++group_first_[bucket]; });
        total = 0;
        for (std::size_t b = 0; b <= n; ++b) {
            total += group_first_[b];
            if (total > 0xFFFFFFFF) throw std::length_error("SnapIndex: more than 2^32 listings");
            group_first_[b] = static_cast<std::uint32_t>(total);
        }
    }
    listings_.resize(static_cast<std::size_t>(total) * kListingBytes);
    // Fill each bucket from its end backwards: the end offset counts down to the bucket's start.
    // Listing order does not change results.
    for_each_ref([&](std::uint32_t bucket, std::uint32_t ref, std::uint8_t mask) {
        const std::uint32_t slot = group_shift_ != 0
                                       ? group_first_[bucket >> group_shift_] + --bucket_offset_[bucket]
                                       : --group_first_[bucket];
        std::uint8_t* listing = listings_.data() + std::size_t{slot} * kListingBytes;
        std::memcpy(listing, &ref, sizeof ref);
        listing[4] = mask;
    });
}

/// The best hit of one query so far.
struct SnapIndex::Best {
    double d2;  ///< squared distance of the best hit (or of the radius before any), m²
    EdgeId edge = kInvalidId;
    std::uint32_t segment = 0;
    double t = 0;
};

void SnapIndex::scan_bucket(XY p, std::size_t bucket, Best& best) const {
    const std::uint32_t end = first_listing(bucket + 1);
    for (std::uint32_t k = first_listing(bucket); k < end; ++k) {
        const std::uint8_t* listing = listings_.data() + std::size_t{k} * kListingBytes;
        std::uint32_t ref;
        std::memcpy(&ref, listing, sizeof ref);
        EdgeId e = ref;
        std::uint32_t first = 0;
        if (ref >= edge_count_) {
            e = chunk_edge_[ref - edge_count_];
            first = chunk_first_[ref - edge_count_];
        }
        // Segments first + j for the bits j of the mask; the points between two listed
        // segments are read in passing (they are contiguous in memory).
        std::uint32_t mask = listing[4];
        const auto skip = static_cast<std::uint32_t>(std::countr_zero(mask));
        mask >>= skip;
        std::uint32_t i = first + skip;
        const std::uint32_t inner_begin = shape_first_[e], inner_end = shape_first_[e + 1];
        XY a = i == 0 ? node_xy_[edge_tail_[e]] : inner_point(inner_begin + i - 1);
        for (;; ++i, mask >>= 1) {
            const std::uint32_t inner = inner_begin + i;
            const XY b = inner < inner_end ? inner_point(inner) : node_xy_[edge_head_[e]];
            if (mask & 1U) {
                const SegmentHit hit = closest_on_segment(p, a, b);
                // Ties go to the lowest (edge, segment) (deterministic whatever the visiting order).
                if (hit.d2 < best.d2 || (hit.d2 == best.d2 && best.edge != kInvalidId &&
                                         (e < best.edge || (e == best.edge && i < best.segment)))) {
                    best.d2 = hit.d2;
                    best.edge = e;
                    best.segment = i;
                    best.t = hit.t;
                }
                if (mask == 1U) break;
            }
            a = b;
        }
    }
}

std::optional<EdgePosition> SnapIndex::snap(XY p, double max_distance_m) const {
    if (listings_.empty() || !std::isfinite(p.x) || !std::isfinite(p.y)) return std::nullopt;
    const auto pc = static_cast<std::int64_t>(std::floor((p.x - min_x_) / bucket_size_));
    const auto pr = static_cast<std::int64_t>(std::floor((p.y - min_y_) / bucket_size_));
    Best best;
    best.d2 = max_distance_m * max_distance_m;
    const std::int64_t max_ring = static_cast<std::int64_t>(max_distance_m / bucket_size_) + 2;
    // Squared distance from p to bucket (c, r): buckets farther than the best hit so far
    // cannot hold anything closer and are skipped (exact pruning, finer than the ring bound).
    const double fx = p.x - min_x_, fy = p.y - min_y_;
    auto visit_if_near = [&](std::int64_t c, std::int64_t r) {
        const double x0 = double(c) * bucket_size_, y0 = double(r) * bucket_size_;
        const double dx = fx < x0 ? x0 - fx : (fx > x0 + bucket_size_ ? fx - x0 - bucket_size_ : 0.0);
        const double dy = fy < y0 ? y0 - fy : (fy > y0 + bucket_size_ ? fy - y0 - bucket_size_ : 0.0);
        if (dx * dx + dy * dy > best.d2 || c < 0 || r < 0 || c >= columns_ || r >= rows_) return;
        scan_bucket(p, static_cast<std::size_t>(r * columns_ + c), best);
    };
    for (std::int64_t ring = 0; ring <= max_ring; ++ring) {
        // Every bucket of this ring is at least (ring-1)*bucket_size away from p.
        const double ring_min = std::max<double>(0.0, double(ring - 1) * bucket_size_);
        if (best.edge != kInvalidId && ring_min * ring_min > best.d2) break;
        if (ring_min > max_distance_m) break;
        // Skip rings entirely outside the grid.
        if (pc + ring < 0 || pr + ring < 0 || pc - ring >= columns_ || pr - ring >= rows_) {
            continue;
        }
        if (ring == 0) {
            visit_if_near(pc, pr);
            continue;
        }
        // From the middle of each side towards the corners: nearer buckets first, so that the
        // best hit shrinks early and more of the farther ones are skipped.
        for (std::int64_t k = 0; k <= ring; ++k) {
            visit_if_near(pc - k, pr - ring);
            visit_if_near(pc - k, pr + ring);
            if (k > 0) {
                visit_if_near(pc + k, pr - ring);
                visit_if_near(pc + k, pr + ring);
            }
            if (k == ring) break;  // the corners are done by the rows
            visit_if_near(pc - ring, pr - k);
            visit_if_near(pc + ring, pr - k);
            if (k > 0) {
                visit_if_near(pc - ring, pr + k);
                visit_if_near(pc + ring, pr + k);
            }
        }
    }
    if (best.edge == kInvalidId) return std::nullopt;

    // The fraction of the edge's length from its tail (each point read once; the same sums,
    // in the same order, as a segment-by-segment loop).
    const EdgeId edge = best.edge;
    const std::uint32_t segments = segment_count(edge);
    double fraction = best.t;  // a single-segment edge: the fraction is the segment's parameter
    if (segments > 1) {
        double before = 0, total = 0;
        XY a = point(edge, 0);
        for (std::uint32_t i = 0; i < segments; ++i) {
            const XY b = point(edge, i + 1);
            const double l = length(a, b);
            if (i < best.segment) before += l;
            if (i == best.segment) before += best.t * l;
            total += l;
            a = b;
        }
        fraction = total > 0 ? std::clamp(before / total, 0.0, 1.0) : 0.0;
    }
    const XY a = point(edge, best.segment), b = point(edge, best.segment + 1);
    EdgePosition pos;
    pos.edge = edge;
    pos.fraction = fraction;
    pos.point = {a.x + best.t * (b.x - a.x), a.y + best.t * (b.y - a.y)};
    pos.distance_m = std::sqrt(best.d2);
    return pos;
}

}  // namespace maillage::geo::routing
