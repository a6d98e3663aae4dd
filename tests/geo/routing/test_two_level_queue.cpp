// TwoLevelQueue against a reference (std::multiset of (key, id)) under Dijkstra-like use: keys
// pushed never below the last popped one, second pushes for a better key, far keys
// (overflow), reuse after clear.
#include <gtest/gtest.h>

#include <random>
#include <set>
#include <utility>
#include <vector>

#include "geo/routing/two_level_queue.h"

using maillage::geo::routing::TwoLevelQueue;

TEST(TwoLevelQueue, PopsInKeyOrderLikeAnOrderedSet) {
    constexpr std::uint32_t kIds = 500;
    // Buckets of 0.5 s, steps up to 40 s: a 128-slot ring of 64 s; seeds up to 500 s overflow.
    TwoLevelQueue queue(0.5, 40.0);
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> step(0.0, 40.0), seed_key(0.0, 500.0);
    std::uniform_int_distribution<std::uint32_t> pick(0, kIds - 1);
    for (int round = 0; round < 20; ++round) {
        queue.clear();
        std::multiset<std::pair<double, std::uint32_t>> ref;
        std::vector<double> key(kIds, -1.0);
        std::vector<bool> done(kIds, false);
        for (int s = 0; s < 1 + round % 7; ++s) {  // seeds, some far beyond the ring's span
            const std::uint32_t id = pick(rng);
            if (key[id] >= 0) continue;
            key[id] = round % 3 == 0 ? seed_key(rng) : step(rng);
            queue.push(id, key[id]);
            ref.insert({key[id], id});
        }
        double last = 0.0;
        while (!ref.empty()) {
            ASSERT_FALSE(queue.empty());
            const auto expected = *ref.begin();
            ASSERT_EQ(queue.size(), ref.size());
            const TwoLevelQueue::Entry e = queue.top();
            ASSERT_EQ(e.key, expected.first);
            queue.pop();
            ref.erase(ref.find({e.key, e.id}));  // equal keys may come in another id order
            ASSERT_GE(e.key, last);
            last = e.key;
            if (done[e.id] || e.key != key[e.id]) continue;  // outdated entry, as Dijkstra skips it
            done[e.id] = true;
            for (int k = 0; k < 3; ++k) {  // "relax" a few arcs
                const std::uint32_t v = pick(rng);
                if (done[v]) continue;
                const double t = e.key + step(rng);
                if (key[v] < 0) {
                    key[v] = t;
                    queue.push(v, t);
                    ref.insert({t, v});
                } else if (t < key[v]) {  // the outdated entry stays in both
                    key[v] = t;
                    queue.push(v, t);
                    ref.insert({t, v});
                }
            }
        }
        EXPECT_TRUE(queue.empty());
    }
}

TEST(TwoLevelQueue, RejectsAZeroWidth) {
    EXPECT_THROW(TwoLevelQueue(0.0, 5.0), std::invalid_argument);
    EXPECT_THROW(TwoLevelQueue(1e-9, 5.0), std::invalid_argument);  // 5e9 buckets
}

// A ring of 8 slots (1 s buckets, steps ≤ 3 s) with seeds up to 1 000 s away: most entries go
// through the overflow list and the queue jumps over long empty stretches.
TEST(TwoLevelQueue, TinyRingWithFarSeedsKeepsKeyOrder) {
    TwoLevelQueue queue(1.0, 3.0);
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> far(0.0, 1000.0), step(0.0, 3.0);
    for (int round = 0; round < 50; ++round) {
        queue.clear();
        std::multiset<double> ref;
        for (int s = 0; s < 20; ++s) {
            const double k = far(rng);
            queue.push(static_cast<std::uint32_t>(s), k);
            ref.insert(k);
        }
        double last = 0.0;
        int pushes = 0;
        while (!ref.empty()) {
            const double k = queue.top().key;
            ASSERT_EQ(k, *ref.begin()) << "round " << round;
            queue.pop();
            ref.erase(ref.begin());
            ASSERT_GE(k, last);
            last = k;
            if (pushes < 200 && rng() % 2 == 0) {  // a relaxation within the ring's span
                const double t = k + step(rng);
                queue.push(1000U + static_cast<std::uint32_t>(pushes++), t);
                ref.insert(t);
            }
        }
        EXPECT_TRUE(queue.empty());
    }
}
