// Speed and rule tables of the routing profiles (car, walk, bike).
//
// The tables are versioned JSON files, editable by users: data/profiles/<profile>.json.
// Speeds are km/h in the files and m/s nowhere: loaders convert to seconds per edge
// (seconds = length_m / (kmh / 3.6)). The version string is stored with every network built
// from the table (NetworkMetadata::profile_version) so a number can be traced to its rules.
//
// File format (see data/profiles/car.json for a complete example):
//   profile            "car" | "walk" | "bike"
//   version            free text, bumped whenever a value changes
//   description        one paragraph for humans
//   highway_speeds_kmh { OSM highway value (or any road class name): speed }  — a class
//                      missing here is not usable by the profile
//   maxspeed           { use: bool, factor: multiplier applied to a tagged maxspeed,
//                        max_kmh: cap, symbolic_kmh: { "FR:urban": 50, ... } }
//   oneway             { respect: bool, tags: [keys, most specific first],
//                        implied_highways: [...], implied_junctions: [...],
//                        contraflow_tags: { key: [values that reopen the reverse way] } }
//   access             { tags: [keys, most specific first], deny: [values],
//                        exclude_if: { key: [values] } }
// maxspeed, oneway and access are optional (a table for a line layer's class field needs only
// the speeds; see data/profiles/bdtopo-*.json).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "geo/routing/types.h"

namespace maillage::geo::routing {

struct ProfileTable {
    std::string profile;
    std::string version;
    std::string description;
    std::filesystem::path file;  ///< where it was read from
    std::unordered_map<std::string, double> class_speed_kmh;

    bool use_maxspeed = false;
    double maxspeed_factor = 1.0;
    double maxspeed_cap_kmh = 130.0;
    std::unordered_map<std::string, double> symbolic_maxspeed_kmh;

    bool respect_oneway = true;
    std::vector<std::string> oneway_tags;
    std::unordered_set<std::string> implied_oneway_highways;
    std::unordered_set<std::string> implied_oneway_junctions;
    std::vector<std::pair<std::string, std::unordered_set<std::string>>> contraflow_tags;

    std::vector<std::string> access_tags;
    std::unordered_set<std::string> access_deny;
    std::vector<std::pair<std::string, std::unordered_set<std::string>>> exclude_if;

    /// Reads and validates a table; throws InputError naming the file and the bad key.
    [[nodiscard]] static ProfileTable load(const std::filesystem::path& json_file);
    /// The table shipped in <data dir>/profiles/<profile>.json.
    [[nodiscard]] static ProfileTable load_default(Profile profile);
    [[nodiscard]] static std::filesystem::path default_path(Profile profile);

    /// Speed of a road class (km/h), nullopt when the class is not usable by the profile.
    [[nodiscard]] std::optional<double> speed_kmh(std::string_view road_class) const;

    /// Parses an OSM maxspeed value into km/h: "50", "50 km/h", "30 mph", "FR:urban",
    /// "walk", "50;30" (first value). nullopt for unknown values (class speed is used).
    [[nodiscard]] std::optional<double> parse_maxspeed_kmh(std::string_view value) const;
};

}  // namespace maillage::geo::routing
