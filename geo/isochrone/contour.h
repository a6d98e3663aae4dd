// Isochrone polygons: marching squares on a TimeRaster, rings assembled into polygons with
// real holes, checked with GEOS. Lambert-93 (EPSG:2154) metres in, Lambert-93 out.
//
// Meaning of the polygon for a threshold T (seconds): the region where the travel-time field
// is <= T, the field being known at cell centres and interpolated linearly along the edges
// between neighbouring centres. Precisely:
//   - a cell centre is inside iff its time <= T (so every centre with t <= T is inside the
//     polygon, at least `kMinEdgeFraction` of a cell away from its boundary), except an
//     isolated centre whose diamond is smaller than ContourOptions::min_part_area_m2 (it is
//     then within a fraction of a second of T);
//   - on the segment between two neighbouring centres with times a <= T < b, the boundary
//     crosses at fraction (T - a) / (b - a) from the first one; when b is +inf (unreachable,
//     or outside the raster, which is treated as a ring of +inf cells) it crosses half-way;
//     fractions are clamped to [kMinEdgeFraction, 1 - kMinEdgeFraction] so rings never pass
//     exactly through a centre (which would make rings touch);
//   - a saddle (two diagonal centres inside, two outside) is resolved by the mean of the four
//     corner times: mean <= T joins the two inside corners, otherwise they stay apart.
// Validity, by construction: every boundary segment lies inside one cell with its ends on two
// different cell edges; each crossed cell edge carries exactly one crossing point (kept at least
// kMinEdgeFraction of a cell from both corners), which ends one segment and starts the next, so
// rings are simple, have >= 4 distinct points, and no two rings share a point; the two segments
// of a saddle cell cut off opposite corners and cannot meet. Holes are assigned to the smallest
// enclosing outer ring. The polygons are therefore OGC-valid without a GEOS check (tests check
// it with GEOSisValid on noisy fields full of saddles, ties and holes);
// ContourOptions::check_validity_with_geos adds the GEOS check as a safety net.
// Consequences, by construction: for T1 < T2 the polygon of T1 lies inside the polygon of T2
// (crossing fractions grow with T, and a saddle joined at T1 is joined at T2); holes are real
// (an unreachable lake or a slow pocket inside the area is a hole, never filled); disjoint
// reachable areas give separate parts of a MultiPolygon.
#pragma once

#include <span>
#include <vector>

#include "geo/core/geos.h"
#include "geo/isochrone/time_raster.h"

namespace maillage::geo {

/// Crossing fractions are kept this far (in cells) from the cell centres. At 200 m cells:
/// 0.2 m. See the contract above.
inline constexpr double kMinEdgeFraction = 1e-3;

struct ContourOptions {
    /// Parts (outer rings, with their holes) smaller than this are dropped as numerical
    /// slivers, in square metres. The default keeps anything a map could show: a single
    /// reachable 100 m pixel alone gives a ~5 000 m² diamond. Holes are NEVER dropped or
    /// filled (filling holes is what makes other tools include unreachable areas).
    double min_part_area_m2 = 1.0;
    /// Also check the result with GEOSisValid (and repair with GEOSMakeValid if that ever
    /// failed). Off by default: the polygons are valid by construction (see above) and the
    /// check costs more than the contouring itself.
    bool check_validity_with_geos = false;
};

/// One closed ring of a contour, Lambert-93 metres, first point not repeated.
/// Counter-clockwise (positive signed area) = outer boundary, clockwise = hole.
struct ContourRing {
    std::vector<XY> points;
    double signed_area_m2 = 0.0;
};

/// The raw oriented rings of {t <= threshold} (no GEOS), the region inside on the left.
[[nodiscard]] std::vector<ContourRing> contour_rings(const TimeRaster& raster, double threshold_s);

/// The region {t <= threshold} as a valid MultiPolygon (possibly empty), Lambert-93.
/// Throws GeometryError if GEOS cannot make it valid.
[[nodiscard]] GeomPtr contour_polygon(const TimeRaster& raster, double threshold_s,
                                      const ContourOptions& options = {});

/// One threshold of an isochrone set.
struct IsochroneLevel {
    double threshold_s = 0.0;  ///< T_k, seconds
    GeomPtr cumulative;        ///< {t <= T_k}, MultiPolygon
    GeomPtr band;              ///< {T_{k-1} < t <= T_k} (T_{-1} = -inf), MultiPolygon or empty
    double cumulative_area_m2 = 0.0;
    double band_area_m2 = 0.0;
};

/// Isochrones for several thresholds from one raster. Thresholds must be finite, > 0 and
/// strictly increasing (throws std::invalid_argument otherwise). cumulative[k] is covered by
/// cumulative[k+1] by construction; bands are the GEOS differences of consecutive levels.
[[nodiscard]] std::vector<IsochroneLevel> isochrone_levels(const TimeRaster& raster,
                                                           std::span<const double> thresholds_s,
                                                           const ContourOptions& options = {});

/// Area of a (multi)polygon in square metres (GEOSArea).
[[nodiscard]] double area_m2(const GEOSGeometry& g);

}  // namespace maillage::geo
