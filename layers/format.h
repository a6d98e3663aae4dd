// French number formatting for labels and legends (UTF-8 strings).
//
// Typography (Imprimerie nationale / CLDR "fr"):
// - thousands separator: U+202F NARROW NO-BREAK SPACE ("21 400"), groups of three digits in
//   the integer part only; numbers below 10 000 are grouped too ("1 234,5");
// - decimal separator: comma ("69,4");
// - between a number and its unit: U+00A0 NO-BREAK SPACE ("21 400 €", "69,4 %");
// - negative numbers: ASCII hyphen-minus ("-3,5"), as CLDR "fr" and QLocale(French) write
//   them; a value that rounds to zero is written without a sign ("0,0", never "-0,0");
// - rounding: to the nearest representable decimal, as printf("%.*f") does.
// Non-finite values are written kNotAvailableShort.
#pragma once

#include <string>
#include <string_view>

#include "layers/classification.h"

namespace maillage::layers {

inline constexpr std::string_view kThousandsSeparator = "\u202F";  ///< NARROW NO-BREAK SPACE
inline constexpr std::string_view kUnitSeparator = "\u00A0";       ///< NO-BREAK SPACE
inline constexpr std::string_view kRangeDash = " \u2013 ";         ///< " – " (EN DASH)
inline constexpr std::string_view kNotAvailable = "données non disponibles";
inline constexpr std::string_view kNotAvailableShort = "n.d.";

/// "1 234,5" for (1234.5, 1); `decimals` is clamped to [0, 6].
[[nodiscard]] std::string format_number(double value, int decimals);

/// "21 400 €", "69,4 %": format_number() then U+00A0 and the unit; no unit → just the number.
[[nodiscard]] std::string format_value(double value, std::string_view unit, int decimals);

/// How class bounds are written.
struct BoundFormat {
    std::string unit;  ///< "€", "%", "" …; written once, after the last number of a label
    int decimals = 0;
};

/// Label of class `index` of `c`, e.g. for the CTG income classes (Closure::lower):
///   "< 20 000 €", "20 000 – 21 400 €", "21 400 – 23 000 €", "≥ 23 000 €";
/// and with Closure::upper: "≤ 20 000 €", …, "> 23 000 €".
/// An open-ended class (infinite bound) is written with "<", "≤", ">" or "≥" so that the
/// sign is true for the class's closure; a class whose lower and upper bounds are equal is
/// written as a single value. Interior classes are "a – b" (the closure is the legend's
/// convention, see classification.h). Precondition: index < c.class_count().
[[nodiscard]] std::string class_label(const Classification& c, std::size_t index, const BoundFormat& format);

/// All class labels of `c`, class 0 first.
[[nodiscard]] std::vector<std::string> class_labels(const Classification& c, const BoundFormat& format);

}  // namespace maillage::layers
