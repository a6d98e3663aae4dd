// A monotone priority queue of (key, node id) entries for Dijkstra on graphs whose arc times
// span too wide a range for Dial's buckets (OSM: 0.02 s to half an hour).
//
// Keys (seconds) are grouped in buckets of `width` seconds kept in a ring; only the entries of
// the lowest non-empty bucket are ordered, in a small binary heap, so a push into a later
// bucket is an O(1) append and the heap stays a few entries deep. Entries come out in
// non-decreasing key order provided no key is pushed below the last popped one (Dijkstra's
// monotonicity). The queue knows nothing of the nodes: decrease-key is a second push, and the
// caller skips the outdated entries when they come up (Dijkstra compares the entry's key with
// the node's current time). Keys farther than the ring's span from the current bucket (seeds
// with large initial times) wait in an overflow list until the ring reaches them.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <limits>
#include <vector>

namespace maillage::geo::routing {

class TwoLevelQueue {
public:
    struct Entry {
        double key;
        std::uint32_t id;
    };

    TwoLevelQueue() = default;
    /// Buckets of `width_seconds` (> 0); a push may land up to `max_step_seconds` beyond the
    /// last popped key without going through the overflow list. Throws std::invalid_argument
    /// for a width ≤ 0 or a ring of more than 2^20 buckets.
    TwoLevelQueue(double width_seconds, double max_step_seconds);

    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    /// The entry with the smallest key. Precondition: !empty().
    [[nodiscard]] const Entry& top() {
        assert(!empty());
        if (heap_.empty()) refill();
        return heap_.front();
    }
    /// Removes top(). Precondition: !empty().
    void pop() {
        assert(!empty());
        if (heap_.empty()) refill();
        std::pop_heap(heap_.begin(), heap_.end(), KeyGreater{});
        heap_.pop_back();
        --size_;
    }
    void push(std::uint32_t id, double key) {
        ++size_;
        place({key, id});
    }
    void clear() noexcept;

private:
    struct KeyGreater {
        bool operator()(const Entry& a, const Entry& b) const noexcept { return a.key > b.key; }
    };
    [[nodiscard]] std::int64_t bucket_of(double key) const noexcept {
        const double b = key * inv_width_;
        return b < 1e18 ? static_cast<std::int64_t>(b) : std::int64_t{1'000'000'000'000'000'000};
    }
    void place(const Entry& e) {
        const std::int64_t b = bucket_of(e.key);
        if (b <= current_) {
            heap_.push_back(e);
            std::push_heap(heap_.begin(), heap_.end(), KeyGreater{});
        } else if (b < current_ + ring_size_) [[likely]] {
            std::uint32_t& head = ring_head_[static_cast<std::size_t>(b & (ring_size_ - 1))];
            pool_.push_back({e.key, e.id, head});
            head = static_cast<std::uint32_t>(pool_.size() - 1);
            ++ring_entries_;
        } else {
            place_overflow(e, b);
        }
    }
    void place_overflow(const Entry& e, std::int64_t bucket);
    /// Makes the heap non-empty by moving to the next bucket holding entries.
    void refill();

    double inv_width_ = 1.0;
    std::int64_t ring_size_ = 0;  ///< a power of two
    /// Ring slots as singly linked lists threaded through one pool: a push appends to the pool
    /// and relinks the slot's head (no per-slot buffers scattered in memory). The pool is
    /// emptied by clear(); entries moved to the heap stay behind as garbage until then.
    struct Linked {
        double key;
        std::uint32_t id;
        std::uint32_t next;  ///< pool index, kEndOfList at the end
    };
    static constexpr std::uint32_t kEndOfList = 0xFFFFFFFFu;
    std::vector<std::uint32_t> ring_head_;  ///< per slot: first pool index, or kEndOfList
    std::vector<Linked> pool_;
    std::vector<Entry> heap_;      ///< entries of buckets ≤ current_, min-heap on key
    std::vector<Entry> overflow_;  ///< entries of buckets ≥ current_ + ring_size_ when pushed
    std::int64_t overflow_min_ = std::numeric_limits<std::int64_t>::max();  ///< their lowest bucket
    std::int64_t current_ = 0;     ///< bucket of the heap
    std::size_t ring_entries_ = 0;
    std::size_t size_ = 0;         ///< entries in heap, ring and overflow
};

}  // namespace maillage::geo::routing
