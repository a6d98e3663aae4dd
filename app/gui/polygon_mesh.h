// Render-ready geometry of a polygon layer: fill triangles, outline segments and painter paths,
// all relative to a local origin.
//
// Contract: vertices are float offsets in metres from `origin` (Lambert-93). At Lambert-93
// magnitudes (x ~ 7e5, y ~ 7e6) a float holds absolute coordinates only to ~0.5 m; offsets
// from an origin inside the data keep sub-centimetre precision. Built on any thread (the
// calling thread's GEOS handle is used); the result is an immutable value that the GUI thread
// and the raster worker read concurrently (paths have their cached bounds computed up front)
// and the scene graph copies.
#pragma once

#include <QPainterPath>
#include <QPointF>

#include <cstdint>
#include <span>
#include <vector>

#include <geos_c.h>

#include "app/gui/map_view.h"

namespace maillage::app {

struct Vec2f {
    float x = 0, y = 0;
};

struct FeatureMesh {
    std::uint32_t firstTriangleVertex = 0;  ///< into PolygonLayerMesh::triangles
    std::uint32_t triangleVertexCount = 0;  ///< multiple of 3
    std::uint32_t firstLineVertex = 0;      ///< into PolygonLayerMesh::lines
    std::uint32_t lineVertexCount = 0;      ///< multiple of 2 (one segment per pair)
    WorldRect bounds;                       ///< absolute Lambert-93 metres
    QPainterPath path;                      ///< relative to origin, odd-even fill (holes)
};

struct PolygonLayerMesh {
    QPointF origin;
    std::vector<Vec2f> triangles;  ///< DrawTriangles, 3 vertices per triangle
    std::vector<Vec2f> lines;      ///< DrawLines, 2 vertices per segment
    std::vector<FeatureMesh> features;
    WorldRect bounds;

    /// Index of the feature whose polygon contains `world`, or -1. Linear scan with bbox
    /// rejection first; fine for thousands of features.
    [[nodiscard]] int featureAt(QPointF world) const;
};

/// Triangulates each (Multi)Polygon with GEOSConstrainedDelaunayTriangulation_r (holes and
/// concave rings handled) and collects ring segments. A null or empty geometry yields an empty
/// FeatureMesh so feature indices stay aligned with the input. Throws geo::GeometryError if
/// GEOS fails.
[[nodiscard]] PolygonLayerMesh buildPolygonMesh(std::span<const GEOSGeometry* const> geometries,
                                                QPointF origin);

}  // namespace maillage::app
