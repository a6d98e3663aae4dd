#include "geo/db/export.h"

#include <cpl_string.h>

#include "geo/core/error.h"
#include "geo/core/gdal.h"
#include "geo/db/project_db.h"

namespace maillage::geo::db {

std::int64_t export_layer(const ProjectDatabase& db, const std::string& layer,
                          const std::string& format, const std::filesystem::path& out_path) {
    const std::string driver = driver_for_format(format);
    OGRLayer& source = vector_layer(db.dataset(), db.path(), layer);
    const auto geom_type = wkbFlatten(source.GetGeomType());
    CPLStringList options;
    if (format == "geojson") {
        options.AddNameValue("RFC7946", "YES");
    } else if (format == "csv" && geom_type == wkbPoint) {
        options.AddNameValue("GEOMETRY", "AS_XY");
    } else if (format == "csv" && geom_type != wkbNone) {
        options.AddNameValue("GEOMETRY", "AS_WKT");
    }
    AtomicFile out(out_path);
    {
        auto ds = create_vector(out.temp_path(), driver);
        GdalErrorCapture capture;
        source.ResetReading();
        if (ds->CopyLayer(&source, layer.c_str(), options.List()) == nullptr) {
            throw OutputError(out_path.string(), "layer " + layer + ": " + capture.last_message());
        }
        ds.reset();  // flush and close before the rename
        if (!capture.last_message().empty())
            throw OutputError(out_path.string(), capture.last_message());
    }
    out.commit();
    return source.GetFeatureCount();
}

}  // namespace maillage::geo::db
