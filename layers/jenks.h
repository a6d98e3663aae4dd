// Exact one-dimensional optimal grouping (Fisher 1958; "Jenks natural breaks").
//
// Given values sorted in increasing order with positive weights (multiplicities), find the
// partition into k contiguous groups that minimises the weighted sum of squared deviations
// from the group means (SDCM). Dynamic programme over prefix sums, with the row-wise
// divide-and-conquer optimisation: the optimal start of the last group is monotone in the
// group end because the squared-deviation cost of contiguous sorted segments satisfies the
// quadrangle (Monge) inequality (as exploited by Wang & Song 2011, Ckmeans.1d.dp).
// Time O(k·n·log n), memory O(k·n); exact, no sampling.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace maillage::layers {

/// Returns k exclusive end indices e_0 < e_1 < … < e_{k-1} = n: group g holds the items
/// [e_{g-1}, e_g) (e_{-1} = 0); every group is non-empty.
/// Preconditions: `sorted_values` increasing (ties allowed), weights > 0 and of the same size,
/// 1 <= k <= n. Violations throw std::invalid_argument.
[[nodiscard]] std::vector<std::size_t> fisher_jenks_class_ends(std::span<const double> sorted_values,
                                                               std::span<const double> weights, std::size_t k);

}  // namespace maillage::layers
