// The lattice fallback travel-time model (no real road data, e.g. the CAPSO today).
//
// Nodes are the centres of the 200 m INSEE grid cells (EPSG:3035, cell [x, x+200) × [y, y+200)
// has its centre at (x+100, y+100)) over the bounding box of the given cells plus a margin,
// populated or not. Each node links to its 8 or 16 neighbours (16 = 8 adjacent + 8 knight
// moves, distance error of the lattice metric ≤ 2.7 % instead of 8 % with 8). An arc between
// cells A and B takes
//     seconds = (d × detour / 2) / v(A) + (d × detour / 2) / v(B)
// with d the straight distance in metres and v the speed (m/s) of the cell's density class,
// chosen from the inhabitants of its 3×3 block (600 m × 600 m). Parameters come from a
// versioned JSON table (data/profiles/lattice.json). Node coordinates are transformed to the
// working CRS (EPSG:2154 by default); the model is symmetric (no one-way).
//
// The resulting RoadNetwork is_approximation(), with a note for CLI output and file metadata.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "geo/routing/road_network.h"
#include "geo/routing/types.h"

namespace maillage::geo::routing {

struct LatticeCell {
    std::int64_t x_3035 = 0;  ///< lower-left corner, EPSG:3035 metres (multiple of the cell size)
    std::int64_t y_3035 = 0;
    double inhabitants = 0;
};

struct LatticeParameters {
    std::string version;
    std::string description;
    std::filesystem::path file;
    double cell_size_m = 200;
    int connectivity = 16;  ///< 8 or 16
    double margin_m = 5000;
    struct DensityClass {
        std::string name;
        double min_inhabitants_3x3;
        double speed_kmh;  ///< for the chosen profile
    };
    std::vector<DensityClass> classes;  ///< densest first
    double detour_factor = 1.3;
    std::string profile;

    /// Reads the table for one profile; throws InputError naming the file and the bad key.
    [[nodiscard]] static LatticeParameters load(const std::filesystem::path& json, Profile profile);
    [[nodiscard]] static LatticeParameters load_default(Profile profile);
};

/// Lower-left corners (EPSG:3035) of the box covered by the lattice; empty box = from the cells.
struct Box3035 {
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
    [[nodiscard]] bool empty() const noexcept { return !(max_x > min_x && max_y > min_y); }
};

/// Where the inhabitants per cell come from (shown in the network metadata).
struct PopulationSource {
    std::string name;     ///< e.g. "INSEE Filosofi 2021 200 m grid"
    std::string vintage;  ///< e.g. "2021"
    std::string licence;  ///< e.g. "INSEE, Licence Ouverte / Etalab 2.0"
};

/// Builds the lattice network. `cells` give the inhabitants (absent cells have none); the
/// lattice covers `extent` (or the cells' box) grown by params.margin_m. Throws InputError
/// when there is no cell and no extent.
[[nodiscard]] RoadNetwork build_lattice_network(const std::vector<LatticeCell>& cells,
                                                const LatticeParameters& params,
                                                const PopulationSource& population_source,
                                                Box3035 extent = {},
                                                const std::string& working_crs = "EPSG:2154");

/// The one-sentence label shown wherever lattice times are used.
[[nodiscard]] std::string lattice_approximation_note(const LatticeParameters& params);

}  // namespace maillage::geo::routing
