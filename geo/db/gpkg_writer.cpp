#include "geo/db/gpkg_writer.h"

#include <cpl_string.h>

#include "geo/core/error.h"
#include "geo/core/gdal.h"

namespace maillage::geo::db {

OGRSpatialReference& lambert93() {
    static OGRSpatialReference srs = [] {
        OGRSpatialReference s;
        s.importFromEPSG(2154);
        s.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        return s;
    }();
    return srs;
}

LayerWriter::LayerWriter(GDALDataset& ds, std::filesystem::path file, std::string_view name,
                         OGRwkbGeometryType geometry_type, const std::vector<FieldSpec>& fields,
                         std::string_view description)
    : ds_(ds), file_(std::move(file)), name_(name), geometry_type_(geometry_type) {
    GdalErrorCapture capture;
    CPLStringList options;
    options.AddNameValue("FID", "fid");
    options.AddNameValue("DESCRIPTION", std::string(description).c_str());
    if (geometry_type != wkbNone) {
        options.AddNameValue("GEOMETRY_NAME", "geom");
        options.AddNameValue("SPATIAL_INDEX", "YES");
    }
    layer_ = ds_.CreateLayer(name_.c_str(), geometry_type == wkbNone ? nullptr : &lambert93(),
                             geometry_type, options.List());
    if (layer_ == nullptr)
        throw OutputError(file_.string(), "layer " + name_ + ": " + capture.last_message());
    for (const auto& f : fields) {
        OGRFieldDefn defn(f.name.c_str(), f.kind == FieldKind::Text      ? OFTString
                                          : f.kind == FieldKind::Integer ? OFTInteger64
                                                                         : OFTReal);
        if (layer_->CreateField(&defn) != OGRERR_NONE) {
            throw OutputError(file_.string(), "layer " + name_ + ", field " + f.name + ": " +
                                                  capture.last_message());
        }
    }
    if (ds_.StartTransaction() != OGRERR_NONE) {
        throw OutputError(file_.string(), "layer " + name_ + ": cannot start a transaction");
    }
    in_transaction_ = true;
}

LayerWriter::~LayerWriter() {
    if (in_transaction_) ds_.RollbackTransaction();
}

LayerWriter& LayerWriter::row() {
    feature_.reset(OGRFeature::CreateFeature(layer_->GetLayerDefn()));
    return *this;
}

int LayerWriter::field_index(std::string_view field) const {
    const int i = layer_->GetLayerDefn()->GetFieldIndex(std::string(field).c_str());
    if (i < 0)
        throw OutputError(file_.string(), "layer " + name_ + " has no field " + std::string(field));
    return i;
}

LayerWriter& LayerWriter::set(std::string_view field, std::string_view value) {
    feature_->SetField(field_index(field), std::string(value).c_str());
    return *this;
}

LayerWriter& LayerWriter::set(std::string_view field, const std::optional<std::string>& value) {
    if (value) return set(field, std::string_view(*value));
    feature_->SetFieldNull(field_index(field));
    return *this;
}

LayerWriter& LayerWriter::set(std::string_view field, std::optional<double> value) {
    if (value) {
        feature_->SetField(field_index(field), *value);
    } else {
        feature_->SetFieldNull(field_index(field));
    }
    return *this;
}

LayerWriter& LayerWriter::set_int(std::string_view field, std::optional<std::int64_t> value) {
    if (value) {
        feature_->SetField(field_index(field), static_cast<GIntBig>(*value));
    } else {
        feature_->SetFieldNull(field_index(field));
    }
    return *this;
}

LayerWriter& LayerWriter::geometry(const GEOSGeometry& g) {
    const std::vector<unsigned char> wkb = geom_to_wkb(g);
    OGRGeometry* ogr = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), &lambert93(), &ogr, wkb.size()) !=
        OGRERR_NONE) {
        throw OutputError(file_.string(), "layer " + name_ + ": cannot convert a geometry");
    }
    if (wkbFlatten(geometry_type_) == wkbMultiPolygon)
        ogr = OGRGeometryFactory::forceToMultiPolygon(ogr);
    feature_->SetGeometryDirectly(ogr);
    return *this;
}

LayerWriter& LayerWriter::point(double x, double y) {
    auto* p = new OGRPoint(x, y);
    p->assignSpatialReference(&lambert93());
    feature_->SetGeometryDirectly(p);
    return *this;
}

void LayerWriter::write() {
    GdalErrorCapture capture;
    if (layer_->CreateFeature(feature_.get()) != OGRERR_NONE) {
        throw OutputError(file_.string(), "layer " + name_ + ", row " + std::to_string(count_ + 1) +
                                              ": " + capture.last_message());
    }
    ++count_;
}

std::size_t LayerWriter::finish() {
    GdalErrorCapture capture;
    in_transaction_ = false;
    if (ds_.CommitTransaction() != OGRERR_NONE) {
        throw OutputError(file_.string(),
                          "layer " + name_ + ": commit failed: " + capture.last_message());
    }
    return count_;
}

}  // namespace maillage::geo::db
