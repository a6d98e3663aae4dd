// A regular raster of travel times, the single source of isochrone polygons.
//
// Contract: cells are square, `cell_m` metres wide, in Lambert-93 (EPSG:2154); column i grows
// eastwards from `origin.x`, row j grows northwards from `origin.y` (origin = lower-left corner
// of cell (0, 0)). Each value is the travel time in seconds sampled at the cell CENTRE; +inf
// means unreachable (or beyond the search bound). NaN is never stored (filling rejects it).
// Storage is row-major: value(i, j) = seconds[j * nx + i]. float is enough: 1e-4 s resolution
// below 30 min, and half the memory traffic of double for the contouring pass.
#pragma once

#include <cstddef>
#include <functional>
#include <limits>
#include <span>
#include <vector>

#include "geo/core/crs.h"

namespace maillage::geo {

/// An axis-aligned box in Lambert-93 metres.
struct Box {
    double min_x = std::numeric_limits<double>::infinity();
    double min_y = std::numeric_limits<double>::infinity();
    double max_x = -std::numeric_limits<double>::infinity();
    double max_y = -std::numeric_limits<double>::infinity();

    [[nodiscard]] bool empty() const noexcept { return !(min_x <= max_x && min_y <= max_y); }
    void extend(XY p) noexcept;
    /// The box grown by `margin_m` metres on every side.
    [[nodiscard]] Box grown(double margin_m) const noexcept;
};

/// The geometry of a raster: where it is and how fine.
struct RasterGrid {
    XY origin;            ///< lower-left corner of cell (0, 0), Lambert-93 metres
    double cell_m = 0.0;  ///< cell width and height, metres (> 0)
    int nx = 0;           ///< columns (eastwards)
    int ny = 0;           ///< rows (northwards)

    /// The smallest grid of `cell_m` cells covering `extent`, snapped to multiples of `cell_m`
    /// (so rasters built for the same area align). Throws std::invalid_argument if the extent
    /// is empty, cell_m <= 0, or the grid would exceed `max_cells` cells.
    [[nodiscard]] static RasterGrid covering(const Box& extent, double cell_m,
                                             std::size_t max_cells = 25'000'000);

    [[nodiscard]] std::size_t size() const noexcept {
        return static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny);
    }
    [[nodiscard]] XY centre(int i, int j) const noexcept {
        return {origin.x + (i + 0.5) * cell_m, origin.y + (j + 0.5) * cell_m};
    }
    /// Every cell centre, row-major (same order as TimeRaster::seconds).
    [[nodiscard]] std::vector<XY> centres() const;
};

struct TimeRaster {
    RasterGrid grid;
    std::vector<float> seconds;  ///< row-major, size grid.size(); +inf = unreachable

    [[nodiscard]] float at(int i, int j) const noexcept {
        return seconds[static_cast<std::size_t>(j) * static_cast<std::size_t>(grid.nx) +
                       static_cast<std::size_t>(i)];
    }

    /// Fills a raster from times sampled at the cell centres, row-major (e.g. the result of
    /// nearest_source_times on grid.centres()). Throws std::invalid_argument on a size
    /// mismatch or a NaN (negative times are rejected too: travel times are >= 0).
    [[nodiscard]] static TimeRaster from_samples(const RasterGrid& grid,
                                                 std::span<const double> seconds);

    /// Fills a raster by evaluating `seconds_at(centre)` at every cell centre.
    [[nodiscard]] static TimeRaster from_function(const RasterGrid& grid,
                                                  const std::function<double(XY)>& seconds_at);

    /// Bounding box of the cells whose time is <= max_seconds (empty box if none).
    [[nodiscard]] Box reachable_extent(double max_seconds) const;
};

}  // namespace maillage::geo
