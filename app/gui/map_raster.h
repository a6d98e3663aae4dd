// A raster frame of the map's polygon layers: the image a view was painted into, with what it
// was painted from. The progressive renderer shows the last frame transformed while the user
// pans or zooms, and renders the frame of the new view off the GUI thread (map_raster_worker.h).
//
// Contract: images are opaque RGB32 (the background colour where nothing is drawn), in device pixels, with their device pixel ratio set;
// they cover exactly `view.visibleWorld()`. renderRasterFrame() may run on any thread: it only
// reads the immutable scene and its own copies of the style and view.
#pragma once

#include <QImage>
#include <QRectF>

#include <atomic>

#include "app/gui/map_scene.h"
#include "app/gui/map_style.h"
#include "app/gui/map_view.h"

namespace maillage::app {

struct RasterFrame {
    QImage image;  ///< null: no frame
    MapView view;
    MapScenePtr scene;
    MapStyle style;
    [[nodiscard]] bool isNull() const { return image.isNull(); }
};

/// True when `a` and `b` paint the same polygons (layer order, visibility, opacity, commune
/// colours); hover, selection, labels and facilities do not matter to a raster frame.
[[nodiscard]] bool samePolygonStyle(const MapStyle& a, const MapStyle& b);

/// Paints the polygon layers of `view` at `dpr`. When `previous` was painted from the same scene,
/// polygon style, scale and viewport and the view moved by whole device pixels (a pan step), its
/// pixels are shifted and only the uncovered strips are painted: the same pixels as a full paint.
/// Returns a null frame if `cancel` became true while painting.
[[nodiscard]] RasterFrame renderRasterFrame(const MapScenePtr& scene, const MapStyle& style, const MapView& view,
                                            qreal dpr, const RasterFrame& previous = {},
                                            const std::atomic<bool>* cancel = nullptr);

/// Where an image of `imagePixels` covering the viewport of `painted` lands in the view
/// `current`: `target` in item pixels, clipped to the viewport, and `source` the matching
/// rectangle of the image in image pixels. Empty when the image is entirely off screen. The rest
/// of the viewport has no data yet (drawn in the background colour).
struct FramePlacement {
    QRectF target;
    QRectF source;
    [[nodiscard]] bool isEmpty() const { return target.isEmpty() || source.isEmpty(); }
};
[[nodiscard]] FramePlacement placeImage(QSize imagePixels, const MapView& painted, const MapView& current);

}  // namespace maillage::app
