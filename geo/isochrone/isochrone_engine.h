// Repeated isochrones on one network: pixel snapping cached per network.
//
// Timing a pixel centre means snapping it to the nearest edge (routing::SnapIndex) and adding
// node times; the snap does not depend on the origins, so the engine keeps it per pixel of a
// fixed grid aligned on multiples of pixel_m covering the network's box grown by the snap
// radius. Pixels are snapped lazily, the first time a query's window touches them; later
// queries only read the cache. The travel-time model is exactly routing/nearest.h's (the same
// formulas for the partial edge, sources on the same edge and the walking legs), so a pixel's
// time equals nearest_source_times at its centre; tests check it.
//
// Memory: 24 bytes per pixel of the domain (network box + snap radius), allocated up front —
// 15 MB for the CAPSO lattice at 100 m, 24 MB for a 100 km x 100 km network. Not thread-safe
// (owns its query scratch and cache): one engine per thread.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "geo/isochrone/isochrone.h"
#include "geo/routing/nearest.h"

namespace maillage::geo {

class IsochroneEngine {
public:
    /// Throws std::invalid_argument if pixel_m <= 0 or the grid would exceed 50 million pixels.
    IsochroneEngine(const routing::RoadNetwork& network, double pixel_m, routing::Direction direction,
                    routing::SnapOptions snap = {});

    /// Isochrones for `origins` (Lambert-93); see isochrone.h for the pipeline and contracts.
    /// `extra_targets` are timed by the same search (through routing::NearestSourceQuery).
    [[nodiscard]] IsochroneResult compute(std::span<const XY> origins, std::span<const double> thresholds_s,
                                          const ContourOptions& contour = {},
                                          std::span<const XY> extra_targets = {});

    [[nodiscard]] const RasterGrid& domain() const noexcept { return domain_; }
    /// Pixels snapped so far (the cache fill).
    [[nodiscard]] std::size_t snapped_pixels() const noexcept { return snapped_; }

private:
    struct PixelSnap {
        std::uint32_t edge;  // kNotSnapped until computed, routing::kInvalidId if off-network
        double fraction;
        double distance_m;
    };
    static constexpr std::uint32_t kNotSnapped = 0xFFFFFFFEu;

    const PixelSnap& snap_of(std::size_t index, XY centre);
    TimeRaster fill(const routing::NearestResult& search, std::span<const XY> origins, double bound_s,
                    const RasterGrid& window);

    const routing::RoadNetwork* network_;
    double pixel_m_;
    routing::Direction direction_;
    routing::SnapOptions snap_;
    RasterGrid domain_;
    std::vector<PixelSnap> cache_;
    std::size_t snapped_ = 0;
    routing::NearestSourceQuery query_;
};

}  // namespace maillage::geo
