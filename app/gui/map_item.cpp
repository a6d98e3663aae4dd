#include "app/gui/map_item.h"

#include <QPainter>
#include <QQuickWindow>
#include <QSGImageNode>
#include <QSGOpacityNode>
#include <QSGRectangleNode>
#include <QSGRendererInterface>
#include <QSGTransformNode>

#include <array>
#include <cmath>

#include "app/gui/map_document.h"
#include "app/gui/map_nodes.h"
#include "app/gui/map_painter.h"

namespace maillage::app {
namespace {

constexpr double kZoomStep = 1.5;
constexpr double kDragThresholdPx = 4.0;
/// Quiet time after a view change before the sharp frame is painted (debounce of bursts).
constexpr int kRasterDelayMs = 30;

QMatrix4x4 toMatrix(const QTransform& t) { return QMatrix4x4(t); }

/// Nodes of one polygon layer on the hardware path.
struct LayerNodes {
    PolygonLayer kind = PolygonLayer::Communes;
    QSGTransformNode* transform = nullptr;
    QSGOpacityNode* opacity = nullptr;
    MeshFillNode* fill = nullptr;
    TriangleNode* thick = nullptr;
    QPointF origin;
};

/// The item's root node: typed pointers to its children (qtdeclarative scenegraph/graph style).
/// Children, bottom to top: raster group (background + raster frame), geometry group (hardware
/// path), overlay. A group with opacity 0 is skipped by the renderer.
struct MapRootNode : QSGNode {
    bool software = false;
    MapScenePtr scene;
    QSGOpacityNode* rasterGroup = nullptr;
    QSGRectangleNode* background = nullptr;
    QSGImageNode* raster = nullptr;
    QSGOpacityNode* geometry = nullptr;
    std::vector<LayerNodes> layers;
    QSGImageNode* overlay = nullptr;
};

std::shared_ptr<const PolygonLayerMesh> meshOf(const MapScene& scene, PolygonLayer kind) {
    switch (kind) {
    case PolygonLayer::Context: return scene.context;
    case PolygonLayer::Communes: return scene.communes;
    case PolygonLayer::Bassins: return scene.bassins;
    case PolygonLayer::Stress: return scene.stress;
    }
    return {};
}

LayerNodes buildLayerNodes(PolygonLayer kind, const PolygonLayerMesh& mesh) {
    LayerNodes n;
    n.kind = kind;
    n.origin = mesh.origin;
    n.transform = new QSGTransformNode;
    n.opacity = new QSGOpacityNode;
    n.transform->appendChildNode(n.opacity);
    switch (kind) {
    case PolygonLayer::Context:
        n.fill = new MeshFillNode(mesh);
        n.fill->setColors(mesh, {}, palette::kContextFill);
        n.opacity->appendChildNode(n.fill);
        n.opacity->appendChildNode(new MeshLineNode(mesh.lines, palette::kContextLine));
        break;
    case PolygonLayer::Communes:
        n.fill = new MeshFillNode(mesh);
        n.opacity->appendChildNode(n.fill);
        n.opacity->appendChildNode(new MeshLineNode(mesh.lines, palette::kCommuneLine));
        break;
    case PolygonLayer::Bassins:
        n.thick = new TriangleNode(palette::kBassinLine);
        n.opacity->appendChildNode(n.thick);
        break;
    case PolygonLayer::Stress:
        n.fill = new MeshFillNode(mesh);
        n.fill->setColors(mesh, {}, palette::kStressFill);
        n.opacity->appendChildNode(n.fill);
        n.opacity->appendChildNode(new MeshLineNode(mesh.lines, palette::kStressLine));
        break;
    }
    return n;
}

QSGImageNode* imageNode(QQuickWindow* window, const QImage& image, const QRectF& rect,
                        QSGImageNode* node) {
    if (!node) {
        node = window->createImageNode();
        node->setOwnsTexture(true);
        node->setFiltering(QSGTexture::Linear);
    }
    node->setTexture(window->createTextureFromImage(image, QQuickWindow::TextureHasAlphaChannel));
    node->setRect(rect);
    return node;
}

}  // namespace

MapItem::MapItem(QQuickItem* parent) : QQuickItem(parent) {
    setFlag(ItemHasContents, true);
    setFlag(ItemIsFocusScope, true);
    setAcceptedMouseButtons(Qt::LeftButton);
    setAcceptHoverEvents(true);
    setActiveFocusOnTab(true);
    m_fonts.normal = QFont(QStringLiteral("DejaVu Sans"));
    m_fonts.normal.setPixelSize(11);
    m_fonts.major = m_fonts.normal;
    m_fonts.major.setPixelSize(13);
    m_fonts.major.setWeight(QFont::DemiBold);
    m_worker = std::make_unique<MapRasterWorker>([this](RasterFrame frame) { onRasterFrame(std::move(frame)); });
    m_rasterTimer.setSingleShot(true);
    connect(&m_rasterTimer, &QTimer::timeout, this, &MapItem::startRaster);
}

MapItem::~MapItem() = default;

void MapItem::setDocument(MapDocument* document) {
    if (m_document == document) return;
    if (m_document) disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document) {
        connect(m_document, &MapDocument::sceneChanged, this, &MapItem::onSceneChanged);
        connect(m_document, &MapDocument::styleChanged, this, &MapItem::onStyleChanged);
        connect(m_document, &MapDocument::zoomRequested, this, &MapItem::onZoomRequested);
        onSceneChanged();
    }
    emit documentChanged();
}

void MapItem::onSceneChanged() {
    m_scene = m_document ? m_document->scene() : nullptr;
    m_style = m_document ? m_document->style() : MapStyle{};
    m_sceneDirty = m_styleDirty = m_thickDirty = m_overlayDirty = true;
    m_progressive = false;
    m_worker->cancel();
    m_rasterTimer.stop();
    if (m_scene && !m_viewInitialised && width() > 0 && height() > 0) zoomToCapso();
    polish();
    update();
}

void MapItem::onStyleChanged() {
    if (!m_document) return;
    m_style = m_document->style();
    m_styleDirty = m_overlayDirty = true;
    // The geometry nodes follow a style change at once; an outdated frame must not stay up.
    if (!baseCurrent()) m_progressive = false;
    polish();
    update();
    updateSharp();
}

void MapItem::onZoomRequested(double minX, double minY, double maxX, double maxY) {
    WorldRect r{minX, minY, maxX, maxY};
    // A point or a tiny commune: show at least 4 km around it.
    const QPointF c = r.center();
    const double half = std::max({r.width(), r.height(), 4000.0}) / 2;
    r = {c.x() - half, c.y() - half, c.x() + half, c.y() + half};
    MapView v = m_view;
    v.fit(r, 40);
    setView(v);
}

void MapItem::setView(const MapView& view) {
    if (view == m_view) return;
    const bool scaleChanged = view.scale() != m_view.scale();
    m_view = view;
    m_viewInitialised = true;
    if (scaleChanged) m_thickDirty = true;
    // Hardware path: show the last frame transformed until the frame of this view is painted.
    if (!m_software && m_backendKnown) m_progressive = baseCurrent() && m_base.view != m_view;
    viewUpdated();
    updateSharp();
}

bool MapItem::baseCurrent() const {
    return !m_base.isNull() && m_scene && m_base.scene == m_scene && samePolygonStyle(m_base.style, m_style);
}

bool MapItem::isSharp() const {
    if (!m_scene) return false;
    if (!m_software) return !m_progressive;
    return baseCurrent() && m_base.view == m_view;
}

void MapItem::updateSharp() {
    const bool sharp = isSharp();
    if (sharp == m_lastSharp) return;
    m_lastSharp = sharp;
    emit sharpChanged();
}

void MapItem::setHoldRasterFrames(bool hold) {
    m_holdFrames = hold;
    if (!hold && !m_held.isNull()) onRasterFrame(std::exchange(m_held, RasterFrame{}));
}

void MapItem::requestRaster(qreal dpr) {
    if (baseCurrent() && m_base.view == m_view && m_base.image.devicePixelRatio() == dpr) {
        m_rasterTimer.stop();
        return;
    }
    const auto wanted = [&](const RasterFrame& f) {
        return f.scene == m_scene && f.view == m_view && samePolygonStyle(f.style, m_style) && m_rasterDpr == dpr;
    };
    if ((m_worker->busy() || m_rasterTimer.isActive()) && wanted(m_requested)) return;
    // A new target: the frame being painted is obsolete. Start painting once views stop following
    // each other within kRasterDelayMs (a wheel or drag burst), so that the interactive frames
    // keep the CPU; at once when there is no frame at all yet.
    m_worker->cancel();
    m_requested = RasterFrame{QImage(), m_view, m_scene, m_style};
    m_rasterDpr = dpr;
    m_rasterTimer.start(m_base.isNull() ? 0 : kRasterDelayMs);
}

void MapItem::startRaster() {
    if (m_requested.scene != m_scene) return;
    m_worker->request(m_requested.scene, m_requested.style, m_requested.view, m_rasterDpr, baseCurrent() ? m_base : RasterFrame{});
}

void MapItem::onRasterFrame(RasterFrame frame) {
    if (m_holdFrames) {
        m_held = std::move(frame);
        return;
    }
    if (frame.scene != m_scene || !samePolygonStyle(frame.style, m_style)) return;  // outdated
    m_base = std::move(frame);
    m_baseDirty = true;
    if (m_progressive && m_base.view == m_view) m_progressive = false;
    polish();
    update();
    updateSharp();
}

void MapItem::viewUpdated() {
    emit viewChanged();
    polish();
    update();
}

void MapItem::geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry) {
    QQuickItem::geometryChange(newGeometry, oldGeometry);
    if (newGeometry.size() == oldGeometry.size()) return;
    m_view.setViewport(newGeometry.size());
    if (m_scene && !m_viewInitialised && width() > 0 && height() > 0) {
        zoomToCapso();
        return;
    }
    viewUpdated();
}

void MapItem::zoomIn() { MapView v = m_view; v.zoomAround({width() / 2, height() / 2}, kZoomStep); setView(v); }
void MapItem::zoomOut() { MapView v = m_view; v.zoomAround({width() / 2, height() / 2}, 1 / kZoomStep); setView(v); }

void MapItem::zoomToCapso() {
    if (!m_scene) return;
    MapView v = m_view;
    v.setViewport(size());
    v.fit(m_scene->capsoBounds, 28);
    setView(v);
    m_viewInitialised = true;
}

void MapItem::zoomToBassin(int bassin) {
    if (!m_scene || bassin < 0 || static_cast<std::size_t>(bassin) >= m_scene->bassinBounds.size()) return;
    MapView v = m_view;
    v.fit(m_scene->bassinBounds[static_cast<std::size_t>(bassin)], 40);
    setView(v);
}

void MapItem::panByPixels(double dx, double dy) {
    MapView v = m_view;
    v.panBy({dx, dy});
    setView(v);
}

void MapItem::zoomAt(double x, double y, double factor) {
    if (!(factor > 0)) return;
    MapView v = m_view;
    v.zoomAround({x, y}, factor);
    setView(v);
}

QPointF MapItem::worldToScreen(double x, double y) const { return m_view.worldToScreen({x, y}); }

void MapItem::detectBackend() {
    if (!window()) return;
    QSGRendererInterface* ri = window()->rendererInterface();
    if (!ri) return;
    const bool software = ri->graphicsApi() == QSGRendererInterface::Software;
    if (!m_backendKnown || software != m_software) {
        m_software = software;
        m_backendKnown = true;
        emit renderingChanged();
    }
}

void MapItem::updatePolish() {
    detectBackend();
    if (!m_scene || width() <= 0 || height() <= 0) return;
    const qreal dpr = window() ? window()->effectiveDevicePixelRatio() : 1.0;
    const QSize pixels = (size() * dpr).toSize();

    if (m_software && !baseCurrent()) {
        // Nothing to show transformed (first frame, new scene or polygon style): paint now.
        m_worker->cancel();
        m_base = renderRasterFrame(m_scene, m_style, m_view, dpr);
        m_baseDirty = true;
    }
    if (!m_software && !m_progressive && m_scene->bassins && (m_thickDirty || m_bassinThickScale != m_view.scale())) {
        m_bassinThick = thickLineTriangles(m_scene->bassins->lines, linewidth::kBassin / m_view.scale());
        m_bassinThickScale = m_view.scale();
        m_thickDirty = true;
    }
    requestRaster(dpr);
    updateSharp();

    // The overlay follows a view change alone only once the map is sharp; until then the last
    // overlay is shown transformed with the raster frame (QGIS-style preview).
    const bool viewOnly = !m_overlayDirty && !m_overlay.isNull() && m_overlay.size() == pixels;
    if (viewOnly && (m_overlayView == m_view || !isSharp())) return;
    m_layout = layoutOverlay(*m_scene, m_style, m_view, m_fonts);
    m_overlay = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
    m_overlay.setDevicePixelRatio(dpr);
    m_overlay.fill(Qt::transparent);
    {
        QPainter p(&m_overlay);
        paintOverlay(p, *m_scene, m_style, m_view, m_layout, m_fonts, m_sprites);
    }
    m_overlayView = m_view;
    m_overlayDirty = false;
    m_imagesDirty = true;
}

QSGNode* MapItem::updatePaintNode(QSGNode* old, UpdatePaintNodeData*) {
    auto* root = static_cast<MapRootNode*>(old);
    if (!m_scene || width() <= 0 || height() <= 0) {
        delete root;
        return nullptr;
    }
    const bool software = window()->rendererInterface()->graphicsApi() == QSGRendererInterface::Software;
    if (software != m_software || !m_backendKnown) {
        // The polish ran before the backend was known: prepare again for the right path.
        QMetaObject::invokeMethod(this, [this] { detectBackend(); m_sceneDirty = true; polish(); update(); },
                                  Qt::QueuedConnection);
    }
    if (root && (root->software != software || root->scene != m_scene)) {
        delete root;
        root = nullptr;
    }
    if (!root) {
        root = new MapRootNode;
        root->software = software;
        root->scene = m_scene;
        root->rasterGroup = new QSGOpacityNode;
        root->background = window()->createRectangleNode();
        root->background->setColor(palette::kBackground);
        root->rasterGroup->appendChildNode(root->background);
        root->appendChildNode(root->rasterGroup);
        root->geometry = new QSGOpacityNode;
        root->appendChildNode(root->geometry);
        if (!software) {
            for (PolygonLayer kind : {PolygonLayer::Context, PolygonLayer::Communes, PolygonLayer::Bassins, PolygonLayer::Stress})
                if (auto mesh = meshOf(*m_scene, kind)) root->layers.push_back(buildLayerNodes(kind, *mesh));
        }
        m_styleDirty = m_thickDirty = m_imagesDirty = m_baseDirty = true;
    }

    if (!software) {
        if (m_styleDirty) {
            // Re-stack layers in style order and apply visibility and opacity.
            for (LayerNodes& n : root->layers)
                if (n.transform->parent()) root->geometry->removeChildNode(n.transform);
            for (const PolygonLayerDraw& draw : m_style.polygonLayers) {
                for (LayerNodes& n : root->layers) {
                    if (n.kind != draw.layer) continue;
                    n.opacity->setOpacity(draw.visible ? draw.opacity : 0.0);
                    root->geometry->appendChildNode(n.transform);
                    if (n.kind == PolygonLayer::Communes && n.fill) {
                        std::vector<QColor> colors = m_style.communeFill;
                        for (std::size_t i = 0; i < colors.size() && i < m_style.communeNoData.size(); ++i)
                            if (m_style.communeNoData[i]) colors[i] = palette::kNoData;
                        n.fill->setColors(*m_scene->communes, colors, palette::kNoData);
                    }
                }
            }
        }
        if (!m_progressive) {
            for (LayerNodes& n : root->layers) {
                n.transform->setMatrix(toMatrix(m_view.transformFromOrigin(n.origin)));
                if (n.thick && m_thickDirty) n.thick->setTriangles(m_bassinThick);
            }
            m_thickDirty = false;
        }
    }
    // Software path: always the raster frame. Hardware path: the raster frame while
    // progressive, otherwise the geometry nodes.
    const bool showRaster = software || m_progressive;
    if (root->rasterGroup->opacity() != (showRaster ? 1.0 : 0.0)) root->rasterGroup->setOpacity(showRaster ? 1.0 : 0.0);
    if (root->geometry->opacity() != (showRaster ? 0.0 : 1.0)) root->geometry->setOpacity(showRaster ? 0.0 : 1.0);
    if (showRaster) {
        QRectF uncovered = boundingRect();  // background only where the frame leaves a gap
        if (!m_base.isNull() && (m_baseDirty || !root->raster)) {
            if (!root->raster) {
                root->raster = window()->createImageNode();
                root->raster->setOwnsTexture(true);
                root->raster->setFiltering(QSGTexture::Linear);
                root->rasterGroup->appendChildNode(root->raster);
            }
            root->raster->setTexture(window()->createTextureFromImage(m_base.image));
            m_baseDirty = false;
        }
        if (root->raster) {
            const FramePlacement place = placeImage(m_base.image.size(), m_base.view, m_view);
            root->raster->setRect(place.isEmpty() ? QRectF() : place.target);
            root->raster->setSourceRect(place.isEmpty() ? QRectF() : place.source);
            if (place.target.adjusted(-0.01, -0.01, 0.01, 0.01).contains(boundingRect())) uncovered = QRectF();
        }
        root->background->setRect(uncovered);
    }
    if (m_imagesDirty && !m_overlay.isNull()) {
        root->overlay = imageNode(window(), m_overlay, boundingRect(), root->overlay);
        if (!root->overlay->parent()) root->appendChildNode(root->overlay);  // last child: on top
    }
    if (root->overlay) {
        const FramePlacement place = placeImage(m_overlay.size(), m_overlayView, m_view);
        root->overlay->setRect(place.isEmpty() ? QRectF() : place.target);
        root->overlay->setSourceRect(place.isEmpty() ? QRectF() : place.source);
    }
    m_styleDirty = m_sceneDirty = m_imagesDirty = false;
    return root;
}

MapItem::Pick MapItem::pickAt(QPointF pos) const {
    Pick pick;
    if (!m_scene) return pick;
    // The layout is that of the overlay on screen, painted for m_overlayView.
    const QPointF inOverlay = m_overlayView.worldToScreen(m_view.screenToWorld(pos));
    if (const PlacedSymbol* s = m_layout.symbolAt(inOverlay, m_layout.symbolSize * 0.7)) {
        pick.facility = s->facility;
        if (s->badgeCount > 1) pick.badgeSite = s->siteKey;
        return pick;
    }
    if (m_scene->communes) {
        const bool visible = std::any_of(m_style.polygonLayers.begin(), m_style.polygonLayers.end(),
                                         [](const PolygonLayerDraw& d) { return d.layer == PolygonLayer::Communes && d.visible; });
        if (visible) pick.commune = m_scene->communes->featureAt(m_view.screenToWorld(pos));
    }
    return pick;
}

void MapItem::mousePressEvent(QMouseEvent* e) {
    forceActiveFocus();
    m_pressPos = m_lastDragPos = e->position();
    m_dragging = false;
    e->accept();
}

void MapItem::mouseMoveEvent(QMouseEvent* e) {
    const QPointF pos = e->position();
    if (!m_dragging && QLineF(pos, m_pressPos).length() >= kDragThresholdPx) m_dragging = true;
    if (m_dragging) {
        MapView v = m_view;
        v.panBy(pos - m_lastDragPos);
        m_lastDragPos = pos;
        setView(v);
    }
    e->accept();
}

void MapItem::mouseReleaseEvent(QMouseEvent* e) {
    if (!m_dragging && m_document) {
        const Pick pick = pickAt(e->position());
        if (!pick.badgeSite.isEmpty()) m_document->toggleExpandedSite(pick.badgeSite);
        else if (pick.facility >= 0) m_document->selectFacility(pick.facility);
        else m_document->selectCommune(pick.commune);
    }
    m_dragging = false;
    e->accept();
}

void MapItem::mouseDoubleClickEvent(QMouseEvent* e) {
    MapView v = m_view;
    v.zoomAround(e->position(), 2.0);
    setView(v);
    e->accept();
}

void MapItem::updateHover(QPointF pos) {
    if (!m_document) return;
    const Pick pick = pickAt(pos);
    m_document->setHovered(pick.commune, pick.facility);
    const QString text = pick.facility >= 0 ? m_document->facilityHoverText(pick.facility)
                                            : (pick.commune >= 0 ? m_document->communeHoverText(pick.commune) : QString());
    if (text != m_hoverText || pos != m_hoverPosition) {
        m_hoverText = text;
        m_hoverPosition = pos;
        emit hoverChanged();
    }
}

void MapItem::hoverMoveEvent(QHoverEvent* e) { updateHover(e->position()); }

void MapItem::hoverLeaveEvent(QHoverEvent*) {
    if (m_document) m_document->setHovered(-1, -1);
    m_hoverText.clear();
    emit hoverChanged();
}

void MapItem::wheelEvent(QWheelEvent* e) {
    const double steps = e->angleDelta().y() / 120.0;
    if (steps == 0) return;
    MapView v = m_view;
    v.zoomAround(e->position(), std::pow(1.25, steps));
    setView(v);
    e->accept();
}

void MapItem::keyPressEvent(QKeyEvent* e) {
    switch (e->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomIn(); break;
    case Qt::Key_Minus: zoomOut(); break;
    case Qt::Key_Left: panByPixels(80, 0); break;
    case Qt::Key_Right: panByPixels(-80, 0); break;
    case Qt::Key_Up: panByPixels(0, 80); break;
    case Qt::Key_Down: panByPixels(0, -80); break;
    case Qt::Key_Home: zoomToCapso(); break;
    default: QQuickItem::keyPressEvent(e); return;
    }
    e->accept();
}

}  // namespace maillage::app
