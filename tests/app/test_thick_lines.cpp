// Thick lines of the scene-graph path (bassin outlines): the triangles must cover exactly the
// points within half the width of the polyline — round joins and caps, as the software path's
// QPen(RoundCap, RoundJoin) — checked on a pixel grid against the exact distance to the line.
#include <gtest/gtest.h>

#include <QLineF>

#include <cmath>
#include <vector>

#include "app/gui/map_nodes.h"

using namespace maillage::app;

namespace {

double distanceToSegment(QPointF p, QPointF a, QPointF b) {
    const QPointF ab = b - a;
    const double len2 = QPointF::dotProduct(ab, ab);
    const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(p - a, ab) / len2, 0.0, 1.0) : 0.0;
    return QLineF(p, a + ab * t).length();
}

bool inTriangle(QPointF p, Vec2f a, Vec2f b, Vec2f c) {
    const auto edge = [&](Vec2f u, Vec2f v) { return (v.x - u.x) * (p.y() - u.y) - (v.y - u.y) * (p.x() - u.x); };
    const double e1 = edge(a, b), e2 = edge(b, c), e3 = edge(c, a);
    return (e1 >= 0 && e2 >= 0 && e3 >= 0) || (e1 <= 0 && e2 <= 0 && e3 <= 0);
}

/// Pixel centres (1 unit grid) within 0.92·h of the polyline that are not covered, and centres
/// beyond 1.02·h that are covered (h = half width).
struct Coverage {
    int missing = 0, spilled = 0, inside = 0;
};

Coverage check(const std::vector<QPointF>& polyline, double width) {
    std::vector<Vec2f> segments;
    for (std::size_t i = 0; i + 1 < polyline.size(); ++i) {
        segments.push_back({static_cast<float>(polyline[i].x()), static_cast<float>(polyline[i].y())});
        segments.push_back({static_cast<float>(polyline[i + 1].x()), static_cast<float>(polyline[i + 1].y())});
    }
    const std::vector<Vec2f> tris = thickLineTriangles(segments, width);
    EXPECT_EQ(tris.size() % 3, 0u);
    const double h = width / 2;
    Coverage out;
    for (double y = -40.5; y < 160; y += 1.0)
        for (double x = -40.5; x < 160; x += 1.0) {
            const QPointF p(x, y);
            double d = 1e9;
            for (std::size_t i = 0; i + 1 < polyline.size(); ++i) d = std::min(d, distanceToSegment(p, polyline[i], polyline[i + 1]));
            bool covered = false;
            for (std::size_t t = 0; t + 2 < tris.size() && !covered; t += 3) covered = inTriangle(p, tris[t], tris[t + 1], tris[t + 2]);
            if (d <= 0.92 * h) {
                ++out.inside;
                if (!covered) ++out.missing;
            }
            if (d >= 1.02 * h && covered) ++out.spilled;
        }
    return out;
}

}  // namespace

TEST(ThickLines, AcuteAndObtuseJoinsAreRound) {
    // A sharp hairpin (≈ 21°), an obtuse bend and a right angle, 16 units wide.
    const Coverage c = check({{0, 0}, {100, 0}, {20, 30}, {60, 120}, {140, 120}}, 16);
    EXPECT_GT(c.inside, 3000);
    EXPECT_EQ(c.missing, 0) << "notches at joins";
    EXPECT_EQ(c.spilled, 0) << "spikes beyond half the width (square caps/miters)";
}

TEST(ThickLines, ClosedRingHasNoGapAtItsStart) {
    const Coverage c = check({{0, 0}, {120, 0}, {120, 90}, {0, 90}, {0, 0}}, 12);
    EXPECT_EQ(c.missing, 0);
    EXPECT_EQ(c.spilled, 0);
}

TEST(ThickLines, SeparateChainsGetRoundCaps) {
    // Two disjoint segments: caps at all four ends, nothing bridging the gap.
    std::vector<Vec2f> segments{{0, 0}, {50, 0}, {80, 0}, {130, 0}};
    const std::vector<Vec2f> tris = thickLineTriangles(segments, 10);
    const auto covered = [&](QPointF p) {
        for (std::size_t t = 0; t + 2 < tris.size(); t += 3)
            if (inTriangle(p, tris[t], tris[t + 1], tris[t + 2])) return true;
        return false;
    };
    EXPECT_TRUE(covered({-4.5, 0}));   // round cap before the first start
    EXPECT_FALSE(covered({-4.5, 4.5}));  // but not the square cap's corner
    EXPECT_TRUE(covered({54.5, 0}));
    EXPECT_FALSE(covered({65, 0}));    // the gap stays open
    EXPECT_TRUE(covered({75.5, 0}));
}
