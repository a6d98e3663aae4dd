// Fan-out of symbols sharing a point: every symbol keeps its own room.
#include "layers/fan_out.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace maillage::layers;

TEST(FanOut, SmallCounts) {
    EXPECT_TRUE(fan_out_offsets(0, 14).empty());
    const auto one = fan_out_offsets(1, 14);
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0].dx, 0.0);
    EXPECT_EQ(one[0].dy, 0.0);
    // Two symbols: top and bottom of the first ring, 16 px (14 + 2) from the point.
    const auto two = fan_out_offsets(2, 14, 2);
    ASSERT_EQ(two.size(), 2u);
    EXPECT_NEAR(two[0].dx, 0.0, 1e-9);
    EXPECT_NEAR(two[0].dy, -16.0, 1e-9);  // first at the top (y down)
    EXPECT_NEAR(two[1].dy, 16.0, 1e-9);
}

TEST(FanOut, RingsFillSixThenTwelve) {
    const auto offsets = fan_out_offsets(20, 10, 2);
    ASSERT_EQ(offsets.size(), 20u);
    for (std::size_t i = 0; i < 6; ++i) EXPECT_NEAR(std::hypot(offsets[i].dx, offsets[i].dy), 12.0, 1e-9);
    for (std::size_t i = 6; i < 18; ++i) EXPECT_NEAR(std::hypot(offsets[i].dx, offsets[i].dy), 24.0, 1e-9);
    for (std::size_t i = 18; i < 20; ++i) EXPECT_NEAR(std::hypot(offsets[i].dx, offsets[i].dy), 36.0, 1e-9);
}

TEST(FanOut, SymbolsNeverOverlap) {
    // Pairwise distance >= pitch for every count up to 150 (a whole commune's facilities).
    for (std::size_t n = 2; n <= 150; ++n) {
        const auto o = fan_out_offsets(n, 14, 2);
        ASSERT_EQ(o.size(), n);
        for (std::size_t a = 0; a < n; ++a) {
            for (std::size_t b = a + 1; b < n; ++b) {
                ASSERT_GE(std::hypot(o[a].dx - o[b].dx, o[a].dy - o[b].dy), 16.0 - 1e-9) << n << ": " << a << "," << b;
            }
        }
    }
}
