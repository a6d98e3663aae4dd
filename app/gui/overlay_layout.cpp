#include "app/gui/overlay_layout.h"

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <numeric>

namespace maillage::app {

const PlacedSymbol* OverlayLayout::symbolAt(QPointF screen, double radiusPx) const {
    for (auto it = symbols.rbegin(); it != symbols.rend(); ++it) {
        const QPointF d = it->position - screen;
        if (d.x() * d.x() + d.y() * d.y() <= radiusPx * radiusPx) return &*it;
    }
    return nullptr;
}

namespace {

void layoutSymbols(const MapScene& scene, const MapStyle& style, const MapView& view,
                   OverlayLayout& out) {
    // Group visible facilities by site (same point), in family drawing order.
    std::map<QString, std::vector<int>> sites;
    std::vector<QString> siteOrder;
    for (const FamilyDraw& fam : style.families) {
        if (!fam.visible) continue;
        for (std::size_t i = 0; i < scene.facilities.size(); ++i) {
            const FacilityPoint& f = scene.facilities[i];
            if (f.family != fam.family) continue;
            if (i < style.facilityVisible.size() && !style.facilityVisible[i]) continue;
            const QString key = f.siteKey.isEmpty() ? QStringLiteral("#%1").arg(i) : f.siteKey;
            auto [it, inserted] = sites.try_emplace(key);
            if (inserted) siteOrder.push_back(key);
            it->second.push_back(static_cast<int>(i));
        }
    }
    const QRectF viewport(QPointF(0, 0), view.viewport());
    const QRectF margin = viewport.adjusted(-40, -40, 40, 40);
    for (const QString& key : siteOrder) {
        const std::vector<int>& members = sites[key];
        const QPointF anchor = view.worldToScreen(scene.facilities[members.front()].position);
        if (!margin.contains(anchor)) continue;
        const int n = static_cast<int>(members.size());
        if (n == 1) {
            out.symbols.push_back({members.front(), anchor, anchor, 0, key});
        } else if (n <= kMaxFanOut || style.expandedSite == key) {
            // Fan out on a circle whose circumference leaves one symbol width per member.
            const double radius = std::max(out.symbolSize * 1.1, n * (out.symbolSize + 3) / (2 * std::numbers::pi));
            for (int k = 0; k < n; ++k) {
                const double a = -std::numbers::pi / 2 + 2 * std::numbers::pi * k / n;
                const QPointF pos(anchor.x() + radius * std::cos(a), anchor.y() + radius * std::sin(a));
                out.symbols.push_back({members[static_cast<std::size_t>(k)], pos, anchor, 0, key});
            }
        } else {
            out.symbols.push_back({members.front(), anchor, anchor, n, key});
        }
    }
}

void layoutLabels(const MapScene& scene, const MapView& view, const LabelFonts& fonts,
                  OverlayLayout& out) {
    std::vector<int> order(scene.communeLabels.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return scene.communePriority[static_cast<std::size_t>(a)] > scene.communePriority[static_cast<std::size_t>(b)];
    });
    std::vector<QRectF> taken;
    for (const PlacedSymbol& s : out.symbols)
        taken.emplace_back(s.position.x() - out.symbolSize / 2, s.position.y() - out.symbolSize / 2,
                           out.symbolSize, out.symbolSize);
    const std::size_t symbolObstacles = taken.size();
    const QRectF viewport(QPointF(0, 0), view.viewport());
    const QFontMetricsF normal(fonts.normal);
    const QFontMetricsF major(fonts.major);
    for (int c : order) {
        const auto ci = static_cast<std::size_t>(c);
        const bool isMajor = scene.communePriority[ci] >= fonts.majorPopulation;
        const QFontMetricsF& fm = isMajor ? major : normal;
        const QString& text = scene.communeLabels[ci];
        const double w = fm.horizontalAdvance(text);
        const double h = fm.height();
        const QPointF anchor = view.worldToScreen(scene.communeAnchors[ci]);
        // Candidates: centred on the anchor, then just above, then just below.
        for (double dy : {0.0, -h * 0.9, h * 0.9}) {
            const QRectF rect(anchor.x() - w / 2, anchor.y() - h / 2 + dy, w, h);
            if (!viewport.contains(rect)) continue;
            const QRectF padded = rect.adjusted(-3, -1, 3, 1);
            bool clash = false;
            for (std::size_t t = 0; t < taken.size() && !clash; ++t) {
                // Labels may overlap a symbol's corner slightly but never its centre.
                const QRectF obstacle = t < symbolObstacles ? taken[t].adjusted(2, 2, -2, -2) : taken[t];
                clash = padded.intersects(obstacle);
            }
            if (clash) continue;
            taken.push_back(padded);
            out.labels.push_back({c, text, QPointF(rect.left(), rect.top() + fm.ascent()), rect, isMajor});
            break;
        }
    }
}

}  // namespace

OverlayLayout layoutOverlay(const MapScene& scene, const MapStyle& style, const MapView& view,
                            const LabelFonts& fonts) {
    OverlayLayout out;
    // Symbols grow a little when zoomed in (metres per pixel small), within a legible range.
    const double mpp = view.metresPerPixel();
    out.symbolSize = mpp > 60 ? 11.0 : (mpp > 15 ? 13.0 : 15.0);
    layoutSymbols(scene, style, view, out);
    if (style.labelsVisible) layoutLabels(scene, view, fonts, out);
    return out;
}

}  // namespace maillage::app
