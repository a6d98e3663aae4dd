// Polygons as RFC 7946 GeoJSON geometries.
//
// RFC 7946 fixes the CRS to WGS84 longitude/latitude (no "crs" member), and asks for exterior
// rings counter-clockwise and holes clockwise (right-hand rule). Maillage computes in
// Lambert-93 (EPSG:2154); this converts at the very end, for files meant for web maps and
// other tools. GeoPackage outputs stay in Lambert-93 (areas and distances are measured there).
#pragma once

#include <nlohmann/json.hpp>

#include "geo/core/geos.h"

namespace maillage::geo {

/// Decimal places of the written degrees: 1e-7 degree is about 1 cm (GDAL's RFC 7946 default).
inline constexpr int kGeoJsonDecimals = 7;

/// A Polygon or MultiPolygon in Lambert-93 as a GeoJSON MultiPolygon geometry object:
/// coordinates transformed to [longitude, latitude] degrees (PROJ, EPSG:2154 -> EPSG:4326) and
/// rounded to kGeoJsonDecimals, every ring closed, exterior rings counter-clockwise and holes
/// clockwise in lon/lat (reversed where needed, whatever the input orientation). An empty
/// geometry gives a MultiPolygon with no coordinates. Throws GeometryError for other types.
[[nodiscard]] nlohmann::json rfc7946_multipolygon(const GEOSGeometry& lambert93);

}  // namespace maillage::geo
