// Coordinate reference systems and transforms, through PROJ.
//
// Axis order: every point here is (x, y) = (easting, northing) for projected CRSs and
// (longitude, latitude) in degrees for geographic ones, whatever the authority says
// (PROJ's proj_normalize_for_visualization is applied). Units are those of the CRS (metres
// for EPSG:2154 and EPSG:3035).
#pragma once

#include <span>
#include <string>
#include <string_view>

struct pj_ctx;
struct PJconsts;

namespace maillage::geo {

/// The CRSs Maillage uses. Everything stored in the project database is in Lambert-93.
namespace crs {
inline constexpr std::string_view kWgs84 = "EPSG:4326";      ///< lon/lat degrees (GeoJSON, OSM)
inline constexpr std::string_view kLambert93 = "EPSG:2154";  ///< RGF93 v1 / Lambert-93, metres
inline constexpr std::string_view kLaea = "EPSG:3035";       ///< ETRS89 / LAEA Europe (INSEE grid)
}  // namespace crs

struct XY {
    double x = 0.0;
    double y = 0.0;
    friend bool operator==(const XY&, const XY&) = default;
};

/// A PROJ transform between two CRSs, e.g. CrsTransform(crs::kWgs84, crs::kLambert93).
/// Owns its own PROJ context: one object per thread; moving is allowed, copying is not.
/// Throws CrsError if either CRS is unknown or a point cannot be transformed.
class CrsTransform {
public:
    CrsTransform(std::string_view from, std::string_view to);
    ~CrsTransform();
    CrsTransform(CrsTransform&&) noexcept;
    CrsTransform& operator=(CrsTransform&&) noexcept;
    CrsTransform(const CrsTransform&) = delete;
    CrsTransform& operator=(const CrsTransform&) = delete;

    [[nodiscard]] XY forward(XY p) const;
    [[nodiscard]] XY inverse(XY p) const;
    /// Transforms many points in place (xs[i], ys[i]); sizes must match.
    void forward(std::span<double> xs, std::span<double> ys) const;
    void inverse(std::span<double> xs, std::span<double> ys) const;

    [[nodiscard]] const std::string& source() const noexcept { return from_; }
    [[nodiscard]] const std::string& target() const noexcept { return to_; }

private:
    void transform(int direction, std::span<double> xs, std::span<double> ys) const;
    std::string from_;
    std::string to_;
    pj_ctx* context_ = nullptr;
    PJconsts* pj_ = nullptr;
};

/// True when `wkt_or_code` (an OGR/PROJ CRS definition) denotes the same CRS as `code`
/// (e.g. "EPSG:2154"), ignoring axis-order metadata. Used to validate input files.
[[nodiscard]] bool same_crs(std::string_view wkt_or_code, std::string_view code);

}  // namespace maillage::geo
