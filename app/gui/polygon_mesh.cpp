#include "app/gui/polygon_mesh.h"

#include "geo/core/geos.h"

namespace maillage::app {
namespace {

using geo::geos_handle;

void appendRing(const GEOSGeometry* ring, QPointF origin, PolygonLayerMesh& mesh,
                FeatureMesh& feature) {
    GEOSContextHandle_t h = geos_handle();
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
    unsigned int n = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &n) || n < 2) return;
    std::vector<double> xy(2 * static_cast<std::size_t>(n));
    GEOSCoordSeq_copyToBuffer_r(h, seq, xy.data(), 0, 0);
    QPolygonF poly;
    poly.reserve(static_cast<qsizetype>(n));
    for (unsigned int i = 0; i < n; ++i) {
        const double x = xy[2 * i] - origin.x();
        const double y = xy[2 * i + 1] - origin.y();
        poly.append(QPointF(x, y));
        feature.bounds.expand(xy[2 * i], xy[2 * i + 1]);
        if (i > 0) {
            mesh.lines.push_back({static_cast<float>(poly[i - 1].x()), static_cast<float>(poly[i - 1].y())});
            mesh.lines.push_back({static_cast<float>(x), static_cast<float>(y)});
            feature.lineVertexCount += 2;
        }
    }
    feature.path.addPolygon(poly);
    feature.path.closeSubpath();
}

void appendPolygon(const GEOSGeometry* polygon, QPointF origin, PolygonLayerMesh& mesh,
                   FeatureMesh& feature) {
    GEOSContextHandle_t h = geos_handle();
    appendRing(GEOSGetExteriorRing_r(h, polygon), origin, mesh, feature);
    const int holes = GEOSGetNumInteriorRings_r(h, polygon);
    for (int i = 0; i < holes; ++i) appendRing(GEOSGetInteriorRingN_r(h, polygon, i), origin, mesh, feature);
}

void appendTriangles(const GEOSGeometry* geometry, QPointF origin, PolygonLayerMesh& mesh,
                     FeatureMesh& feature) {
    GEOSContextHandle_t h = geos_handle();
    geo::GeomPtr tris = geo::geos_check(GEOSConstrainedDelaunayTriangulation_r(h, geometry),
                                        "constrained Delaunay triangulation");
    const int n = GEOSGetNumGeometries_r(h, tris.get());
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* tri = GEOSGetGeometryN_r(h, tris.get(), i);
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, GEOSGetExteriorRing_r(h, tri));
        double xy[8];
        unsigned int size = 0;
        if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &size) || size != 4) continue;
        GEOSCoordSeq_copyToBuffer_r(h, seq, xy, 0, 0);
        for (int v = 0; v < 3; ++v)
            mesh.triangles.push_back({static_cast<float>(xy[2 * v] - origin.x()),
                                      static_cast<float>(xy[2 * v + 1] - origin.y())});
        feature.triangleVertexCount += 3;
    }
}

}  // namespace

PolygonLayerMesh buildPolygonMesh(std::span<const GEOSGeometry* const> geometries, QPointF origin) {
    GEOSContextHandle_t h = geos_handle();
    PolygonLayerMesh mesh;
    mesh.origin = origin;
    mesh.features.reserve(geometries.size());
    for (const GEOSGeometry* g : geometries) {
        FeatureMesh feature;
        feature.firstTriangleVertex = static_cast<std::uint32_t>(mesh.triangles.size());
        feature.firstLineVertex = static_cast<std::uint32_t>(mesh.lines.size());
        feature.path.setFillRule(Qt::OddEvenFill);
        if (g && !GEOSisEmpty_r(h, g)) {
            const int type = GEOSGeomTypeId_r(h, g);
            if (type == GEOS_POLYGON) {
                appendPolygon(g, origin, mesh, feature);
            } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
                const int parts = GEOSGetNumGeometries_r(h, g);
                for (int i = 0; i < parts; ++i) {
                    const GEOSGeometry* part = GEOSGetGeometryN_r(h, g, i);
                    if (GEOSGeomTypeId_r(h, part) == GEOS_POLYGON) appendPolygon(part, origin, mesh, feature);
                }
            }
            appendTriangles(g, origin, mesh, feature);
        }
        // QPainterPath caches its bounds lazily inside const calls (contains()); computing them
        // now keeps later reads write-free, as the GUI thread and the raster worker share paths.
        (void)feature.path.boundingRect();
        (void)feature.path.controlPointRect();
        mesh.bounds.expand(feature.bounds);
        mesh.features.push_back(std::move(feature));
    }
    return mesh;
}

int PolygonLayerMesh::featureAt(QPointF world) const {
    const QPointF local = world - origin;
    for (std::size_t i = 0; i < features.size(); ++i) {
        const FeatureMesh& f = features[i];
        if (f.bounds.isEmpty() || world.x() < f.bounds.minX || world.x() > f.bounds.maxX ||
            world.y() < f.bounds.minY || world.y() > f.bounds.maxY)
            continue;
        if (f.path.contains(local)) return static_cast<int>(i);
    }
    return -1;
}

}  // namespace maillage::app
