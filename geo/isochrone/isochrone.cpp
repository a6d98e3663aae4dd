#include "geo/isochrone/isochrone.h"

#include <cmath>
#include <stdexcept>

#include "geo/core/error.h"
#include "geo/isochrone/isochrone_engine.h"
#include "geo/routing/road_network.h"

namespace maillage::geo {


double isochrone_search_bound(double max_threshold_s) noexcept { return 1.25 * max_threshold_s + 60.0; }

IsochroneResult compute_isochrones(const routing::RoadNetwork& network, const IsochroneRequest& request) {
    if (request.thresholds_s.empty()) throw std::invalid_argument("isochrone: no threshold given");
    if (!(request.pixel_m > 0.0)) throw std::invalid_argument("isochrone: pixel size must be > 0 m");
    IsochroneEngine engine(network, request.pixel_m, request.direction, request.snap);
    return engine.compute(request.origins, request.thresholds_s, request.contour, request.extra_targets);
}

}  // namespace maillage::geo
