#include "geo/isochrone/polygon_utils.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "geo/core/error.h"

namespace maillage::geo {

namespace {

struct RingBox {
    double min_x, min_y, max_x, max_y;
};

RingBox box_of(const std::vector<XY>& pts) {
    RingBox b{pts[0].x, pts[0].y, pts[0].x, pts[0].y};
    for (const XY& p : pts) {
        b.min_x = std::min(b.min_x, p.x);
        b.min_y = std::min(b.min_y, p.y);
        b.max_x = std::max(b.max_x, p.x);
        b.max_y = std::max(b.max_y, p.y);
    }
    return b;
}

// Crossing-number test; the point is never on the ring here (rings do not touch).
bool inside_ring(const std::vector<XY>& ring, XY q) noexcept {
    bool in = false;
    const std::size_t n = ring.size();
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const XY& a = ring[i];
        const XY& b = ring[j];
        if ((a.y > q.y) != (b.y > q.y) && q.x < (b.x - a.x) * (q.y - a.y) / (b.y - a.y) + a.x) in = !in;
    }
    return in;
}

GeomPtr linear_ring(const std::vector<XY>& pts) {
    auto h = geos_handle();
    std::vector<double> buffer;
    buffer.reserve(2 * (pts.size() + 1));
    for (const XY& p : pts) {
        buffer.push_back(p.x);
        buffer.push_back(p.y);
    }
    buffer.push_back(pts[0].x);
    buffer.push_back(pts[0].y);
    GEOSCoordSequence* seq = GEOSCoordSeq_copyFromBuffer_r(h, buffer.data(), pts.size() + 1, 0, 0);
    if (seq == nullptr) throw GeometryError("building a ring failed: " + geos_last_error());
    return geos_check(GEOSGeom_createLinearRing_r(h, seq), "building a linear ring");
}

}  // namespace

GeomPtr empty_multipolygon() {
    return geos_check(GEOSGeom_createEmptyCollection_r(geos_handle(), GEOS_MULTIPOLYGON),
                      "creating an empty multipolygon");
}

GeomPtr as_multipolygon(GeomPtr g) {
    auto h = geos_handle();
    const int type = GEOSGeomTypeId_r(h, g.get());
    if (type == GEOS_MULTIPOLYGON) return g;
    std::vector<GEOSGeometry*> parts;
    if (type == GEOS_POLYGON) {
        if (GEOSisEmpty_r(h, g.get()) == 1) return empty_multipolygon();
        parts.push_back(g.release());
    } else if (type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(h, g.get());
        for (int k = 0; k < n; ++k) {
            const GEOSGeometry* part = GEOSGetGeometryN_r(h, g.get(), k);
            const int part_type = GEOSGeomTypeId_r(h, part);
            if (part_type == GEOS_POLYGON && GEOSisEmpty_r(h, part) == 0) {
                parts.push_back(geom_clone(*part).release());
            } else if (part_type == GEOS_MULTIPOLYGON) {
                const int m = GEOSGetNumGeometries_r(h, part);
                for (int q = 0; q < m; ++q) parts.push_back(geom_clone(*GEOSGetGeometryN_r(h, part, q)).release());
            }
        }
    } else {
        return empty_multipolygon();
    }
    return geos_check(GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, parts.data(),
                                                  static_cast<unsigned>(parts.size())),
                      "building a multipolygon");
}

GeomPtr polygons_from_rings(const std::vector<ContourRing>& rings, double min_part_area_m2, RingValidity validity,
                            double* area_out) {
    auto h = geos_handle();
    std::vector<std::size_t> shells;
    std::vector<std::size_t> holes;
    for (std::size_t k = 0; k < rings.size(); ++k) {
        if (rings[k].points.size() < 3) continue;
        (rings[k].signed_area_m2 > 0.0 ? shells : holes).push_back(k);
    }
    std::vector<RingBox> shell_boxes;
    shell_boxes.reserve(shells.size());
    for (const std::size_t s : shells) shell_boxes.push_back(box_of(rings[s].points));

    // Each hole goes to the smallest shell containing it (rings never touch, so any vertex of
    // the hole decides). Every hole lies in some shell (contour.h), so among the shells whose
    // box holds the hole's vertex, tried from the smallest, the last needs no test.
    std::vector<std::size_t> by_area(shells.size());
    for (std::size_t s = 0; s < shells.size(); ++s) by_area[s] = s;
    std::sort(by_area.begin(), by_area.end(), [&](std::size_t a, std::size_t b) {
        return rings[shells[a]].signed_area_m2 < rings[shells[b]].signed_area_m2;
    });
    std::vector<std::vector<std::size_t>> holes_of(shells.size());
    std::vector<std::size_t> candidates;
    for (const std::size_t hole : holes) {
        const XY q = rings[hole].points[0];
        candidates.clear();
        for (const std::size_t s : by_area) {
            const RingBox& b = shell_boxes[s];
            if (q.x < b.min_x || q.x > b.max_x || q.y < b.min_y || q.y > b.max_y) continue;
            candidates.push_back(s);
        }
        if (candidates.empty()) {
            throw GeometryError("isochrone contour: a hole lies outside every outer ring (internal error)");
        }
        std::size_t chosen = candidates.back();
        for (std::size_t k = 0; k + 1 < candidates.size(); ++k) {
            if (inside_ring(rings[shells[candidates[k]]].points, q)) {
                chosen = candidates[k];
                break;
            }
        }
        holes_of[chosen].push_back(hole);
    }

    std::vector<GEOSGeometry*> polygons;
    double kept_area = 0.0;
    try {
        for (std::size_t s = 0; s < shells.size(); ++s) {
            const double part_area = rings[shells[s]].signed_area_m2 +
                                     [&] {
                                         double a = 0.0;
                                         for (const std::size_t hole : holes_of[s]) a += rings[hole].signed_area_m2;
                                         return a;
                                     }();
            if (part_area < min_part_area_m2) continue;
            kept_area += part_area;
            GeomPtr shell = linear_ring(rings[shells[s]].points);
            std::vector<GEOSGeometry*> inner;
            for (const std::size_t hole : holes_of[s]) inner.push_back(linear_ring(rings[hole].points).release());
            GEOSGeometry* poly = GEOSGeom_createPolygon_r(h, shell.release(), inner.data(),
                                                          static_cast<unsigned>(inner.size()));
            if (poly == nullptr) throw GeometryError("building a polygon failed: " + geos_last_error());
            polygons.push_back(poly);
        }
    } catch (...) {
        for (GEOSGeometry* p : polygons) GEOSGeom_destroy_r(h, p);
        throw;
    }
    GeomPtr multi = geos_check(GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, polygons.data(),
                                                           static_cast<unsigned>(polygons.size())),
                               "building a multipolygon");
    if (area_out != nullptr) *area_out = kept_area;
    if (validity == RingValidity::check_with_geos && GEOSisValid_r(h, multi.get()) != 1) {
        multi = as_multipolygon(geos_check(GEOSMakeValid_r(h, multi.get()), "making an isochrone valid"));
        if (GEOSisValid_r(h, multi.get()) != 1) {
            throw GeometryError("isochrone polygon is still invalid after repair: " + invalidity_reason(*multi));
        }
        if (area_out != nullptr) *area_out = area_m2(*multi);
    }
    return multi;
}

}  // namespace maillage::geo
