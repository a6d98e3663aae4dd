#include "geo/isochrone/time_raster.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace maillage::geo {

void Box::extend(XY p) noexcept {
    min_x = std::min(min_x, p.x);
    min_y = std::min(min_y, p.y);
    max_x = std::max(max_x, p.x);
    max_y = std::max(max_y, p.y);
}

Box Box::grown(double margin_m) const noexcept {
    if (empty()) return *this;
    return {min_x - margin_m, min_y - margin_m, max_x + margin_m, max_y + margin_m};
}

RasterGrid RasterGrid::covering(const Box& extent, double cell_m, std::size_t max_cells) {
    if (!(cell_m > 0.0) || !std::isfinite(cell_m)) {
        throw std::invalid_argument("raster cell size must be a positive number of metres, got " +
                                    std::to_string(cell_m));
    }
    if (extent.empty() || !std::isfinite(extent.min_x) || !std::isfinite(extent.max_x) ||
        !std::isfinite(extent.min_y) || !std::isfinite(extent.max_y)) {
        throw std::invalid_argument("raster extent is empty or not finite");
    }
    const double x0 = std::floor(extent.min_x / cell_m) * cell_m;
    const double y0 = std::floor(extent.min_y / cell_m) * cell_m;
    const double fx = std::ceil((extent.max_x - x0) / cell_m);
    const double fy = std::ceil((extent.max_y - y0) / cell_m);
    const double nx = std::max(1.0, fx);
    const double ny = std::max(1.0, fy);
    if (nx * ny > static_cast<double>(max_cells)) {
        throw std::invalid_argument("raster of " + std::to_string(static_cast<long long>(nx)) + " x " +
                                    std::to_string(static_cast<long long>(ny)) + " cells of " +
                                    std::to_string(cell_m) + " m exceeds the limit of " +
                                    std::to_string(max_cells) + " cells");
    }
    return {{x0, y0}, cell_m, static_cast<int>(nx), static_cast<int>(ny)};
}

std::vector<XY> RasterGrid::centres() const {
    std::vector<XY> out;
    out.reserve(size());
    for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i) out.push_back(centre(i, j));
    return out;
}

TimeRaster TimeRaster::from_samples(const RasterGrid& grid, std::span<const double> seconds) {
    if (seconds.size() != grid.size()) {
        throw std::invalid_argument("time raster expects " + std::to_string(grid.size()) +
                                    " samples, got " + std::to_string(seconds.size()));
    }
    TimeRaster r{grid, std::vector<float>(seconds.size())};
    for (std::size_t k = 0; k < seconds.size(); ++k) {
        const double t = seconds[k];
        if (std::isnan(t) || t < 0.0) {
            throw std::invalid_argument("time raster sample " + std::to_string(k) +
                                        " is not a travel time (NaN or negative)");
        }
        r.seconds[k] = static_cast<float>(t);
    }
    return r;
}

TimeRaster TimeRaster::from_function(const RasterGrid& grid,
                                     const std::function<double(XY)>& seconds_at) {
    std::vector<double> samples;
    samples.reserve(grid.size());
    for (int j = 0; j < grid.ny; ++j)
        for (int i = 0; i < grid.nx; ++i) samples.push_back(seconds_at(grid.centre(i, j)));
    return from_samples(grid, samples);
}

Box TimeRaster::reachable_extent(double max_seconds) const {
    Box box;
    for (int j = 0; j < grid.ny; ++j) {
        for (int i = 0; i < grid.nx; ++i) {
            if (at(i, j) <= max_seconds) {
                const XY c = grid.centre(i, j);
                box.extend(c);
            }
        }
    }
    return box;
}

}  // namespace maillage::geo
