// The map's view: which part of the Lambert-93 plane is shown, at which scale, in a viewport.
//
// Contract: world coordinates are Lambert-93 metres (EPSG:2154, x east, y north); screen
// coordinates are device-independent pixels with the origin at the viewport's top-left and y
// down. `scale` is pixels per metre (> 0). The view is a plain value: copy it freely, compare
// it to know whether anything must be redrawn.
#pragma once

#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QTransform>

namespace maillage::app {

struct WorldRect {
    double minX = 0, minY = 0, maxX = 0, maxY = 0;
    [[nodiscard]] bool isEmpty() const { return !(maxX > minX && maxY > minY); }
    [[nodiscard]] double width() const { return maxX - minX; }
    [[nodiscard]] double height() const { return maxY - minY; }
    [[nodiscard]] QPointF center() const { return {(minX + maxX) / 2, (minY + maxY) / 2}; }
    void expand(double x, double y);
    void expand(const WorldRect& r);
    [[nodiscard]] bool intersects(const WorldRect& r) const;
};

class MapView {
public:
    MapView() = default;
    MapView(QPointF center, double scale, QSizeF viewport);

    [[nodiscard]] QPointF center() const { return m_center; }
    [[nodiscard]] double scale() const { return m_scale; }
    [[nodiscard]] QSizeF viewport() const { return m_viewport; }
    [[nodiscard]] double metresPerPixel() const { return 1.0 / m_scale; }

    void setViewport(QSizeF viewport) { m_viewport = viewport; }
    void setCenter(QPointF center) { m_center = center; }
    /// Clamped to [kMinScale, kMaxScale].
    void setScale(double scale);

    [[nodiscard]] QPointF worldToScreen(QPointF world) const;
    [[nodiscard]] QPointF screenToWorld(QPointF screen) const;
    /// The world rectangle the viewport shows.
    [[nodiscard]] WorldRect visibleWorld() const;

    /// Moves the view so that content follows the pointer by `screenDelta` pixels.
    void panBy(QPointF screenDelta);
    /// Multiplies the scale by `factor`, keeping the world point under `screenAnchor` fixed.
    void zoomAround(QPointF screenAnchor, double factor);
    /// Centres on `world` and picks the largest scale at which it fits with `marginPx` around.
    void fit(const WorldRect& world, double marginPx = 24.0);

    /// world → screen as an affine transform of coordinates relative to `origin` (used for
    /// vertex buffers stored relative to a local origin, in float).
    [[nodiscard]] QTransform transformFromOrigin(QPointF origin) const;

    friend bool operator==(const MapView&, const MapView&) = default;

    static constexpr double kMinScale = 1.0 / 5000.0;  ///< 5 km per pixel (all of France)
    static constexpr double kMaxScale = 2.0;           ///< 0.5 m per pixel

private:
    QPointF m_center;
    double m_scale = 0.01;
    QSizeF m_viewport;
};

}  // namespace maillage::app
