// `maillage coverage`: zones blanches — who lives beyond N minutes of the nearest selected
// facility, per cell, commune, bassin and for the whole territory, from ONE multi-source search.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "app/cli/analysis_common.h"
#include "app/cli/command.h"
#include "geo/core/error.h"
#include "geo/core/gdal.h"
#include "geo/coverage/coverage.h"
#include "geo/coverage/facility_selection.h"
#include "geo/isochrone/vector_writer.h"
#include "geo/routing/nearest.h"

namespace maillage::cli {

namespace {

struct CoverageArgs {
    std::vector<std::string> types;
    std::vector<std::string> filters;
    double minutes = 15.0;
    std::string profile = "car";
    std::string db;
    std::string network;
    std::string out;
    std::string csv_dir;
};

using geo::FieldDef;
using geo::FieldValue;

FieldValue finite_or_null(double v) { return std::isfinite(v) ? FieldValue{v} : FieldValue{}; }
FieldValue optional_value(std::optional<double> v) { return v ? FieldValue{*v} : FieldValue{}; }

std::vector<FieldDef> area_fields(const std::vector<geo::PopulationVariable>& vars, const char* code_name) {
    std::vector<FieldDef> f{{code_name, OFTString}, {"name", OFTString}, {"cells", OFTInteger64},
                            {"cells_uncovered", OFTInteger64}};
    for (const auto& v : vars) {
        f.push_back({v.key + "_total", OFTReal});
        f.push_back({v.key + "_covered", OFTReal});
        f.push_back({v.key + "_uncovered", OFTReal});
        f.push_back({v.key + "_uncovered_pct", OFTReal});
        f.push_back({v.key + "_missing_cells", OFTInteger64});
    }
    f.push_back({"mean_minutes", OFTReal});      // weighted by individuals, reachable cells
    f.push_back({"max_minutes", OFTReal});
    f.push_back({"beyond_pct", OFTReal});        // share of individuals beyond the threshold
    f.push_back({"unreachable_ind", OFTReal});   // individuals with no reachable facility
    return f;
}

std::vector<FieldValue> area_row(const geo::AreaCoverage& a) {
    std::vector<FieldValue> row{a.code, a.name, std::int64_t{a.cells}, std::int64_t{a.cells_uncovered}};
    for (const auto& s : a.sums) {
        row.emplace_back(s.total);
        row.emplace_back(s.covered);
        row.emplace_back(s.uncovered);
        const auto share = s.uncovered_share();
        row.push_back(share ? FieldValue{100.0 * *share} : FieldValue{});
        row.emplace_back(std::int64_t{s.cells_missing});
    }
    row.push_back(a.time.weighted_mean_s ? FieldValue{*a.time.weighted_mean_s / 60.0} : FieldValue{});
    row.push_back(a.time.max_s ? FieldValue{*a.time.max_s / 60.0} : FieldValue{});
    const auto beyond = a.time.share_beyond();
    row.push_back(beyond ? FieldValue{100.0 * *beyond} : FieldValue{});
    row.emplace_back(a.time.unreachable_weight);
    return row;
}

void write_area_csv(const std::filesystem::path& path, const std::vector<geo::PopulationVariable>& vars,
                    const char* code_name, const std::vector<const geo::AreaCoverage*>& areas) {
    geo::AtomicFile file(path);
    geo::VectorWriter w(file.temp_path(), "CSV", path.string());
    const int layer = w.add_layer(path.stem().string(), wkbNone, area_fields(vars, code_name));
    for (const auto* a : areas) w.add_feature(layer, nullptr, area_row(*a));
    w.close();
    file.commit();
}

void run_coverage(const CoverageArgs& args) {
    Progress progress("coverage");
    const std::filesystem::path out(args.out);
    if (out.extension() != ".gpkg") throw UsageError("coverage: --out must end in .gpkg");
    if (!(args.minutes > 0.0 && args.minutes <= 600.0)) throw UsageError("coverage: --minutes must be in (0, 600]");
    const double threshold_s = args.minutes * 60.0;
    geo::FacilitySelection selection;
    selection.types = args.types;
    for (const auto& f : args.filters) {
        try {
            selection.conditions.push_back(geo::FacilityCondition::parse(f));
        } catch (const std::invalid_argument& e) {
            throw UsageError(std::string("coverage: --filter ") + e.what());
        }
    }
    const geo::routing::Profile profile = [&] {
        try {
            return geo::routing::parse_profile(args.profile);
        } catch (const geo::Error& e) {
            throw UsageError(std::string("coverage: ") + e.what());
        }
    }();

    const std::filesystem::path db_path = args.db.empty() ? default_database() : std::filesystem::path(args.db);
    progress.step("reading " + db_path.string());
    const auto db = geo::db::ProjectDatabase::open(db_path);
    const std::vector<geo::db::Facility> facilities = selection.apply(db.facilities());
    const auto communes = db.communes();
    const auto grid = db.population_grid(true);
    const GridInput cells = grid_input(grid);
    progress.step(std::to_string(facilities.size()) + " facilities selected (" + selection.describe() + "), " +
                  std::to_string(grid.size()) + " population cells");

    const auto network = open_network(db, profile,
                                      args.network.empty() ? std::nullopt : std::optional<std::filesystem::path>(args.network),
                                      progress);
    if (network.is_approximation()) progress.step(network.approximation_note());

    progress.step("timing every cell to its nearest facility (one multi-source search)");
    std::vector<geo::XY> sources;
    for (const auto& f : facilities) sources.push_back({f.x, f.y});
    const geo::routing::NearestResult times = geo::routing::nearest_source_times(
        network, sources, cells.centres, geo::routing::Direction::to_source, geo::routing::kInfSeconds, {},
        geo::routing::NodeTimes::none);
    for (std::size_t s = 0; s < facilities.size(); ++s) {
        if (!std::isfinite(times.source_snap_distance_m[s])) {
            progress.step("WARNING: facility " + facilities[s].uid + " (" + facilities[s].name +
                          ") is off the road network and is ignored");
        }
    }
    if (times.unsnapped_source_count() == facilities.size()) {
        throw geo::InputError({db_path.string(), "facilities", std::nullopt},
                              "none of the selected facilities lies near the road network");
    }

    const auto variables = geo::standard_population_variables();
    geo::CoverageOptions options;
    options.threshold_s = threshold_s;
    options.territory_code = "200069037";
    options.territory_name = "CAPSO";
    const auto refs = commune_refs(communes);
    const geo::CoverageResult result = geo::compute_coverage(variables, cells.cells, times.seconds, refs, options);
    progress.step("merging uncovered cells into zones");
    const auto zones = geo::uncovered_zones(cells.cells, result);

    auto metadata = network_metadata(network);
    metadata["selection"] = selection.describe();
    metadata["facility_count"] = std::to_string(facilities.size());
    metadata["threshold_minutes"] = std::to_string(args.minutes);
    metadata["direction"] = "from each cell to its nearest selected facility";
    metadata["method"] = "one multi-source shortest-path search over the road network from the selected "
                         "facilities; a cell is covered when the time from its centre is <= the threshold; "
                         "uncovered polygons are the union of the uncovered inhabited 200 m cells";
    metadata["units"] = "times in minutes (seconds in `seconds`), areas in km2, population in individuals or "
                        "households as named, EPSG:2154";
    const auto provenance = provenance_lines(db, {"population_grid", "facilities", "communes"});
    for (const auto& line : provenance) {
        metadata["source_" + line.substr(0, line.find(':'))] = line.substr(line.find(':') + 2);
    }
    int commune_precision = 0;
    for (const auto& f : facilities) commune_precision += f.location_precision == "commune" ? 1 : 0;
    metadata["facilities_located_to_commune_only"] = std::to_string(commune_precision);

    progress.step("writing " + out.string());
    {
        geo::AtomicFile file(out);
        geo::VectorWriter w(file.temp_path(), "GPKG", out.string());
        // cells
        std::vector<FieldDef> cell_fields{{"cell_id", OFTString},  {"insee", OFTString},
                                          {"seconds", OFTReal},    {"minutes", OFTReal},
                                          {"covered", OFTInteger64}, {"nearest_facility", OFTString},
                                          {"snap_m", OFTReal}};
        for (const auto& v : variables) cell_fields.push_back({v.key, OFTReal});
        const int cell_layer = w.add_layer("cells", wkbPolygon, cell_fields,
                                           "INSEE 200 m cells with the time to the nearest selected facility");
        for (std::size_t c = 0; c < grid.size(); ++c) {
            const double t = times.seconds[c];
            const std::int32_t src = times.source[c];
            std::vector<FieldValue> row{grid[c].cell_id,
                                        grid[c].insee ? FieldValue{*grid[c].insee} : FieldValue{},
                                        finite_or_null(t),
                                        finite_or_null(t / 60.0),
                                        std::int64_t{result.cells[c].covered ? 1 : 0},
                                        src >= 0 ? FieldValue{facilities[static_cast<std::size_t>(src)].uid} : FieldValue{},
                                        finite_or_null(times.snap_distance_m[c])};
            for (const auto& v : cells.cells[c].values) row.push_back(optional_value(v));
            geo::GeomPtr g = grid[c].geometry.empty() ? nullptr : grid[c].geometry.geometry();
            w.add_feature(cell_layer, g.get(), row);
        }
        // uncovered zones
        std::vector<FieldDef> zone_fields{{"zone", OFTInteger64}, {"area_km2", OFTReal}, {"cells", OFTInteger64}};
        for (const auto& v : variables) zone_fields.push_back({v.key, OFTReal});
        const int zone_layer = w.add_layer("uncovered", wkbPolygon, zone_fields,
                                           "Zones blanches: inhabited cells beyond the threshold, merged");
        for (std::size_t z = 0; z < zones.size(); ++z) {
            std::vector<FieldValue> row{static_cast<std::int64_t>(z + 1), zones[z].area_m2 / 1e6,
                                        std::int64_t{zones[z].cells}};
            for (const auto& s : zones[z].sums) row.push_back(s.cells_with_value > 0 ? FieldValue{s.uncovered} : FieldValue{});
            w.add_feature(zone_layer, zones[z].polygon.get(), row);
        }
        // tables
        const int commune_layer = w.add_layer("communes", wkbNone, area_fields(variables, "insee"));
        for (const auto& a : result.communes) w.add_feature(commune_layer, nullptr, area_row(a));
        const int bassin_layer = w.add_layer("bassins", wkbNone, area_fields(variables, "bassin_id"));
        for (const auto& a : result.bassins) w.add_feature(bassin_layer, nullptr, area_row(a));
        const int territory_layer = w.add_layer("territory", wkbNone, area_fields(variables, "code"));
        w.add_feature(territory_layer, nullptr, area_row(result.territory));
        // facilities used
        const int facility_layer = w.add_layer(
            "facilities", wkbPoint,
            {{"uid", OFTString}, {"family", OFTString}, {"type", OFTString}, {"subtype", OFTString},
             {"name", OFTString}, {"status", OFTString}, {"commune_insee", OFTString}, {"commune_name", OFTString},
             {"location_precision", OFTString}, {"snap_m", OFTReal}},
            "The facilities used");
        auto h = geo::geos_handle();
        for (std::size_t s = 0; s < facilities.size(); ++s) {
            const auto& f = facilities[s];
            geo::GeomPtr point(GEOSGeom_createPointFromXY_r(h, f.x, f.y));
            w.add_feature(facility_layer, point.get(),
                          {f.uid, f.family, f.type, f.subtype, f.name, f.status, f.commune_insee, f.commune_name,
                           f.location_precision, finite_or_null(times.source_snap_distance_m[s])});
        }
        const int meta_layer = w.add_layer("metadata", wkbNone, geo::metadata_fields());
        for (const auto& [key, value] : metadata) w.add_feature(meta_layer, nullptr, {key, value});
        w.set_metadata(metadata);
        w.close();
        file.commit();
    }
    if (!args.csv_dir.empty()) {
        const std::filesystem::path dir(args.csv_dir);
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        if (ec) throw geo::OutputError(dir.string(), "cannot create the directory: " + ec.message());
        std::vector<const geo::AreaCoverage*> c_rows, b_rows;
        for (const auto& a : result.communes) c_rows.push_back(&a);
        for (const auto& a : result.bassins) b_rows.push_back(&a);
        b_rows.push_back(&result.territory);
        write_area_csv(dir / "communes.csv", variables, "insee", c_rows);
        write_area_csv(dir / "bassins.csv", variables, "bassin_id", b_rows);
    }

    // Summary.
    const auto& t = result.territory;
    std::printf("Zones blanches: %s, beyond %.0f min by %s (%zu facilities)\n", selection.describe().c_str(),
                args.minutes, std::string(geo::routing::to_string(profile)).c_str(), facilities.size());
    std::printf("  %-40s %10s %10s %7s %13s\n", "variable", "total", "uncovered", "% unc.", "cells no data");
    for (std::size_t v = 0; v < variables.size(); ++v) {
        const auto& s = t.sums[v];
        const auto share = s.uncovered_share();
        char pct[16] = "n/a";
        if (share) std::snprintf(pct, sizeof pct, "%.1f", 100.0 * *share);
        std::printf("  %-40s %10.0f %10.0f %7s %13d\n", (variables[v].label + " (" + variables[v].unit + ")").c_str(),
                    s.total, s.uncovered, pct, s.cells_missing);
    }
    std::printf("  Individuals: mean time to nearest %s min, max %s min, %.0f with no reachable facility\n",
                t.time.weighted_mean_s ? minutes_text(*t.time.weighted_mean_s).c_str() : "n/a",
                t.time.max_s ? minutes_text(*t.time.max_s).c_str() : "n/a", t.time.unreachable_weight);
    for (const auto& b : result.bassins) {
        std::printf("  bassin %-28s individuals uncovered %8.0f of %8.0f\n", b.name.c_str(), b.sums[0].uncovered,
                    b.sums[0].total);
    }
    std::printf("  %zu uncovered zone(s) drawn from %d uncovered inhabited cells\n", zones.size(), t.cells_uncovered);
    std::cout << "Units: individuals and households (INSEE Filosofi counts, may be non-integer after imputation); "
                 "times in minutes.\n";
    std::cout << "Network: " << network.metadata().source << " (vintage "
              << (network.metadata().vintage.empty() ? "unknown" : network.metadata().vintage) << ", profile "
              << network.metadata().profile << " " << network.metadata().profile_version << ")\n";
    for (const auto& line : provenance) std::cout << "Source " << line << "\n";
    if (commune_precision > 0) {
        std::cout << "NOTE: " << commune_precision << " of " << facilities.size()
                  << " facilities are located only to their commune (main settlement).\n";
    }
    if (network.is_approximation()) std::cout << network.approximation_note() << "\n";
    std::cout << "Wrote " << out.string();
    if (!args.csv_dir.empty()) std::cout << " and " << (std::filesystem::path(args.csv_dir) / "{communes,bassins}.csv").string();
    std::cout << "\n";
}

}  // namespace

void register_coverage(CLI::App& root) {
    auto args = std::make_shared<CoverageArgs>();
    auto* cmd = root.add_subcommand("coverage", "Zones blanches: population beyond N minutes of the nearest facility");
    cmd->add_option("--type", args->types, "Facility family or type (ALSH, EAJE, MICRO_CRECHE...); repeatable");
    cmd->add_option("--filter", args->filters,
                    "Condition FIELD OP VALUE, OP one of = != ~ !~ < <= > >= (e.g. status=open); repeatable, ANDed");
    cmd->add_option("--minutes", args->minutes, "Threshold in minutes")->capture_default_str();
    cmd->add_option("--profile", args->profile, "car, walk or bike")->capture_default_str();
    cmd->add_option("--db", args->db, "Project database (default: $MAILLAGE_DB or data/capso.gpkg)");
    cmd->add_option("--network", args->network, "Road network file (.osm.pbf) instead of the project's network");
    cmd->add_option("--out", args->out, "Output GeoPackage")->required();
    cmd->add_option("--csv", args->csv_dir, "Also write communes.csv and bassins.csv into this directory");
    cmd->callback([args] { run_coverage(*args); });
}

}  // namespace maillage::cli
