#include "app/gui/sprite_cache.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace maillage::app {
namespace {
constexpr double kHalo = 3.0;  ///< halo pen width in px (label outline)
}  // namespace

void SpriteCache::bound() {
    if (m_sprites.size() > kMaxEntries) m_sprites.clear();
}

const QImage& SpriteCache::label(const QString& text, const QFont& font, QColor color, qreal dpr, QPointF* origin) {
    const QString key = QStringLiteral("L|%1|%2|%3|%4").arg(text, font.key(), color.name()).arg(dpr);
    auto it = m_sprites.find(key);
    if (it == m_sprites.end()) {
        bound();
        const QFontMetricsF fm(font);
        const double margin = kHalo;
        const QSizeF size(fm.horizontalAdvance(text) + 2 * margin, fm.height() + 2 * margin);
        QImage image((size * dpr).toSize() + QSize(1, 1), QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(dpr);
        image.fill(Qt::transparent);
        QPainter p(&image);
        p.setRenderHint(QPainter::Antialiasing);
        QPainterPath path;
        path.addText(QPointF(margin, margin + fm.ascent()), font, text);
        p.strokePath(path, QPen(QColor(255, 255, 255, 215), kHalo, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.fillPath(path, color);
        p.end();
        it = m_sprites.insert(key, {image, QPointF(-margin, -margin)});
    }
    *origin = it->origin;
    return it->image;
}

const QImage& SpriteCache::marker(const layers::MarkerStyle& s, const MarkerPaint& paint, double size, qreal dpr,
                                  QPointF* origin) {
    const QString key = QStringLiteral("M|%1|%2|%3|%4|%5|%6|%7|%8|%9")
                            .arg(static_cast<int>(s.shape))
                            .arg(s.fill.packed())
                            .arg(s.outline.packed())
                            .arg(int(s.filled) + 2 * int(s.stroke == layers::StrokeStyle::dashed) + 4 * int(s.approximate_location) +
                                 8 * int(paint.highlighted) + 16 * int(paint.struckThrough))
                            .arg(QString::fromUtf8(s.badge.data(), static_cast<qsizetype>(s.badge.size())))
                            .arg(s.outline_px)
                            .arg(size)
                            .arg(paint.opacity)
                            .arg(dpr);
    auto it = m_sprites.find(key);
    if (it == m_sprites.end()) {
        bound();
        const double side = std::ceil(size * 2.4 + 10);
        QImage image(QSize(static_cast<int>(side * dpr), static_cast<int>(side * dpr)), QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(dpr);
        image.fill(Qt::transparent);
        QPainter p(&image);
        paintMarker(p, QPointF(side / 2, side / 2), size, s, paint);
        p.end();
        it = m_sprites.insert(key, {image, QPointF(-side / 2, -side / 2)});
    }
    *origin = it->origin;
    return it->image;
}

}  // namespace maillage::app
