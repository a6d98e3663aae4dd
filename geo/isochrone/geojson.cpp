#include "geo/isochrone/geojson.h"

#include <cmath>
#include <vector>

#include "geo/core/crs.h"
#include "geo/core/error.h"

namespace maillage::geo {

namespace {

double rounded(double degrees) {
    constexpr double scale = 1e7;  // kGeoJsonDecimals
    static_assert(kGeoJsonDecimals == 7);
    return std::round(degrees * scale) / scale;
}

// One ring in lon/lat, closed, oriented counter-clockwise if `exterior`, clockwise otherwise.
nlohmann::json ring_json(GEOSContextHandle_t h, const GEOSGeometry& ring, const CrsTransform& to_wgs84,
                         bool exterior) {
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, &ring);
    unsigned n = 0;
    if (seq == nullptr || GEOSCoordSeq_getSize_r(h, seq, &n) == 0) throw GeometryError("reading a ring failed");
    std::vector<double> xs(n), ys(n);
    for (unsigned k = 0; k < n; ++k) {
        if (GEOSCoordSeq_getXY_r(h, seq, k, &xs[k], &ys[k]) == 0) throw GeometryError("reading a ring failed");
    }
    to_wgs84.forward(xs, ys);  // x = longitude, y = latitude
    for (unsigned k = 0; k < n; ++k) {
        xs[k] = rounded(xs[k]);
        ys[k] = rounded(ys[k]);
    }
    double twice_area = 0.0;  // shoelace in degrees, relative to the first point
    for (unsigned k = 0, prev = n - 1; k < n; prev = k++) {
        twice_area += (xs[prev] - xs[0]) * (ys[k] - ys[0]) - (xs[k] - xs[0]) * (ys[prev] - ys[0]);
    }
    const bool reverse = exterior ? twice_area < 0.0 : twice_area > 0.0;
    nlohmann::json coords = nlohmann::json::array();
    for (unsigned i = 0; i < n; ++i) {
        const unsigned k = reverse ? n - 1 - i : i;
        coords.push_back({xs[k], ys[k]});
    }
    if (n > 0 && (xs.front() != xs.back() || ys.front() != ys.back())) coords.push_back(coords.front());
    return coords;
}

nlohmann::json polygon_json(GEOSContextHandle_t h, const GEOSGeometry& polygon, const CrsTransform& to_wgs84) {
    nlohmann::json rings = nlohmann::json::array();
    rings.push_back(ring_json(h, *GEOSGetExteriorRing_r(h, &polygon), to_wgs84, true));
    const int holes = GEOSGetNumInteriorRings_r(h, &polygon);
    for (int k = 0; k < holes; ++k) rings.push_back(ring_json(h, *GEOSGetInteriorRingN_r(h, &polygon, k), to_wgs84, false));
    return rings;
}

}  // namespace

nlohmann::json rfc7946_multipolygon(const GEOSGeometry& lambert93) {
    auto h = geos_handle();
    const int type = GEOSGeomTypeId_r(h, &lambert93);
    if (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) {
        throw GeometryError("GeoJSON export expects a polygon or multipolygon");
    }
    thread_local const CrsTransform to_wgs84(crs::kLambert93, crs::kWgs84);
    nlohmann::json polygons = nlohmann::json::array();
    if (GEOSisEmpty_r(h, &lambert93) == 0) {
        if (type == GEOS_POLYGON) {
            polygons.push_back(polygon_json(h, lambert93, to_wgs84));
        } else {
            const int n = GEOSGetNumGeometries_r(h, &lambert93);
            for (int k = 0; k < n; ++k) polygons.push_back(polygon_json(h, *GEOSGetGeometryN_r(h, &lambert93, k), to_wgs84));
        }
    }
    return {{"type", "MultiPolygon"}, {"coordinates", polygons}};
}

}  // namespace maillage::geo
