#include "layers/label_placement.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace maillage::layers {
namespace {

/// Placed boxes bucketed in a uniform grid, so that a query only looks at its neighbours.
class CollisionGrid {
public:
    explicit CollisionGrid(double cell_px) : cell_(cell_px) {}

    void insert(const ScreenBox& box) {
        const std::size_t id = boxes_.size();
        boxes_.push_back(box);
        for_cells(box, [&](long long key) { cells_[key].push_back(id); return false; });
    }

    [[nodiscard]] bool collides(const ScreenBox& box) const {
        return for_cells(box, [&](long long key) {
            const auto it = cells_.find(key);
            if (it == cells_.end()) return false;
            return std::any_of(it->second.begin(), it->second.end(),
                               [&](std::size_t id) { return boxes_[id].overlaps(box); });
        });
    }

private:
    /// Calls f(cell key) for every cell the box touches; stops and returns true when f does.
    template <typename F>
    bool for_cells(const ScreenBox& box, F&& f) const {
        const long long cx0 = static_cast<long long>(std::floor(box.x0 / cell_));
        const long long cx1 = static_cast<long long>(std::floor(box.x1 / cell_));
        const long long cy0 = static_cast<long long>(std::floor(box.y0 / cell_));
        const long long cy1 = static_cast<long long>(std::floor(box.y1 / cell_));
        for (long long cy = cy0; cy <= cy1; ++cy) {
            for (long long cx = cx0; cx <= cx1; ++cx) {
                // Pack two 32-bit cell indices; screen extents are far below 2^31 cells.
                const long long key = (cy << 32) ^ (cx & 0xFFFFFFFFLL);
                if (f(key)) return true;
            }
        }
        return false;
    }

    double cell_;
    std::vector<ScreenBox> boxes_;
    std::unordered_map<long long, std::vector<std::size_t>> cells_;
};

bool is_valid(const ScreenBox& b) noexcept {
    return std::isfinite(b.x0) && std::isfinite(b.y0) && std::isfinite(b.x1) && std::isfinite(b.y1) && b.x0 < b.x1 &&
           b.y0 < b.y1;
}

}  // namespace

std::vector<std::optional<std::size_t>> place_labels(std::span<const LabelCandidate> labels,
                                                     std::span<const ScreenBox> obstacles,
                                                     const PlacementOptions& options) {
    std::vector<std::size_t> order(labels.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return labels[a].priority > labels[b].priority; });

    // Padding is applied once to each placed label (and obstacles are taken as they are), so
    // two labels keep at least `padding_px` between them.
    const double pad = std::max(0.0, options.padding_px);
    CollisionGrid grid(64.0);
    for (const ScreenBox& o : obstacles) {
        if (is_valid(o)) grid.insert(o);
    }
    std::vector<std::optional<std::size_t>> chosen(labels.size());
    for (std::size_t i : order) {
        const auto& positions = labels[i].positions;
        for (std::size_t p = 0; p < positions.size(); ++p) {
            if (!is_valid(positions[p])) continue;
            const ScreenBox padded = positions[p].grown(pad);
            if (grid.collides(padded)) continue;
            grid.insert(positions[p]);
            chosen[i] = p;
            break;
        }
    }
    return chosen;
}

std::vector<ScreenBox> positions_around(double x, double y, double width, double height, double gap_px) {
    const double hw = width / 2.0;
    const double hh = height / 2.0;
    return {
        {x - hw, y - hh, x + hw, y + hh},                                  // centred
        {x + gap_px, y - hh, x + gap_px + width, y + hh},                  // right
        {x - hw, y - gap_px - height, x + hw, y - gap_px},                 // above
        {x - gap_px - width, y - hh, x - gap_px, y + hh},                  // left
        {x - hw, y + gap_px, x + hw, y + gap_px + height},                 // below
    };
}

}  // namespace maillage::layers
