// `maillage build-db`: builds the project database from data/sources/ (atomic write).
#include <cstdio>
#include <iostream>

#include "app/cli/command.h"
#include "geo/db/builder.h"

namespace maillage::cli {

void register_build_db(CLI::App& root) {
    auto* cmd = root.add_subcommand("build-db",
                                    "Build the project database (GeoPackage, EPSG:2154) from the "
                                    "source files. The output is written to a "
                                    "temporary file and renamed only on success: a failed build "
                                    "leaves any existing file untouched.");
    struct Options {
        std::string sources = std::string(MAILLAGE_DATA_DIR) + "/sources";
        std::string out;
    };
    auto opts = std::make_shared<Options>();
    cmd->add_option("--sources", opts->sources,
                    "Folder of source files (see data/sources/SOURCES.md)")
        ->capture_default_str();
    cmd->add_option("--out", opts->out,
                    "Output GeoPackage [default: $MAILLAGE_DB or data/capso.gpkg]");
    cmd->callback([opts] {
        geo::db::BuildOptions o;
        o.sources = opts->sources;
        o.output = opts->out.empty() ? default_database() : std::filesystem::path(opts->out);
        o.progress = [](const std::string& line) { std::cout << line << std::endl; };
        const auto summary = geo::db::build_project_database(o);
        std::cout << "built " << o.output.string() << " in ";
        char secs[32];
        std::snprintf(secs, sizeof secs, "%.1f s", summary.seconds);
        std::cout << secs << ":";
        for (const auto& [layer, rows] : summary.rows) std::cout << " " << layer << "=" << rows;
        std::cout << std::endl;
    });
}

}  // namespace maillage::cli
