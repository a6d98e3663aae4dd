#include "app/gui/map_nodes.h"

#include <QSGFlatColorMaterial>
#include <QSGVertexColorMaterial>

#include <algorithm>
#include <cmath>
#include <utility>

namespace maillage::app {
namespace {
/// Without this flag the batch renderer merges our large meshes into shared vertex buffers and
/// re-transforms every vertex on the CPU whenever the view matrix changes (every pan step).
/// With it, each mesh keeps its own buffer and the matrix is applied by the vertex shader.
void keepOnGpu(QSGMaterial* material) { material->setFlag(QSGMaterial::RequiresFullMatrix); }

/// Gives `node` its geometry and a flat-colour material, both owned by the node.
void setFlatColor(QSGGeometryNode& node, QSGGeometry* geometry, QColor color) {
    node.setGeometry(geometry);
    auto* material = new QSGFlatColorMaterial;
    material->setColor(color);
    keepOnGpu(material);
    node.setMaterial(material);
    node.setFlags(QSGNode::OwnsGeometry | QSGNode::OwnsMaterial);
}
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
    setFlatColor(*this, geometry, color);
}

TriangleNode::TriangleNode(QColor color) {
    auto* geometry = new QSGGeometry(QSGGeometry::defaultAttributes_Point2D(), 0);
    geometry->setDrawingMode(QSGGeometry::DrawTriangles);
    setFlatColor(*this, geometry, color);
}

void TriangleNode::setTriangles(const std::vector<Vec2f>& triangles) {
    geometry()->allocate(static_cast<int>(triangles.size()));
    auto* v = geometry()->vertexDataAsPoint2D();
    for (const Vec2f& p : triangles) (v++)->set(p.x, p.y);
    markDirty(DirtyGeometry);
}

namespace {

constexpr double kPi = 3.14159265358979323846;
/// Largest angle one fan triangle of a round join or cap spans (π/8: at 1.3 px radius the chord
/// is within 0.03 px of the arc).
constexpr double kFanStep = kPi / 8;

/// Triangles from `centre` sweeping the vector `from` by `angle` radians (sign = direction).
void appendFan(std::vector<Vec2f>& out, Vec2f centre, Vec2f from, double angle) {
    const int steps = std::max(1, static_cast<int>(std::ceil(std::abs(angle) / kFanStep)));
    const double step = angle / steps;
    Vec2f prev{centre.x + from.x, centre.y + from.y};
    for (int i = 1; i <= steps; ++i) {
        const double c = std::cos(step * i), s = std::sin(step * i);
        const Vec2f next{centre.x + static_cast<float>(from.x * c - from.y * s), centre.y + static_cast<float>(from.x * s + from.y * c)};
        out.push_back(centre);
        out.push_back(prev);
        out.push_back(next);
        prev = next;
    }
}

bool same(Vec2f a, Vec2f b) { return a.x == b.x && a.y == b.y; }

}  // namespace

std::vector<Vec2f> thickLineTriangles(const std::vector<Vec2f>& segments, double widthMetres) {
    const float h = static_cast<float>(widthMetres / 2.0);
    const std::size_t count = segments.size() / 2;
    std::vector<Vec2f> out;
    out.reserve(count * 12);
    const auto direction = [&](std::size_t s) -> std::pair<Vec2f, bool> {
        const Vec2f a = segments[2 * s], b = segments[2 * s + 1];
        const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
        if (len <= 0) return {{0, 0}, false};
        return {{dx / len, dy / len}, true};
    };
    for (std::size_t s = 0; s < count; ++s) {
        const Vec2f a = segments[2 * s], b = segments[2 * s + 1];
        const auto [d, ok] = direction(s);
        if (!ok) continue;
        const Vec2f n{-d.y * h, d.x * h};  // left normal, half width long
        out.push_back({a.x + n.x, a.y + n.y});
        out.push_back({a.x - n.x, a.y - n.y});
        out.push_back({b.x + n.x, b.y + n.y});
        out.push_back({b.x + n.x, b.y + n.y});
        out.push_back({a.x - n.x, a.y - n.y});
        out.push_back({b.x - n.x, b.y - n.y});
        // Round cap where the chain starts: half a disc behind `a`.
        if (s == 0 || !same(segments[2 * s - 1], a)) appendFan(out, a, {-n.x, -n.y}, -kPi);
        const bool joined = s + 1 < count && same(segments[2 * s + 2], b) && direction(s + 1).second;
        if (!joined) {
            appendFan(out, b, n, -kPi);  // round cap ahead of `b`
            continue;
        }
        // Round join: fill the wedge on the outer side of the turn, between both offsets.
        const Vec2f e = direction(s + 1).first;
        const double cross = static_cast<double>(d.x) * e.y - static_cast<double>(d.y) * e.x;
        const double dot = static_cast<double>(d.x) * e.x + static_cast<double>(d.y) * e.y;
        const double angle = std::atan2(std::abs(cross), dot);
        if (angle < 1e-4) continue;
        const float side = cross > 0 ? -1.0f : 1.0f;  // left turn: outer side is on the right
        appendFan(out, b, {side * n.x, side * n.y}, cross > 0 ? angle : -angle);
    }
    return out;
}

}  // namespace maillage::app
