#include "app/gui/map_painter.h"

#include <QPainterPath>
#include "app/gui/facility_symbol.h"

#include <algorithm>

namespace maillage::app {

QBrush noDataBrush() {
    static const QBrush brush = [] {
        QImage tile(8, 8, QImage::Format_ARGB32_Premultiplied);
        tile.fill(palette::kNoData);
        QPainter tp(&tile);
        tp.setRenderHint(QPainter::Antialiasing);
        tp.setPen(QPen(palette::kNoDataHatch, 1.0));
        tp.drawLine(QPointF(-1, 9), QPointF(9, -1));
        tp.drawLine(QPointF(-1, 1), QPointF(1, -1));
        tp.drawLine(QPointF(7, 9), QPointF(9, 7));
        return QBrush(tile);
    }();
    return brush;
}

namespace {

void paintMesh(QPainter& p, const PolygonLayerMesh& mesh, const MapView& view, const WorldRect& visible,
               const QBrush& fill, const QPen& line, const std::vector<QColor>* perFeature,
               const std::vector<bool>* noData, const std::atomic<bool>* cancel) {
    const QTransform t = view.transformFromOrigin(mesh.origin);
    for (std::size_t i = 0; i < mesh.features.size(); ++i) {
        if (cancel && i % 256 == 0 && cancel->load(std::memory_order_relaxed)) return;
        const FeatureMesh& f = mesh.features[i];
        if (f.bounds.isEmpty() || !f.bounds.intersects(visible)) continue;
        const QPainterPath screen = t.map(f.path);
        if (fill.style() != Qt::NoBrush || perFeature) {
            if (noData && i < noData->size() && (*noData)[i]) p.fillPath(screen, palette::kNoData);
            else if (perFeature && i < perFeature->size()) p.fillPath(screen, (*perFeature)[i]);
            else p.fillPath(screen, fill);
        }
        if (line.style() != Qt::NoPen) p.strokePath(screen, line);
    }
}

}  // namespace

void paintPolygonLayers(QPainter& p, const MapScene& scene, const MapStyle& style, const MapView& view,
                        const QRectF& screenClip, const std::atomic<bool>* cancel) {
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    WorldRect visible = view.visibleWorld();
    if (screenClip.isValid()) {
        p.setClipRect(screenClip);
        // Features touching the clip, with a margin for line widths.
        const QRectF grown = screenClip.adjusted(-4, -4, 4, 4);
        const QPointF a = view.screenToWorld(grown.topLeft()), b = view.screenToWorld(grown.bottomRight());
        visible = {a.x(), b.y(), b.x(), a.y()};
    }
    for (const PolygonLayerDraw& layer : style.polygonLayers) {
        if (!layer.visible || layer.opacity <= 0.0f) continue;
        p.setOpacity(layer.opacity);
        switch (layer.layer) {
        case PolygonLayer::Context:
            if (scene.context)
                paintMesh(p, *scene.context, view, visible, palette::kContextFill,
                          QPen(palette::kContextLine, linewidth::kContext), nullptr, nullptr, cancel);
            break;
        case PolygonLayer::Communes:
            if (scene.communes)
                paintMesh(p, *scene.communes, view, visible, Qt::NoBrush,
                          QPen(palette::kCommuneLine, linewidth::kCommune), &style.communeFill,
                          &style.communeNoData, cancel);
            break;
        case PolygonLayer::Bassins:
            if (scene.bassins)
                paintMesh(p, *scene.bassins, view, visible, Qt::NoBrush,
                          QPen(palette::kBassinLine, linewidth::kBassin, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin), nullptr, nullptr, cancel);
            break;
        case PolygonLayer::Stress:
            if (scene.stress)
                paintMesh(p, *scene.stress, view, visible, palette::kStressFill, QPen(palette::kStressLine, 1.0), nullptr, nullptr, cancel);
            break;
        }
    }
    p.restore();
}

void paintOverlay(QPainter& p, const MapScene& scene, const MapStyle& style, const MapView& view,
                  const OverlayLayout& layout, const LabelFonts& fonts, SpriteCache& sprites) {
    const qreal dpr = p.device() ? p.device()->devicePixelRatioF() : 1.0;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);

    const bool communesVisible = std::any_of(style.polygonLayers.begin(), style.polygonLayers.end(), [](const PolygonLayerDraw& d) {
        return d.layer == PolygonLayer::Communes && d.visible && d.opacity > 0;
    });
    // "No data" communes: diagonal hatch over the grey fill (same on both render paths).
    if (scene.communes && communesVisible) {
        const QTransform t = view.transformFromOrigin(scene.communes->origin);
        const QBrush hatch(palette::kNoDataHatch, Qt::BDiagPattern);
        for (std::size_t i = 0; i < style.communeNoData.size() && i < scene.communes->features.size(); ++i)
            if (style.communeNoData[i]) p.fillPath(t.map(scene.communes->features[i].path), hatch);
    }

    // Hovered and selected communes: a dark outline over the fill.
    if (scene.communes && communesVisible) {
        const QTransform t = view.transformFromOrigin(scene.communes->origin);
        for (int c : {style.selectedCommune, style.hoveredCommune}) {
            if (c < 0 || static_cast<std::size_t>(c) >= scene.communes->features.size()) continue;
            const QPainterPath path = t.map(scene.communes->features[static_cast<std::size_t>(c)].path);
            if (c == style.hoveredCommune && c != style.selectedCommune)
                p.fillPath(path, QColor(255, 255, 255, 60));
            p.strokePath(path, QPen(palette::kHighlight, c == style.selectedCommune ? linewidth::kHighlight : 2.0,
                                    Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        }
    }

    // Labels with a white halo.
    for (const PlacedLabel& label : layout.labels) {
        const QFont& font = label.major ? fonts.major : fonts.normal;
        QPointF origin;
        const QImage& sprite = sprites.label(label.text, font, palette::kLabel, dpr, &origin);
        p.drawImage(label.rect.topLeft() + origin, sprite);
    }

    // Leader lines of fanned-out sites, then symbols.
    p.setPen(QPen(QColor(0x26, 0x2a, 0x33, 150), 1.0));
    for (const PlacedSymbol& s : layout.symbols)
        if (s.position != s.anchor) p.drawLine(s.anchor, s.position);
    for (const PlacedSymbol& s : layout.symbols)
        if (s.position != s.anchor) {
            p.setBrush(QColor(0x26, 0x2a, 0x33));
            p.setPen(Qt::NoPen);
            p.drawEllipse(s.anchor, 2.0, 2.0);
        }
    for (const PlacedSymbol& s : layout.symbols) {
        const FacilityPoint& f = scene.facilities[static_cast<std::size_t>(s.facility)];
        const FamilyDraw* fam = style.family(f.family);
        MarkerPaint paint;
        paint.highlighted = s.facility == style.hoveredFacility || s.facility == style.selectedFacility;
        paint.opacity = fam ? fam->opacity : 1.0f;
        paint.struckThrough = f.status == QLatin1String("closed");
        QPointF origin;
        const QImage& sprite = sprites.marker(f.marker, paint, layout.symbolSize, dpr, &origin);
        p.drawImage(s.position + origin, sprite);
        if (s.badgeCount > 1) paintCountBadge(p, s.position, layout.symbolSize, s.badgeCount);
    }
    (void)view;
    p.restore();
}

}  // namespace maillage::app
