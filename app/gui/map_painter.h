// QPainter rendering of the map, in screen pixels.
//
// paintPolygonLayers() is the software-renderer path: the Qt Quick software backend (chosen
// automatically under QT_QPA_PLATFORM=offscreen) silently draws nothing for custom
// QSGGeometryNodes, so the map item paints polygons into an image there instead. It must give
// the same picture as the geometry nodes (same colours, same order, same line widths).
// paintOverlay() draws what sits above the polygons on every backend: highlight, labels,
// facility symbols.
#pragma once

#include <QPainter>

#include <atomic>

#include "app/gui/map_scene.h"
#include "app/gui/map_style.h"
#include "app/gui/map_view.h"
#include "app/gui/overlay_layout.h"
#include "app/gui/sprite_cache.h"

namespace maillage::app {

/// Line widths in screen pixels, shared by both render paths.
namespace linewidth {
inline constexpr double kCommune = 1.0;
inline constexpr double kContext = 1.0;
inline constexpr double kBassin = 2.6;
inline constexpr double kHighlight = 3.0;
}  // namespace linewidth

/// `screenClip`, when valid, limits drawing (and the features visited) to that screen rectangle;
/// the pixels inside are exactly those a full paint would give. `cancel`, when set and true,
/// stops painting early (checked every few hundred features; the picture is then incomplete).
void paintPolygonLayers(QPainter& p, const MapScene& scene, const MapStyle& style, const MapView& view,
                        const QRectF& screenClip = QRectF(), const std::atomic<bool>* cancel = nullptr);

/// `sprites` caches label and marker images across frames (see sprite_cache.h).
void paintOverlay(QPainter& p, const MapScene& scene, const MapStyle& style, const MapView& view,
                  const OverlayLayout& layout, const LabelFonts& fonts, SpriteCache& sprites);

/// Hatch brush for "no data" fills (grey with diagonal lines), as in the legend swatch.
[[nodiscard]] QBrush noDataBrush();

}  // namespace maillage::app
