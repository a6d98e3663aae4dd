#include "app/gui/map_view.h"

#include <algorithm>

namespace maillage::app {

void WorldRect::expand(double x, double y) {
    if (isEmpty() && minX == 0 && maxX == 0 && minY == 0 && maxY == 0) {
        minX = maxX = x;
        minY = maxY = y;
        return;
    }
    minX = std::min(minX, x);
    minY = std::min(minY, y);
    maxX = std::max(maxX, x);
    maxY = std::max(maxY, y);
}

void WorldRect::expand(const WorldRect& r) {
    if (r.isEmpty()) return;
    if (isEmpty()) {
        *this = r;
        return;
    }
    expand(r.minX, r.minY);
    expand(r.maxX, r.maxY);
}

bool WorldRect::intersects(const WorldRect& r) const {
    return minX <= r.maxX && r.minX <= maxX && minY <= r.maxY && r.minY <= maxY;
}

MapView::MapView(QPointF center, double scale, QSizeF viewport)
    : m_center(center), m_viewport(viewport) {
    setScale(scale);
}

void MapView::setScale(double scale) { m_scale = std::clamp(scale, kMinScale, kMaxScale); }

QPointF MapView::worldToScreen(QPointF world) const {
    return {(world.x() - m_center.x()) * m_scale + m_viewport.width() / 2.0,
            m_viewport.height() / 2.0 - (world.y() - m_center.y()) * m_scale};
}

QPointF MapView::screenToWorld(QPointF screen) const {
    return {m_center.x() + (screen.x() - m_viewport.width() / 2.0) / m_scale,
            m_center.y() - (screen.y() - m_viewport.height() / 2.0) / m_scale};
}

WorldRect MapView::visibleWorld() const {
    const QPointF tl = screenToWorld({0, 0});
    const QPointF br = screenToWorld({m_viewport.width(), m_viewport.height()});
    return {tl.x(), br.y(), br.x(), tl.y()};
}

void MapView::panBy(QPointF screenDelta) {
    m_center -= QPointF(screenDelta.x() / m_scale, -screenDelta.y() / m_scale);
}

void MapView::zoomAround(QPointF screenAnchor, double factor) {
    const QPointF anchorWorld = screenToWorld(screenAnchor);
    setScale(m_scale * factor);
    // Put anchorWorld back under the anchor: solve worldToScreen(anchorWorld) == screenAnchor.
    m_center = {anchorWorld.x() - (screenAnchor.x() - m_viewport.width() / 2.0) / m_scale,
                anchorWorld.y() + (screenAnchor.y() - m_viewport.height() / 2.0) / m_scale};
}

void MapView::fit(const WorldRect& world, double marginPx) {
    if (world.isEmpty()) return;
    const double w = std::max(1.0, m_viewport.width() - 2 * marginPx);
    const double h = std::max(1.0, m_viewport.height() - 2 * marginPx);
    m_center = world.center();
    setScale(std::min(w / world.width(), h / world.height()));
}

QTransform MapView::transformFromOrigin(QPointF origin) const {
    // screen = ((p + origin) - center) * (s, -s) + viewport/2
    const double dx = origin.x() - m_center.x();
    const double dy = origin.y() - m_center.y();
    return QTransform(m_scale, 0, 0, -m_scale, dx * m_scale + m_viewport.width() / 2.0,
                      -dy * m_scale + m_viewport.height() / 2.0);
}

}  // namespace maillage::app
