// Painting facility markers. The rules (shape and colour per family, hollow when closed,
// dashed when a project, approximate-location variant, subtype badge letter) come from
// layers::marker_style(); this file only turns a MarkerStyle into QPainter strokes, for the
// map overlay and for legend swatches alike, so both always agree.
#pragma once

#include <QImage>
#include <QPainter>

#include "layers/facility_style.h"

namespace maillage::app {

struct MarkerPaint {
    bool highlighted = false;  ///< hovered or selected: a blue ring
    float opacity = 1.0f;      ///< layer opacity
    bool struckThrough = false;  ///< closed facilities are also struck through
};

/// Draws `style` centred on `center`, `sizePx` across (device-independent pixels).
void paintMarker(QPainter& p, QPointF center, double sizePx, const layers::MarkerStyle& style,
                 const MarkerPaint& paint = {});

/// A count badge (white number on a dark pill) at the upper right of a marker.
void paintCountBadge(QPainter& p, QPointF markerCenter, double markerSize, int count);

/// A transparent square image of the marker, for legends and lists.
[[nodiscard]] QImage markerImage(const layers::MarkerStyle& style, int sizePx, qreal devicePixelRatio = 1.0);

}  // namespace maillage::app
