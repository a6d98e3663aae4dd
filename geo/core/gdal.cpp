#include "geo/core/gdal.h"

#include <cpl_error.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <random>

#include "geo/core/error.h"

namespace maillage::geo {

namespace {
thread_local std::string t_gdal_last_error;

void CPL_STDCALL collect_gdal_error(CPLErr level, CPLErrorNum, const char* message) {
    if (level >= CE_Failure && message != nullptr) t_gdal_last_error = message;
}
}  // namespace

void ensure_gdal_registered() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

GdalErrorCapture::GdalErrorCapture() {
    t_gdal_last_error.clear();
    CPLPushErrorHandler(collect_gdal_error);
}

GdalErrorCapture::~GdalErrorCapture() { CPLPopErrorHandler(); }

std::string GdalErrorCapture::last_message() const { return t_gdal_last_error; }

GDALDatasetUniquePtr open_vector(const std::filesystem::path& path, bool update) {
    ensure_gdal_registered();
    Location where{path.string(), {}, {}};
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw InputError(where, "file not found");
    if (std::filesystem::is_directory(path, ec) && path.extension() != ".gdb") {
        throw InputError(where, "is a directory, not a vector file");
    }
    GdalErrorCapture capture;
    unsigned flags = GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY);
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), flags));
    if (!ds) {
        std::string why = capture.last_message();
        throw InputError(where, why.empty() ? "not a vector format GDAL can read" : why);
    }
    return ds;
}

OGRLayer& vector_layer(GDALDataset& ds, const std::filesystem::path& path, const std::string& name) {
    if (name.empty()) {
        if (ds.GetLayerCount() == 1) return *ds.GetLayer(0);
        throw InputError({path.string(), {}, {}},
                         "expected exactly one layer, found " + std::to_string(ds.GetLayerCount()));
    }
    if (OGRLayer* layer = ds.GetLayerByName(name.c_str())) return *layer;
    std::string known;
    for (OGRLayer* layer : ds.GetLayers()) known += (known.empty() ? "" : ", ") + std::string(layer->GetName());
    throw InputError({path.string(), name, {}},
                     "no such layer (layers: " + (known.empty() ? "none" : known) + ")");
}

std::string driver_for_format(const std::string& format) {
    if (format == "gpkg") return "GPKG";
    if (format == "geojson") return "GeoJSON";
    if (format == "csv") return "CSV";
    throw InputError({}, "unknown format '" + format + "' (known: gpkg, geojson, csv)");
}

GDALDatasetUniquePtr create_vector(const std::filesystem::path& path, const std::string& driver_name) {
    ensure_gdal_registered();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
    if (driver == nullptr) throw OutputError(path.string(), "GDAL driver " + driver_name + " unavailable");
    GdalErrorCapture capture;
    GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw OutputError(path.string(), capture.last_message());
    return ds;
}

AtomicFile::AtomicFile(std::filesystem::path target) : target_(std::move(target)) {
    static std::atomic<unsigned> counter{0};
    std::random_device rd;
    temp_ = target_;
    temp_ += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
             std::to_string(rd() % 100000);
    // Keep the extension last so format detection by suffix still works on the temp file.
    temp_ += target_.extension();
}

AtomicFile::~AtomicFile() {
    if (!committed_) {
        std::error_code ec;
        std::filesystem::remove(temp_, ec);
        // SQLite side files of an aborted GeoPackage write.
        std::filesystem::remove(temp_.string() + "-journal", ec);
        std::filesystem::remove(temp_.string() + "-wal", ec);
        std::filesystem::remove(temp_.string() + "-shm", ec);
    }
}

void AtomicFile::commit() {
    std::error_code ec;
    std::filesystem::rename(temp_, target_, ec);
    if (ec) throw OutputError(target_.string(), "rename from temporary file failed: " + ec.message());
    committed_ = true;
}

}  // namespace maillage::geo
