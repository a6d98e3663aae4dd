#include "app/gui/map_nodes.h"

#include <QSGFlatColorMaterial>
#include <QSGVertexColorMaterial>

#include <cmath>

namespace maillage::app {
namespace {
/// Without this flag the batch renderer merges our large meshes into shared vertex buffers and
/// re-transforms every vertex on the CPU whenever the view matrix changes (every pan step).
/// With it, each mesh keeps its own buffer and the matrix is applied by the vertex shader.
void keepOnGpu(QSGMaterial* material) { material->setFlag(QSGMaterial::RequiresFullMatrix); }
}  // namespace

MeshFillNode::MeshFillNode(const PolygonLayerMesh& mesh) {
    auto* geometry = new QSGGeometry(QSGGeometry::defaultAttributes_ColoredPoint2D(),
                                     static_cast<int>(mesh.triangles.size()));
    geometry->setDrawingMode(QSGGeometry::DrawTriangles);
    auto* v = geometry->vertexDataAsColoredPoint2D();
    for (const Vec2f& p : mesh.triangles) (v++)->set(p.x, p.y, 0, 0, 0, 255);
    setGeometry(geometry);
    auto* material = new QSGVertexColorMaterial;
    keepOnGpu(material);
    setMaterial(material);
    setFlags(OwnsGeometry | OwnsMaterial);
}

void MeshFillNode::setColors(const PolygonLayerMesh& mesh, const std::vector<QColor>& perFeature,
                             QColor fallback) {
    auto* v = geometry()->vertexDataAsColoredPoint2D();
    for (std::size_t i = 0; i < mesh.features.size(); ++i) {
        const FeatureMesh& f = mesh.features[i];
        const QColor c = i < perFeature.size() && perFeature[i].isValid() ? perFeature[i] : fallback;
        const auto r = static_cast<uchar>(c.red()), g = static_cast<uchar>(c.green()),
                   b = static_cast<uchar>(c.blue());
        for (std::uint32_t k = 0; k < f.triangleVertexCount; ++k) {
            auto& vertex = v[f.firstTriangleVertex + k];
            vertex.r = r;
            vertex.g = g;
            vertex.b = b;
            vertex.a = 255;
        }
    }
    markDirty(DirtyGeometry);
}

MeshLineNode::MeshLineNode(const std::vector<Vec2f>& segments, QColor color) {
    auto* geometry = new QSGGeometry(QSGGeometry::defaultAttributes_Point2D(), static_cast<int>(segments.size()));
    geometry->setDrawingMode(QSGGeometry::DrawLines);
    geometry->setLineWidth(1.0f);
    auto* v = geometry->vertexDataAsPoint2D();
    for (const Vec2f& p : segments) (v++)->set(p.x, p.y);
    setGeometry(geometry);
    auto* material = new QSGFlatColorMaterial;
    material->setColor(color);
    keepOnGpu(material);
    setMaterial(material);
    setFlags(OwnsGeometry | OwnsMaterial);
}

TriangleNode::TriangleNode(QColor color) {
    auto* geometry = new QSGGeometry(QSGGeometry::defaultAttributes_Point2D(), 0);
    geometry->setDrawingMode(QSGGeometry::DrawTriangles);
    setGeometry(geometry);
    auto* material = new QSGFlatColorMaterial;
    material->setColor(color);
    keepOnGpu(material);
    setMaterial(material);
    setFlags(OwnsGeometry | OwnsMaterial);
}

void TriangleNode::setTriangles(const std::vector<Vec2f>& triangles) {
    geometry()->allocate(static_cast<int>(triangles.size()));
    auto* v = geometry()->vertexDataAsPoint2D();
    for (const Vec2f& p : triangles) (v++)->set(p.x, p.y);
    markDirty(DirtyGeometry);
}

std::vector<Vec2f> thickLineTriangles(const std::vector<Vec2f>& segments, double widthMetres) {
    const float h = static_cast<float>(widthMetres / 2.0);
    const std::size_t count = segments.size() / 2;
    std::vector<Vec2f> out;
    out.reserve(count * 6);
    for (std::size_t s = 0; s < count; ++s) {
        const Vec2f a = segments[2 * s], b = segments[2 * s + 1];
        float dx = b.x - a.x, dy = b.y - a.y;
        const float len = std::sqrt(dx * dx + dy * dy);
        if (len <= 0) continue;
        dx /= len;
        dy /= len;
        // Extend along the segment by h (square caps) and offset by h along the normal.
        const float ax = a.x - dx * h, ay = a.y - dy * h, bx = b.x + dx * h, by = b.y + dy * h;
        const float nx = -dy * h, ny = dx * h;
        out.push_back({ax + nx, ay + ny});
        out.push_back({ax - nx, ay - ny});
        out.push_back({bx + nx, by + ny});
        out.push_back({bx + nx, by + ny});
        out.push_back({ax - nx, ay - ny});
        out.push_back({bx - nx, by - ny});
    }
    return out;
}

}  // namespace maillage::app
