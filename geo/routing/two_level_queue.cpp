#include "geo/routing/two_level_queue.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <stdexcept>

namespace maillage::geo::routing {

namespace {
struct KeyGreater {
    bool operator()(const TwoLevelQueue::Entry& a, const TwoLevelQueue::Entry& b) const noexcept { return a.key > b.key; }
};
constexpr double kMaxRingSlots = double{1 << 20};
}  // namespace

TwoLevelQueue::TwoLevelQueue(double width_seconds, double max_step_seconds) : inv_width_(1.0 / width_seconds) {
    if (!(width_seconds > 0) || !std::isfinite(max_step_seconds) || max_step_seconds < 0)
        throw std::invalid_argument("TwoLevelQueue: the bucket width must be > 0 and the largest step finite");
    const double slots = std::ceil(max_step_seconds * inv_width_) + 2;
    if (slots > kMaxRingSlots) throw std::invalid_argument("TwoLevelQueue: more than 2^20 buckets");
    ring_size_ = std::bit_ceil(static_cast<std::uint32_t>(slots));
    ring_.resize(static_cast<std::size_t>(ring_size_));
}

std::int64_t TwoLevelQueue::bucket_of(double key) const noexcept {
    const double b = key * inv_width_;
    return b < 1e18 ? static_cast<std::int64_t>(b) : std::int64_t{1'000'000'000'000'000'000};
}

void TwoLevelQueue::push(std::uint32_t id, double key) {
    ++size_;
    place({key, id});
}

void TwoLevelQueue::place(const Entry& e) {
    const std::int64_t b = bucket_of(e.key);
    if (b <= current_) {
        heap_.push_back(e);
        std::push_heap(heap_.begin(), heap_.end(), KeyGreater{});
    } else if (b < current_ + ring_size_) {
        ring_[static_cast<std::size_t>(b & (ring_size_ - 1))].push_back(e);
        ++ring_entries_;
    } else {
        overflow_.push_back(e);
        overflow_min_ = std::min(overflow_min_, b);
    }
}

void TwoLevelQueue::refill() {
    while (heap_.empty()) {
        // Entries are in the ring or, if it is empty, only in the overflow: jump there.
        current_ = ring_entries_ == 0 ? overflow_min_ : current_ + 1;
        if (!overflow_.empty() && overflow_min_ < current_ + ring_size_) {
            std::vector<Entry> far;
            far.swap(overflow_);
            overflow_min_ = std::numeric_limits<std::int64_t>::max();
            for (const Entry& e : far) place(e);
        }
        std::vector<Entry>& slot = ring_[static_cast<std::size_t>(current_ & (ring_size_ - 1))];
        if (!slot.empty()) {
            ring_entries_ -= slot.size();
            heap_.swap(slot);
            std::make_heap(heap_.begin(), heap_.end(), KeyGreater{});
        }
    }
}

const TwoLevelQueue::Entry& TwoLevelQueue::top() {
    assert(!empty());
    if (heap_.empty()) refill();
    return heap_.front();
}

void TwoLevelQueue::pop() {
    assert(!empty());
    if (heap_.empty()) refill();
    std::pop_heap(heap_.begin(), heap_.end(), KeyGreater{});
    heap_.pop_back();
    --size_;
}

void TwoLevelQueue::clear() noexcept {
    heap_.clear();
    if (ring_entries_ > 0)
        for (auto& slot : ring_) slot.clear();
    overflow_.clear();
    overflow_min_ = std::numeric_limits<std::int64_t>::max();
    ring_entries_ = 0;
    size_ = 0;
    current_ = 0;
}

}  // namespace maillage::geo::routing
