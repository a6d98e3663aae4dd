#include "layers/jenks.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace maillage::layers {
namespace {

/// Weighted prefix sums of the centred values, for O(1) segment costs.
class SegmentCost {
public:
    SegmentCost(std::span<const double> values, std::span<const double> weights)
        : w_(values.size() + 1, 0.0), s_(values.size() + 1, 0.0), q_(values.size() + 1, 0.0) {
        double total_w = 0.0;
        double total_s = 0.0;
        for (std::size_t i = 0; i < values.size(); ++i) {
            total_w += weights[i];
            total_s += weights[i] * values[i];
        }
        const double centre = total_s / total_w;  // centring limits cancellation in q - s²/w
        for (std::size_t i = 0; i < values.size(); ++i) {
            const double x = values[i] - centre;
            w_[i + 1] = w_[i] + weights[i];
            s_[i + 1] = s_[i] + weights[i] * x;
            q_[i + 1] = q_[i] + weights[i] * x * x;
        }
    }

    /// Weighted sum of squared deviations from the mean of items [a, b), a < b.
    [[nodiscard]] double operator()(std::size_t a, std::size_t b) const noexcept {
        const double w = w_[b] - w_[a];
        const double s = s_[b] - s_[a];
        const double q = q_[b] - q_[a];
        return std::max(0.0, q - s * s / w);
    }

private:
    std::vector<double> w_, s_, q_;
};

struct Layer {
    std::vector<double> cost;       ///< cost[j]: best SDCM of the first j items in g groups
    std::vector<std::size_t> start; ///< start[j]: first item of the last group in that optimum
};

/// Fills cur.cost[j], cur.start[j] for j in [j_lo, j_hi], knowing the optimal start lies in
/// [opt_lo, opt_hi].
void solve_range(const SegmentCost& cost, const Layer& prev, Layer& cur, std::size_t groups, std::size_t j_lo,
                 std::size_t j_hi, std::size_t opt_lo, std::size_t opt_hi) {
    if (j_lo > j_hi) return;
    const std::size_t j = j_lo + (j_hi - j_lo) / 2;
    // The last group starts at i, in [groups-1, j-1], so that the first i items fill groups-1 groups.
    const std::size_t lo = std::max(opt_lo, groups - 1);
    const std::size_t hi = std::min(opt_hi, j - 1);
    double best = std::numeric_limits<double>::infinity();
    std::size_t best_i = lo;
    for (std::size_t i = lo; i <= hi; ++i) {
        const double c = prev.cost[i] + cost(i, j);
        if (c < best) {
            best = c;
            best_i = i;
        }
    }
    cur.cost[j] = best;
    cur.start[j] = best_i;
    if (j > j_lo) solve_range(cost, prev, cur, groups, j_lo, j - 1, opt_lo, best_i);
    solve_range(cost, prev, cur, groups, j + 1, j_hi, best_i, opt_hi);
}

}  // namespace

std::vector<std::size_t> fisher_jenks_class_ends(std::span<const double> sorted_values, std::span<const double> weights,
                                                 std::size_t k) {
    const std::size_t n = sorted_values.size();
    if (weights.size() != n) throw std::invalid_argument("fisher_jenks_class_ends: one weight per value is required");
    if (k < 1 || k > n) throw std::invalid_argument("fisher_jenks_class_ends: need 1 <= k <= number of values");
    for (std::size_t i = 0; i < n; ++i) {
        if (!(weights[i] > 0.0)) throw std::invalid_argument("fisher_jenks_class_ends: weights must be positive");
        if (i > 0 && sorted_values[i] < sorted_values[i - 1]) {
            throw std::invalid_argument("fisher_jenks_class_ends: values must be sorted");
        }
    }
    const SegmentCost cost(sorted_values, weights);

    std::vector<Layer> layers(k + 1);
    layers[1].cost.assign(n + 1, std::numeric_limits<double>::infinity());
    layers[1].start.assign(n + 1, 0);
    for (std::size_t j = 1; j <= n; ++j) layers[1].cost[j] = cost(0, j);
    for (std::size_t g = 2; g <= k; ++g) {
        layers[g].cost.assign(n + 1, std::numeric_limits<double>::infinity());
        layers[g].start.assign(n + 1, 0);
        // Only ends j >= g can hold g non-empty groups; the final answer needs j = n only,
        // but every j is needed by the next layer.
        solve_range(cost, layers[g - 1], layers[g], g, g, n, g - 1, n - 1);
    }

    std::vector<std::size_t> ends(k);
    std::size_t end = n;
    for (std::size_t g = k; g >= 1; --g) {
        ends[g - 1] = end;
        end = layers[g].start[end];
    }
    return ends;
}

}  // namespace maillage::layers
