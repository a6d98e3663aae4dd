// Assembling oriented rings into valid GEOS MultiPolygons (Lambert-93 metres).
#pragma once

#include <vector>

#include "geo/core/geos.h"
#include "geo/isochrone/contour.h"

namespace maillage::geo {

/// Builds a MultiPolygon from non-crossing oriented rings: counter-clockwise rings are outer
/// boundaries, clockwise rings are holes, each hole going to the smallest outer ring that
/// contains it. Outer rings smaller than `min_part_area_m2` are dropped with their holes;
/// holes are always kept. The result is checked with GEOSisValid and repaired with
/// GEOSMakeValid only if needed. Throws GeometryError if a hole has no enclosing ring.
[[nodiscard]] GeomPtr polygons_from_rings(const std::vector<ContourRing>& rings, double min_part_area_m2);

/// The polygonal part of any geometry as a MultiPolygon (Polygon → MultiPolygon of one,
/// GeometryCollection → its polygons, lines and points dropped, empty → empty MultiPolygon).
[[nodiscard]] GeomPtr as_multipolygon(GeomPtr g);

/// An empty MultiPolygon.
[[nodiscard]] GeomPtr empty_multipolygon();

}  // namespace maillage::geo
