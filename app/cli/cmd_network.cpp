// `maillage network …`: import a road network into the project database, describe the
// network each profile routes on, and export graphs / node times (for pgRouting comparisons).
#include <chrono>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>

#include "app/cli/command.h"
#include "geo/core/error.h"
#include "geo/core/gdal.h"
#include "geo/routing/dijkstra.h"
#include "geo/routing/line_layer_loader.h"
#include "geo/routing/network_source.h"
#include "geo/routing/network_store.h"
#include "geo/routing/osm_loader.h"
#include "geo/routing/profile_table.h"

namespace maillage::cli {

namespace {

namespace routing = geo::routing;

struct InputOptions {
    std::filesystem::path file;
    std::string profile = "car";
    std::string profile_table;
    std::string crs = "EPSG:2154";
    routing::LineLayerOptions layer;
};

bool is_osm_file(const std::filesystem::path& p) {
    const std::string name = p.filename().string();
    for (const char* suffix : {".pbf", ".osm", ".osm.bz2", ".osm.gz", ".o5m", ".opl"})
        if (name.size() >= std::strlen(suffix) && name.compare(name.size() - std::strlen(suffix), std::string::npos, suffix) == 0)
            return true;
    return false;
}

void progress(const std::string& what) { std::cerr << "maillage network: " << what << "\n"; }

/// Loads a network from an OSM file or any GDAL line layer.
routing::RoadNetwork load_input(const InputOptions& in) {
    const routing::Profile profile = routing::parse_profile(in.profile);
    const routing::ProfileTable table = in.profile_table.empty() ? routing::ProfileTable::load_default(profile)
                                                                 : routing::ProfileTable::load(in.profile_table);
    if (table.profile != in.profile)
        throw UsageError("the profile table " + table.file.string() + " is for '" + table.profile + "', not '" + in.profile + "'");
    if (is_osm_file(in.file)) {
        progress("reading OpenStreetMap data from " + in.file.string() + " (" + in.profile + " profile, table " + table.version + ")");
        return routing::load_osm_network(in.file, table, in.crs);
    }
    if (in.layer.speed_field.empty() && in.layer.class_field.empty())
        throw UsageError("a line layer needs --speed-field or --class-field");
    progress("reading line layer " + in.file.string() + " (" + in.profile + " profile)");
    routing::LineLayerOptions opt = in.layer;
    opt.working_crs = in.crs;
    return routing::load_line_layer_network(in.file, opt, table);
}

void add_input_options(CLI::App* cmd, InputOptions& in) {
    cmd->add_option("--profile", in.profile, "car, walk or bike")->check(CLI::IsMember({"car", "walk", "bike"}));
    cmd->add_option("--profile-table", in.profile_table, "speed table (JSON); default data/profiles/<profile>.json");
    cmd->add_option("--crs", in.crs, "working CRS of the graph (metres)");
    cmd->add_option("--layer", in.layer.layer, "line layer name (GDAL input with several layers)");
    cmd->add_option("--speed-field", in.layer.speed_field, "numeric speed field in km/h (BD TOPO: vitesse_moyenne_vl)");
    cmd->add_option("--class-field", in.layer.class_field, "road class field looked up in the profile table");
    cmd->add_option("--direction-field", in.layer.direction_field, "direction field (BD TOPO: sens_de_circulation)");
    cmd->add_option("--where", in.layer.attribute_filter, "OGR SQL filter on the line layer");
    cmd->add_option("--vintage", in.layer.vintage, "date of the line layer data, shown in metadata");
}

void print_summary(std::ostream& out, const routing::RoadNetwork& net) {
    const auto& m = net.metadata();
    out << "network " << m.profile << ": " << m.source << "\n";
    out << "  vintage: " << (m.vintage.empty() ? "unknown" : m.vintage) << "; licence: " << (m.licence.empty() ? "-" : m.licence)
        << "; table: " << m.profile_version << "; CRS: " << m.crs << "\n";
    out << std::fixed << std::setprecision(1);
    out << "  nodes: " << net.node_count() << " (" << 100.0 * net.node_count() / std::max(1U, net.input_node_count())
        << " % of " << net.input_node_count() << " in the largest strongly connected component), arcs: " << net.arc_count()
        << ", edges: " << net.edge_count() << "\n";
    std::vector<double> km(net.class_names().size(), 0.0);
    for (routing::EdgeId e = 0; e < net.edge_count(); ++e) km[net.edge_class()[e]] += net.edge_length_m()[e] / 1000.0;
    out << (net.is_approximation() ? "  km of lattice links by density class (detour included):" : "  km of road by class:");
    for (std::size_t c = 0; c < km.size(); ++c)
        if (km[c] > 0) out << " " << net.class_names()[c] << " " << km[c] << ";";
    out << "\n";
    if (net.is_approximation()) out << "  " << net.approximation_note() << "\n";
}

routing::RoadNetwork network_from(const std::filesystem::path& db, const std::filesystem::path& input, const InputOptions& in) {
    if (!input.empty()) {
        InputOptions copy = in;
        copy.file = input;
        return load_input(copy);
    }
    return routing::open_routing_network(db, routing::parse_profile(in.profile));
}

}  // namespace

void register_network(CLI::App& root) {
    auto* network = root.add_subcommand("network", "Road networks: import, describe, export");
    network->require_subcommand(1);

    // --- import -------------------------------------------------------------------------
    auto import_in = std::make_shared<InputOptions>();
    auto import_db = std::make_shared<std::filesystem::path>(default_database());
    auto* import = network->add_subcommand("import", "Import a road network (OSM .osm.pbf/.osm or a GDAL line layer) into the project database");
    import->add_option("FILE", import_in->file, "OpenStreetMap file or line layer (GeoPackage, Shapefile, GeoJSON)")->required();
    import->add_option("--db", *import_db, "project database (GeoPackage)");
    add_input_options(import, *import_in);
    import->callback([import_in, import_db] {
        if (!std::filesystem::exists(*import_db))
            throw geo::InputError({import_db->string(), {}, {}}, "the project database does not exist (run `maillage build-db` first)");
        const routing::RoadNetwork net = load_input(*import_in);
        progress("storing " + std::to_string(net.edge_count()) + " edges in " + import_db->string());
        routing::store_network(*import_db, net);
        print_summary(std::cout, net);
    });

    // --- info ---------------------------------------------------------------------------
    auto info_db = std::make_shared<std::filesystem::path>(default_database());
    auto info_profile = std::make_shared<std::string>("all");
    auto* info = network->add_subcommand("info", "Describe the network each profile routes on (imported, or the lattice approximation)");
    info->add_option("--db", *info_db, "project database (GeoPackage)");
    info->add_option("--profile", *info_profile, "car, walk, bike or all")->check(CLI::IsMember({"car", "walk", "bike", "all"}));
    info->callback([info_db, info_profile] {
        for (const char* p : {"car", "walk", "bike"}) {
            if (*info_profile != "all" && *info_profile != p) continue;
            const routing::Profile profile = routing::parse_profile(p);
            const auto stored = routing::load_stored_network(*info_db, profile);
            if (stored) {
                print_summary(std::cout, *stored);
            } else {
                std::cout << "network " << p << ": no network imported; using the lattice model\n";
                print_summary(std::cout, routing::open_routing_network(*info_db, profile));
            }
        }
    });

    // --- export-graph (pgRouting-ready CSV) ----------------------------------------------
    auto ex_in = std::make_shared<InputOptions>();
    auto ex_db = std::make_shared<std::filesystem::path>(default_database());
    auto ex_input = std::make_shared<std::filesystem::path>();
    auto ex_out = std::make_shared<std::filesystem::path>();
    auto* ex = network->add_subcommand("export-graph",
                                       "Write the routable graph's edges as CSV (id,source,target,cost,reverse_cost,length_m,x1,y1,x2,y2; "
                                       "seconds, -1 = forbidden; node ids = ours + 1) for pgRouting");
    ex->add_option("--input", *ex_input, "network file (OSM or line layer) instead of the database");
    ex->add_option("--db", *ex_db, "project database");
    ex->add_option("--out", *ex_out, "CSV file")->required();
    add_input_options(ex, *ex_in);
    ex->callback([ex_in, ex_db, ex_input, ex_out] {
        const routing::RoadNetwork net = network_from(*ex_db, *ex_input, *ex_in);
        geo::AtomicFile atomic(*ex_out);
        {
            std::ofstream out(atomic.temp_path());
            out << "id,source,target,cost,reverse_cost,length_m,x1,y1,x2,y2\n" << std::setprecision(17);
            for (routing::EdgeId e = 0; e < net.edge_count(); ++e) {
                const float f = net.edge_forward_seconds()[e], b = net.edge_backward_seconds()[e];
                const auto a = net.node_xy()[net.edge_tail()[e]], z = net.node_xy()[net.edge_head()[e]];
                out << e + 1 << "," << net.edge_tail()[e] + 1 << "," << net.edge_head()[e] + 1 << ","
                    << (std::isfinite(f) ? double(f) : -1.0) << "," << (std::isfinite(b) ? double(b) : -1.0) << ","
                    << double(net.edge_length_m()[e]) << "," << a.x << "," << a.y << "," << z.x << "," << z.y << "\n";
            }
            if (!out.flush()) throw geo::OutputError(ex_out->string(), "write failed");
        }
        atomic.commit();
        std::cerr << "maillage network: " << net.edge_count() << " edges written to " << ex_out->string() << "\n";
    });

    // --- node-times (one bounded Dijkstra per source node) --------------------------------
    auto nt_in = std::make_shared<InputOptions>();
    auto nt_db = std::make_shared<std::filesystem::path>(default_database());
    auto nt_input = std::make_shared<std::filesystem::path>();
    auto nt_out = std::make_shared<std::filesystem::path>();
    auto nt_sources = std::make_shared<std::vector<std::uint64_t>>();
    auto nt_max = std::make_shared<double>(routing::kInfSeconds);
    auto nt_multi = std::make_shared<bool>(false);
    auto* nt = network->add_subcommand("node-times",
                                       "Travel times (s) from graph nodes (ids as in export-graph) to every node within --max-seconds, as CSV "
                                       "start_vid,node,agg_cost");
    nt->add_option("--input", *nt_input, "network file (OSM or line layer) instead of the database");
    nt->add_option("--db", *nt_db, "project database");
    nt->add_option("--source-node", *nt_sources, "source node id (export-graph numbering, from 1)")->required();
    nt->add_option("--max-seconds", *nt_max, "bound of the search");
    nt->add_flag("--multi", *nt_multi,
                 "one multi-source search: each node once, start_vid = its nearest source (pgRouting's equicost); "
                 "the search time is printed on stderr");
    nt->add_option("--out", *nt_out, "CSV file")->required();
    add_input_options(nt, *nt_in);
    nt->callback([nt_in, nt_db, nt_input, nt_out, nt_sources, nt_max, nt_multi] {
        const routing::RoadNetwork net = network_from(*nt_db, *nt_input, *nt_in);
        routing::Dijkstra dij(net, routing::Direction::from_source);
        geo::AtomicFile atomic(*nt_out);
        {
            std::ofstream out(atomic.temp_path());
            out << "start_vid,node,agg_cost\n" << std::setprecision(17);
            for (std::uint64_t s : *nt_sources)
                if (s == 0 || s > net.node_count())
                    throw UsageError("--source-node " + std::to_string(s) + " is not in 1.." + std::to_string(net.node_count()));
            if (*nt_multi) {
                const auto start = std::chrono::steady_clock::now();
                dij.reset();
                for (std::uint64_t s : *nt_sources)
                    dij.add_source(static_cast<routing::NodeId>(s - 1), 0.0, static_cast<std::int32_t>(s));
                dij.run(*nt_max);
                const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
                std::cerr << "maillage network: multi-source search over " << dij.settled_nodes().size() << " nodes took "
                          << elapsed.count() << " ms\n";
                for (routing::NodeId v : dij.settled_nodes())
                    out << dij.source_label(v) << "," << v + 1 << "," << dij.seconds(v) << "\n";
            } else {
                for (std::uint64_t s : *nt_sources) {
                    dij.reset().add_source(static_cast<routing::NodeId>(s - 1), 0.0).run(*nt_max);
                    for (routing::NodeId v : dij.settled_nodes()) out << s << "," << v + 1 << "," << dij.seconds(v) << "\n";
                }
            }
            if (!out.flush()) throw geo::OutputError(nt_out->string(), "write failed");
        }
        atomic.commit();
    });
}

}  // namespace maillage::cli
