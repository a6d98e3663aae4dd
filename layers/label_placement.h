// Greedy collision-free label placement in screen space (the map item calls it per frame
// or per zoom step, for commune names).
//
// Rule: labels are considered by decreasing priority (population, for communes; ties keep
// the input order); each takes the first of its candidate positions that overlaps neither
// an obstacle nor an already placed label, keeping at least `padding_px` of free space
// between them; a label with no free position is not drawn. This is the classic greedy of map labelling
// (as in QGIS PAL's "first fit" and Mapbox/MapLibre's collision index), which is not optimal
// in the number of labels but keeps the most important ones, and is stable: panning does
// not make a big town's label flicker because of a village's.
//
// Coordinates are device-independent pixels, x to the right and y down; boxes are
// half-open ranges so that two boxes that only touch do not overlap.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace maillage::layers {

struct ScreenBox {
    double x0 = 0.0;  ///< left, px
    double y0 = 0.0;  ///< top, px
    double x1 = 0.0;  ///< right, px (> x0)
    double y1 = 0.0;  ///< bottom, px (> y0)

    [[nodiscard]] bool overlaps(const ScreenBox& o) const noexcept {
        return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1;
    }
    [[nodiscard]] ScreenBox grown(double margin) const noexcept {
        return {x0 - margin, y0 - margin, x1 + margin, y1 + margin};
    }
};

struct LabelCandidate {
    double priority = 0.0;              ///< higher first (e.g. population)
    std::vector<ScreenBox> positions;   ///< candidate boxes, preferred first
};

struct PlacementOptions {
    double padding_px = 2.0;  ///< minimum gap between a label and another label or an obstacle
};

/// For each candidate (same order as the input), the index of the chosen position in its
/// `positions`, or std::nullopt when the label is not drawn. Labels with no position are
/// never drawn. O(n log n + n·k·m), m the number of placed boxes sharing a 64 px grid cell.
[[nodiscard]] std::vector<std::optional<std::size_t>> place_labels(std::span<const LabelCandidate> labels,
                                                                   std::span<const ScreenBox> obstacles = {},
                                                                   const PlacementOptions& options = {});

/// The usual candidate boxes of a `width` × `height` label around a point symbol at
/// (x, y), `gap_px` away from it: centred on the point, then right, above, left, below.
[[nodiscard]] std::vector<ScreenBox> positions_around(double x, double y, double width, double height,
                                                      double gap_px = 4.0);

}  // namespace maillage::layers
