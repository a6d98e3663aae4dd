#include "geo/routing/dijkstra.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>
#include <string>

#include "geo/routing/road_network.h"

namespace maillage::geo::routing {

GraphView GraphView::of(const RoadNetwork& network, Direction direction) {
    const double lo = network.min_arc_seconds(), hi = network.max_arc_seconds();
    if (direction == Direction::from_source) return {network.first_out(), network.out_arcs(), lo, hi};
    return {network.first_in(), network.in_arcs(), lo, hi};
}

namespace {
constexpr std::uint32_t kMaxRing = 1U << 20;
constexpr std::size_t kPrefetchDistance = 4;

/// Ring slots needed for buckets of `width`: relaxations from bucket k land in buckets
/// k+1 .. k+1+ceil(max/width).
double ring_needed(double width, double max_arc) { return std::ceil(max_arc / width) + 2; }
}  // namespace

Dijkstra::Dijkstra(GraphView graph, QueueKind queue)
    : graph_(graph), kind_(queue), state_(graph.node_count(), NodeState{kInfSeconds, 0, -1}) {
    const double lo = graph.min_arc_seconds, hi = graph.max_arc_seconds;
    const bool buckets_possible = lo > 0 && std::isfinite(hi) && hi >= lo;
    const bool two_level_possible = std::isfinite(hi) && hi > 0;
    if (kind_ == QueueKind::automatic) {
        kind_ = buckets_possible && ring_needed(lo, hi) <= kMaxBucketRing ? QueueKind::buckets
                : two_level_possible                                     ? QueueKind::two_level
                                                                         : QueueKind::heap;
    }
    if (kind_ == QueueKind::two_level) {
        if (!two_level_possible)
            throw std::invalid_argument("Dijkstra: a two-level queue needs a finite largest arc time > 0");
        width_ = hi / (kMaxBucketRing - 2);
        two_level_ = TwoLevelQueue(width_, hi);
        return;
    }
    if (kind_ == QueueKind::buckets) {
        if (!buckets_possible || ring_needed(lo, hi) > kMaxRing)
            throw std::invalid_argument("Dijkstra: a bucket queue needs arc times in (0, max] with max/min <= 2^20");
        // Slightly narrower than the smallest arc, so that rounding in t * (1/width) can never
        // put the end of an arc in the bucket it leaves from.
        width_ = lo * (1.0 - 1e-9);
        inv_width_ = 1.0 / width_;
        // A power of two, so that the slot of a bucket is a mask, not a 64-bit division.
        ring_size_ = std::bit_ceil(static_cast<std::uint32_t>(ring_needed(width_, hi)));
        ring_.resize(ring_size_);
    } else {
        heap_ = MinIdQueue(graph.node_count());
    }
}

Dijkstra::Dijkstra(const RoadNetwork& network, Direction direction, QueueKind queue)
    : Dijkstra(GraphView::of(network, direction), queue) {}

Dijkstra& Dijkstra::reset() {
    current_stamp_ += 2;
    if (current_stamp_ == 0) {  // wrapped after 2^31 searches: clear the stamps once
        for (NodeState& st : state_) st.stamp = 0;
        current_stamp_ = 2;
    }
    unsettled_ = 0;
    settled_.clear();
    if (kind_ == QueueKind::heap) {
        heap_.clear();
    } else if (kind_ == QueueKind::two_level) {
        two_level_.clear();
    } else {
        if (ring_entries_ > 0)
            for (auto& b : ring_) b.clear();
        ring_entries_ = 0;
        current_bucket_ = 0;
        seeds_.clear();
        next_seed_ = 0;
        seeds_sorted_ = false;
    }
    return *this;
}

Dijkstra& Dijkstra::add_source(NodeId node, double initial_seconds, std::int32_t source_label) {
    if (node >= node_count())
        throw std::out_of_range("Dijkstra::add_source: node " + std::to_string(node) +
                                " is not in a graph of " + std::to_string(node_count()) + " nodes");
    if (!(initial_seconds >= 0) || !std::isfinite(initial_seconds)) return *this;
    NodeState& st = state_[node];
    const bool improves = !reached(node) || (!is_settled(node) && (initial_seconds < st.seconds ||
                                                                    (initial_seconds == st.seconds && source_label < st.label)));
    if (!improves) return *this;
    if (!reached(node)) {
        st = {initial_seconds, current_stamp_, source_label};
        ++unsettled_;
        if (kind_ == QueueKind::heap) heap_.push(node, initial_seconds);
        if (kind_ == QueueKind::two_level) two_level_.push(node, initial_seconds);
    } else {
        const bool faster = initial_seconds < st.seconds;
        st.seconds = initial_seconds;
        st.label = source_label;
        if (kind_ == QueueKind::heap && faster) heap_.decrease_key(node, initial_seconds);
        if (kind_ == QueueKind::two_level && faster) two_level_.push(node, initial_seconds);
    }
    if (kind_ == QueueKind::buckets) {
        seeds_.push_back({initial_seconds, node});
        seeds_sorted_ = false;
    }
    return *this;
}

template <QueueKind kQueue>
void Dijkstra::relax(NodeId u, double du, std::int32_t lu) {
    const std::uint32_t end = graph_.first_out[u + 1];
    const Arc* arcs = graph_.arcs.data();
    NodeState* state = state_.data();
    const std::uint32_t stamp = current_stamp_;
    for (std::uint32_t a = graph_.first_out[u]; a < end; ++a) {
        const NodeId v = arcs[a].node;
        const double dv = du + static_cast<double>(arcs[a].seconds);
        NodeState& sv = state[v];
        if ((sv.stamp | 1U) != stamp + 1) {
            sv = {dv, stamp, lu};
            ++unsettled_;
            if constexpr (kQueue == QueueKind::buckets) bucket_push(v, dv);
            else if constexpr (kQueue == QueueKind::two_level) two_level_.push(v, dv);
            else heap_.push(v, dv);
        } else if (dv < sv.seconds) {  // never true for a settled node (arc times ≥ 0)
            sv.seconds = dv;
            sv.label = lu;
            if constexpr (kQueue == QueueKind::buckets) bucket_push(v, dv);
            else if constexpr (kQueue == QueueKind::two_level) two_level_.push(v, dv);
            else heap_.decrease_key(v, dv);
        } else if (dv == sv.seconds && lu < sv.label && sv.stamp == stamp) {
            sv.label = lu;  // exact tie: the smallest label, whatever the settle order
        }
    }
}

void Dijkstra::bucket_push(NodeId v, double t) {
    ring_[bucket_of(t) & (ring_size_ - 1)].push_back(v);
    ++ring_entries_;
}

bool Dijkstra::bucket_normalize() const {
    if (!seeds_sorted_) {
        std::sort(seeds_.begin() + static_cast<std::ptrdiff_t>(next_seed_), seeds_.end(),
                  [](const Seed& a, const Seed& b) { return a.seconds < b.seconds; });
        seeds_sorted_ = true;
        if (ring_entries_ == 0 && next_seed_ < seeds_.size()) current_bucket_ = bucket_of(seeds_[next_seed_].seconds);
    }
    if (unsettled_ == 0) return false;
    for (;;) {
        std::vector<NodeId>& bucket = ring_[current_bucket_ & (ring_size_ - 1)];
        // Sources whose bucket has come: their node is unsettled with a time in this bucket
        // (or already has an entry here if an arc gave it a better time).
        while (next_seed_ < seeds_.size() && bucket_of(seeds_[next_seed_].seconds) <= current_bucket_) {
            const NodeId v = seeds_[next_seed_++].node;
            if (state_[v].stamp == current_stamp_) {
                bucket.push_back(v);
                ++ring_entries_;
            }
        }
        while (!bucket.empty() && state_[bucket.back()].stamp != current_stamp_) {
            bucket.pop_back();
            --ring_entries_;
        }
        if (!bucket.empty()) return true;
        if (ring_entries_ == 0 && next_seed_ < seeds_.size())
            current_bucket_ = bucket_of(seeds_[next_seed_].seconds);  // jump the empty gap
        else
            ++current_bucket_;
    }
}

double Dijkstra::next_seconds() const {
    if (kind_ == QueueKind::heap) return heap_.empty() ? kInfSeconds : heap_.peek().key;
    if (kind_ == QueueKind::two_level) return two_level_normalize() ? two_level_.top().key : kInfSeconds;
    if (!bucket_normalize()) return kInfSeconds;
    return state_[ring_[current_bucket_ & (ring_size_ - 1)].back()].seconds;
}

void Dijkstra::settle_node(NodeId u) {
    NodeState& su = state_[u];
    su.stamp = current_stamp_ + 1;
    --unsettled_;
    settled_.push_back(u);
    if (kind_ == QueueKind::buckets) relax<QueueKind::buckets>(u, su.seconds, su.label);
    else if (kind_ == QueueKind::two_level) relax<QueueKind::two_level>(u, su.seconds, su.label);
    else relax<QueueKind::heap>(u, su.seconds, su.label);
}

Dijkstra::Settled Dijkstra::settle() {
    NodeId u;
    if (kind_ == QueueKind::heap) {
        u = heap_.pop().id;
    } else if (kind_ == QueueKind::two_level) {
        two_level_normalize();
        u = two_level_.top().id;
        two_level_.pop();
    } else {
        bucket_normalize();
        std::vector<NodeId>& bucket = ring_[current_bucket_ & (ring_size_ - 1)];
        u = bucket.back();
        bucket.pop_back();
        --ring_entries_;
    }
    settle_node(u);
    return {u, state_[u].seconds, state_[u].label};
}

bool Dijkstra::two_level_normalize() const {
    while (!two_level_.empty()) {
        const TwoLevelQueue::Entry& e = two_level_.top();
        if (state_[e.id].stamp == current_stamp_ && state_[e.id].seconds == e.key) return true;
        two_level_.pop();  // settled, or a later entry holds a better time
    }
    return false;
}

template <typename Stop>
void Dijkstra::run_impl(double max_seconds, Stop&& stop) {
    if (kind_ == QueueKind::heap) {
        while (!heap_.empty() && heap_.peek().key <= max_seconds) {
            const NodeId u = heap_.pop().id;
            settle_node(u);
            if (stop(u)) return;
        }
        return;
    }
    if (kind_ == QueueKind::two_level) {
        while (two_level_normalize() && two_level_.top().key <= max_seconds) {
            const NodeId u = two_level_.top().id;
            two_level_.pop();
            settle_node(u);
            if (stop(u)) return;
        }
        return;
    }
    while (bucket_normalize()) {
        std::vector<NodeId>& bucket = ring_[current_bucket_ & (ring_size_ - 1)];
        const NodeId u = bucket.back();
        if (state_[u].seconds <= max_seconds) {
            // The bucket says which nodes come next: fetch their arcs while relaxing u's (the
            // arc array is larger than L2; on the CAPSO lattice this saves a third of the time).
            if (bucket.size() > kPrefetchDistance) {
                const NodeId next = bucket[bucket.size() - 1 - kPrefetchDistance];
                const Arc* first = graph_.arcs.data() + graph_.first_out[next];
                const Arc* last = graph_.arcs.data() + graph_.first_out[next + 1];
                for (const Arc* a = first; a < last; a += 8) __builtin_prefetch(a);
                __builtin_prefetch(last - 1);
            }
            bucket.pop_back();
            --ring_entries_;
            settle_node(u);
            if (stop(u)) return;
            continue;
        }
        // The bound falls inside this bucket: settle its nodes within the bound (their arcs
        // end in later buckets, all beyond the bound), keep the others queued, and stop.
        scratch_.clear();
        std::size_t kept = 0;
        for (const NodeId v : bucket) {
            if (state_[v].stamp != current_stamp_) continue;  // settled: drop
            if (state_[v].seconds <= max_seconds) scratch_.push_back(v);
            else bucket[kept++] = v;
        }
        ring_entries_ -= bucket.size() - kept;
        bucket.resize(kept);
        for (const NodeId v : scratch_) {
            if (state_[v].stamp != current_stamp_) continue;  // listed twice
            settle_node(v);
            if (stop(v)) return;
        }
        return;
    }
}

Dijkstra& Dijkstra::run(double max_seconds) {
    run_impl(max_seconds, [](NodeId) { return false; });
    return *this;
}

Dijkstra& Dijkstra::run_until_settled(std::span<const NodeId> targets, double max_seconds) {
    if (target_mark_.size() != state_.size()) target_mark_.assign(state_.size(), 0);
    if (++target_round_ == 0) {  // wrapped: clear the marks once
        std::fill(target_mark_.begin(), target_mark_.end(), 0);
        target_round_ = 1;
    }
    std::uint32_t remaining = 0;
    for (const NodeId v : targets) {
        if (v >= node_count()) throw std::out_of_range("Dijkstra::run_until_settled: node out of range");
        if (target_mark_[v] == target_round_ || is_settled(v)) continue;
        target_mark_[v] = target_round_;
        ++remaining;
    }
    if (remaining == 0) return *this;
    run_impl(max_seconds, [&](NodeId v) { return target_mark_[v] == target_round_ && --remaining == 0; });
    return *this;
}

}  // namespace maillage::geo::routing
