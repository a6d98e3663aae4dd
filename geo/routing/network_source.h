// Which network to route on: the one imported into the project database for the profile, or
// — transparently, and always labelled — the lattice model built from the database's
// population grid. Callers (CLI, app, coverage) print network.approximation_note() whenever
// network.is_approximation().
#pragma once

#include <filesystem>

#include "geo/routing/lattice.h"
#include "geo/routing/road_network.h"

namespace maillage::geo::db {
class ProjectDatabase;
}

namespace maillage::geo::routing {

/// Imported network of `profile` if any, else the lattice model over the CAPSO cells (plus
/// the table's margin), with densities from every study-area cell. Throws InputError naming
/// the database when it cannot be read.
[[nodiscard]] RoadNetwork open_routing_network(const std::filesystem::path& database, Profile profile);

/// The lattice model from the database's `population_grid` (Filosofi `ind` per cell).
[[nodiscard]] RoadNetwork build_lattice_from_database(const db::ProjectDatabase& database,
                                                      const LatticeParameters& params);

}  // namespace maillage::geo::routing
