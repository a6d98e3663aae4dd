// Shared plumbing of the `isochrone` and `coverage` commands: progress lines, the road
// network to use, the population grid as coverage input, provenance text.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "geo/core/crs.h"
#include "geo/coverage/coverage.h"
#include "geo/db/project_db.h"
#include "geo/routing/road_network.h"
#include "geo/routing/types.h"

namespace maillage::cli {

/// Progress on stderr: "maillage coverage: [  2.3 s] message". Every step prints, so any
/// stage longer than a second is visible while it runs.
class Progress {
public:
    explicit Progress(std::string command);
    void step(const std::string& message) const;
    [[nodiscard]] double elapsed_s() const;

private:
    std::string command_;
    std::chrono::steady_clock::time_point start_;
};

/// The road network for a profile: `network_file` when given (OSM .osm.pbf/.osm/.osm.bz2),
/// otherwise routing::open_routing_network: the network imported into the project database,
/// or the lattice approximation when none exists.
[[nodiscard]] geo::routing::RoadNetwork open_network(const geo::db::ProjectDatabase& db,
                                                     geo::routing::Profile profile,
                                                     const std::optional<std::filesystem::path>& network_file,
                                                     const Progress& progress);

/// Minutes list "5,10,15" → strictly increasing seconds. Throws UsageError.
[[nodiscard]] std::vector<double> parse_minutes(const std::string& text);

/// Formats seconds as minutes with one decimal ("14.5"), "unreachable" for +inf.
[[nodiscard]] std::string minutes_text(double seconds);

/// Grid cells as coverage input (standard variables, in standard_population_variables()
/// order) and their centres (Lambert-93).
struct GridInput {
    std::vector<geo::CoverageCell> cells;
    std::vector<geo::XY> centres;
};
[[nodiscard]] GridInput grid_input(const std::vector<geo::db::PopulationCell>& grid);

/// Communes of the territory as coverage references.
[[nodiscard]] std::vector<geo::CommuneRef> commune_refs(const std::vector<geo::db::Commune>& communes);

/// Provenance lines for the layers used ("population_grid: INSEE Filosofi 2021 200 m (…), 2021").
[[nodiscard]] std::vector<std::string> provenance_lines(const geo::db::ProjectDatabase& db,
                                                        const std::vector<std::string>& layers);

/// Metadata common to every output: network source, vintage, profile, approximation.
[[nodiscard]] std::map<std::string, std::string> network_metadata(const geo::routing::RoadNetwork& network);

}  // namespace maillage::cli
