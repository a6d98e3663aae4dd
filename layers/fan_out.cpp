#include "layers/fan_out.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace maillage::layers {

std::vector<ScreenOffset> fan_out_offsets(std::size_t count, double symbol_px, double gap_px) {
    std::vector<ScreenOffset> out;
    if (count == 0) return out;
    if (count == 1) {
        out.push_back({0.0, 0.0});
        return out;
    }
    const double pitch = std::max(1.0, symbol_px + std::max(0.0, gap_px));
    out.reserve(count);
    std::size_t remaining = count;
    for (std::size_t ring = 1; remaining > 0; ++ring) {
        // Neighbours on a ring of radius r·pitch holding m symbols are 2·r·pitch·sin(π/m)
        // apart, which is >= pitch while m <= π / asin(1 / (2r)).
        const double r = static_cast<double>(ring);
        const auto capacity = static_cast<std::size_t>(std::floor(std::numbers::pi / std::asin(1.0 / (2.0 * r)) + 1e-9));
        const std::size_t here = std::min(capacity, remaining);
        const double radius = r * pitch;
        for (std::size_t i = 0; i < here; ++i) {
            const double angle = -std::numbers::pi / 2.0 + 2.0 * std::numbers::pi * static_cast<double>(i) /
                                                               static_cast<double>(here);
            out.push_back({radius * std::cos(angle), radius * std::sin(angle)});
        }
        remaining -= here;
    }
    return out;
}

}  // namespace maillage::layers
