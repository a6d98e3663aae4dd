#include "geo/routing/network_source.h"

#include <algorithm>

#include "geo/core/error.h"
#include "geo/db/project_db.h"
#include "geo/routing/network_store.h"

namespace maillage::geo::routing {

RoadNetwork build_lattice_from_database(const db::ProjectDatabase& database, const LatticeParameters& params) {
    const std::vector<db::PopulationCell> grid = database.population_grid(false);
    std::vector<LatticeCell> cells;
    cells.reserve(grid.size());
    Box3035 capso{kInfSeconds, kInfSeconds, -kInfSeconds, -kInfSeconds};
    bool any_capso = false;
    for (const db::PopulationCell& c : grid) {
        cells.push_back({c.x_3035, c.y_3035, c.ind.value_or(0.0)});
        if (!c.in_capso) continue;
        any_capso = true;
        capso.min_x = std::min(capso.min_x, double(c.x_3035));
        capso.min_y = std::min(capso.min_y, double(c.y_3035));
        capso.max_x = std::max(capso.max_x, double(c.x_3035));
        capso.max_y = std::max(capso.max_y, double(c.y_3035));
    }
    if (cells.empty())
        throw InputError({database.path().string(), "population_grid", {}}, "no population cell: cannot build the lattice model");
    const PopulationSource source{"INSEE Filosofi 2021 200 m grid (" + database.path().filename().string() + ")", "2021",
                                  "INSEE, Licence Ouverte / Etalab 2.0"};
    return build_lattice_network(cells, params, source,
                                 any_capso ? capso : Box3035{});
}

RoadNetwork open_routing_network(const std::filesystem::path& database, Profile profile) {
    if (auto stored = load_stored_network(database, profile)) return std::move(*stored);
    const db::ProjectDatabase db = db::ProjectDatabase::open(database);
    return build_lattice_from_database(db, LatticeParameters::load_default(profile));
}

}  // namespace maillage::geo::routing
