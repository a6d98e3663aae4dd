// A 4-ary min-heap over dense ids with decrease-key (RoutingKit's MinIDQueue design).
// Keys are seconds (double). Memory: one position per id plus the heap; no allocation after
// construction except the heap vector's growth up to id_count entries.
#pragma once

#include <cassert>
#include <cstdint>
#include <vector>

#include "geo/routing/types.h"

namespace maillage::geo::routing {

class MinIdQueue {
public:
    struct Entry {
        double key;
        std::uint32_t id;
    };

    explicit MinIdQueue(std::uint32_t id_count = 0) : position_(id_count, kInvalidId) {
        heap_.reserve(id_count < 1024 ? id_count : 1024);
    }

    [[nodiscard]] bool empty() const noexcept { return heap_.empty(); }
    [[nodiscard]] std::size_t size() const noexcept { return heap_.size(); }
    [[nodiscard]] std::uint32_t id_count() const noexcept {
        return static_cast<std::uint32_t>(position_.size());
    }
    [[nodiscard]] bool contains(std::uint32_t id) const noexcept {
        return position_[id] != kInvalidId;
    }
    [[nodiscard]] double key_of(std::uint32_t id) const noexcept { return heap_[position_[id]].key; }
    [[nodiscard]] const Entry& peek() const noexcept { return heap_.front(); }

    /// Precondition: !contains(id).
    void push(std::uint32_t id, double key) {
        assert(!contains(id));
        heap_.push_back({key, id});
        position_[id] = static_cast<std::uint32_t>(heap_.size() - 1);
        sift_up(heap_.size() - 1);
    }
    /// Precondition: contains(id) and key <= key_of(id).
    void decrease_key(std::uint32_t id, double key) {
        std::size_t i = position_[id];
        heap_[i].key = key;
        sift_up(i);
    }
    Entry pop() {
        Entry top = heap_.front();
        position_[top.id] = kInvalidId;
        Entry last = heap_.back();
        heap_.pop_back();
        if (!heap_.empty()) {
            heap_[0] = last;
            position_[last.id] = 0;
            sift_down(0);
        }
        return top;
    }
    /// Empties the queue in O(size()).
    void clear() noexcept {
        for (const Entry& e : heap_) position_[e.id] = kInvalidId;
        heap_.clear();
    }

private:
    static constexpr std::size_t kArity = 4;
    void place(std::size_t i, const Entry& e) {
        heap_[i] = e;
        position_[e.id] = static_cast<std::uint32_t>(i);
    }
    void sift_up(std::size_t i) {
        Entry e = heap_[i];
        while (i > 0) {
            std::size_t parent = (i - 1) / kArity;
            if (heap_[parent].key <= e.key) break;
            place(i, heap_[parent]);
            i = parent;
        }
        place(i, e);
    }
    void sift_down(std::size_t i) {
        Entry e = heap_[i];
        const std::size_t n = heap_.size();
        for (;;) {
            std::size_t first = i * kArity + 1;
            if (first >= n) break;
            std::size_t last = first + kArity < n ? first + kArity : n;
            std::size_t best = first;
            for (std::size_t c = first + 1; c < last; ++c)
                if (heap_[c].key < heap_[best].key) best = c;
            if (heap_[best].key >= e.key) break;
            place(i, heap_[best]);
            i = best;
        }
        place(i, e);
    }
    std::vector<std::uint32_t> position_;
    std::vector<Entry> heap_;
};

}  // namespace maillage::geo::routing
