// Writing result layers (GeoPackage, CSV) through GDAL, with typed fields and NULLs.
//
// Contract: the writer creates a NEW dataset at `path` (normally AtomicFile::temp_path());
// every failure throws OutputError naming the final file. Geometries are GEOS (Lambert-93,
// EPSG:2154 is attached to every spatial layer). std::monostate writes NULL (missing stays
// missing). close() flushes; the caller then commits the AtomicFile.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "geo/core/geos.h"

namespace maillage::geo {

using FieldValue = std::variant<std::monostate, std::int64_t, double, std::string>;

/// A value from an optional (NULL when absent).
template <class T>
[[nodiscard]] FieldValue field_value(const std::optional<T>& v) {
    if (!v) return std::monostate{};
    if constexpr (std::is_floating_point_v<T>) {
        return static_cast<double>(*v);
    } else if constexpr (std::is_integral_v<T>) {
        return static_cast<std::int64_t>(*v);
    } else {
        return std::string(*v);
    }
}

struct FieldDef {
    std::string name;
    OGRFieldType type = OFTString;  ///< OFTInteger64, OFTReal or OFTString
};

class VectorWriter {
public:
    /// `display_name` is the file named in error messages (the final target, not the temp).
    VectorWriter(const std::filesystem::path& path, const std::string& driver, std::string display_name);

    /// A layer with geometry type `type` (wkbMultiPolygon, wkbPolygon, wkbPoint) in EPSG:2154,
    /// or a plain table with wkbNone. Returns the layer index.
    int add_layer(const std::string& name, OGRwkbGeometryType type, const std::vector<FieldDef>& fields,
                  const std::string& description = {});
    /// Adds one feature; `values` follow the layer's field order. `geometry` may be null.
    void add_feature(int layer, const GEOSGeometry* geometry, const std::vector<FieldValue>& values);
    /// Dataset-level metadata (GeoPackage: gpkg_metadata; other drivers may ignore it).
    void set_metadata(const std::map<std::string, std::string>& items);
    /// Flushes and closes the dataset. Throws OutputError.
    void close();

private:
    GDALDatasetUniquePtr ds_;
    std::vector<OGRLayer*> layers_;
    std::string name_;
};

/// key/value rows for a `metadata` table: human-readable provenance in every output.
[[nodiscard]] std::vector<FieldDef> metadata_fields();

}  // namespace maillage::geo
