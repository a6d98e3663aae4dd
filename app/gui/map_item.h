// MapItem: the map canvas, a QQuickItem drawing a MapDocument's scene through the Qt Quick
// scene graph.
//
// Contract:
// - Geometry is prepared off the render thread (MapDocument builds the MapScene on a worker);
//   updatePolish() (GUI thread) lays out labels and symbols and paints the overlay image;
//   updatePaintNode() (render thread, GUI blocked) only syncs nodes from that prepared state.
// - Hardware (RHI) path: QSGTransformNode (view) → QSGOpacityNode (layer) → geometry nodes.
//   Software path (QT_QPA_PLATFORM=offscreen picks it automatically and ignores custom
//   geometry nodes): polygons are painted with QPainter into a QSGImageNode instead.
// - Progressive rendering (both paths): the polygons of every view are also painted into a
//   raster frame by a background worker (map_raster_worker.h), started once the view has been
//   still for 30 ms (bursts of wheel/drag steps leave the CPU to the frames). Meanwhile the last
//   frame and the last overlay (labels, symbols, highlight) are shown scaled/translated (two
//   textured quads), the area they do not cover in the background colour; when the frame of the
//   current view arrives it is swapped in (software path) or the geometry nodes come back
//   (hardware path) and the overlay is laid out and painted for the view. A style change
//   (hover, selection, filters) repaints the overlay for the current view at once. `sharp`
//   tells which state the map is in.
// - Input: drag pans, wheel zooms around the cursor, +/- and arrow keys, click selects (the
//   document's info panel follows), hover highlights.
// \note QML Type: MapCanvas
#pragma once

#include <QImage>
#include <QPointer>
#include <QQuickItem>
#include <QTimer>

#include <memory>

#include "app/gui/map_raster.h"
#include "app/gui/map_raster_worker.h"
#include "app/gui/map_scene.h"
#include "app/gui/map_style.h"
#include "app/gui/map_view.h"
#include "app/gui/overlay_layout.h"
#include "app/gui/sprite_cache.h"

namespace maillage::app {

class MapDocument;

class MapItem : public QQuickItem {
    Q_OBJECT
    QML_NAMED_ELEMENT(MapCanvas)
    /// The document whose scene and style are drawn.
    Q_PROPERTY(maillage::app::MapDocument* document READ document WRITE setDocument NOTIFY documentChanged)
    /// Ground metres per device-independent pixel at the current zoom (for the scale bar).
    Q_PROPERTY(double metresPerPixel READ metresPerPixel NOTIFY viewChanged)
    /// Short text about what is under the pointer ("Arques — 25,3 %"), empty if nothing.
    Q_PROPERTY(QString hoverText READ hoverText NOTIFY hoverChanged)
    Q_PROPERTY(QPointF hoverPosition READ hoverPosition NOTIFY hoverChanged)
    /// True when the software scene graph is in use (QPainter fallback active).
    Q_PROPERTY(bool softwareRendering READ softwareRendering NOTIFY renderingChanged)
    /// True when the map shows the exact rendering of the current view (not a transformed
    /// earlier frame waiting for the background render).
    Q_PROPERTY(bool sharp READ isSharp NOTIFY sharpChanged)

public:
    explicit MapItem(QQuickItem* parent = nullptr);
    ~MapItem() override;

    [[nodiscard]] MapDocument* document() const { return m_document; }
    void setDocument(MapDocument* document);
    [[nodiscard]] double metresPerPixel() const { return m_view.metresPerPixel(); }
    [[nodiscard]] QString hoverText() const { return m_hoverText; }
    [[nodiscard]] QPointF hoverPosition() const { return m_hoverPosition; }
    [[nodiscard]] bool softwareRendering() const { return m_software; }
    [[nodiscard]] bool isSharp() const;
    /// The last raster frame of the polygon layers (what the software path shows when sharp).
    [[nodiscard]] const RasterFrame& rasterFrame() const { return m_base; }
    /// Tests and benchmarks: keep finished background frames back (the interactive, transformed
    /// frame stays on screen) until released; releasing applies the last one held.
    void setHoldRasterFrames(bool hold);

    [[nodiscard]] const MapView& view() const { return m_view; }
    void setView(const MapView& view);
    /// The overlay layout (symbols and labels as drawn), in the screen coordinates of
    /// overlayView(): the current view once the map is sharp.
    [[nodiscard]] const OverlayLayout& overlayLayout() const { return m_layout; }
    [[nodiscard]] const MapView& overlayView() const { return m_overlayView; }

    Q_INVOKABLE void zoomIn();
    Q_INVOKABLE void zoomOut();
    Q_INVOKABLE void zoomToCapso();
    Q_INVOKABLE void zoomToBassin(int bassin);
    Q_INVOKABLE void panByPixels(double dx, double dy);
    /// Multiplies the scale by `factor` keeping the point (x, y) of the item fixed (pinch, wheel).
    Q_INVOKABLE void zoomAt(double x, double y, double factor);
    /// Screen position (item pixels) of a Lambert-93 point.
    Q_INVOKABLE QPointF worldToScreen(double x, double y) const;

signals:
    void documentChanged();
    void viewChanged();
    void hoverChanged();
    void renderingChanged();
    void sharpChanged();

protected:
    QSGNode* updatePaintNode(QSGNode* old, UpdatePaintNodeData*) override;
    void updatePolish() override;
    void geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void mouseDoubleClickEvent(QMouseEvent* e) override;
    void hoverMoveEvent(QHoverEvent* e) override;
    void hoverLeaveEvent(QHoverEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;

private:
    void onSceneChanged();
    void onStyleChanged();
    void onZoomRequested(double minX, double minY, double maxX, double maxY);
    void viewUpdated();
    void updateHover(QPointF pos);
    void detectBackend();
    [[nodiscard]] bool baseCurrent() const;
    void requestRaster(qreal dpr);
    void startRaster();
    void onRasterFrame(RasterFrame frame);
    void updateSharp();
    struct Pick {
        int commune = -1;
        int facility = -1;
        QString badgeSite;
    };
    [[nodiscard]] Pick pickAt(QPointF pos) const;

    QPointer<MapDocument> m_document;
    MapScenePtr m_scene;
    MapStyle m_style;
    MapView m_view;
    bool m_viewInitialised = false;
    bool m_software = false;
    bool m_backendKnown = false;

    // Prepared in updatePolish, consumed by updatePaintNode.
    OverlayLayout m_layout;
    LabelFonts m_fonts;
    SpriteCache m_sprites;
    QImage m_overlay;        ///< labels, symbols, highlight (both paths)
    MapView m_overlayView;   ///< the view m_overlay and m_layout were made for
    bool m_overlayDirty = true;  ///< style or scene changed since m_overlay was painted
    // Progressive rendering.
    std::unique_ptr<MapRasterWorker> m_worker;
    RasterFrame m_base;              ///< last raster frame; shown transformed while interacting
    bool m_baseDirty = true;         ///< m_base changed since its texture was made
    bool m_progressive = false;      ///< hardware path: m_base shown instead of the geometry
    bool m_holdFrames = false;
    RasterFrame m_held;
    RasterFrame m_requested;         ///< what the worker was last asked for (image unused)
    qreal m_rasterDpr = 1;
    QTimer m_rasterTimer;            ///< debounces requests during view bursts
    bool m_lastSharp = false;
    std::vector<Vec2f> m_bassinThick;  ///< hardware path: bassin outlines at the current scale
    double m_bassinThickScale = -1;
    bool m_thickDirty = false;
    bool m_sceneDirty = false;
    bool m_styleDirty = false;
    bool m_imagesDirty = false;

    // Interaction.
    QPointF m_pressPos;
    QPointF m_lastDragPos;
    bool m_dragging = false;
    QString m_hoverText;
    QPointF m_hoverPosition;
};

}  // namespace maillage::app
