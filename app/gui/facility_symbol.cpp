#include "app/gui/facility_symbol.h"

#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace maillage::app {
namespace {

QColor toQColor(layers::Rgb c) { return QColor(c.r, c.g, c.b); }

QPainterPath regularPolygon(QPointF c, double r, int n, double startDeg, double innerRatio = 0) {
    QPainterPath path;
    const int vertices = innerRatio > 0 ? 2 * n : n;
    for (int i = 0; i < vertices; ++i) {
        const double a = (startDeg + 360.0 * i / vertices) * std::numbers::pi / 180.0;
        const double radius = innerRatio > 0 && i % 2 ? r * innerRatio : r;
        const QPointF v(c.x() + radius * std::cos(a), c.y() - radius * std::sin(a));
        if (i == 0) path.moveTo(v);
        else path.lineTo(v);
    }
    path.closeSubpath();
    return path;
}

/// Shapes of equal visual weight: polygons are drawn slightly larger than the circle.
QPainterPath shapePath(layers::MarkerShape shape, QPointF c, double size) {
    const double r = size / 2.0;
    QPainterPath path;
    switch (shape) {
    case layers::MarkerShape::circle: path.addEllipse(c, r, r); break;
    case layers::MarkerShape::square: path.addRect(QRectF(c.x() - r * 0.88, c.y() - r * 0.88, r * 1.76, r * 1.76)); break;
    case layers::MarkerShape::diamond: path = regularPolygon(c, r * 1.18, 4, 90); break;
    case layers::MarkerShape::triangle: path = regularPolygon(QPointF(c.x(), c.y() + r * 0.18), r * 1.22, 3, 90); break;
    case layers::MarkerShape::hexagon: path = regularPolygon(c, r * 1.05, 6, 0); break;
    case layers::MarkerShape::pentagon: path = regularPolygon(c, r * 1.08, 5, 90); break;
    case layers::MarkerShape::star: path = regularPolygon(c, r * 1.3, 5, 90, 0.5); break;
    case layers::MarkerShape::cross: {
        const double t = r * 0.38;
        path.addRect(QRectF(c.x() - r, c.y() - t, 2 * r, 2 * t));
        path.addRect(QRectF(c.x() - t, c.y() - r, 2 * t, 2 * r));
        path = path.simplified();
        break;
    }
    }
    return path;
}

}  // namespace

void paintMarker(QPainter& p, QPointF center, double size, const layers::MarkerStyle& style, const MarkerPaint& paint) {
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setOpacity(p.opacity() * paint.opacity);
    const QColor fill = toQColor(style.fill);
    const QPainterPath path = shapePath(style.shape, center, size);
    if (style.approximate_location) {
        // Located only to the commune: a dotted ring says "somewhere around here".
        p.setPen(QPen(QColor(0x33, 0x33, 0x33, 200), 1.1, Qt::DotLine));
        p.setBrush(QColor(255, 255, 255, 110));
        p.drawEllipse(center, size * 0.95, size * 0.95);
    }
    if (paint.highlighted) {
        p.setPen(QPen(QColor(0x1f, 0x4e, 0x9a), 5.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
    }
    QPen outline(toQColor(style.outline), std::max(1.2, style.outline_px));
    outline.setJoinStyle(Qt::MiterJoin);
    if (style.stroke == layers::StrokeStyle::dashed) outline.setDashPattern({2.2, 1.6});
    if (style.filled) {
        // A white casing keeps dark outlines legible on dark choropleth classes.
        p.setPen(QPen(QColor(255, 255, 255, 220), outline.widthF() + 2.0));
        p.setBrush(Qt::NoBrush);
        p.drawPath(path);
        p.setBrush(fill);
    } else {
        p.setBrush(QColor(255, 255, 255, 235));
        outline.setWidthF(outline.widthF() + 0.6);
    }
    p.setPen(outline);
    p.drawPath(path);
    if (!style.badge.empty()) {
        QFont f = p.font();
        f.setPixelSize(std::max(7, static_cast<int>(size * 0.55)));
        f.setBold(true);
        p.setFont(f);
        p.setPen(style.filled ? QColor(Qt::white) : fill.darker(130));
        p.drawText(QRectF(center.x() - size / 2, center.y() - size / 2 + (style.shape == layers::MarkerShape::triangle ? size * 0.12 : 0), size, size),
                   Qt::AlignCenter, QString::fromUtf8(style.badge.data(), static_cast<qsizetype>(style.badge.size())));
    }
    if (paint.struckThrough) {
        p.setPen(QPen(fill.darker(140), 1.6, Qt::SolidLine, Qt::RoundCap));
        const double r = size * 0.62;
        p.drawLine(QPointF(center.x() - r, center.y() + r), QPointF(center.x() + r, center.y() - r));
    }
    p.restore();
}

void paintCountBadge(QPainter& p, QPointF c, double markerSize, int count) {
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    QFont f = p.font();
    f.setPixelSize(9);
    f.setBold(true);
    p.setFont(f);
    const QString text = QString::number(count);
    const double w = std::max(14.0, QFontMetricsF(f).horizontalAdvance(text) + 7.0);
    const QRectF badge(c.x() + markerSize * 0.2, c.y() - markerSize * 0.5 - 10, w, 14);
    p.setPen(QPen(Qt::white, 1.2));
    p.setBrush(QColor(0x26, 0x2a, 0x33));
    p.drawRoundedRect(badge, 7, 7);
    p.setPen(Qt::white);
    p.drawText(badge, Qt::AlignCenter, text);
    p.restore();
}

QImage markerImage(const layers::MarkerStyle& style, int sizePx, qreal dpr) {
    QImage img(QSize(sizePx, sizePx) * dpr, QImage::Format_ARGB32_Premultiplied);
    img.setDevicePixelRatio(dpr);
    img.fill(Qt::transparent);
    QPainter p(&img);
    MarkerPaint paint;
    paint.struckThrough = !style.filled && style.stroke == layers::StrokeStyle::solid;
    paintMarker(p, QPointF(sizePx / 2.0, sizePx / 2.0), sizePx * 0.6, style, paint);
    return img;
}

}  // namespace maillage::app
