#include "geo/isochrone/isochrone.h"

#include <chrono>
#include <cmath>
#include <stdexcept>

#include "geo/core/error.h"
#include "geo/routing/road_network.h"

namespace maillage::geo {

namespace {

double elapsed_ms(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

double isochrone_search_bound(double max_threshold_s) noexcept { return 1.25 * max_threshold_s + 60.0; }

IsochroneResult compute_isochrones(const routing::RoadNetwork& network, const IsochroneRequest& request) {
    if (request.thresholds_s.empty()) throw std::invalid_argument("isochrone: no threshold given");
    if (!(request.pixel_m > 0.0)) throw std::invalid_argument("isochrone: pixel size must be > 0 m");
    const double t_max = request.thresholds_s.back();
    IsochroneResult result;
    result.search_bound_s = isochrone_search_bound(t_max);

    // 1-2. Search once without targets to find the reachable extent.
    auto start = std::chrono::steady_clock::now();
    routing::NearestSourceQuery query(network, request.direction);
    const routing::NearestResult nodes = query.run(request.origins, {}, result.search_bound_s, request.snap);
    result.origin_snap_distance_m = nodes.source_snap_distance_m;
    if (nodes.unsnapped_source_count() == request.origins.size()) {
        throw InputError({network.metadata().source, "", std::nullopt},
                         "no isochrone origin lies within " + std::to_string(request.snap.max_snap_distance_m) +
                             " m of the road network");
    }
    Box extent;
    const auto xy = network.node_xy();
    for (std::size_t v = 0; v < nodes.node_seconds.size(); ++v) {
        if (nodes.node_seconds[v] <= t_max) extent.extend(xy[v]);
    }
    for (std::size_t s = 0; s < request.origins.size(); ++s) {
        if (std::isfinite(nodes.source_snap_distance_m[s])) extent.extend(request.origins[s]);
    }
    const double walk_reach =
        std::min(request.snap.max_snap_distance_m, t_max * request.snap.walking_speed_m_per_s /
                                                       std::max(1.0, request.snap.walking_detour_factor));
    const RasterGrid grid = RasterGrid::covering(extent.grown(walk_reach + request.pixel_m), request.pixel_m);
    result.search_ms = elapsed_ms(start);

    // 3. The raster and the extra targets, one query.
    start = std::chrono::steady_clock::now();
    std::vector<XY> targets = grid.centres();
    const std::size_t pixels = targets.size();
    targets.insert(targets.end(), request.extra_targets.begin(), request.extra_targets.end());
    const routing::NearestResult times = query.run(request.origins, targets, result.search_bound_s, request.snap);
    result.raster = TimeRaster::from_samples(grid, std::span<const double>(times.seconds).first(pixels));
    result.extra_seconds.assign(times.seconds.begin() + static_cast<std::ptrdiff_t>(pixels), times.seconds.end());
    result.raster_ms = elapsed_ms(start);

    // 4. Contours.
    start = std::chrono::steady_clock::now();
    result.levels = isochrone_levels(result.raster, request.thresholds_s, request.contour);
    result.contour_ms = elapsed_ms(start);
    return result;
}

}  // namespace maillage::geo
