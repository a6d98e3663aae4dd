// Writing GeoPackage layers through GDAL's GPKG driver (so QGIS and SpatiaLite read them).
//
// Contract: LayerWriter creates one layer (spatial in EPSG:2154, or an attribute table when
// the geometry type is wkbNone) with the given fields, and writes rows inside one transaction
// committed by finish(). Any GDAL failure throws OutputError naming the file and layer.
#pragma once

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/core/geos.h"

namespace maillage::geo::db {

enum class FieldKind { Text, Integer, Real };

struct FieldSpec {
    std::string name;
    FieldKind kind = FieldKind::Text;
};

class LayerWriter {
  public:
    LayerWriter(GDALDataset& ds, std::filesystem::path file, std::string_view name,
                OGRwkbGeometryType geometry_type, const std::vector<FieldSpec>& fields,
                std::string_view description);
    ~LayerWriter();
    LayerWriter(const LayerWriter&) = delete;
    LayerWriter& operator=(const LayerWriter&) = delete;

    /// Starts a new row (all fields NULL, no geometry).
    LayerWriter& row();
    LayerWriter& set(std::string_view field, std::string_view value);  ///< "" stays "" (not NULL)
    LayerWriter& set(std::string_view field, const char* value) {
        return set(field, std::string_view(value));
    }
    LayerWriter& set(std::string_view field, const std::string& value) {
        return set(field, std::string_view(value));
    }
    LayerWriter& set(std::string_view field, const std::optional<std::string>& value);
    LayerWriter& set(std::string_view field, std::optional<double> value);
    LayerWriter& set_int(std::string_view field, std::optional<std::int64_t> value);
    /// Geometry in EPSG:2154; polygons are promoted to MultiPolygon for MultiPolygon layers.
    LayerWriter& geometry(const GEOSGeometry& g);
    LayerWriter& point(double x, double y);
    /// Writes the current row.
    void write();
    /// Commits the layer's transaction. Returns the number of rows written.
    std::size_t finish();

  private:
    [[nodiscard]] int field_index(std::string_view field) const;
    GDALDataset& ds_;
    std::filesystem::path file_;
    std::string name_;
    OGRLayer* layer_ = nullptr;
    OGRwkbGeometryType geometry_type_;
    std::unique_ptr<OGRFeature> feature_;
    std::size_t count_ = 0;
    bool in_transaction_ = false;
};

/// The Lambert-93 spatial reference (traditional GIS axis order).
[[nodiscard]] OGRSpatialReference& lambert93();

}  // namespace maillage::geo::db
