#include "app/gui/overlay_layout.h"

#include <QFontMetricsF>

#include "layers/fan_out.h"
#include "layers/label_placement.h"

#include <algorithm>
#include <cmath>
#include <map>

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
            // Rings around the shared point (layers::fan_out_offsets), the centre left free.
            const auto offsets = layers::fan_out_offsets(members.size(), out.symbolSize, 3.0);
            for (std::size_t k = 0; k < members.size(); ++k)
                out.symbols.push_back({members[k], anchor + QPointF(offsets[k].dx, offsets[k].dy), anchor, 0, key});
        } else {
            out.symbols.push_back({members.front(), anchor, anchor, n, key});
        }
    }
}

void layoutLabels(const MapScene& scene, const MapView& view, const LabelFonts& fonts,
                  OverlayLayout& out) {
    // Greedy first fit by population (layers::place_labels): centred on the anchor, then just
    // above, then just below; symbols are obstacles (a label may graze a symbol's corner).
    std::vector<layers::ScreenBox> obstacles;
    for (const PlacedSymbol& s : out.symbols) {
        const double h = out.symbolSize / 2 - 2;
        obstacles.push_back({s.position.x() - h, s.position.y() - h, s.position.x() + h, s.position.y() + h});
    }
    const QRectF viewport(QPointF(0, 0), view.viewport());
    const QFontMetricsF normal(fonts.normal);
    const QFontMetricsF major(fonts.major);
    std::vector<layers::LabelCandidate> candidates(scene.communeLabels.size());
    std::vector<std::vector<QRectF>> rects(scene.communeLabels.size());
    for (std::size_t i = 0; i < scene.communeLabels.size(); ++i) {
        const bool isMajor = scene.communePriority[i] >= fonts.majorPopulation;
        const QFontMetricsF& fm = isMajor ? major : normal;
        const double w = fm.horizontalAdvance(scene.communeLabels[i]);
        const double h = fm.height();
        const QPointF anchor = view.worldToScreen(scene.communeAnchors[i]);
        candidates[i].priority = scene.communePriority[i];
        for (double dy : {0.0, -h * 0.9, h * 0.9}) {
            const QRectF rect(anchor.x() - w / 2, anchor.y() - h / 2 + dy, w, h);
            if (!viewport.contains(rect)) continue;
            rects[i].push_back(rect);
            candidates[i].positions.push_back({rect.left(), rect.top(), rect.right(), rect.bottom()});
        }
    }
    layers::PlacementOptions options;
    options.padding_px = 3.0;
    const auto chosen = layers::place_labels(candidates, obstacles, options);
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < chosen.size(); ++i)
        if (chosen[i]) order.push_back(i);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return scene.communePriority[a] > scene.communePriority[b]; });
    for (std::size_t i : order) {
        const bool isMajor = scene.communePriority[i] >= fonts.majorPopulation;
        const QRectF rect = rects[i][*chosen[i]];
        const double ascent = (isMajor ? major : normal).ascent();
        out.labels.push_back({static_cast<int>(i), scene.communeLabels[i], QPointF(rect.left(), rect.top() + ascent), rect, isMajor});
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
