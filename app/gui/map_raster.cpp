#include "app/gui/map_raster.h"

#include <QPainter>

#include <cmath>

#include "app/gui/map_painter.h"

namespace maillage::app {

bool samePolygonStyle(const MapStyle& a, const MapStyle& b) {
    if (a.polygonLayers.size() != b.polygonLayers.size()) return false;
    for (std::size_t i = 0; i < a.polygonLayers.size(); ++i) {
        const PolygonLayerDraw &x = a.polygonLayers[i], &y = b.polygonLayers[i];
        if (x.layer != y.layer || x.visible != y.visible || x.opacity != y.opacity) return false;
    }
    return a.communeFill == b.communeFill && a.communeNoData == b.communeNoData;
}

RasterFrame renderRasterFrame(const MapScenePtr& scene, const MapStyle& style, const MapView& view, qreal dpr,
                              const RasterFrame& previous, const std::atomic<bool>* cancel) {
    RasterFrame out{QImage(), view, scene, style};
    if (!scene) return out;
    const QSize pixels = (view.viewport() * dpr).toSize();
    if (pixels.isEmpty()) return out;
    const QPointF shift = (view.worldToScreen(previous.view.center()) - previous.view.worldToScreen(previous.view.center())) * dpr;
    const bool wholePixels = std::abs(shift.x() - std::round(shift.x())) < 1e-6 && std::abs(shift.y() - std::round(shift.y())) < 1e-6;
    const bool reuse = !previous.isNull() && previous.scene == scene && samePolygonStyle(previous.style, style) &&
                       previous.image.size() == pixels && previous.image.devicePixelRatio() == dpr &&
                       previous.view.scale() == view.scale() && previous.view.viewport() == view.viewport() && wholePixels &&
                       std::abs(shift.x()) < pixels.width() / 2.0 && std::abs(shift.y()) < pixels.height() / 2.0;
    QImage image(pixels, QImage::Format_RGB32);  // opaque: drawn without blending
    image.setDevicePixelRatio(dpr);
    image.fill(palette::kBackground);
    QPainter p(&image);
    if (reuse) {
        const int dx = static_cast<int>(std::round(shift.x())), dy = static_cast<int>(std::round(shift.y()));
        p.save();
        p.resetTransform();
        p.drawImage(QPoint(dx, dy), previous.image);
        p.restore();
        const double w = pixels.width() / dpr, h = pixels.height() / dpr, sx = dx / dpr, sy = dy / dpr;
        if (sx > 0) paintPolygonLayers(p, *scene, style, view, QRectF(0, 0, sx, h), cancel);
        if (sx < 0) paintPolygonLayers(p, *scene, style, view, QRectF(w + sx, 0, -sx, h), cancel);
        // Horizontal strips leave out the columns already painted, so no pixel is painted twice.
        const double x0 = std::max(0.0, sx), x1 = w + std::min(0.0, sx);
        if (sy > 0) paintPolygonLayers(p, *scene, style, view, QRectF(x0, 0, x1 - x0, sy), cancel);
        if (sy < 0) paintPolygonLayers(p, *scene, style, view, QRectF(x0, h + sy, x1 - x0, -sy), cancel);
    } else {
        paintPolygonLayers(p, *scene, style, view, QRectF(), cancel);
    }
    p.end();
    if (cancel && cancel->load(std::memory_order_relaxed)) return out;
    out.image = std::move(image);
    return out;
}

FramePlacement placeImage(QSize imagePixels, const MapView& painted, const MapView& current) {
    FramePlacement out;
    if (imagePixels.isEmpty()) return out;
    const WorldRect w = painted.visibleWorld();
    const QRectF landed(current.worldToScreen({w.minX, w.maxY}), current.worldToScreen({w.maxX, w.minY}));
    out.target = landed.intersected(QRectF(QPointF(0, 0), current.viewport()));
    if (out.target.isEmpty() || landed.isEmpty()) return {};
    const double kx = imagePixels.width() / landed.width(), ky = imagePixels.height() / landed.height();
    out.source = QRectF((out.target.left() - landed.left()) * kx, (out.target.top() - landed.top()) * ky,
                        out.target.width() * kx, out.target.height() * ky);
    return out;
}

}  // namespace maillage::app
