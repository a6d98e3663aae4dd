// Screen-space layout of what is drawn above the polygons: facility symbols (co-located ones
// fanned out with layers::fan_out_offsets or collapsed under a count badge) and commune labels
// placed by layers::place_labels (greedy by population) clear of each other and the symbols.
//
// Contract: pure function of (scene, style, view, fonts); recomputed on the GUI thread when the
// view or style changes (cheap: tens of labels, hundreds of symbols). The result also serves
// hit-testing (hover/click), so what the user sees is what the pointer finds.
#pragma once

#include <QFont>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <vector>

#include "app/gui/map_scene.h"
#include "app/gui/map_style.h"
#include "app/gui/map_view.h"

namespace maillage::app {

struct PlacedLabel {
    int commune = -1;
    QString text;
    QPointF baselineOrigin;  ///< where QPainter::drawText starts (screen px)
    QRectF rect;             ///< occupied box (screen px)
    bool major = false;      ///< drawn in the larger font
};

struct PlacedSymbol {
    int facility = -1;
    QPointF position;  ///< where the symbol is drawn (screen px)
    QPointF anchor;    ///< the facility's true position (screen px); differs when fanned out
    int badgeCount = 0;  ///< > 1: this symbol stands for a collapsed site of that many
    QString siteKey;
};

struct OverlayLayout {
    std::vector<PlacedSymbol> symbols;  ///< drawing order (bottom to top)
    std::vector<PlacedLabel> labels;
    double symbolSize = 13.0;

    /// Topmost symbol within `radiusPx` of `screen`, or nullptr.
    [[nodiscard]] const PlacedSymbol* symbolAt(QPointF screen, double radiusPx = 9.0) const;
};

struct LabelFonts {
    QFont normal;
    QFont major;
    double majorPopulation = 10000;  ///< communes at or above get the major font
};

/// At most this many facilities of one site are fanned out; larger sites get a badge until
/// the user expands them.
inline constexpr int kMaxFanOut = 6;

[[nodiscard]] OverlayLayout layoutOverlay(const MapScene& scene, const MapStyle& style,
                                          const MapView& view, const LabelFonts& fonts);

}  // namespace maillage::app
