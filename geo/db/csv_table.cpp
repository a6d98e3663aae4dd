#include "geo/db/csv_table.h"

#include <cpl_string.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <charconv>
#include <cmath>

#include "geo/core/error.h"
#include "geo/core/gdal.h"

namespace maillage::geo::db {

namespace {
std::string trim(std::string s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}
}  // namespace

CsvTable CsvTable::read(const std::filesystem::path& path,
                        const std::vector<std::string>& required) {
    ensure_gdal_registered();
    const Location where{path.string(), {}, {}};
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw InputError(where, "file not found");

    GdalErrorCapture capture;
    // Text only: no type detection, no geometry guessing; separator (, or ;) auto-detected.
    CPLStringList open_options;
    open_options.AddNameValue("AUTODETECT_TYPE", "NO");
    open_options.AddNameValue("KEEP_GEOM_COLUMNS", "YES");
    const char* const drivers[] = {"CSV", nullptr};
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
                                              drivers, open_options.List(), nullptr));
    if (!ds || ds->GetLayerCount() != 1) {
        const std::string why = capture.last_message();
        throw InputError(where, "not a readable CSV file" + (why.empty() ? "" : ": " + why));
    }
    OGRLayer& layer = *ds->GetLayer(0);

    CsvTable table;
    table.path_ = path;
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        table.columns_.emplace(defn->GetFieldDefn(i)->GetNameRef(), static_cast<std::size_t>(i));
    }
    std::string missing;
    for (const auto& name : required) {
        if (!table.columns_.contains(name)) missing += (missing.empty() ? "'" : ", '") + name + "'";
    }
    if (!missing.empty()) throw InputError(where, "missing column(s) " + missing);

    for (auto& feature : layer) {
        std::vector<std::string> row(static_cast<std::size_t>(defn->GetFieldCount()));
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            if (feature->IsFieldSetAndNotNull(i))
                row[static_cast<std::size_t>(i)] = trim(feature->GetFieldAsString(i));
        }
        table.rows_.push_back(std::move(row));
    }
    if (!capture.last_message().empty()) throw InputError(where, capture.last_message());
    if (table.rows_.empty()) throw InputError(where, "no data rows");
    return table;
}

bool CsvTable::has_column(std::string_view name) const {
    return columns_.contains(std::string(name));
}

std::size_t CsvTable::column_index(std::string_view name) const {
    auto it = columns_.find(std::string(name));
    if (it == columns_.end()) {
        throw InputError({path_.string(), {}, {}}, "missing column '" + std::string(name) + "'");
    }
    return it->second;
}

const std::string& CsvTable::text(std::size_t row, std::string_view column) const {
    return rows_.at(row)[column_index(column)];
}

std::optional<double> CsvTable::number(std::size_t row, std::string_view column) const {
    const std::string& s = text(row, column);
    if (s.empty()) return std::nullopt;
    double value = 0.0;
    const char* end = s.data() + s.size();
    auto [ptr, err] = std::from_chars(s.data(), end, value);
    if (err != std::errc{} || ptr != end || !std::isfinite(value)) {
        throw InputError({path_.string(), {}, static_cast<std::int64_t>(row + 1)},
                         "column '" + std::string(column) + "': '" + s + "' is not a number");
    }
    return value;
}

double CsvTable::required_number(std::size_t row, std::string_view column) const {
    auto v = number(row, column);
    if (!v) {
        throw InputError({path_.string(), {}, static_cast<std::int64_t>(row + 1)},
                         "column '" + std::string(column) + "' is empty");
    }
    return *v;
}

std::optional<long long> CsvTable::integer(std::size_t row, std::string_view column) const {
    auto v = number(row, column);
    if (!v) return std::nullopt;
    if (*v != std::floor(*v)) {
        throw InputError(
            {path_.string(), {}, static_cast<std::int64_t>(row + 1)},
            "column '" + std::string(column) + "': '" + text(row, column) + "' is not an integer");
    }
    return static_cast<long long>(*v);
}

}  // namespace maillage::geo::db
