#include "layers/format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace maillage::layers {

std::string format_number(double value, int decimals) {
    if (!std::isfinite(value)) return std::string(kNotAvailableShort);
    decimals = std::clamp(decimals, 0, 6);
    char buffer[400];  // enough for any finite double with 6 decimals (DBL_MAX has 309 digits)
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::abs(value));
    const std::string digits(buffer);  // "21400" or "69.4"
    const std::size_t dot = digits.find('.');
    const std::string integer_part = digits.substr(0, dot);
    const std::string fraction = dot == std::string::npos ? std::string() : digits.substr(dot + 1);

    const bool rounds_to_zero = digits.find_first_not_of("0.") == std::string::npos;
    std::string out;
    if (value < 0.0 && !rounds_to_zero) out += '-';
    for (std::size_t i = 0; i < integer_part.size(); ++i) {
        if (i > 0 && (integer_part.size() - i) % 3 == 0) out += kThousandsSeparator;
        out += integer_part[i];
    }
    if (!fraction.empty()) {
        out += ',';
        out += fraction;
    }
    return out;
}

std::string format_value(double value, std::string_view unit, int decimals) {
    std::string out = format_number(value, decimals);
    if (!unit.empty()) {
        out += kUnitSeparator;
        out += unit;
    }
    return out;
}

std::string class_label(const Classification& c, std::size_t index, const BoundFormat& format) {
    const ClassInterval& cls = c.classes.at(index);
    const bool open_below = std::isinf(cls.lower);
    const bool open_above = std::isinf(cls.upper);
    const std::string_view unit = format.unit;
    const int decimals = format.decimals;
    // A class's lower bound is closed under Closure::lower, and for class 0 under either.
    const bool lower_closed = c.closure == Closure::lower || index == 0;
    const bool upper_closed = c.closure == Closure::upper || index + 1 == c.classes.size();

    if (open_below && open_above) return "toutes valeurs";
    if (open_below) return std::string(upper_closed ? "≤ " : "< ") + format_value(cls.upper, unit, decimals);
    if (open_above) return std::string(lower_closed ? "≥ " : "> ") + format_value(cls.lower, unit, decimals);
    if (cls.lower == cls.upper) return format_value(cls.lower, unit, decimals);
    return format_number(cls.lower, decimals) + std::string(kRangeDash) + format_value(cls.upper, unit, decimals);
}

std::vector<std::string> class_labels(const Classification& c, const BoundFormat& format) {
    std::vector<std::string> labels;
    labels.reserve(c.classes.size());
    for (std::size_t i = 0; i < c.classes.size(); ++i) labels.push_back(class_label(c, i, format));
    return labels;
}

}  // namespace maillage::layers
