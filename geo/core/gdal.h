// GDAL/OGR behind small RAII helpers.
//
// Contract: GDAL errors never go to stderr from here; they are captured and rethrown as
// InputError (reading) or OutputError (writing) naming the file. Datasets are
// GDALDatasetUniquePtr (closed on scope exit). Drivers are registered once, lazily.
#pragma once

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <filesystem>
#include <string>

namespace maillage::geo {

/// Registers GDAL drivers once (thread-safe). Called by every helper below.
void ensure_gdal_registered();

/// Opens a vector dataset read-only (or for update). Throws InputError if the file is missing
/// or GDAL cannot read it, with GDAL's own message.
[[nodiscard]] GDALDatasetUniquePtr open_vector(const std::filesystem::path& path,
                                               bool update = false);

/// The named layer, or the only layer when `name` is empty. Throws InputError naming the file
/// and the layers it does have.
[[nodiscard]] OGRLayer& vector_layer(GDALDataset& ds, const std::filesystem::path& path,
                                     const std::string& name = {});

/// Creates a new vector dataset with the given OGR driver ("GPKG", "GeoJSON", "CSV").
/// Throws OutputError.
[[nodiscard]] GDALDatasetUniquePtr create_vector(const std::filesystem::path& path,
                                                 const std::string& driver);

/// OGR driver name for an output format key ("gpkg", "geojson", "csv"); throws InputError
/// listing the known keys.
[[nodiscard]] std::string driver_for_format(const std::string& format);

/// While alive, GDAL errors are collected instead of printed; last_message() returns the
/// latest one (or "" if none).
class GdalErrorCapture {
public:
    GdalErrorCapture();
    ~GdalErrorCapture();
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;
    [[nodiscard]] std::string last_message() const;
};

/// Writes a file atomically: write to temp_path() (same directory), then commit() renames it
/// over the target. If commit() is not reached (exception, crash, interrupt), the target is
/// untouched and the destructor removes the temporary file.
class AtomicFile {
public:
    explicit AtomicFile(std::filesystem::path target);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    [[nodiscard]] const std::filesystem::path& temp_path() const noexcept { return temp_; }
    [[nodiscard]] const std::filesystem::path& target() const noexcept { return target_; }
    /// Renames the temporary file over the target (atomic on one filesystem). Throws OutputError.
    void commit();

private:
    std::filesystem::path target_;
    std::filesystem::path temp_;
    bool committed_ = false;
};

}  // namespace maillage::geo
