#include "geo/isochrone/vector_writer.h"

#include <ogr_spatialref.h>

#include "geo/core/error.h"
#include "geo/core/gdal.h"

namespace maillage::geo {

VectorWriter::VectorWriter(const std::filesystem::path& path, const std::string& driver, std::string display_name)
    : ds_(create_vector(path, driver)), name_(std::move(display_name)) {}

int VectorWriter::add_layer(const std::string& name, OGRwkbGeometryType type, const std::vector<FieldDef>& fields,
                            const std::string& description) {
    GdalErrorCapture capture;
    OGRSpatialReference srs;
    OGRSpatialReference* srs_ptr = nullptr;
    if (type != wkbNone) {
        srs.importFromEPSG(2154);
        srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        srs_ptr = &srs;
    }
    char** options = nullptr;
    if (!description.empty()) options = CSLSetNameValue(options, "DESCRIPTION", description.c_str());
    OGRLayer* layer = ds_->CreateLayer(name.c_str(), srs_ptr, type, options);
    CSLDestroy(options);
    if (layer == nullptr) throw OutputError(name_, "cannot create layer '" + name + "': " + capture.last_message());
    for (const FieldDef& f : fields) {
        OGRFieldDefn defn(f.name.c_str(), f.type);
        if (layer->CreateField(&defn) != OGRERR_NONE) {
            throw OutputError(name_, "cannot create field '" + f.name + "' in layer '" + name + "': " +
                                         capture.last_message());
        }
    }
    layers_.push_back(layer);
    return static_cast<int>(layers_.size() - 1);
}

void VectorWriter::add_feature(int layer_index, const GEOSGeometry* geometry, const std::vector<FieldValue>& values) {
    OGRLayer* layer = layers_.at(static_cast<std::size_t>(layer_index));
    OGRFeature feature(layer->GetLayerDefn());
    if (values.size() != static_cast<std::size_t>(feature.GetFieldCount())) {
        throw OutputError(name_, std::string("internal error: wrong value count for layer '") + layer->GetName() + "'");
    }
    for (std::size_t k = 0; k < values.size(); ++k) {
        const int i = static_cast<int>(k);
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::monostate>) {
                    feature.SetFieldNull(i);
                } else if constexpr (std::is_same_v<T, std::int64_t>) {
                    feature.SetField(i, static_cast<GIntBig>(v));
                } else if constexpr (std::is_same_v<T, double>) {
                    feature.SetField(i, v);
                } else {
                    feature.SetField(i, v.c_str());
                }
            },
            values[k]);
    }
    GdalErrorCapture capture;
    if (geometry != nullptr) {
        const std::vector<unsigned char> wkb = geom_to_wkb(*geometry);
        OGRGeometry* g = nullptr;
        if (OGRGeometryFactory::createFromWkb(wkb.data(), layer->GetSpatialRef(), &g, wkb.size()) != OGRERR_NONE) {
            throw OutputError(name_, "cannot convert a geometry for layer '" + std::string(layer->GetName()) + "'");
        }
        feature.SetGeometryDirectly(g);
    }
    if (layer->CreateFeature(&feature) != OGRERR_NONE) {
        throw OutputError(name_, "cannot write a feature to layer '" + std::string(layer->GetName()) + "': " +
                                     capture.last_message());
    }
}

void VectorWriter::set_metadata(const std::map<std::string, std::string>& items) {
    for (const auto& [k, v] : items) ds_->SetMetadataItem(k.c_str(), v.c_str());
}

void VectorWriter::close() {
    GdalErrorCapture capture;
    // Ensure every layer is flushed, then close explicitly to surface write errors.
    for (OGRLayer* layer : layers_) {
        if (layer->SyncToDisk() != OGRERR_NONE) throw OutputError(name_, "flush failed: " + capture.last_message());
    }
    layers_.clear();
    ds_.reset();
    if (!capture.last_message().empty()) throw OutputError(name_, "closing failed: " + capture.last_message());
}

std::vector<FieldDef> metadata_fields() { return {{"key", OFTString}, {"value", OFTString}}; }

}  // namespace maillage::geo
