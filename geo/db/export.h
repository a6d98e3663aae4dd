// Exporting one layer/table of the project database to a file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace maillage::geo::db {

class ProjectDatabase;

/// Copies `layer` of `db` to `out` in `format` ("gpkg", "geojson", "csv"), atomically (a failed
/// export leaves an existing `out` untouched). GeoJSON is RFC 7946 (EPSG:4326 lon/lat, the
/// driver reprojects); GPKG keeps EPSG:2154; CSV keeps EPSG:2154 with points as X/Y columns and
/// other geometries as WKT. Returns the number of rows. Throws InputError for an unknown layer
/// or format, OutputError when writing fails.
std::int64_t export_layer(const ProjectDatabase& db, const std::string& layer,
                          const std::string& format, const std::filesystem::path& out);

}  // namespace maillage::geo::db
