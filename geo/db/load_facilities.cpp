// Facilities of the CTG (seed/facilities.csv): families, statuses, stable ids and points.
#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <unordered_map>

#include "geo/core/crs.h"
#include "geo/core/error.h"
#include "geo/db/build_model.h"
#include "geo/db/csv_table.h"

namespace maillage::geo::db::build {

std::string facility_family(std::string_view type) {
    static const std::map<std::string_view, std::string_view> families = {
        {"EAJE", "EAJE"},
        {"MICRO_CRECHE", "EAJE"},
        {"MAM", "EAJE"},
        {"RPE", "RPE"},
        {"LAEP", "LAEP"},
        {"ALSH_EXTRASCOLAIRE", "ALSH"},
        {"ALSH_PERISCOLAIRE", "ALSH"},
        {"ALSH_ADOS", "ALSH"},
        {"CENTRE_SOCIAL", "SOCIAL"},
        {"EVS", "SOCIAL"},
        {"MAISON_CAPSO", "MAISON_CAPSO"},
        {"PIJ", "PIJ"},
        {"OTHER", "OTHER"},
    };
    auto it = families.find(type);
    return it == families.end() ? std::string() : std::string(it->second);
}

std::optional<StatusParts> parse_status(std::string_view text) {
    StatusParts parts;
    for (std::string_view s : {"open", "closed", "project"}) {
        if (text.substr(0, s.size()) == s &&
            (text.size() == s.size() || text[s.size()] == ' ' || text[s.size()] == '(')) {
            parts.status = std::string(s);
        }
    }
    if (parts.status.empty()) return std::nullopt;
    if (text.size() > parts.status.size()) parts.note = std::string(text);
    if (parts.status == "closed") {
        static const std::regex dmy(R"((\d{1,2})/(\d{1,2})/(\d{4}))");
        static const std::regex end_month_year(
            R"(fin (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) (\d{4}))");
        static const std::regex end_year(R"(fin (\d{4}))");
        static const std::map<std::string, std::pair<int, int>> months = {
            {"janvier", {1, 31}},  {"février", {2, 28}},   {"mars", {3, 31}},
            {"avril", {4, 30}},    {"mai", {5, 31}},       {"juin", {6, 30}},
            {"juillet", {7, 31}},  {"août", {8, 31}},      {"septembre", {9, 30}},
            {"octobre", {10, 31}}, {"novembre", {11, 30}}, {"décembre", {12, 31}}};
        const std::string s(text);
        std::smatch m;
        char buf[16];
        if (std::regex_search(s, m, dmy)) {
            std::snprintf(buf, sizeof buf, "%s-%02d-%02d", m[3].str().c_str(),
                          std::stoi(m[2].str()), std::stoi(m[1].str()));
            parts.closed_date = buf;
        } else if (std::regex_search(s, m, end_month_year)) {
            const auto [month, last_day] = months.at(m[1].str());
            std::snprintf(buf, sizeof buf, "%s-%02d-%02d", m[2].str().c_str(), month, last_day);
            parts.closed_date = buf;
        } else if (std::regex_search(s, m, end_year)) {
            parts.closed_date = m[1].str() + "-12-31";
        }
    }
    return parts;
}

namespace {

struct Coordinate {
    double lon = 0.0;
    double lat = 0.0;
    std::string source;
    std::string vintage;
    std::int64_t row = 0;
};

}  // namespace

std::vector<FacilityRec> load_facilities(const std::filesystem::path& sources,
                                         const Territory& territory) {
    const auto path = sources / std::filesystem::path(file::kSeedFacilities);
    const auto seed =
        CsvTable::read(path, {"type", "subtype", "name", "operator", "address", "postcode",
                              "commune", "capacity", "opening_notes", "status", "source_line",
                              "count", "location_precision", "other_lines", "notes"});
    const auto communes = CsvTable::read(sources / std::filesystem::path(file::kSeedCommunes),
                                         {"insee_code", "name"});
    std::unordered_map<std::string, std::string> insee_of;
    for (std::size_t r = 0; r < communes.size(); ++r)
        insee_of[communes.text(r, "name")] = communes.text(r, "insee_code");

    std::vector<FacilityRec> out;
    std::map<std::int64_t, int> uses_of_line;
    for (std::size_t r = 0; r < seed.size(); ++r) {
        const Location where{path.string(), {}, static_cast<std::int64_t>(r + 1)};
        FacilityRec f;
        f.type = seed.text(r, "type");
        f.family = facility_family(f.type);
        if (f.family.empty()) throw InputError(where, "unknown facility type '" + f.type + "'");
        f.subtype = seed.text(r, "subtype");
        f.name = seed.text(r, "name");
        f.operator_name = seed.text(r, "operator");
        f.address = seed.text(r, "address");
        f.postcode = seed.text(r, "postcode");
        f.commune_name = seed.text(r, "commune");
        f.capacity = seed.integer(r, "capacity");
        f.count = seed.integer(r, "count");
        f.opening_notes = seed.text(r, "opening_notes");
        auto status = parse_status(seed.text(r, "status"));
        if (!status)
            throw InputError(where,
                             "status '" + seed.text(r, "status") + "' is not open/closed/project");
        f.status = status->status;
        f.status_note = status->note;
        f.closed_date = status->closed_date;
        f.source_line = seed.integer(r, "source_line");
        if (!f.source_line)
            throw InputError(where, "empty source_line (needed for the stable uid)");
        const int use = ++uses_of_line[*f.source_line];
        f.uid =
            "ctg-l" + std::to_string(*f.source_line) + (use > 1 ? "-" + std::to_string(use) : "");
        f.other_lines = seed.text(r, "other_lines");
        f.address_precision_source = seed.text(r, "location_precision");
        f.notes = seed.text(r, "notes");
        if (f.commune_name.empty()) {
            f.located = false;
        } else {
            auto it = insee_of.find(f.commune_name);
            if (it == insee_of.end())
                throw InputError(where, "unknown commune '" + f.commune_name + "'");
            f.commune_insee = it->second;
            if (territory.commune(f.commune_insee) == nullptr) {
                throw InputError(
                    where, "commune " + f.commune_insee + " has no polygon in the study area");
            }
        }
        out.push_back(std::move(f));
    }

    // Known coordinates (geocoded by a user): address precision.
    const auto coord_path = sources / std::filesystem::path(file::kFacilityCoordinates);
    std::map<std::string, Coordinate> coordinates;
    {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(coord_path, ec))
            throw InputError({coord_path.string(), {}, {}}, "file not found");
        // A header-only file is valid (no coordinates known); GDAL sees no rows then.
        std::optional<CsvTable> coords;
        try {
            coords = CsvTable::read(coord_path, {"uid", "lon", "lat", "source", "vintage"});
        } catch (const InputError& e) {
            if (e.problem() != "no data rows") throw;
        }
        for (std::size_t r = 0; coords && r < coords->size(); ++r) {
            const Location where{coord_path.string(), {}, static_cast<std::int64_t>(r + 1)};
            Coordinate c{coords->required_number(r, "lon"), coords->required_number(r, "lat"),
                         coords->text(r, "source"), coords->text(r, "vintage"),
                         static_cast<std::int64_t>(r + 1)};
            if (c.lon < -180 || c.lon > 180 || c.lat < -90 || c.lat > 90) {
                throw InputError(where, "lon/lat out of range (expected EPSG:4326 degrees)");
            }
            if (c.source.empty())
                throw InputError(where, "empty source (every coordinate needs its origin)");
            if (!coordinates.emplace(coords->text(r, "uid"), c).second) {
                throw InputError(where, "duplicate uid " + coords->text(r, "uid"));
            }
        }
    }
    CrsTransform to_l93(crs::kWgs84, crs::kLambert93);
    std::set<std::string> used;
    for (auto& f : out) {
        if (!f.located) continue;
        if (auto c = coordinates.find(f.uid); c != coordinates.end()) {
            const XY p = to_l93.forward({c->second.lon, c->second.lat});
            const CommuneRec* commune = territory.commune(f.commune_insee);
            auto h = geos_handle();
            GeomPtr point = geos_check(GEOSGeom_createPointFromXY_r(h, p.x, p.y), "facility point");
            double distance = 0.0;
            GEOSDistance_r(h, commune->geom.get(), point.get(), &distance);
            if (distance > 2000.0) {
                throw InputError({coord_path.string(), {}, c->second.row},
                                 "coordinate of " + f.uid + " lies " +
                                     std::to_string(static_cast<int>(distance)) +
                                     " m outside its commune " + f.commune_name);
            }
            f.x = p.x;
            f.y = p.y;
            f.location_precision = "address";
            f.location_source = "facility_coordinates.csv: " + c->second.source +
                                (c->second.vintage.empty() ? "" : " (" + c->second.vintage + ")");
            used.insert(f.uid);
        } else {
            f.location_precision = "commune";
            auto main = territory.main_cell.find(f.commune_insee);
            if (main != territory.main_cell.end()) {
                const CellRec& cell = territory.cells[main->second];
                f.x = cell.cx;
                f.y = cell.cy;
                f.location_source =
                    "commune main settlement: centre of its most populated 200 m cell " +
                    cell.cell_id + " (INSEE Filosofi 2021)";
            } else {
                auto h = geos_handle();
                GeomPtr pos = geos_check(
                    GEOSPointOnSurface_r(h, territory.commune(f.commune_insee)->geom.get()),
                    "point on surface");
                GEOSGeomGetX_r(h, pos.get(), &f.x);
                GEOSGeomGetY_r(h, pos.get(), &f.y);
                f.location_source = "commune point on surface (no populated 200 m cell)";
            }
        }
    }
    for (const auto& [uid, c] : coordinates) {
        if (!used.contains(uid)) {
            throw InputError({coord_path.string(), {}, c.row},
                             "uid " + uid + " is not a located facility");
        }
    }

    // Sites: facilities at the same point (to the metre) share a key and get ranks 1..n.
    std::map<std::string, std::vector<FacilityRec*>> sites;
    for (auto& f : out) {
        if (!f.located) continue;
        f.site_key = f.commune_insee + "@" + std::to_string(std::llround(f.x)) + "," +
                     std::to_string(std::llround(f.y));
        sites[f.site_key].push_back(&f);
    }
    for (auto& [key, members] : sites) {
        std::sort(members.begin(), members.end(), [](auto* a, auto* b) { return a->uid < b->uid; });
        for (std::size_t i = 0; i < members.size(); ++i) {
            members[i]->site_rank = static_cast<int>(i + 1);
            members[i]->site_size = static_cast<int>(members.size());
        }
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.uid < b.uid; });
    return out;
}

}  // namespace maillage::geo::db::build
