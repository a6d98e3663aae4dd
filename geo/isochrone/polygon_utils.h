// Assembling oriented rings into valid GEOS MultiPolygons (Lambert-93 metres).
#pragma once

#include <vector>

#include "geo/core/geos.h"
#include "geo/isochrone/contour.h"

namespace maillage::geo {

/// How polygons_from_rings makes sure its result is valid.
enum class RingValidity {
    /// The rings are simple, pairwise disjoint (not even touching) and have >= 4 distinct
    /// points, as contour_rings guarantees by construction (see contour.h): no GEOS check.
    by_construction,
    /// Check with GEOSisValid; repair with GEOSMakeValid only if needed.
    check_with_geos,
};

/// Builds a MultiPolygon from non-crossing oriented rings: counter-clockwise rings are outer
/// boundaries, clockwise rings are holes, each hole going to the smallest outer ring that
/// contains it. Outer rings smaller than `min_part_area_m2` are dropped with their holes;
/// holes are always kept. Throws GeometryError if a hole has no enclosing ring. If `area_out`
/// is given it receives the area of the result (sum of the kept rings' signed areas).
[[nodiscard]] GeomPtr polygons_from_rings(const std::vector<ContourRing>& rings, double min_part_area_m2,
                                          RingValidity validity = RingValidity::check_with_geos,
                                          double* area_out = nullptr);

/// The polygonal part of any geometry as a MultiPolygon (Polygon → MultiPolygon of one,
/// GeometryCollection → its polygons, lines and points dropped, empty → empty MultiPolygon).
[[nodiscard]] GeomPtr as_multipolygon(GeomPtr g);

/// An empty MultiPolygon.
[[nodiscard]] GeomPtr empty_multipolygon();

}  // namespace maillage::geo
