// Scene-graph nodes of the hardware (RHI) path: polygon fills with per-vertex colours, hairline
// outlines, and thick lines rebuilt per zoom level. All geometry is float, relative to the
// mesh's origin, and placed on screen by a parent QSGTransformNode.
#pragma once

#include <QColor>
#include <QSGGeometryNode>

#include <vector>

#include "app/gui/polygon_mesh.h"

namespace maillage::app {

/// Filled triangles, each feature in its own colour (QSGVertexColorMaterial).
class MeshFillNode : public QSGGeometryNode {
public:
    explicit MeshFillNode(const PolygonLayerMesh& mesh);
    /// Recolours in place (one colour per feature; missing entries use `fallback`).
    void setColors(const PolygonLayerMesh& mesh, const std::vector<QColor>& perFeature, QColor fallback);
};

/// Hairline segments (DrawLines, 1 px, the only width every RHI backend supports).
class MeshLineNode : public QSGGeometryNode {
public:
    MeshLineNode(const std::vector<Vec2f>& segments, QColor color);
};

/// Triangles drawing `segments` (pairs of vertices) `widthMetres` wide with round joins and round
/// caps, like QPen(Qt::RoundCap, Qt::RoundJoin) on the software path: one quad per segment, a fan
/// filling the outer wedge where consecutive segments (b of one == a of the next) turn, a half
/// disc at each chain end. The covered area is every point within half the width of the line
/// (up to the fans' chords, π/8 per triangle). A line of constant screen width is rebuilt from
/// this when the scale changes (GUI thread, in polish).
[[nodiscard]] std::vector<Vec2f> thickLineTriangles(const std::vector<Vec2f>& segments, double widthMetres);

/// Flat-colour triangles (the output of thickLineTriangles), replaced wholesale.
class TriangleNode : public QSGGeometryNode {
public:
    explicit TriangleNode(QColor color);
    void setTriangles(const std::vector<Vec2f>& triangles);
};

}  // namespace maillage::app
