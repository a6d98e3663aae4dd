// Building the project database from data/sources/ (docs/architecture.md; data/sources/SOURCES.md).
//
// Contract: build_project_database() reads every source file, checks it (missing file, missing
// column, malformed GeoJSON, unexpected CRS, invalid geometry, unknown commune...) and throws
// InputError naming the file and the problem before anything replaces `output`. The GeoPackage
// is written to a temporary file beside `output` and renamed over it only when complete
// (geo::AtomicFile), so a failed or interrupted build leaves any previous file byte-identical.
// Same inputs give the same content (row order, ids, values); only `built_at` (and the
// GeoPackage timestamps, which are set to it) differ.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace maillage::geo::db {

struct BuildOptions {
    std::filesystem::path sources;  ///< the data/sources/ folder
    std::filesystem::path output;   ///< e.g. data/capso.gpkg
    std::string built_at;           ///< ISO 8601 UTC; empty = now
    /// Called with one line per step ("communes: 53 CAPSO + 283 context communes").
    std::function<void(const std::string&)> progress;
};

struct BuildSummary {
    std::map<std::string, std::size_t> rows;  ///< rows written per layer/table
    double seconds = 0.0;
};

[[nodiscard]] BuildSummary build_project_database(const BuildOptions& options);

/// The source files the builder reads, relative to the sources folder (for SOURCES.md checks).
[[nodiscard]] const std::vector<std::string>& source_files();

}  // namespace maillage::geo::db
