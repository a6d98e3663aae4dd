// Jenks natural breaks: a published example, exhaustive search, and the CAPSO income table.
#include "layers/jenks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "capso_income.h"
#include "layers/classification.h"

using namespace maillage::layers;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;

namespace {

std::vector<std::optional<double>> to_optional(const std::vector<double>& v) {
    return {v.begin(), v.end()};
}

/// Sum of squared deviations from the group means, computed directly (two passes per group).
double sdcm(const std::vector<double>& sorted, const std::vector<std::size_t>& ends) {
    double total = 0.0;
    std::size_t begin = 0;
    for (std::size_t end : ends) {
        double mean = 0.0;
        for (std::size_t i = begin; i < end; ++i) mean += sorted[i];
        mean /= static_cast<double>(end - begin);
        for (std::size_t i = begin; i < end; ++i) total += (sorted[i] - mean) * (sorted[i] - mean);
        begin = end;
    }
    return total;
}

/// Exhaustive search: the smallest SDCM over every way to cut `sorted` into k non-empty
/// contiguous groups, never cutting between two equal values (a class is a value interval).
double brute_force_min_sdcm(const std::vector<double>& sorted, std::size_t k) {
    const std::size_t n = sorted.size();
    std::vector<std::size_t> cut_positions;  // a cut at p separates items < p from items >= p
    for (std::size_t p = 1; p < n; ++p) {
        if (sorted[p] != sorted[p - 1]) cut_positions.push_back(p);
    }
    double best = std::numeric_limits<double>::infinity();
    // Enumerate subsets of size k-1 of cut_positions with a selection mask.
    std::vector<bool> mask(cut_positions.size(), false);
    std::fill(mask.end() - static_cast<std::ptrdiff_t>(k - 1), mask.end(), true);
    do {
        std::vector<std::size_t> ends;
        for (std::size_t i = 0; i < cut_positions.size(); ++i) {
            if (mask[i]) ends.push_back(cut_positions[i]);
        }
        ends.push_back(n);
        best = std::min(best, sdcm(sorted, ends));
    } while (std::next_permutation(mask.begin(), mask.end()));
    return best;
}

}  // namespace

// jenkspy (github.com/mthh/jenkspy, tests/test_jenks.py): for these 50 values and 4 classes,
// jenks_breaks() returns (1, 416, 767, 1083, 1424) and the class of each value is `res5`.
TEST(Jenks, JenkspyPublishedExample) {
    const std::vector<double> data{132, 915, 312, 1424, 1240, 1370, 113, 1028, 1078, 416,
                                   963, 359, 1422, 658, 73, 1326, 245, 848, 683, 255, 1223,
                                   253, 654, 736, 1079, 39, 583, 1367, 1237, 327, 1083, 328,
                                   951, 678, 927, 301, 96, 297, 179, 230, 767, 1248, 1, 37,
                                   1352, 1009, 663, 1283, 679, 230};
    const std::vector<std::size_t> expected_classes{0, 2, 0, 3, 3, 3, 0, 2, 2, 0, 2, 0, 3, 1, 0, 3, 0,
                                                    2, 1, 0, 3, 0, 1, 1, 2, 0, 1, 3, 3, 0, 2, 0, 2, 1,
                                                    2, 0, 0, 0, 0, 0, 1, 3, 0, 0, 3, 2, 1, 3, 1, 0};
    // jenkspy allows 4 classes; Maillage needs at least 3, so 4 is within range.
    const Classification c = classify(to_optional(data), Method::jenks, 4);
    ASSERT_EQ(c.class_count(), 4u);
    EXPECT_DOUBLE_EQ(c.classes.front().lower, 1.0);
    EXPECT_THAT(c.breaks(), ElementsAre(416.0, 767.0, 1083.0));
    EXPECT_DOUBLE_EQ(c.classes.back().upper, 1424.0);
    ASSERT_EQ(c.class_of.size(), data.size());
    for (std::size_t i = 0; i < data.size(); ++i) {
        ASSERT_TRUE(c.class_of[i].has_value());
        EXPECT_EQ(*c.class_of[i], expected_classes[i]) << "value " << data[i];
    }
    EXPECT_EQ(c.classes[0].count, 20u);  // jenkspy's res6: 20 values in the first group
    EXPECT_EQ(c.classes[1].count, 9u);
}

// simple-statistics (github.com/simple-statistics/simple-statistics, ckmeans() doc example):
// Ckmeans minimises the same within-class sum of squares as Fisher–Jenks (Wang & Song 2011),
// and clusters [-1, 2, -1, 2, 4, 5, 6, -1, 2, -1] into [[-1 ×4], [2 ×3], [4, 5, 6]]: ties kept together.
TEST(Jenks, CkmeansPublishedExampleWithTies) {
    const std::vector<double> data{-1, 2, -1, 2, 4, 5, 6, -1, 2, -1};
    const Classification c = classify(to_optional(data), Method::jenks, 3);
    ASSERT_EQ(c.class_count(), 3u);
    EXPECT_DOUBLE_EQ(c.classes[0].lower, -1.0);
    EXPECT_THAT(c.breaks(), ElementsAre(-1.0, 2.0));
    EXPECT_DOUBLE_EQ(c.classes[2].upper, 6.0);
    EXPECT_EQ(c.classes[0].count, 4u);
    EXPECT_EQ(c.classes[1].count, 3u);
    EXPECT_EQ(c.classes[2].count, 3u);
    EXPECT_THAT(c.class_of, ElementsAre(0u, 1u, 0u, 1u, 2u, 2u, 2u, 0u, 1u, 0u));
}

// Optimality: on random arrays, the DP's partition has the smallest SDCM of all partitions.
TEST(Jenks, MatchesExhaustiveSearchOnRandomArrays) {
    std::mt19937_64 rng(20261129);
    std::uniform_real_distribution<double> uniform(0.0, 1000.0);
    std::lognormal_distribution<double> skewed(3.0, 1.0);
    for (int trial = 0; trial < 60; ++trial) {
        const std::size_t n = 6 + static_cast<std::size_t>(trial % 9);  // 6..14 values
        std::vector<double> v(n);
        for (double& x : v) x = trial % 2 == 0 ? uniform(rng) : skewed(rng);
        std::sort(v.begin(), v.end());
        const std::vector<double> w(n, 1.0);
        for (std::size_t k = 1; k <= std::min<std::size_t>(7, n); ++k) {
            const std::vector<std::size_t> ends = fisher_jenks_class_ends(v, w, k);
            ASSERT_EQ(ends.size(), k);
            ASSERT_EQ(ends.back(), n);
            const double expected = brute_force_min_sdcm(v, k);
            EXPECT_NEAR(sdcm(v, ends), expected, 1e-9 * std::max(1.0, expected)) << "trial " << trial << " k " << k;
        }
    }
}

// With ties (small integers), classify() keeps equal values together and is still optimal
// among value-interval partitions.
TEST(Jenks, MatchesExhaustiveSearchWithTies) {
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<int> small(0, 9);
    for (int trial = 0; trial < 40; ++trial) {
        std::vector<double> v(12);
        for (double& x : v) x = small(rng);
        std::vector<double> sorted = v;
        std::sort(sorted.begin(), sorted.end());
        std::vector<double> uniq = sorted;
        uniq.erase(std::unique(uniq.begin(), uniq.end()), uniq.end());
        for (int k = kMinClasses; k <= kMaxClasses; ++k) {
            const Classification c = classify(to_optional(v), Method::jenks, k);
            ASSERT_EQ(c.class_count(), std::min<std::size_t>(static_cast<std::size_t>(k), uniq.size()));
            // Rebuild the partition of the sorted values from the class bounds.
            std::vector<std::size_t> ends;
            for (std::size_t cls = 0; cls < c.class_count(); ++cls) {
                const auto end = std::upper_bound(sorted.begin(), sorted.end(), c.classes[cls].upper) - sorted.begin();
                ends.push_back(static_cast<std::size_t>(end));
            }
            const double expected = brute_force_min_sdcm(sorted, c.class_count());
            EXPECT_NEAR(sdcm(sorted, ends), expected, 1e-9 * std::max(1.0, expected)) << "trial " << trial;
            for (const auto& cls : c.classes) EXPECT_GT(cls.count, 0u);
        }
    }
}

// Weights are multiplicities: grouping [1,1,1,5,5,9] equals grouping the distinct values
// {1,5,9} with weights {3,2,1}.
TEST(Jenks, WeightsActAsMultiplicities) {
    const std::vector<double> values{1, 5, 9};
    const std::vector<double> weights{3, 2, 1};
    EXPECT_THAT(fisher_jenks_class_ends(values, weights, 2), ElementsAre(1u, 3u));  // {1}, {5, 9}
    EXPECT_THAT(fisher_jenks_class_ends(values, weights, 3), ElementsAre(1u, 2u, 3u));
    EXPECT_THAT(fisher_jenks_class_ends(values, weights, 1), ElementsAre(3u));
}

TEST(Jenks, RejectsBadInput) {
    const std::vector<double> unsorted{3, 1, 2};
    const std::vector<double> ones{1, 1, 1};
    EXPECT_THROW((void)fisher_jenks_class_ends(unsorted, ones, 2), std::invalid_argument);
    const std::vector<double> sorted{1, 2, 3};
    EXPECT_THROW((void)fisher_jenks_class_ends(sorted, ones, 4), std::invalid_argument);
    EXPECT_THROW((void)fisher_jenks_class_ends(sorted, ones, 0), std::invalid_argument);
    const std::vector<double> zero_weight{1, 0, 1};
    EXPECT_THROW((void)fisher_jenks_class_ends(sorted, zero_weight, 2), std::invalid_argument);
}

// The 53 CAPSO communes' median income (Filosofi 2019), 5 Jenks classes. Expected breaks
// come from an independent exhaustive search over all C(52,4) = 270 725 ways to cut the
// sorted values (a 20-line Python script, not this code): upper bounds 18 230, 19 790,
// 21 200, 22 200, 23 800 €, counts 6, 15, 20, 7, 5, GVF 0.93916.
TEST(Jenks, CapsoMedianIncomeFiveClasses) {
    using namespace maillage::layers::test;
    const Classification c = classify(capso_med19_values(), Method::jenks, 5);
    ASSERT_EQ(c.class_count(), 5u);
    EXPECT_THAT(c.breaks(), ElementsAre(18230.0, 19790.0, 21200.0, 22200.0));
    EXPECT_DOUBLE_EQ(c.classes.front().lower, 16790.0);  // Fauquembergues
    EXPECT_DOUBLE_EQ(c.classes.back().upper, 23800.0);   // Heuringhem
    std::vector<std::size_t> counts;
    for (const auto& cls : c.classes) counts.push_back(cls.count);
    EXPECT_THAT(counts, ElementsAre(6u, 15u, 20u, 7u, 5u));
    ASSERT_TRUE(c.gvf.has_value());
    EXPECT_NEAR(*c.gvf, 0.9391585, 1e-6);

    // A commune's class: Saint-Omer (17 230 €) in the lowest class, Arques and Longuenesse
    // in the second, Saint-Martin-lez-Tatinghem in the middle, Helfaut in the fourth,
    // Clairmarais in the highest.
    EXPECT_EQ(c.class_of[capso_index("62765")], 0u);  // Saint-Omer
    EXPECT_EQ(c.class_of[capso_index("62040")], 1u);  // Arques 18 520
    EXPECT_EQ(c.class_of[capso_index("62525")], 1u);  // Longuenesse 18 400
    EXPECT_EQ(c.class_of[capso_index("62757")], 2u);  // Saint-Martin-lez-Tatinghem 20 940
    EXPECT_EQ(c.class_of[capso_index("62423")], 3u);  // Helfaut 21 660
    EXPECT_EQ(c.class_of[capso_index("62225")], 4u);  // Clairmarais 23 410
}

TEST(Jenks, CapsoMedianIncomeThreeAndFourClasses) {
    using namespace maillage::layers::test;
    // Same exhaustive search: k = 3 → 19 550, 21 450 | 23 800 (GVF 0.83560);
    // k = 4 → 18 230, 19 790, 21 450 | 23 800 (GVF 0.90805).
    const Classification c3 = classify(capso_med19_values(), Method::jenks, 3);
    EXPECT_THAT(c3.breaks(), ElementsAre(19550.0, 21450.0));
    EXPECT_NEAR(*c3.gvf, 0.8355993, 1e-6);
    const Classification c4 = classify(capso_med19_values(), Method::jenks, 4);
    EXPECT_THAT(c4.breaks(), ElementsAre(18230.0, 19790.0, 21450.0));
    EXPECT_NEAR(*c4.gvf, 0.9080544, 1e-6);
    // More classes never fit worse.
    EXPECT_LT(*c3.gvf, *c4.gvf);
}

// 10 000 values are classified exactly, without sampling: the result equals a plain O(k·n²) Fisher DP written independently here.
TEST(Jenks, TenThousandValuesExactAgainstQuadraticDp) {
    std::mt19937_64 rng(42);
    std::lognormal_distribution<double> skewed(10.0, 0.4);
    std::vector<double> v(10000);
    for (double& x : v) x = std::round(skewed(rng) / 5.0) * 5.0;  // ~2 500 distinct values
    const Classification c = classify(to_optional(v), Method::jenks, 7);
    ASSERT_EQ(c.class_count(), 7u);

    // Quadratic reference on the distinct values with multiplicities.
    std::vector<double> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> x, w;
    for (double s : sorted) {
        if (x.empty() || x.back() != s) {
            x.push_back(s);
            w.push_back(1.0);
        } else {
            w.back() += 1.0;
        }
    }
    const std::size_t n = x.size();
    const double centre = 22000.0;
    std::vector<double> W(n + 1, 0.0), S(n + 1, 0.0), Q(n + 1, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        W[i + 1] = W[i] + w[i];
        S[i + 1] = S[i] + w[i] * (x[i] - centre);
        Q[i + 1] = Q[i] + w[i] * (x[i] - centre) * (x[i] - centre);
    }
    auto cost = [&](std::size_t a, std::size_t b) {
        const double s = S[b] - S[a];
        return Q[b] - Q[a] - s * s / (W[b] - W[a]);
    };
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> prev(n + 1, inf), cur(n + 1, inf);
    for (std::size_t j = 1; j <= n; ++j) prev[j] = cost(0, j);
    for (std::size_t g = 2; g <= 7; ++g) {
        std::fill(cur.begin(), cur.end(), inf);
        for (std::size_t j = g; j <= n; ++j) {
            for (std::size_t i = g - 1; i < j; ++i) cur[j] = std::min(cur[j], prev[i] + cost(i, j));
        }
        std::swap(prev, cur);
    }
    std::vector<std::size_t> ends;
    for (const auto& cls : c.classes) {
        ends.push_back(static_cast<std::size_t>(std::upper_bound(sorted.begin(), sorted.end(), cls.upper) - sorted.begin()));
    }
    EXPECT_NEAR(sdcm(sorted, ends), prev[n], 1e-7 * prev[n]);
}
