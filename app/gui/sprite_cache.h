// Pre-rendered label and marker images, so that a frame blits them instead of stroking text
// outlines and marker paths again (a pan step redraws the whole overlay).
//
// Contract: GUI thread only (the overlay is painted in MapItem::updatePolish). Images are keyed
// by everything that changes their pixels, including the device pixel ratio; the cache is
// bounded (cleared when it grows past kMaxEntries).
#pragma once

#include <QFont>
#include <QHash>
#include <QImage>
#include <QPointF>
#include <QString>

#include "app/gui/facility_symbol.h"

namespace maillage::app {

class SpriteCache {
public:
    /// Text with a white halo; `origin` receives the offset from the text's top-left corner to
    /// the image's top-left corner (negative: the halo margin).
    const QImage& label(const QString& text, const QFont& font, QColor color, qreal dpr, QPointF* origin);
    /// A marker drawn `size` px across, centred in the image; `origin` receives the offset from
    /// the marker centre to the image's top-left corner.
    const QImage& marker(const layers::MarkerStyle& style, const MarkerPaint& paint, double size, qreal dpr,
                         QPointF* origin);

    static constexpr int kMaxEntries = 4000;

private:
    struct Sprite {
        QImage image;
        QPointF origin;
    };
    QHash<QString, Sprite> m_sprites;
    void bound();
};

}  // namespace maillage::app
