#include "layers/classification.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "layers/jenks.h"

namespace maillage::layers {
namespace {

bool is_present(const std::optional<double>& v) noexcept { return v.has_value() && std::isfinite(*v); }

void check_class_count(int classes) {
    if (classes < kMinClasses || classes > kMaxClasses) {
        throw ClassificationError("a classification needs " + std::to_string(kMinClasses) + " to " +
                                  std::to_string(kMaxClasses) + " classes, not " + std::to_string(classes));
    }
}

/// Sorted distinct values with their multiplicities.
struct DistinctValues {
    std::vector<double> values;
    std::vector<std::size_t> counts;
    std::size_t total = 0;
};

DistinctValues distinct_sorted(std::span<const std::optional<double>> input) {
    std::vector<double> sorted;
    sorted.reserve(input.size());
    for (const auto& v : input) {
        if (is_present(v)) sorted.push_back(*v);
    }
    std::sort(sorted.begin(), sorted.end());
    DistinctValues d;
    d.total = sorted.size();
    for (double x : sorted) {
        if (d.values.empty() || d.values.back() != x) {
            d.values.push_back(x);
            d.counts.push_back(1);
        } else {
            ++d.counts.back();
        }
    }
    return d;
}

/// Upper bounds of the k classes (the last is the maximum) for each data-driven method.
std::vector<double> jenks_uppers(const DistinctValues& d, std::size_t k) {
    std::vector<double> weights(d.counts.begin(), d.counts.end());
    const std::vector<std::size_t> ends = fisher_jenks_class_ends(d.values, weights, k);
    std::vector<double> uppers;
    uppers.reserve(k);
    for (std::size_t end : ends) uppers.push_back(d.values[end - 1]);
    return uppers;
}

std::vector<double> quantile_uppers(const DistinctValues& d, std::size_t k) {
    const std::size_t n_distinct = d.values.size();
    std::vector<std::size_t> cumulative(n_distinct);
    std::size_t running = 0;
    for (std::size_t t = 0; t < n_distinct; ++t) {
        running += d.counts[t];
        cumulative[t] = running;
    }
    std::vector<double> uppers;
    uppers.reserve(k);
    std::size_t next_allowed = 0;
    for (std::size_t j = 1; j < k; ++j) {
        const double target = static_cast<double>(j) * static_cast<double>(d.total) / static_cast<double>(k);
        const std::size_t last_allowed = n_distinct - 1 - (k - j);  // leaves one value per class above
        std::size_t best = next_allowed;
        double best_gap = std::abs(static_cast<double>(cumulative[best]) - target);
        for (std::size_t t = next_allowed + 1; t <= last_allowed; ++t) {
            const double gap = std::abs(static_cast<double>(cumulative[t]) - target);
            if (gap < best_gap) {
                best = t;
                best_gap = gap;
            }
        }
        uppers.push_back(d.values[best]);
        next_allowed = best + 1;
    }
    uppers.push_back(d.values.back());
    return uppers;
}

std::vector<double> equal_interval_uppers(const DistinctValues& d, std::size_t k) {
    const double lo = d.values.front();
    const double hi = d.values.back();
    std::vector<double> uppers;
    uppers.reserve(k);
    for (std::size_t j = 1; j < k; ++j) {
        uppers.push_back(lo + (hi - lo) * static_cast<double>(j) / static_cast<double>(k));
    }
    uppers.push_back(hi);
    return uppers;
}

/// Fills class_of, counts, min/max and GVF once the class bounds are set.
void assign(Classification& c, std::span<const std::optional<double>> values) {
    c.class_of.assign(values.size(), std::nullopt);
    c.missing_count = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (!is_present(values[i])) {
            ++c.missing_count;
            continue;
        }
        const double x = *values[i];
        const std::optional<std::size_t> k = c.class_for(x);
        c.class_of[i] = k;
        if (!k) continue;  // cannot happen for data-driven bounds; manual bounds are infinite
        ClassInterval& cls = c.classes[*k];
        ++cls.count;
        cls.min_value = cls.min_value ? std::min(*cls.min_value, x) : x;
        cls.max_value = cls.max_value ? std::max(*cls.max_value, x) : x;
    }
    c.gvf = goodness_of_variance_fit(values, c.class_of);
}

Classification from_uppers(Method method, int requested, std::span<const std::optional<double>> values,
                           double minimum, const std::vector<double>& uppers) {
    Classification c;
    c.method = method;
    c.requested_classes = requested;
    c.closure = Closure::upper;
    double lower = minimum;
    for (double upper : uppers) {
        c.classes.push_back(ClassInterval{lower, upper, 0, std::nullopt, std::nullopt});
        lower = upper;
    }
    assign(c, values);
    return c;
}

}  // namespace

std::string_view method_key(Method m) noexcept {
    switch (m) {
    case Method::jenks: return "jenks";
    case Method::quantiles: return "quantiles";
    case Method::equal_intervals: return "equal_intervals";
    case Method::manual: return "manual";
    }
    return "jenks";
}

std::string_view method_label_fr(Method m) noexcept {
    switch (m) {
    case Method::jenks: return "Seuils naturels (Jenks)";
    case Method::quantiles: return "Quantiles (effectifs égaux)";
    case Method::equal_intervals: return "Intervalles égaux";
    case Method::manual: return "Seuils manuels";
    }
    return "";
}

std::optional<Method> method_from_key(std::string_view key) noexcept {
    for (Method m : {Method::jenks, Method::quantiles, Method::equal_intervals, Method::manual}) {
        if (method_key(m) == key) return m;
    }
    return std::nullopt;
}

std::vector<double> Classification::breaks() const {
    std::vector<double> out;
    for (std::size_t i = 0; i + 1 < classes.size(); ++i) out.push_back(classes[i].upper);
    return out;
}

std::optional<std::size_t> Classification::class_for(double value) const noexcept {
    if (!std::isfinite(value) || classes.empty()) return std::nullopt;
    if (value < classes.front().lower || value > classes.back().upper) return std::nullopt;
    const std::size_t last = classes.size() - 1;
    for (std::size_t i = 0; i < last; ++i) {
        const bool inside = closure == Closure::upper ? value <= classes[i].upper : value < classes[i].upper;
        if (inside) return i;
    }
    return last;
}

Classification classify(std::span<const std::optional<double>> values, Method method, int classes) {
    check_class_count(classes);
    if (method == Method::manual) {
        throw ClassificationError("manual classes need their breaks: use classify_manual()");
    }
    const DistinctValues d = distinct_sorted(values);
    if (d.values.empty()) {
        Classification c;
        c.method = method;
        c.requested_classes = classes;
        c.class_of.assign(values.size(), std::nullopt);
        c.missing_count = values.size();
        return c;
    }
    const std::size_t k = std::min(static_cast<std::size_t>(classes), d.values.size());
    std::vector<double> uppers;
    switch (method) {
    case Method::jenks: uppers = jenks_uppers(d, k); break;
    case Method::quantiles: uppers = quantile_uppers(d, k); break;
    case Method::equal_intervals: uppers = equal_interval_uppers(d, k); break;
    case Method::manual: break;  // rejected above
    }
    return from_uppers(method, classes, values, d.values.front(), uppers);
}

Classification classify_manual(std::span<const std::optional<double>> values, std::span<const double> breaks,
                               Closure closure) {
    const int class_count = static_cast<int>(breaks.size()) + 1;
    check_class_count(class_count);
    for (std::size_t i = 0; i < breaks.size(); ++i) {
        if (!std::isfinite(breaks[i])) throw ClassificationError("manual class breaks must be finite numbers");
        if (i > 0 && !(breaks[i - 1] < breaks[i])) {
            throw ClassificationError("manual class breaks must be strictly increasing");
        }
    }
    Classification c;
    c.method = Method::manual;
    c.requested_classes = class_count;
    c.closure = closure;
    double lower = -std::numeric_limits<double>::infinity();
    for (double b : breaks) {
        c.classes.push_back(ClassInterval{lower, b, 0, std::nullopt, std::nullopt});
        lower = b;
    }
    c.classes.push_back(ClassInterval{lower, std::numeric_limits<double>::infinity(), 0, std::nullopt, std::nullopt});
    assign(c, values);
    return c;
}

std::vector<double> ctg_income_breaks() { return {20000.0, 21400.0, 23000.0}; }

std::optional<double> goodness_of_variance_fit(std::span<const std::optional<double>> values,
                                               std::span<const std::optional<std::size_t>> class_of) {
    std::size_t classes = 0;
    for (const auto& k : class_of) {
        if (k) classes = std::max(classes, *k + 1);
    }
    std::vector<double> sums(classes, 0.0);
    std::vector<std::size_t> counts(classes, 0);
    double total = 0.0;
    std::size_t n = 0;
    for (std::size_t i = 0; i < values.size() && i < class_of.size(); ++i) {
        if (!is_present(values[i]) || !class_of[i]) continue;
        sums[*class_of[i]] += *values[i];
        ++counts[*class_of[i]];
        total += *values[i];
        ++n;
    }
    if (n == 0) return std::nullopt;
    const double mean = total / static_cast<double>(n);
    double sdam = 0.0;
    double sdcm = 0.0;
    for (std::size_t i = 0; i < values.size() && i < class_of.size(); ++i) {
        if (!is_present(values[i]) || !class_of[i]) continue;
        const double x = *values[i];
        const std::size_t k = *class_of[i];
        const double class_mean = sums[k] / static_cast<double>(counts[k]);
        sdam += (x - mean) * (x - mean);
        sdcm += (x - class_mean) * (x - class_mean);
    }
    if (sdam <= 0.0) return 1.0;
    return std::clamp(1.0 - sdcm / sdam, 0.0, 1.0);
}

}  // namespace maillage::layers
