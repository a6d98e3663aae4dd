#include "app/cli/analysis_common.h"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "app/cli/command.h"
#include "geo/routing/network_source.h"
#include "geo/routing/osm_loader.h"
#include "geo/routing/profile_table.h"

namespace maillage::cli {

Progress::Progress(std::string command) : command_(std::move(command)), start_(std::chrono::steady_clock::now()) {}

double Progress::elapsed_s() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::step(const std::string& message) const {
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "[%6.1f s] ", elapsed_s());
    std::cerr << "maillage " << command_ << ": " << stamp << message << "\n" << std::flush;
}

geo::routing::RoadNetwork open_network(const geo::db::ProjectDatabase& db, geo::routing::Profile profile,
                                       const std::optional<std::filesystem::path>& network_file,
                                       const Progress& progress) {
    using namespace geo::routing;
    if (network_file) {
        progress.step("loading road network " + network_file->string() + " (" + std::string(to_string(profile)) +
                      " profile)");
        RoadNetwork net = load_osm_network(*network_file, ProfileTable::load_default(profile));
        progress.step("network: " + std::to_string(net.node_count()) + " nodes, " +
                      std::to_string(net.edge_count()) + " edges");
        return net;
    }
    // The network imported into the project for this profile, else the labelled lattice model.
    progress.step("opening the project's " + std::string(to_string(profile)) +
                  " network (the lattice model when none is imported)");
    RoadNetwork net = open_routing_network(db.path(), profile);
    progress.step(std::string(net.is_approximation() ? "lattice" : "network") + ": " +
                  std::to_string(net.node_count()) + " nodes, " + std::to_string(net.arc_count()) + " arcs");
    return net;
}

std::vector<double> parse_minutes(const std::string& text) {
    std::vector<double> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        std::size_t used = 0;
        double minutes = 0.0;
        try {
            minutes = std::stod(item, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        while (used < item.size() && std::isspace(static_cast<unsigned char>(item[used]))) ++used;
        if (used == 0 || used != item.size() || !std::isfinite(minutes) || minutes <= 0.0 || minutes > 600.0) {
            throw UsageError("--minutes: '" + item + "' is not a number of minutes in (0, 600]");
        }
        const double seconds = minutes * 60.0;
        if (!out.empty() && seconds <= out.back()) {
            throw UsageError("--minutes: values must be strictly increasing (got '" + text + "')");
        }
        out.push_back(seconds);
    }
    if (out.empty()) throw UsageError("--minutes: give at least one value, e.g. --minutes 5,10,15");
    return out;
}

std::string minutes_text(double seconds) {
    if (!std::isfinite(seconds)) return "unreachable";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", seconds / 60.0);
    return buffer;
}

GridInput grid_input(const std::vector<geo::db::PopulationCell>& grid) {
    GridInput in;
    in.cells.reserve(grid.size());
    in.centres.reserve(grid.size());
    for (const auto& c : grid) {
        geo::CoverageCell cell;
        cell.cell_id = c.cell_id;
        cell.x_3035 = c.x_3035;
        cell.y_3035 = c.y_3035;
        cell.commune = c.insee.value_or("");
        // Same order as geo::standard_population_variables().
        cell.values = {c.ind, c.ind_0_3, c.ind_4_5, c.ind_6_10, c.ind_11_17, c.men, c.men_fmp, c.men_pauv};
        in.cells.push_back(std::move(cell));
        in.centres.push_back({c.x, c.y});
    }
    return in;
}

std::vector<geo::CommuneRef> commune_refs(const std::vector<geo::db::Commune>& communes) {
    std::vector<geo::CommuneRef> refs;
    refs.reserve(communes.size());
    for (const auto& c : communes) refs.push_back({c.insee, c.name, c.bassin_id, c.bassin_name});
    return refs;
}

std::vector<std::string> provenance_lines(const geo::db::ProjectDatabase& db, const std::vector<std::string>& layers) {
    std::vector<std::string> out;
    for (const auto& row : db.provenance()) {
        for (const auto& l : layers) {
            if (row.layer == l) out.push_back(row.layer + ": " + row.source + " (vintage " + row.vintage + ", " + row.licence + ")");
        }
    }
    return out;
}

std::map<std::string, std::string> network_metadata(const geo::routing::RoadNetwork& network) {
    const auto& m = network.metadata();
    std::map<std::string, std::string> out{
        {"network_source", m.source},
        {"network_vintage", m.vintage.empty() ? "unknown" : m.vintage},
        {"network_licence", m.licence},
        {"profile", m.profile},
        {"profile_version", m.profile_version},
        {"approximation", m.approximation ? m.approximation_note : ""},
        {"crs", "EPSG:2154"},
        {"maillage_version", MAILLAGE_VERSION},
    };
    return out;
}

}  // namespace maillage::cli
