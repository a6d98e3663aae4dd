#include "app/gui/polygon_mesh.h"

#include <gtest/gtest.h>

#include <cmath>

#include "app/gui/map_nodes.h"
#include "geo/core/geos.h"

using namespace maillage::app;
using maillage::geo::geom_from_wkt;

namespace {
double triangleArea(const std::vector<Vec2f>& t, std::size_t first, std::size_t count) {
    double area = 0;
    for (std::size_t i = first; i < first + count; i += 3)
        area += std::abs((t[i + 1].x - t[i].x) * (t[i + 2].y - t[i].y) - (t[i + 2].x - t[i].x) * (t[i + 1].y - t[i].y)) / 2;
    return area;
}
}  // namespace

// A 10 km square at Lambert-93 magnitudes with a 2 km hole, and a concave L: the triangles must
// cover exactly the polygon areas (holes excluded), and vertices are small offsets from the origin.
TEST(PolygonMesh, TrianglesCoverPolygonsWithHoles) {
    auto square = geom_from_wkt(
        "POLYGON((650000 7060000, 660000 7060000, 660000 7070000, 650000 7070000, 650000 7060000),"
        "(654000 7064000, 656000 7064000, 656000 7066000, 654000 7066000, 654000 7064000))");
    auto ell = geom_from_wkt(
        "MULTIPOLYGON(((661000 7060000, 665000 7060000, 665000 7062000, 663000 7062000, 663000 7066000, 661000 7066000, 661000 7060000)))");
    const GEOSGeometry* geoms[] = {square.get(), nullptr, ell.get()};
    const PolygonLayerMesh mesh = buildPolygonMesh(geoms, QPointF(655000, 7065000));
    ASSERT_EQ(mesh.features.size(), 3u);
    EXPECT_NEAR(triangleArea(mesh.triangles, mesh.features[0].firstTriangleVertex, mesh.features[0].triangleVertexCount),
                100e6 - 4e6, 1.0);
    EXPECT_EQ(mesh.features[1].triangleVertexCount, 0u);  // null geometry keeps its slot
    EXPECT_NEAR(triangleArea(mesh.triangles, mesh.features[2].firstTriangleVertex, mesh.features[2].triangleVertexCount),
                4e6 * 2 + 2e6 * 4, 1.0);  // 4x2 km base + 2x4 km upright
    // 4 outer + 4 hole segments for the square.
    EXPECT_EQ(mesh.features[0].lineVertexCount, 16u);
    for (const Vec2f& v : mesh.triangles) {
        EXPECT_LT(std::abs(v.x), 20000.f);
        EXPECT_LT(std::abs(v.y), 20000.f);
    }
    EXPECT_DOUBLE_EQ(mesh.bounds.minX, 650000);
    EXPECT_DOUBLE_EQ(mesh.bounds.maxX, 665000);
}

TEST(PolygonMesh, FeatureAtRespectsHoles) {
    auto square = geom_from_wkt(
        "POLYGON((650000 7060000, 660000 7060000, 660000 7070000, 650000 7070000, 650000 7060000),"
        "(654000 7064000, 656000 7064000, 656000 7066000, 654000 7066000, 654000 7064000))");
    const GEOSGeometry* geoms[] = {square.get()};
    const PolygonLayerMesh mesh = buildPolygonMesh(geoms, QPointF(655000, 7065000));
    EXPECT_EQ(mesh.featureAt({651000, 7061000}), 0);
    EXPECT_EQ(mesh.featureAt({655000, 7065000}), -1);  // in the hole
    EXPECT_EQ(mesh.featureAt({640000, 7065000}), -1);
}

// A thick line is one quad (two triangles) per segment, as wide as asked.
TEST(PolygonMesh, ThickLinesHaveTheRequestedWidth) {
    const std::vector<Vec2f> segment = {{0, 0}, {100, 0}};
    const auto tris = thickLineTriangles(segment, 10.0);
    ASSERT_EQ(tris.size() % 3, 0u);
    ASSERT_GE(tris.size(), 6u);
    float minY = 1e9f, maxY = -1e9f, minX = 1e9f, maxX = -1e9f;
    for (const Vec2f& v : tris) {
        minY = std::min(minY, v.y);
        maxY = std::max(maxY, v.y);
        minX = std::min(minX, v.x);
        maxX = std::max(maxX, v.x);
    }
    EXPECT_FLOAT_EQ(maxY - minY, 10.f);
    EXPECT_FLOAT_EQ(minX, -5.f);  // round caps reach half the width beyond the ends
    EXPECT_FLOAT_EQ(maxX, 105.f);
}
