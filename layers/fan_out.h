// Spreading several facility symbols that share one point (same site_key, or facilities
// located only to the same commune) so that each stays visible and clickable.
//
// Offsets are in device-independent pixels from the shared point, x to the right and y down.
// Symbols are placed on concentric rings around the point (none at the centre, which keeps
// a count badge or the leader lines' origin), starting at the top and going clockwise;
// ring r has radius r·pitch and holds up to floor(π / asin(1/(2r))) symbols (6, 12, 18,
// 25, …), so any two symbols are at least `pitch` apart. The last ring is spread evenly.
#pragma once

#include <cstddef>
#include <vector>

namespace maillage::layers {

struct ScreenOffset {
    double dx = 0.0;  ///< px, to the right
    double dy = 0.0;  ///< px, downwards
};

/// Offsets for `count` symbols of `symbol_px` side with `gap_px` between them
/// (pitch = symbol_px + gap_px). count 0 → empty; count 1 → a single {0, 0}.
[[nodiscard]] std::vector<ScreenOffset> fan_out_offsets(std::size_t count, double symbol_px, double gap_px = 2.0);

}  // namespace maillage::layers
