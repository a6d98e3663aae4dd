// Greedy label placement: priority, fallback positions, obstacles, and agreement with a
// direct quadratic implementation of the same rule on random scenes.
#include "layers/label_placement.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <random>

using namespace maillage::layers;
using ::testing::ElementsAre;

namespace {

ScreenBox box(double x, double y, double w, double h) { return {x, y, x + w, y + h}; }

/// The same greedy rule written as plainly as possible: O(n²), no grid.
std::vector<std::optional<std::size_t>> reference(const std::vector<LabelCandidate>& labels,
                                                  const std::vector<ScreenBox>& obstacles, double pad) {
    std::vector<std::size_t> order(labels.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return labels[a].priority > labels[b].priority; });
    std::vector<ScreenBox> placed = obstacles;
    std::vector<std::optional<std::size_t>> out(labels.size());
    for (std::size_t i : order) {
        for (std::size_t p = 0; p < labels[i].positions.size(); ++p) {
            const ScreenBox b = labels[i].positions[p];
            const ScreenBox g{b.x0 - pad, b.y0 - pad, b.x1 + pad, b.y1 + pad};
            const bool free = std::none_of(placed.begin(), placed.end(), [&](const ScreenBox& o) {
                return g.x0 < o.x1 && o.x0 < g.x1 && g.y0 < o.y1 && o.y0 < g.y1;
            });
            if (free) {
                placed.push_back(b);
                out[i] = p;
                break;
            }
        }
    }
    return out;
}

}  // namespace

TEST(LabelPlacement, MorePopulousCommuneWinsAnOverlap) {
    // Saint-Omer (about 14 000 inhabitants) and Longuenesse (about 11 000) whose names
    // overlap at a small scale; a village far away is unaffected.
    const std::vector<LabelCandidate> labels{
        {11000, {box(100, 100, 80, 14)}},  // Longuenesse
        {14000, {box(130, 105, 70, 14)}},  // Saint-Omer
        {600, {box(400, 300, 60, 14)}},    // Moringhem
    };
    EXPECT_THAT(place_labels(labels), ElementsAre(std::nullopt, 0u, 0u));
}

TEST(LabelPlacement, FallsBackToTheNextFreePosition) {
    const auto around = positions_around(200, 200, 60, 12, 4);
    ASSERT_EQ(around.size(), 5u);
    const std::vector<LabelCandidate> labels{
        {1000, {box(188, 190, 14, 20)}},  // a symbol-sized label on the point: blocks the centre
        {500, around},
    };
    const auto chosen = place_labels(labels);
    EXPECT_EQ(chosen[0], 0u);
    EXPECT_EQ(chosen[1], 1u);  // to the right of its point
}

TEST(LabelPlacement, ObstaclesAndPadding) {
    const std::vector<ScreenBox> scale_bar{box(0, 580, 200, 20)};
    const std::vector<LabelCandidate> labels{
        {10, {box(50, 570, 40, 12)}},   // on the scale bar: never drawn
        {10, {box(300, 100, 40, 12)}},
        {5, {box(341, 100, 40, 12)}},   // 1 px from the previous one: closer than the 2 px padding
        {5, {box(300, 114, 40, 12)}},   // exactly 2 px below: allowed
    };
    EXPECT_THAT(place_labels(labels, scale_bar), ElementsAre(std::nullopt, 0u, std::nullopt, 0u));
    EXPECT_THAT(place_labels(labels, scale_bar, PlacementOptions{0.0}), ElementsAre(std::nullopt, 0u, 0u, 0u));
}

TEST(LabelPlacement, EqualPrioritiesKeepInputOrderAndBadBoxesAreSkipped) {
    const std::vector<LabelCandidate> labels{
        {1, {box(0, 0, 50, 10)}},
        {1, {box(10, 0, 50, 10)}},
        {1, {}},                                        // no position: not drawn
        {1, {ScreenBox{5, 5, 5, 5}, box(200, 0, 10, 10)}},  // empty box skipped, second taken
    };
    EXPECT_THAT(place_labels(labels), ElementsAre(0u, std::nullopt, std::nullopt, 1u));
}

TEST(LabelPlacement, AgreesWithQuadraticReferenceAndNeverOverlaps) {
    std::mt19937 rng(53);
    std::uniform_real_distribution<double> xy(-50.0, 1000.0);
    std::uniform_real_distribution<double> width(20.0, 160.0);
    std::uniform_int_distribution<int> population(50, 15000);
    for (int scene = 0; scene < 20; ++scene) {
        std::vector<LabelCandidate> labels;
        for (int i = 0; i < 300; ++i) {
            labels.push_back({static_cast<double>(population(rng)), positions_around(xy(rng), xy(rng), width(rng), 12.0)});
        }
        const std::vector<ScreenBox> obstacles{box(0, 0, 120, 40), box(800, 900, 200, 30)};
        const auto got = place_labels(labels, obstacles, PlacementOptions{2.0});
        ASSERT_EQ(got, reference(labels, obstacles, 2.0)) << "scene " << scene;
        std::vector<ScreenBox> drawn;
        for (std::size_t i = 0; i < labels.size(); ++i) {
            if (got[i]) drawn.push_back(labels[i].positions[*got[i]]);
        }
        EXPECT_GT(drawn.size(), 30u);
        for (std::size_t a = 0; a < drawn.size(); ++a) {
            for (std::size_t b = a + 1; b < drawn.size(); ++b) ASSERT_FALSE(drawn[a].grown(1.0).overlaps(drawn[b]));
        }
    }
}
