// Classification of a numeric indicator into 3–7 ordered classes for a choropleth map.
//
// Input: one std::optional<double> per place (commune, bassin…), in the caller's order.
// Missing values (std::nullopt, NaN, ±infinity) stay missing: they get no class, are counted
// apart (Classification::missing_count) and never fall into class 0.
//
// Interval convention (Closure): the classes tile the line without gaps or overlaps.
//   Closure::upper  class 0 is [lower, upper], class i > 0 is (lower, upper].
//                   Used by Jenks, quantiles and equal intervals (as mapclassify, jenkspy,
//                   QGIS): each interior break is the largest value of the class below it.
//   Closure::lower  class i < last is [lower, upper), the last class is [lower, upper].
//                   The default for manual breaks: "< 20 000", "de 20 000 à moins de 21 400".
// Data-driven classes run from the smallest to the largest present value. Manual classes run
// from -infinity to +infinity (open-ended first and last classes).
//
// Fewer distinct values than classes: Jenks, quantiles and equal intervals return one class
// per distinct value (k' = min(k, distinct values)); so "all values equal" gives one class.
// Manual breaks never drop classes: a class with no value keeps count 0.
// Equal intervals may leave an interior class empty when the data have gaps: that is what the
// method means, and the legend then shows a count of 0.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace maillage::layers {

inline constexpr int kMinClasses = 3;
inline constexpr int kMaxClasses = 7;

/// `classes` brought into [kMinClasses, kMaxClasses], for UI inputs.
[[nodiscard]] constexpr int clamp_class_count(int classes) noexcept {
    return classes < kMinClasses ? kMinClasses : (classes > kMaxClasses ? kMaxClasses : classes);
}

enum class Method {
    jenks,            ///< Jenks natural breaks, exact Fisher (1958) dynamic programme
    quantiles,        ///< equal counts, tied values kept together (see classify())
    equal_intervals,  ///< equal-width classes between the minimum and maximum
    manual,           ///< breaks given by the user (e.g. the CTG income classes)
};

/// Which side of each class interval is closed; see the file comment.
enum class Closure { upper, lower };

/// Stable ASCII key ("jenks", "quantiles", "equal_intervals", "manual") and French UI label
/// ("Seuils naturels (Jenks)", "Quantiles (effectifs égaux)", "Intervalles égaux",
/// "Seuils manuels").
[[nodiscard]] std::string_view method_key(Method m) noexcept;
[[nodiscard]] std::string_view method_label_fr(Method m) noexcept;
/// Inverse of method_key(); std::nullopt for an unknown key.
[[nodiscard]] std::optional<Method> method_from_key(std::string_view key) noexcept;

/// One class. Bounds are in the indicator's unit; `lower` may be -infinity and `upper`
/// +infinity (manual classes only). `lower == upper` for a class holding a single value.
struct ClassInterval {
    double lower = 0.0;
    double upper = 0.0;
    std::size_t count = 0;           ///< number of non-missing input values in the class
    std::optional<double> min_value; ///< smallest value actually in the class (none if empty)
    std::optional<double> max_value; ///< largest value actually in the class (none if empty)
};

struct Classification {
    Method method = Method::jenks;
    int requested_classes = 0;   ///< what the caller asked for (3–7)
    Closure closure = Closure::upper;
    std::vector<ClassInterval> classes;  ///< ordered by increasing value; may be empty
    /// One entry per input value, same order: the class index, or std::nullopt if missing.
    std::vector<std::optional<std::size_t>> class_of;
    std::size_t missing_count = 0;
    /// Goodness of variance fit, 1 - SDCM/SDAM in [0, 1] (1 = every class homogeneous).
    /// std::nullopt when there is no value; 1 when all values are equal (SDAM = 0).
    std::optional<double> gvf;

    [[nodiscard]] std::size_t class_count() const noexcept { return classes.size(); }
    /// The k'-1 interior breaks (the upper bounds of all classes but the last).
    [[nodiscard]] std::vector<double> breaks() const;
    /// The class holding `value` under this classification's closure; std::nullopt if the
    /// value is missing/non-finite or outside [classes.front().lower, classes.back().upper].
    [[nodiscard]] std::optional<std::size_t> class_for(double value) const noexcept;
};

/// Thrown for a class count outside [kMinClasses, kMaxClasses] or unusable manual breaks.
class ClassificationError : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// Classifies `values` with a data-driven method (jenks, quantiles, equal_intervals) into
/// `classes` classes (3–7, else ClassificationError; Method::manual also throws: use
/// classify_manual). Never throws for empty or all-missing input: the result then has no
/// class, every class_of entry is std::nullopt and gvf is std::nullopt.
///
/// Methods, over the n present values x with d distinct values and k' = min(classes, d):
/// - jenks: the partition of the sorted values into k' contiguous groups that minimises the
///   sum of squared deviations from the group means (Fisher 1958, "On grouping for maximum
///   homogeneity", JASA 53:789–798), computed exactly over the distinct values weighted by
///   their multiplicity (tied values are never split) by dynamic programming with
///   divide-and-conquer over the monotone split points: O(k'·d·log d), no sampling.
/// - quantiles: equal-count classes that keep tied values together. With C(v) the number of
///   values <= v, break j (j = 1..k'-1) is the distinct value v whose C(v) is nearest to
///   j·n/k' (the lower value on a tie), among those that leave at least one distinct value
///   for each remaining class. Without ties and with k' dividing n this is the empirical
///   (Hyndman–Fan type 1) quantile; every class is non-empty.
/// - equal_intervals: breaks at min + j·(max-min)/k'.
[[nodiscard]] Classification classify(std::span<const std::optional<double>> values, Method method,
                                      int classes);

/// Classifies `values` with user breaks b1 < b2 < … (2 to 6 finite breaks, hence 3–7
/// classes: (-inf, b1), [b1, b2), …, [b_last, +inf) with Closure::lower). Throws
/// ClassificationError if the breaks are too few, too many, not finite or not increasing.
[[nodiscard]] Classification classify_manual(std::span<const std::optional<double>> values,
                                             std::span<const double> breaks,
                                             Closure closure = Closure::lower);

/// The CTG's household income classes (revenu médian par UC, euros):
/// < 20 000, 20 000–21 400, 21 400–23 000, >= 23 000 (Closure::lower).
[[nodiscard]] std::vector<double> ctg_income_breaks();

/// Goodness of variance fit of a grouping: 1 - SDCM/SDAM; see Classification::gvf.
[[nodiscard]] std::optional<double> goodness_of_variance_fit(
    std::span<const std::optional<double>> values,
    std::span<const std::optional<std::size_t>> class_of);

}  // namespace maillage::layers
