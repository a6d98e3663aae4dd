#include "geo/routing/profile_table.h"

#include <charconv>
#include <fstream>

#include <nlohmann/json.hpp>

#include "geo/core/error.h"

namespace maillage::geo::routing {

namespace {

std::string trim(std::string_view s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t");
    return std::string(s.substr(b, e - b + 1));
}

std::vector<std::pair<std::string, std::unordered_set<std::string>>> key_value_sets(const nlohmann::json& j) {
    std::vector<std::pair<std::string, std::unordered_set<std::string>>> out;
    for (auto it = j.begin(); it != j.end(); ++it) {
        std::unordered_set<std::string> values;
        for (const auto& v : it.value()) values.insert(v.get<std::string>());
        out.emplace_back(it.key(), std::move(values));
    }
    return out;
}

}  // namespace

std::filesystem::path ProfileTable::default_path(Profile profile) {
    return std::filesystem::path(MAILLAGE_DATA_DIR) / "profiles" / (std::string(to_string(profile)) + ".json");
}

ProfileTable ProfileTable::load_default(Profile profile) { return load(default_path(profile)); }

ProfileTable ProfileTable::load(const std::filesystem::path& json_file) {
    const Location where{json_file.string(), {}, {}};
    std::ifstream in(json_file);
    if (!in) throw InputError(where, "cannot open the profile table");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw InputError(where, std::string("not valid JSON: ") + e.what());
    }
    ProfileTable t;
    t.file = json_file;
    try {
        t.profile = j.at("profile").get<std::string>();
        t.version = j.at("version").get<std::string>();
        t.description = j.value("description", "");
        for (auto it = j.at("highway_speeds_kmh").begin(); it != j.at("highway_speeds_kmh").end(); ++it) {
            const double v = it.value().get<double>();
            if (!(v > 0 && v < 400)) throw InputError(where, "speed of '" + it.key() + "' must be in (0, 400) km/h");
            t.class_speed_kmh[it.key()] = v;
        }
        // maxspeed, oneway and access are optional (tables for line layers keyed by a class
        // field, e.g. BD TOPO `nature`, need only the speeds).
        const nlohmann::json none = nlohmann::json::object();
        const auto& ms = j.contains("maxspeed") ? j["maxspeed"] : none;
        t.use_maxspeed = ms.value("use", false);
        t.maxspeed_factor = ms.value("factor", 1.0);
        t.maxspeed_cap_kmh = ms.value("max_kmh", 130.0);
        if (ms.contains("symbolic_kmh"))
            for (auto it = ms["symbolic_kmh"].begin(); it != ms["symbolic_kmh"].end(); ++it)
                t.symbolic_maxspeed_kmh[it.key()] = it.value().get<double>();
        const auto& ow = j.contains("oneway") ? j["oneway"] : none;
        t.respect_oneway = ow.value("respect", true);
        t.oneway_tags = ow.value("tags", std::vector<std::string>{});
        for (const auto& v : ow.value("implied_highways", std::vector<std::string>{})) t.implied_oneway_highways.insert(v);
        for (const auto& v : ow.value("implied_junctions", std::vector<std::string>{})) t.implied_oneway_junctions.insert(v);
        if (ow.contains("contraflow_tags")) t.contraflow_tags = key_value_sets(ow["contraflow_tags"]);
        const auto& ac = j.contains("access") ? j["access"] : none;
        t.access_tags = ac.value("tags", std::vector<std::string>{});
        for (const auto& v : ac.value("deny", std::vector<std::string>{})) t.access_deny.insert(v);
        if (ac.contains("exclude_if")) t.exclude_if = key_value_sets(ac["exclude_if"]);
    } catch (const nlohmann::json::exception& e) {
        throw InputError(where, std::string("missing or malformed key: ") + e.what());
    }
    if (t.class_speed_kmh.empty()) throw InputError(where, "highway_speeds_kmh is empty");
    return t;
}

std::optional<double> ProfileTable::speed_kmh(std::string_view road_class) const {
    const auto it = class_speed_kmh.find(std::string(road_class));
    if (it == class_speed_kmh.end()) return std::nullopt;
    return it->second;
}

std::optional<double> ProfileTable::parse_maxspeed_kmh(std::string_view value) const {
    std::string v = trim(value.substr(0, value.find(';')));
    if (v.empty()) return std::nullopt;
    if (const auto it = symbolic_maxspeed_kmh.find(v); it != symbolic_maxspeed_kmh.end()) return it->second;
    double number = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), number);
    if (ec != std::errc() || !(number > 0)) return std::nullopt;
    const std::string unit = trim(std::string_view(end, static_cast<std::size_t>(v.data() + v.size() - end)));
    if (unit.empty() || unit == "km/h" || unit == "kmh" || unit == "kph") return number;
    if (unit == "mph") return number * 1.609344;
    if (unit == "knots") return number * 1.852;
    return std::nullopt;
}

}  // namespace maillage::geo::routing
