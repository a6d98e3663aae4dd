// Quantiles, equal intervals, manual breaks and the edge cases every method shares.
#include "layers/classification.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "capso_income.h"

using namespace maillage::layers;
using ::testing::ElementsAre;

namespace {

std::vector<std::optional<double>> values(std::initializer_list<double> v) { return {v.begin(), v.end()}; }

std::vector<std::size_t> counts(const Classification& c) {
    std::vector<std::size_t> out;
    for (const auto& cls : c.classes) out.push_back(cls.count);
    return out;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr Method kDataDriven[] = {Method::jenks, Method::quantiles, Method::equal_intervals};

}  // namespace

// ---- shared edge cases --------------------------------------------------------------------

TEST(Classification, EmptyInputHasNoClass) {
    for (Method m : kDataDriven) {
        const Classification c = classify({}, m, 5);
        EXPECT_EQ(c.class_count(), 0u);
        EXPECT_TRUE(c.class_of.empty());
        EXPECT_EQ(c.missing_count, 0u);
        EXPECT_FALSE(c.gvf.has_value());
    }
}

TEST(Classification, AllMissingStaysMissing) {
    const std::vector<std::optional<double>> v{std::nullopt, kNaN, std::nullopt, kInf, -kInf};
    for (Method m : kDataDriven) {
        const Classification c = classify(v, m, 4);
        EXPECT_EQ(c.class_count(), 0u);
        EXPECT_EQ(c.missing_count, 5u);
        ASSERT_EQ(c.class_of.size(), 5u);
        for (const auto& k : c.class_of) EXPECT_FALSE(k.has_value());
        EXPECT_FALSE(c.gvf.has_value());
    }
}

TEST(Classification, OneValueGivesOneClass) {
    for (Method m : kDataDriven) {
        const Classification c = classify(values({21400.0}), m, 5);
        ASSERT_EQ(c.class_count(), 1u) << method_key(m);
        EXPECT_DOUBLE_EQ(c.classes[0].lower, 21400.0);
        EXPECT_DOUBLE_EQ(c.classes[0].upper, 21400.0);
        EXPECT_EQ(c.classes[0].count, 1u);
        EXPECT_EQ(c.class_of[0], 0u);
        EXPECT_TRUE(c.breaks().empty());
        EXPECT_DOUBLE_EQ(*c.gvf, 1.0);
    }
}

TEST(Classification, AllEqualGivesOneClass) {
    for (Method m : kDataDriven) {
        const Classification c = classify(values({7.5, 7.5, 7.5, 7.5}), m, 3);
        ASSERT_EQ(c.class_count(), 1u) << method_key(m);
        EXPECT_EQ(c.classes[0].count, 4u);
        EXPECT_DOUBLE_EQ(*c.gvf, 1.0);
    }
}

TEST(Classification, FewerDistinctValuesThanClassesGivesOneClassPerValue) {
    for (Method m : kDataDriven) {
        const Classification c = classify(values({2, 1, 2, 1, 3, 3, 3}), m, 5);
        ASSERT_EQ(c.class_count(), 3u) << method_key(m);
        EXPECT_THAT(counts(c), ElementsAre(2u, 2u, 3u)) << method_key(m);
        EXPECT_THAT(c.class_of, ElementsAre(1u, 0u, 1u, 0u, 2u, 2u, 2u)) << method_key(m);
        EXPECT_DOUBLE_EQ(*c.gvf, 1.0);
    }
}

TEST(Classification, MissingNaNAndInfinityNeverJoinClassOne) {
    const std::vector<std::optional<double>> v{1.0, std::nullopt, 2.0, kNaN, 10.0, kInf, 11.0, 20.0, 21.0};
    for (Method m : kDataDriven) {
        const Classification c = classify(v, m, 3);
        EXPECT_EQ(c.missing_count, 3u);
        EXPECT_FALSE(c.class_of[1].has_value());
        EXPECT_FALSE(c.class_of[3].has_value());
        EXPECT_FALSE(c.class_of[5].has_value());
        std::size_t classified = 0;
        for (const auto& cls : c.classes) classified += cls.count;
        EXPECT_EQ(classified, 6u);
        EXPECT_DOUBLE_EQ(c.classes.front().lower, 1.0);  // the minimum of present values
        EXPECT_DOUBLE_EQ(c.classes.back().upper, 21.0);
    }
}

TEST(Classification, ClassCountIsValidated) {
    const auto v = values({1, 2, 3, 4, 5, 6, 7, 8});
    EXPECT_THROW((void)classify(v, Method::jenks, 2), ClassificationError);
    EXPECT_THROW((void)classify(v, Method::quantiles, 8), ClassificationError);
    EXPECT_THROW((void)classify(v, Method::manual, 4), ClassificationError);
    EXPECT_NO_THROW((void)classify(v, Method::equal_intervals, 3));
    EXPECT_NO_THROW((void)classify(v, Method::equal_intervals, 7));
}

TEST(Classification, ClampClassCount) {
    EXPECT_EQ(clamp_class_count(1), 3);
    EXPECT_EQ(clamp_class_count(5), 5);
    EXPECT_EQ(clamp_class_count(12), 7);
}

TEST(Classification, ClassForFollowsUpperClosure) {
    const Classification c = classify(values({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}), Method::quantiles, 3);
    ASSERT_THAT(c.breaks(), ElementsAre(3.0, 7.0));
    EXPECT_EQ(c.class_for(0.0), 0u);   // class 0 is [0, 3]
    EXPECT_EQ(c.class_for(3.0), 0u);
    EXPECT_EQ(c.class_for(3.5), 1u);   // class 1 is (3, 7]
    EXPECT_EQ(c.class_for(7.0), 1u);
    EXPECT_EQ(c.class_for(11.0), 2u);
    EXPECT_FALSE(c.class_for(-0.1).has_value());
    EXPECT_FALSE(c.class_for(11.1).has_value());
    EXPECT_FALSE(c.class_for(kNaN).has_value());
}

TEST(Classification, MethodKeysRoundTrip) {
    for (Method m : {Method::jenks, Method::quantiles, Method::equal_intervals, Method::manual}) {
        EXPECT_EQ(method_from_key(method_key(m)), m);
        EXPECT_FALSE(method_label_fr(m).empty());
    }
    EXPECT_FALSE(method_from_key("natural").has_value());
    EXPECT_EQ(method_label_fr(Method::jenks), "Seuils naturels (Jenks)");
}

// ---- quantiles ----------------------------------------------------------------------------

TEST(Quantiles, EqualCountsWithoutTies) {
    // 10 values, 5 classes: breaks are the 2nd, 4th, 6th and 8th smallest values (type 1).
    const Classification c = classify(values({10, 1, 9, 2, 8, 3, 7, 4, 6, 5}), Method::quantiles, 5);
    EXPECT_THAT(c.breaks(), ElementsAre(2.0, 4.0, 6.0, 8.0));
    EXPECT_THAT(counts(c), ElementsAre(2u, 2u, 2u, 2u, 2u));
}

TEST(Quantiles, NearestRankWhenClassesDoNotDivideTheCount) {
    // n = 7, k = 3: targets 7/3 = 2.33 and 14/3 = 4.67 values → nearest ranks 2 and 5.
    const Classification c = classify(values({70, 10, 60, 20, 50, 30, 40}), Method::quantiles, 3);
    EXPECT_THAT(c.breaks(), ElementsAre(20.0, 50.0));
    EXPECT_THAT(counts(c), ElementsAre(2u, 3u, 2u));
}

TEST(Quantiles, TiesStayTogetherAndNoClassIsEmpty) {
    // Six 1s: a plain type-7 quantile would put breaks 1, 1, 1 and empty classes. Here tied
    // values share a class and the remaining distinct values still get their own classes.
    const Classification c = classify(values({1, 1, 1, 1, 1, 1, 2, 3}), Method::quantiles, 4);
    ASSERT_EQ(c.class_count(), 3u);  // only 3 distinct values
    EXPECT_THAT(c.breaks(), ElementsAre(1.0, 2.0));
    EXPECT_THAT(counts(c), ElementsAre(6u, 1u, 1u));
}

TEST(Quantiles, BreakMovesToTheNearerSideOfATieRun) {
    // n = 9, k = 3: targets 3 and 6 values. C(2) = 2, C(5) = 6 (four 5s), C(7) = 7, C(9) = 9.
    // Break 1: C(2) = 2 is nearer to 3 than C(5) = 6 → 2. Break 2: C(5) = 6 hits 6 exactly → 5.
    const Classification c = classify(values({1, 2, 5, 5, 5, 5, 7, 8, 9}), Method::quantiles, 3);
    EXPECT_THAT(c.breaks(), ElementsAre(2.0, 5.0));
    EXPECT_THAT(counts(c), ElementsAre(2u, 4u, 3u));
}

TEST(Quantiles, CapsoMedianIncomeQuintiles) {
    using namespace maillage::layers::test;
    // 53 communes, 5 classes: targets 10.6, 21.2, 31.8, 42.4 communes at or below each break;
    // the sorted incomes give 11, 21, 32 and 42 communes at 18 920, 19 790, 20 940, 21 450 €.
    const Classification c = classify(capso_med19_values(), Method::quantiles, 5);
    EXPECT_THAT(c.breaks(), ElementsAre(18920.0, 19790.0, 20940.0, 21450.0));
    EXPECT_THAT(counts(c), ElementsAre(11u, 10u, 11u, 10u, 11u));
    EXPECT_EQ(c.class_of[capso_index("62765")], 0u);  // Saint-Omer 17 230
    EXPECT_EQ(c.class_of[capso_index("62014")], 1u);  // Aire-sur-la-Lys 19 500
    EXPECT_EQ(c.class_of[capso_index("62757")], 2u);  // Saint-Martin-lez-Tatinghem 20 940 (on the break)
    EXPECT_EQ(c.class_of[capso_index("62772")], 3u);  // Salperwick 21 450 (on the break)
    EXPECT_EQ(c.class_of[capso_index("62423")], 4u);  // Helfaut 21 660
}

// ---- equal intervals ----------------------------------------------------------------------

TEST(EqualIntervals, BreaksAreEvenlySpaced) {
    const Classification c = classify(values({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), Method::equal_intervals, 5);
    EXPECT_THAT(c.breaks(), ElementsAre(2.0, 4.0, 6.0, 8.0));
    // Upper-closed: 2 belongs to class 0 ([0, 2]), 4 to class 1 ((2, 4]).
    EXPECT_THAT(counts(c), ElementsAre(3u, 2u, 2u, 2u, 2u));
}

TEST(EqualIntervals, GapsLeaveEmptyClasses) {
    // All values at both ends: the middle classes are empty, as the method means.
    const Classification c = classify(values({0, 0.5, 1, 99, 100}), Method::equal_intervals, 4);
    ASSERT_EQ(c.class_count(), 4u);
    EXPECT_THAT(c.breaks(), ElementsAre(25.0, 50.0, 75.0));
    EXPECT_THAT(counts(c), ElementsAre(3u, 0u, 0u, 2u));
    EXPECT_FALSE(c.classes[1].min_value.has_value());
}

TEST(EqualIntervals, CapsoMedianIncome) {
    using namespace maillage::layers::test;
    // Range 16 790 – 23 800 €, width 1 402 €: breaks 18 192, 19 594, 20 996, 22 398.
    const Classification c = classify(capso_med19_values(), Method::equal_intervals, 5);
    const auto b = c.breaks();
    ASSERT_EQ(b.size(), 4u);
    EXPECT_NEAR(b[0], 18192.0, 1e-9);
    EXPECT_NEAR(b[1], 19594.0, 1e-9);
    EXPECT_NEAR(b[2], 20996.0, 1e-9);
    EXPECT_NEAR(b[3], 22398.0, 1e-9);
    EXPECT_EQ(c.class_of[capso_index("62485")], 0u);  // Laires 18 120
    EXPECT_EQ(c.class_of[capso_index("62336")], 1u);  // Fléchin 18 230
    EXPECT_EQ(c.class_of[capso_index("62901")], 2u);  // Wittes 20 990
    EXPECT_EQ(c.class_of[capso_index("62265")], 3u);  // Delettes 21 000
}

// ---- manual breaks ------------------------------------------------------------------------

TEST(Manual, CtgIncomeClasses) {
    using namespace maillage::layers::test;
    const std::vector<double> breaks = ctg_income_breaks();
    const Classification c = classify_manual(capso_med19_values(), breaks);
    ASSERT_EQ(c.class_count(), 4u);
    EXPECT_EQ(c.closure, Closure::lower);
    EXPECT_TRUE(std::isinf(c.classes.front().lower));
    EXPECT_TRUE(std::isinf(c.classes.back().upper));
    // Counted independently from the Filosofi file: 21 communes below 20 000 €, 20 from
    // 20 000 to under 21 400 €, 9 from 21 400 to under 23 000 €, 3 at 23 000 € or more.
    EXPECT_THAT(counts(c), ElementsAre(21u, 20u, 9u, 3u));
    EXPECT_EQ(c.class_of[capso_index("62765")], 0u);  // Saint-Omer 17 230
    EXPECT_EQ(c.class_of[capso_index("62757")], 1u);  // Saint-Martin-lez-Tatinghem 20 940
    EXPECT_EQ(c.class_of[capso_index("62772")], 2u);  // Salperwick 21 450
    EXPECT_EQ(c.class_of[capso_index("62225")], 3u);  // Clairmarais 23 410
}

TEST(Manual, ClosureDecidesValuesOnABreak) {
    const auto v = values({20000, 21400, 23000});
    const auto breaks = ctg_income_breaks();
    const Classification lower = classify_manual(v, breaks, Closure::lower);
    EXPECT_THAT(lower.class_of, ElementsAre(1u, 2u, 3u));  // [20 000, 21 400) …
    const Classification upper = classify_manual(v, breaks, Closure::upper);
    EXPECT_THAT(upper.class_of, ElementsAre(0u, 1u, 2u));  // (…, 20 000] …
}

TEST(Manual, KeepsEmptyClassesAndCountsMissing) {
    const std::vector<std::optional<double>> v{19000.0, std::nullopt, 19500.0, kNaN};
    const Classification c = classify_manual(v, ctg_income_breaks());
    EXPECT_EQ(c.class_count(), 4u);
    EXPECT_THAT(counts(c), ElementsAre(2u, 0u, 0u, 0u));
    EXPECT_EQ(c.missing_count, 2u);
}

TEST(Manual, RejectsBadBreaks) {
    const auto v = values({1, 2, 3});
    const std::vector<double> one{5};
    const std::vector<double> seven{1, 2, 3, 4, 5, 6, 7};
    const std::vector<double> unordered{3, 2, 5};
    const std::vector<double> duplicate{2, 2, 5};
    const std::vector<double> not_finite{1, kInf};
    EXPECT_THROW((void)classify_manual(v, one), ClassificationError);
    EXPECT_THROW((void)classify_manual(v, seven), ClassificationError);
    EXPECT_THROW((void)classify_manual(v, unordered), ClassificationError);
    EXPECT_THROW((void)classify_manual(v, duplicate), ClassificationError);
    EXPECT_THROW((void)classify_manual(v, not_finite), ClassificationError);
}

// ---- goodness of variance fit -------------------------------------------------------------

TEST(Gvf, MatchesHandComputation) {
    // {1, 2} and {10, 11}: mean 6, SDAM = 25+16+16+25 = 82, SDCM = 4 × 0.25 = 1.
    const auto v = values({1, 2, 10, 11});
    const std::vector<std::optional<std::size_t>> k{0u, 0u, 1u, 1u};
    EXPECT_NEAR(*goodness_of_variance_fit(v, k), 1.0 - 1.0 / 82.0, 1e-12);
}
