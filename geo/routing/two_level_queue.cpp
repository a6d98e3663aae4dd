#include "geo/routing/two_level_queue.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <stdexcept>

namespace maillage::geo::routing {

namespace {
constexpr double kMaxRingSlots = double{1 << 20};
}  // namespace

TwoLevelQueue::TwoLevelQueue(double width_seconds, double max_step_seconds) : inv_width_(1.0 / width_seconds) {
    if (!(width_seconds > 0) || !std::isfinite(max_step_seconds) || max_step_seconds < 0)
        throw std::invalid_argument("TwoLevelQueue: the bucket width must be > 0 and the largest step finite");
    const double slots = std::ceil(max_step_seconds * inv_width_) + 2;
    if (slots > kMaxRingSlots) throw std::invalid_argument("TwoLevelQueue: more than 2^20 buckets");
    ring_size_ = std::bit_ceil(static_cast<std::uint32_t>(slots));
    ring_head_.assign(static_cast<std::size_t>(ring_size_), kEndOfList);
}

void TwoLevelQueue::place_overflow(const Entry& e, std::int64_t bucket) {
    overflow_.push_back(e);
    overflow_min_ = std::min(overflow_min_, bucket);
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
        std::uint32_t& head = ring_head_[static_cast<std::size_t>(current_ & (ring_size_ - 1))];
        if (head != kEndOfList) {
            for (std::uint32_t k = head; k != kEndOfList; k = pool_[k].next) heap_.push_back({pool_[k].key, pool_[k].id});
            head = kEndOfList;
            ring_entries_ -= heap_.size();
            std::make_heap(heap_.begin(), heap_.end(), KeyGreater{});
        }
    }
}

void TwoLevelQueue::clear() noexcept {
    heap_.clear();
    if (ring_entries_ > 0) std::fill(ring_head_.begin(), ring_head_.end(), kEndOfList);
    pool_.clear();
    overflow_.clear();
    overflow_min_ = std::numeric_limits<std::int64_t>::max();
    ring_entries_ = 0;
    size_ = 0;
    current_ = 0;
}

}  // namespace maillage::geo::routing
