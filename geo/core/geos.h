// GEOS through its reentrant C API, behind RAII.
//
// Contract: one GEOS context per thread (geos_handle() returns the calling thread's), created
// on first use with error and notice handlers installed. Geometries are owned by GeomPtr and
// must be destroyed on the thread that created them. GEOS errors become GeometryError.
#pragma once

#include <geos_c.h>

#include <memory>
#include <span>
#include <string>
#include <vector>

namespace maillage::geo {

/// The calling thread's GEOS handle (created on first call, finished at thread exit).
[[nodiscard]] GEOSContextHandle_t geos_handle();

struct GeomDeleter {
    void operator()(GEOSGeometry* g) const noexcept;
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

/// Wraps a GEOS result; throws GeometryError("<what> failed: <GEOS message>") when it is null.
[[nodiscard]] GeomPtr geos_check(GEOSGeometry* g, const char* what);

/// Reads and writes ISO WKB (as stored in GeoPackage blobs after their header).
[[nodiscard]] GeomPtr geom_from_wkb(std::span<const unsigned char> wkb);
[[nodiscard]] std::vector<unsigned char> geom_to_wkb(const GEOSGeometry& g);
[[nodiscard]] GeomPtr geom_from_wkt(const std::string& wkt);
[[nodiscard]] std::string geom_to_wkt(const GEOSGeometry& g, int decimals = 3);

/// Validity check with the reason GEOS gives ("Self-intersection[x y]"), empty when valid.
[[nodiscard]] std::string invalidity_reason(const GEOSGeometry& g);

/// A copy of `g` (the GEOS API consumes geometries in collections).
[[nodiscard]] GeomPtr geom_clone(const GEOSGeometry& g);

/// Union of many geometries (cascaded). Takes ownership of the parts.
[[nodiscard]] GeomPtr union_all(std::vector<GeomPtr> parts);

/// The last error message GEOS reported on this thread (empty if none).
[[nodiscard]] const std::string& geos_last_error();

}  // namespace maillage::geo
