#include "geo/db/builder.h"

#include <cpl_conv.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "geo/core/clock.h"
#include "geo/core/error.h"
#include "geo/core/gdal.h"
#include "geo/db/build_model.h"
#include "geo/db/gpkg_writer.h"
#include "geo/db/schema.h"

namespace maillage::geo::db {

using namespace build;

const std::vector<std::string>& source_files() {
    static const std::vector<std::string> files = {std::string(file::kCapsoCommunes),
                                                   std::string(file::kStudyAreaGeojson),
                                                   std::string(file::kCommunes5962),
                                                   std::string(file::kFilosofiCommunes),
                                                   std::string(file::kGridStudyArea),
                                                   std::string(file::kGridMenCapso),
                                                   std::string(file::kCarsCommunes),
                                                   std::string(file::kCarsIris),
                                                   std::string(file::kAges),
                                                   std::string(file::kSeedCommunes),
                                                   std::string(file::kSeedFacilities),
                                                   std::string(file::kSeedFigures),
                                                   std::string(file::kFacilityCoordinates)};
    return files;
}

namespace {

/// FNV-1a 64 over the source files (name and bytes), in source_files() order.
std::string sources_digest(const std::filesystem::path& sources) {
    std::uint64_t h = 1469598103934665603ULL;
    auto mix = [&](unsigned char c) {
        h ^= c;
        h *= 1099511628211ULL;
    };
    for (const auto& name : source_files()) {
        for (char c : name) mix(static_cast<unsigned char>(c));
        std::ifstream in(sources / name, std::ios::binary);
        char buf[65536];
        while (in.read(buf, sizeof buf) || in.gcount() > 0) {
            for (std::streamsize i = 0; i < in.gcount(); ++i)
                mix(static_cast<unsigned char>(buf[i]));
        }
    }
    char out[20];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
    return out;
}

/// Restores a GDAL config option on scope exit.
class ScopedConfig {
  public:
    ScopedConfig(const char* key, const std::string& value) : key_(key) {
        CPLSetThreadLocalConfigOption(key_, value.c_str());
    }
    ~ScopedConfig() { CPLSetThreadLocalConfigOption(key_, nullptr); }
    ScopedConfig(const ScopedConfig&) = delete;
    ScopedConfig& operator=(const ScopedConfig&) = delete;

  private:
    const char* key_;
};

struct Bassin {
    std::string id, name;
    int count = 0;
    std::int64_t population = 0;
    GeomPtr geom;
};

std::vector<Bassin> dissolve_bassins(const Territory& t) {
    std::vector<Bassin> out;
    for (const auto& def : kBassins) {
        Bassin b{std::string(def.id), std::string(def.name), 0, 0, nullptr};
        std::vector<GeomPtr> parts;
        for (const auto& c : t.communes) {
            if (!c.capso || c.bassin_id != def.id) continue;
            ++b.count;
            b.population += *c.population;
            parts.push_back(geom_clone(*c.geom));
        }
        if (parts.empty()) throw InputError({}, "bassin " + b.name + " has no commune");
        b.geom = union_all(std::move(parts));
        out.push_back(std::move(b));
    }
    return out;
}

struct ProvenanceText {
    std::string_view layer, source, licence, vintage, transformation;
};

constexpr std::string_view kEtalab = "Licence Ouverte / Etalab 2.0";
const ProvenanceText kProvenance[] = {
    {layer::kCommunes,
     "Polygons: IGN ADMIN EXPRESS COG 2018 via gregoiredavid/france-geojson "
     "(raw/communes_study_area_59_62.geojson). "
     "Members, names, populations: DGCL EPCI list 2026 via @etalab/decoupage-administratif 6.0.0 "
     "(raw/capso_communes.csv). Bassins and RPE sectors: the CTG 2026-2030 (seed/communes.csv).",
     kEtalab, "geometry 2018 (simplified ~1 m); membership 2026; population RP 2022",
     "EPSG:4326 -> EPSG:2154 (PROJ); bassin = bassin_reconstructed; rpe_sector only where the CTG "
     "states it."},
    {layer::kCommunesContext,
     "IGN ADMIN EXPRESS COG 2018 via gregoiredavid/france-geojson; names and departements "
     "from @etalab/decoupage-administratif 6.0.0",
     kEtalab, "geometry 2018; names 2026",
     "Study-area polygons (CAPSO bbox + 10 km) minus the CAPSO communes and the 2018 codes absent "
     "from the 2026 list; "
     "EPSG:4326 -> EPSG:2154."},
    {layer::kBassins, "Derived from the communes layer and the CTG's bassin table (l.734-738)",
     kEtalab, "CTG 2026-2030; populations RP 2022",
     "GEOS unary union of the member communes; counts and population summed."},
    {layer::kIndicatorDefinitions, "Maillage (definitions of the indicators table)", kEtalab, "-",
     "Written by the builder: label, unit, source, vintage and method of each indicator."},
    {layer::kIndicators,
     "INSEE RP 2022 (populations, households with a car, age shares); INSEE Filosofi 2019 (MED19, "
     "TP6019); INSEE "
     "Filosofi 2021 200 m grid (age bands); the CTG's own figures (seed/figures.csv)",
     kEtalab, "RP 2022; Filosofi 2019; Filosofi 2021; CTG 2026-2030",
     "Commune values as published (missing stays NULL); bassin/CAPSO aggregates computed (origin "
     "'aggregate'); CTG "
     "figures kept at their scope (origin 'ctg'). See data/sources/SOURCES.md."},
    {layer::kPopulationGrid,
     "INSEE Filosofi 2021 données carroyées 200 m via jgaffuri/tiled-grid-france-filosofi "
     "(raw/filosofi_grid_2021_200m_study_area.csv, raw/filosofi_grid_2021_200m_men_capso.csv)",
     "Licence Ouverte / Etalab 2.0 (INSEE open data; the repository states no licence)", "2021",
     "Cells with centre in the study box; square EPSG:3035 cell reprojected (4 corners) to "
     "EPSG:2154; commune = the "
     "commune polygon holding the cell centre; household columns joined on cell_id (CAPSO cells "
     "only)."},
    {layer::kFacilities,
     "The CTG 2026-2030 text (seed/facilities.csv, line references in source_line); user "
     "coordinates from "
     "facility_coordinates.csv",
     kEtalab, "CTG 2026-2030 (situation 2024-2025)",
     "Type -> family; status normalised to open/closed/project (original text in status_note); uid "
     "= ctg-l<line>; "
     "point = facility_coordinates.csv (address) else centre of the commune's most populated 200 m "
     "cell "
     "(commune precision: an approximation)."},
    {layer::kFacilitiesUnlocated,
     "The CTG 2026-2030 text (seed/facilities.csv rows without a commune)", kEtalab,
     "CTG 2026-2030", "Services named without any place: kept for completeness, not mapped."},
    {layer::kFacilityHistory, "Maillage", kEtalab, "build time",
     "One 'create' row per facility at build time."},
    {layer::kProvenance, "Maillage", kEtalab, "build time", "This table."},
    {layer::kProjectMeta, "Maillage", kEtalab, "build time",
     "Schema version, build time, version, territory."},
};

void say(const BuildOptions& o, const std::string& line) {
    if (o.progress) o.progress(line);
}

void write_database(const std::filesystem::path& path, const Territory& t,
                    const std::vector<Bassin>& bassins, const Indicators& ind,
                    const std::vector<FacilityRec>& facilities, const std::string& built_at,
                    const std::string& digest, BuildSummary& summary, const BuildOptions& o) {
    auto ds = create_vector(path, "GPKG");
    using K = FieldKind;
    const std::string file = path.string();

    {
        LayerWriter w(*ds, path, layer::kCommunes, wkbMultiPolygon,
                      {{"insee"},
                       {"name"},
                       {"population", K::Integer},
                       {"bassin_id"},
                       {"bassin_name"},
                       {"rpe_sector"},
                       {"departement"}},
                      "CAPSO member communes (53), Lambert-93");
        for (const auto& c : t.communes) {
            if (!c.capso) continue;
            w.row().set("insee", c.insee).set("name", c.name).set_int("population", c.population);
            w.set("bassin_id", c.bassin_id)
                .set("bassin_name", c.bassin_name)
                .set("rpe_sector", c.rpe_sector);
            w.set("departement", c.departement).geometry(*c.geom).write();
        }
        summary.rows[std::string(layer::kCommunes)] = w.finish();
    }
    {
        LayerWriter w(*ds, path, layer::kCommunesContext, wkbMultiPolygon,
                      {{"insee"}, {"name"}, {"departement"}, {"population", K::Integer}},
                      "Neighbouring communes of the study area (not CAPSO)");
        for (const auto& c : t.communes) {
            if (c.capso) continue;
            w.row().set("insee", c.insee).set("name", c.name).set("departement", c.departement);
            w.set_int("population", c.population).geometry(*c.geom).write();
        }
        summary.rows[std::string(layer::kCommunesContext)] = w.finish();
    }
    {
        LayerWriter w(
            *ds, path, layer::kBassins, wkbMultiPolygon,
            {{"bassin_id"}, {"name"}, {"commune_count", K::Integer}, {"population", K::Integer}},
            "The four bassins de vie of the CTG (union of their communes)");
        for (const auto& b : bassins) {
            w.row().set("bassin_id", b.id).set("name", b.name).set_int("commune_count", b.count);
            w.set_int("population", b.population).geometry(*b.geom).write();
        }
        summary.rows[std::string(layer::kBassins)] = w.finish();
    }
    say(o, "  wrote communes, communes_context, bassins");
    {
        LayerWriter w(*ds, path, layer::kIndicatorDefinitions, wkbNone,
                      {{"indicator"},
                       {"label_fr"},
                       {"unit"},
                       {"decimals", K::Integer},
                       {"scheme"},
                       {"source"},
                       {"vintage"},
                       {"method"},
                       {"finest_scope"}},
                      "Definitions of the indicators");
        for (const auto& d : ind.definitions) {
            w.row().set("indicator", d.indicator).set("label_fr", d.label_fr).set("unit", d.unit);
            w.set_int("decimals", d.decimals).set("scheme", d.scheme).set("source", d.source);
            w.set("vintage", d.vintage)
                .set("method", d.method)
                .set("finest_scope", d.finest_scope)
                .write();
        }
        summary.rows[std::string(layer::kIndicatorDefinitions)] = w.finish();
    }
    {
        LayerWriter w(*ds, path, layer::kIndicators, wkbNone,
                      {{"scope"},
                       {"place_code"},
                       {"place_name"},
                       {"indicator"},
                       {"value", K::Real},
                       {"unit"},
                       {"year", K::Integer},
                       {"origin"},
                       {"source"},
                       {"method"},
                       {"note"}},
                      "Indicator values per commune, bassin, CAPSO and departement");
        for (const auto& r : ind.rows) {
            w.row()
                .set("scope", r.scope)
                .set("place_code", r.place_code)
                .set("place_name", r.place_name);
            w.set("indicator", r.indicator).set("value", r.value).set("unit", r.unit);
            w.set_int("year", r.year ? std::optional<std::int64_t>(*r.year) : std::nullopt);
            w.set("origin", r.origin)
                .set("source", r.source)
                .set("method", r.method)
                .set("note", r.note)
                .write();
        }
        summary.rows[std::string(layer::kIndicators)] = w.finish();
    }
    say(o, "  wrote indicator_definitions, indicators");
    {
        std::vector<FieldSpec> fields = {{"cell_id"},
                                         {"x_3035", K::Integer},
                                         {"y_3035", K::Integer},
                                         {"centre_x", K::Real},
                                         {"centre_y", K::Real},
                                         {"insee"},
                                         {"in_capso", K::Integer},
                                         {"imputed", K::Integer}};
        for (auto c : kIndColumns) fields.push_back({std::string(c), K::Real});
        for (auto c : kMenColumns) fields.push_back({std::string(c), K::Real});
        LayerWriter w(*ds, path, layer::kPopulationGrid, wkbPolygon, fields,
                      "INSEE Filosofi 2021 200 m cells of the study area, Lambert-93");
        for (const auto& c : t.cells) {
            w.row()
                .set("cell_id", c.cell_id)
                .set_int("x_3035", c.x_3035)
                .set_int("y_3035", c.y_3035);
            w.set("centre_x", c.cx).set("centre_y", c.cy).set("insee", c.insee);
            w.set_int("in_capso", c.in_capso ? 1 : 0).set_int("imputed", c.imputed ? 1 : 0);
            for (std::size_t i = 0; i < kIndColumns.size(); ++i) w.set(kIndColumns[i], c.ind[i]);
            for (std::size_t i = 0; i < kMenColumns.size(); ++i) w.set(kMenColumns[i], c.men[i]);
            w.geometry(*c.geom).write();
        }
        summary.rows[std::string(layer::kPopulationGrid)] = w.finish();
    }
    say(o, "  wrote population_grid");
    {
        LayerWriter w(*ds, path, layer::kFacilities, wkbPoint,
                      {{"uid"},
                       {"family"},
                       {"type"},
                       {"subtype"},
                       {"name"},
                       {"operator"},
                       {"address"},
                       {"postcode"},
                       {"commune_insee"},
                       {"commune_name"},
                       {"capacity", K::Integer},
                       {"count", K::Integer},
                       {"opening_notes"},
                       {"status"},
                       {"status_note"},
                       {"closed_date"},
                       {"source_line", K::Integer},
                       {"other_lines"},
                       {"location_precision"},
                       {"address_precision_source"},
                       {"location_source"},
                       {"site_key"},
                       {"site_rank", K::Integer},
                       {"site_size", K::Integer},
                       {"notes"},
                       {"revision", K::Integer}},
                      "Family facilities of the CTG with a place, Lambert-93");
        for (const auto& f : facilities) {
            if (!f.located) continue;
            w.row()
                .set("uid", f.uid)
                .set("family", f.family)
                .set("type", f.type)
                .set("subtype", f.subtype);
            w.set("name", f.name).set("operator", f.operator_name).set("address", f.address);
            w.set("postcode", f.postcode)
                .set("commune_insee", f.commune_insee)
                .set("commune_name", f.commune_name);
            w.set_int("capacity", f.capacity)
                .set_int("count", f.count)
                .set("opening_notes", f.opening_notes);
            w.set("status", f.status)
                .set("status_note", f.status_note)
                .set("closed_date", f.closed_date);
            w.set_int("source_line", f.source_line).set("other_lines", f.other_lines);
            w.set("location_precision", f.location_precision);
            w.set("address_precision_source", f.address_precision_source)
                .set("location_source", f.location_source);
            w.set("site_key", f.site_key)
                .set_int("site_rank", f.site_rank)
                .set_int("site_size", f.site_size);
            w.set("notes", f.notes).set_int("revision", 1).point(f.x, f.y).write();
        }
        summary.rows[std::string(layer::kFacilities)] = w.finish();
    }
    {
        LayerWriter w(*ds, path, layer::kFacilitiesUnlocated, wkbNone,
                      {{"uid"},
                       {"family"},
                       {"type"},
                       {"subtype"},
                       {"name"},
                       {"operator"},
                       {"count", K::Integer},
                       {"status"},
                       {"status_note"},
                       {"source_line", K::Integer},
                       {"notes"}},
                      "Services the CTG names without any place (not mapped)");
        for (const auto& f : facilities) {
            if (f.located) continue;
            w.row()
                .set("uid", f.uid)
                .set("family", f.family)
                .set("type", f.type)
                .set("subtype", f.subtype);
            w.set("name", f.name).set("operator", f.operator_name).set_int("count", f.count);
            w.set("status", f.status)
                .set("status_note", f.status_note)
                .set_int("source_line", f.source_line);
            w.set("notes", f.notes).write();
        }
        summary.rows[std::string(layer::kFacilitiesUnlocated)] = w.finish();
    }
    {
        LayerWriter w(*ds, path, layer::kFacilityHistory, wkbNone,
                      {{"uid"},
                       {"revision", K::Integer},
                       {"changed_at"},
                       {"action"},
                       {"changes"},
                       {"author"}},
                      "Edit history of the facilities");
        for (const auto& f : facilities) {
            nlohmann::json changes = {
                {"source", std::string(file::kSeedFacilities)},
                {"source_line", f.source_line ? nlohmann::json(*f.source_line) : nlohmann::json()},
                {"name", f.name},
                {"type", f.type},
                {"status", f.status},
                {"location_precision", f.located ? f.location_precision : "none"}};
            w.row()
                .set("uid", f.uid)
                .set_int("revision", 1)
                .set("changed_at", built_at)
                .set("action", "create");
            w.set("changes", changes.dump()).set("author", "maillage build-db").write();
        }
        summary.rows[std::string(layer::kFacilityHistory)] = w.finish();
    }
    say(o, "  wrote facilities, facilities_unlocated, facility_history");
    {
        LayerWriter w(*ds, path, layer::kProvenance, wkbNone,
                      {{"layer"}, {"source"}, {"licence"}, {"vintage"}, {"transformation"}},
                      "Source, licence, vintage and transformation of every layer");
        for (const auto& p : kProvenance) {
            w.row().set("layer", p.layer).set("source", p.source).set("licence", p.licence);
            w.set("vintage", p.vintage).set("transformation", p.transformation).write();
        }
        summary.rows[std::string(layer::kProvenance)] = w.finish();
    }
    {
        LayerWriter w(*ds, path, layer::kProjectMeta, wkbNone, {{"key"}, {"value"}},
                      "Maillage project metadata");
        const std::pair<std::string, std::string> meta[] = {
            {"schema_version", std::to_string(kSchemaVersion)},
            {"built_at", built_at},
            {"maillage_version", MAILLAGE_VERSION},
            {"territory_name", "Communauté d'Agglomération du Pays de Saint-Omer (CAPSO)"},
            {"epci_siren", std::string(kCapsoSiren)},
            {"crs", "EPSG:2154"},
            {"sources_digest", digest},
        };
        for (const auto& [k, v] : meta) w.row().set("key", k).set("value", v).write();
        summary.rows[std::string(layer::kProjectMeta)] = w.finish();
    }
    GdalErrorCapture capture;
    ds.reset();  // flushes and closes the GeoPackage
    if (!capture.last_message().empty()) {
        throw OutputError(file, "closing the GeoPackage failed: " + capture.last_message());
    }
}

}  // namespace

BuildSummary build_project_database(const BuildOptions& o) {
    const auto start = std::chrono::steady_clock::now();
    BuildSummary summary;
    const Location where{o.sources.string(), {}, {}};
    std::error_code ec;
    if (!std::filesystem::is_directory(o.sources, ec))
        throw InputError(where, "sources folder not found");
    for (const auto& name : source_files()) {
        if (!std::filesystem::is_regular_file(o.sources / name, ec)) {
            throw InputError({(o.sources / name).string(), {}, {}}, "source file not found");
        }
    }
    const std::string built_at = o.built_at.empty() ? now_utc_iso() : o.built_at;

    say(o, "reading communes, polygons and the 200 m grid from " + o.sources.string());
    const Territory territory = load_territory(o.sources);
    std::size_t capso = 0;
    for (const auto& c : territory.communes) capso += c.capso ? 1 : 0;
    std::size_t capso_cells = 0;
    for (const auto& c : territory.cells) capso_cells += c.in_capso ? 1 : 0;
    say(o, "  " + std::to_string(capso) + " CAPSO communes, " +
               std::to_string(territory.communes.size() - capso) + " context communes (" +
               std::to_string(territory.context_dropped) + " obsolete 2018 codes dropped), " +
               std::to_string(territory.cells.size()) + " grid cells (" +
               std::to_string(capso_cells) + " in the CAPSO)");
    say(o, "dissolving bassins");
    const auto bassins = dissolve_bassins(territory);
    say(o, "reading facilities");
    const auto facilities = load_facilities(o.sources, territory);
    const auto located = std::count_if(facilities.begin(), facilities.end(),
                                       [](const auto& f) { return f.located; });
    say(o, "  " + std::to_string(facilities.size()) + " facilities: " + std::to_string(located) +
               " with a place, " +
               std::to_string(facilities.size() - static_cast<std::size_t>(located)) +
               " services without one");
    say(o, "computing indicators");
    const Indicators indicators = compute_indicators(o.sources, territory);
    say(o, "  " + std::to_string(indicators.definitions.size()) + " indicators, " +
               std::to_string(indicators.rows.size()) + " values");

    if (!o.output.parent_path().empty() &&
        !std::filesystem::is_directory(o.output.parent_path(), ec)) {
        throw OutputError(o.output.string(),
                          "folder " + o.output.parent_path().string() + " does not exist");
    }
    AtomicFile out(o.output);
    say(o, "writing " + o.output.string() + " (temporary " + out.temp_path().filename().string() +
               ")");
    {
        ScopedConfig date("OGR_CURRENT_DATE", built_at);
        write_database(out.temp_path(), territory, bassins, indicators, facilities, built_at,
                       sources_digest(o.sources), summary, o);
    }
    out.commit();
    summary.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return summary;
}

}  // namespace maillage::geo::db
