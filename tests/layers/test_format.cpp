// French number formatting and class-bound labels, checked on exact UTF-8 strings.
#include "layers/format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>

#include "capso_income.h"

using namespace maillage::layers;
using ::testing::ElementsAre;

namespace {
// Spelled out so that the expected strings do not depend on format.h's constants.
#define NNBSP "\u202F"  // thousands separator
#define NBSP "\u00A0"   // between number and unit
}  // namespace

TEST(FormatNumber, ThousandsAndDecimalComma) {
    EXPECT_EQ(format_number(21400, 0), "21" NNBSP "400");
    EXPECT_EQ(format_number(1234.5, 1), "1" NNBSP "234,5");
    EXPECT_EQ(format_number(104320, 0), "104" NNBSP "320");
    EXPECT_EQ(format_number(1234567.891, 2), "1" NNBSP "234" NNBSP "567,89");
    EXPECT_EQ(format_number(999, 0), "999");
    EXPECT_EQ(format_number(0, 0), "0");
    EXPECT_EQ(format_number(69.4, 1), "69,4");
    EXPECT_EQ(format_number(0.25, 3), "0,250");
}

TEST(FormatNumber, RoundsToTheRequestedDecimals) {
    EXPECT_EQ(format_number(69.44, 1), "69,4");
    EXPECT_EQ(format_number(69.46, 1), "69,5");
    EXPECT_EQ(format_number(999.96, 1), "1" NNBSP "000,0");  // carry into a new group
    EXPECT_EQ(format_number(21399.6, 0), "21" NNBSP "400");
    EXPECT_EQ(format_number(3.14159, 99), "3,141590");  // decimals clamped to 6
    EXPECT_EQ(format_number(2.5, -1), "2");             // and to 0 (printf: nearest even)
}

TEST(FormatNumber, NegativeNumbers) {
    EXPECT_EQ(format_number(-3.5, 1), "-3,5");
    EXPECT_EQ(format_number(-12345, 0), "-12" NNBSP "345");
    EXPECT_EQ(format_number(-0.04, 1), "0,0");  // never "-0,0"
    EXPECT_EQ(format_number(-0.0, 0), "0");
}

TEST(FormatNumber, VeryLargeValuesAreWrittenInFull) {
    const std::string s = format_number(1e40, 0);
    EXPECT_EQ(s.rfind("10" NNBSP "000" NNBSP, 0), 0u);
    EXPECT_EQ(s.size(), 41u + 13u * 3u);  // 41 digits and 13 three-byte separators, no truncation
}

TEST(FormatNumber, NonFiniteIsNotAvailable) {
    EXPECT_EQ(format_number(std::numeric_limits<double>::quiet_NaN(), 1), "n.d.");
    EXPECT_EQ(format_number(std::numeric_limits<double>::infinity(), 0), "n.d.");
}

TEST(FormatValue, UnitAfterANoBreakSpace) {
    EXPECT_EQ(format_value(21400, "€", 0), "21" NNBSP "400" NBSP "€");
    EXPECT_EQ(format_value(69.4, "%", 1), "69,4" NBSP "%");
    EXPECT_EQ(format_value(1234.5, "", 1), "1" NNBSP "234,5");
    EXPECT_EQ(format_value(-2.25, "%", 2), "-2,25" NBSP "%");
}

TEST(ClassLabels, CtgIncomeClassesLowerClosed) {
    const Classification c = classify_manual(maillage::layers::test::capso_med19_values(), ctg_income_breaks());
    EXPECT_THAT(class_labels(c, {"€", 0}),
                ElementsAre("< 20" NNBSP "000" NBSP "€", "20" NNBSP "000 – 21" NNBSP "400" NBSP "€",
                            "21" NNBSP "400 – 23" NNBSP "000" NBSP "€", "≥ 23" NNBSP "000" NBSP "€"));
}

TEST(ClassLabels, CtgIncomeClassesUpperClosed) {
    const Classification c =
        classify_manual(maillage::layers::test::capso_med19_values(), ctg_income_breaks(), Closure::upper);
    EXPECT_EQ(class_label(c, 0, {"€", 0}), "≤ 20" NNBSP "000" NBSP "€");
    EXPECT_EQ(class_label(c, 3, {"€", 0}), "> 23" NNBSP "000" NBSP "€");
}

TEST(ClassLabels, DataDrivenClassesRunFromMinimumToMaximum) {
    const Classification c = classify(maillage::layers::test::capso_med19_values(), Method::jenks, 5);
    EXPECT_THAT(class_labels(c, {"€", 0}),
                ElementsAre("16" NNBSP "790 – 18" NNBSP "230" NBSP "€", "18" NNBSP "230 – 19" NNBSP "790" NBSP "€",
                            "19" NNBSP "790 – 21" NNBSP "200" NBSP "€", "21" NNBSP "200 – 22" NNBSP "200" NBSP "€",
                            "22" NNBSP "200 – 23" NNBSP "800" NBSP "€"));
}

TEST(ClassLabels, PercentagesWithDecimals) {
    // Three distinct rates → three classes that tile [69,4 ; 92,0]: class 0 holds only its
    // minimum (a single value), the others are the intervals (69,4 ; 81,3] and (81,3 ; 92,0].
    const std::vector<std::optional<double>> v{69.4, 81.3, 92.0, 69.4};
    const Classification c = classify(v, Method::quantiles, 5);
    EXPECT_THAT(class_labels(c, {"%", 1}),
                ElementsAre("69,4" NBSP "%", "69,4 – 81,3" NBSP "%", "81,3 – 92,0" NBSP "%"));
}
