// `maillage export LAYER --format gpkg|geojson|csv --out FILE`: one layer/table of the project
// database to a file, written atomically. GeoJSON follows RFC 7946 (EPSG:4326 lon/lat); GPKG
// and CSV keep Lambert-93 (CSV: points as X/Y columns, polygons as WKT).
#include <algorithm>
#include <iostream>

#include "app/cli/command.h"
#include "geo/db/export.h"
#include "geo/db/project_db.h"

namespace maillage::cli {

void register_export(CLI::App& root) {
    auto* cmd = root.add_subcommand("export",
                                    "Export one layer or table of the project database to a file");
    struct Options {
        std::string layer;
        std::string format;
        std::string out;
        std::string db;
    };
    auto opts = std::make_shared<Options>();
    cmd->add_option("layer", opts->layer,
                    "Layer or table name (e.g. communes, facilities, indicators)")
        ->required();
    cmd->add_option("--format", opts->format, "Output format")
        ->required()
        ->check(CLI::IsMember({"gpkg", "geojson", "csv"}));
    cmd->add_option("--out", opts->out, "Output file (replaced atomically)")->required();
    cmd->add_option("--db", opts->db,
                    "Project database [default: $MAILLAGE_DB or data/capso.gpkg]");
    cmd->callback([opts] {
        const std::filesystem::path db_path =
            opts->db.empty() ? default_database() : std::filesystem::path(opts->db);
        const auto db = geo::db::ProjectDatabase::open(db_path);
        const auto names = db.layer_names();
        if (std::find(names.begin(), names.end(), opts->layer) == names.end()) {
            std::string known;
            for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
            throw UsageError("export: no layer '" + opts->layer + "' in " + db_path.string() +
                             " (layers: " + known + ")");
        }
        const auto count = geo::db::export_layer(db, opts->layer, opts->format, opts->out);
        std::cout << "exported " << count << " rows of " << opts->layer << " to " << opts->out
                  << " (" << opts->format
                  << (opts->format == "geojson" ? ", EPSG:4326 lon/lat"
                      : opts->format == "gpkg"  ? ", EPSG:2154"
                                                : "")
                  << ")" << std::endl;
    });
}

}  // namespace maillage::cli
