// Isochrones on a road network: one bounded search, one travel-time raster, nested polygons.
//
// Pipeline (all in Lambert-93 metres and seconds):
//   1. a bounded multi-source search from the origins (routing::NearestSourceQuery) up to
//      `search_bound_s` = 1.25 x the largest threshold + 60 s, giving node times;
//   2. the raster extent: the nodes reached within the largest threshold, grown by the
//      farthest walking leg still possible (min(max snap distance, T_max x walking speed))
//      plus one pixel, snapped to multiples of the pixel size;
//   3. the raster: the SAME query model evaluated at every pixel centre (snap to the nearest
//      edge, partial edge, walking legs; see routing/nearest.h), so polygons and any table
//      computed with nearest_source_times agree; pixels beyond the bound are +inf;
//   4. contours (contour.h): nested cumulative polygons and bands, real holes, GEOS-valid.
// `extra_targets` (e.g. population cell centres) are evaluated in the same search, so counts
// "inside the isochrone" come from exactly the times that drew it.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "geo/isochrone/contour.h"
#include "geo/isochrone/time_raster.h"
#include "geo/routing/nearest.h"
#include "geo/routing/types.h"

namespace maillage::geo {

namespace routing {
class RoadNetwork;
}

struct IsochroneRequest {
    std::vector<XY> origins;              ///< Lambert-93 metres (facilities or a clicked point)
    std::vector<double> thresholds_s;     ///< strictly increasing, seconds (300, 600, 900…)
    double pixel_m = 100.0;               ///< raster cell size, metres
    /// to_source: time for someone at a place to reach the nearest origin (as in coverage);
    /// from_source: time from the origins outwards.
    routing::Direction direction = routing::Direction::to_source;
    routing::SnapOptions snap;
    ContourOptions contour;
    std::vector<XY> extra_targets;        ///< evaluated in the same search (e.g. cell centres)
};

struct IsochroneResult {
    TimeRaster raster;
    std::vector<IsochroneLevel> levels;
    std::vector<double> extra_seconds;            ///< per extra target; +inf beyond the bound
    std::vector<double> origin_snap_distance_m;   ///< +inf for an origin off the network
    double search_bound_s = 0.0;
    // Wall-clock timings, milliseconds.
    double search_ms = 0.0;
    double raster_ms = 0.0;
    double contour_ms = 0.0;
};

/// Throws geo::InputError when no origin can be snapped to the network (the message gives the
/// snap radius), std::invalid_argument for bad thresholds or pixel size.
[[nodiscard]] IsochroneResult compute_isochrones(const routing::RoadNetwork& network,
                                                 const IsochroneRequest& request);

/// The search bound used for a largest threshold (seconds): 1.25 x T + 60.
[[nodiscard]] double isochrone_search_bound(double max_threshold_s) noexcept;

}  // namespace maillage::geo
