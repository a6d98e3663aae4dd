// `maillage isochrone`: nested travel-time polygons around a facility or a point, with the
// population inside each one counted from the same search.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/cli/analysis_common.h"
#include "app/cli/command.h"
#include "geo/core/crs.h"
#include "geo/core/error.h"
#include "geo/core/gdal.h"
#include "geo/isochrone/geojson.h"
#include "geo/isochrone/isochrone.h"
#include "geo/isochrone/vector_writer.h"

namespace maillage::cli {

namespace {

struct IsochroneArgs {
    std::string from;
    std::string minutes = "5,10,15";
    std::string profile = "car";
    std::string db;
    std::string network;
    double pixel_m = 100.0;
    std::string out;
};

struct Origin {
    geo::XY xy;             // Lambert-93
    std::string label;      // facility uid or "lon,lat"
    std::string name;       // facility name, or empty
    std::string precision;  // "address", "commune" or "point"
};

std::optional<geo::XY> parse_lon_lat(const std::string& text) {
    const auto comma = text.find(',');
    if (comma == std::string::npos) return std::nullopt;
    try {
        std::size_t a = 0, b = 0;
        const double lon = std::stod(text.substr(0, comma), &a);
        const double lat = std::stod(text.substr(comma + 1), &b);
        if (a != comma || b != text.size() - comma - 1) return std::nullopt;
        if (std::abs(lon) > 180.0 || std::abs(lat) > 90.0) return std::nullopt;
        return geo::XY{lon, lat};
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

Origin resolve_origin(const std::string& from, const geo::db::ProjectDatabase& db) {
    if (auto lon_lat = parse_lon_lat(from)) {
        const geo::CrsTransform to_l93(geo::crs::kWgs84, geo::crs::kLambert93);
        return {to_l93.forward(*lon_lat), from, "", "point"};
    }
    for (const auto& f : db.facilities()) {
        if (f.uid == from) return {{f.x, f.y}, f.uid, f.name, f.location_precision};
    }
    throw UsageError("isochrone: --from '" + from + "' is neither LON,LAT (WGS84 degrees) nor the uid of a "
                     "facility of " + db.path().string() + " (see `maillage export --layer facilities`)");
}

struct LevelPopulation {
    double cumulative = 0.0;
    double cumulative_capso = 0.0;
    double band = 0.0;
    double band_capso = 0.0;
};

std::vector<LevelPopulation> count_population(const std::vector<geo::db::PopulationCell>& grid,
                                              const std::vector<double>& seconds,
                                              const std::vector<double>& thresholds) {
    std::vector<LevelPopulation> out(thresholds.size());
    for (std::size_t c = 0; c < grid.size(); ++c) {
        const double ind = grid[c].ind.value_or(0.0);
        if (ind <= 0.0) continue;
        bool first = true;
        for (std::size_t k = 0; k < thresholds.size(); ++k) {
            if (seconds[c] > thresholds[k]) continue;
            out[k].cumulative += ind;
            if (grid[c].in_capso) out[k].cumulative_capso += ind;
            if (first) {
                out[k].band += ind;
                if (grid[c].in_capso) out[k].band_capso += ind;
                first = false;
            }
        }
    }
    return out;
}

const std::vector<geo::FieldDef>& isochrone_fields() {
    static const std::vector<geo::FieldDef> fields{
        {"kind", OFTString},           {"min_minutes", OFTReal},       {"minutes", OFTReal},
        {"area_km2", OFTReal},         {"population", OFTReal},        {"population_capso", OFTReal},
        {"profile", OFTString},        {"network_source", OFTString},  {"approximation", OFTString},
        {"origin", OFTString},         {"origin_snap_m", OFTReal}};
    return fields;
}

// RFC 7946 GeoJSON: WGS84 lon/lat, right-hand rule, no "crs" member; the run's metadata
// (approximation, thresholds, profile, sources) as a "maillage" foreign member. Areas in the
// properties were measured in Lambert-93 before the conversion.
void write_geojson(const std::filesystem::path& path, const std::vector<std::vector<geo::FieldValue>>& rows,
                   const std::vector<const GEOSGeometry*>& geometries,
                   const std::map<std::string, std::string>& metadata) {
    nlohmann::json features = nlohmann::json::array();
    for (std::size_t k = 0; k < rows.size(); ++k) {
        nlohmann::json properties = nlohmann::json::object();
        for (std::size_t f = 0; f < rows[k].size(); ++f) {
            const auto& name = isochrone_fields()[f].name;
            std::visit(
                [&](const auto& v) {
                    using T = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<T, std::monostate>) {
                        properties[name] = nullptr;
                    } else {
                        properties[name] = v;
                    }
                },
                rows[k][f]);
        }
        features.push_back({{"type", "Feature"},
                            {"properties", properties},
                            {"geometry", geo::rfc7946_multipolygon(*geometries[k])}});
    }
    nlohmann::json doc = {{"type", "FeatureCollection"},
                          {"name", "isochrones"},
                          {"maillage", metadata},
                          {"features", features}};
    geo::AtomicFile file(path);
    {
        std::ofstream out(file.temp_path());
        out << doc.dump(1) << "\n";
        out.close();
        if (!out) throw geo::OutputError(path.string(), "write failed");
    }
    file.commit();
}

void run_isochrone(const IsochroneArgs& args) {
    Progress progress("isochrone");
    const std::filesystem::path out(args.out);
    const std::string ext = out.extension().string();
    if (ext != ".gpkg" && ext != ".geojson") throw UsageError("isochrone: --out must end in .gpkg or .geojson");
    if (!(args.pixel_m >= 10.0 && args.pixel_m <= 1000.0)) throw UsageError("isochrone: --pixel must be in [10, 1000] m");
    const std::vector<double> thresholds = parse_minutes(args.minutes);
    const geo::routing::Profile profile = [&] {
        try {
            return geo::routing::parse_profile(args.profile);
        } catch (const geo::Error& e) {
            throw UsageError(std::string("isochrone: ") + e.what());
        }
    }();

    const std::filesystem::path db_path = args.db.empty() ? default_database() : std::filesystem::path(args.db);
    progress.step("reading " + db_path.string());
    const auto db = geo::db::ProjectDatabase::open(db_path);
    const Origin origin = resolve_origin(args.from, db);
    const auto grid = db.population_grid(false);
    const GridInput cells = grid_input(grid);

    const auto network = open_network(db, profile,
                                      args.network.empty() ? std::nullopt : std::optional<std::filesystem::path>(args.network),
                                      progress);
    if (network.is_approximation()) progress.step(network.approximation_note());

    progress.step("searching and contouring " + args.minutes + " min at " + std::to_string(static_cast<int>(args.pixel_m)) +
                  " m pixels");
    geo::IsochroneRequest request;
    request.origins = {origin.xy};
    request.thresholds_s = thresholds;
    request.pixel_m = args.pixel_m;
    request.extra_targets = cells.centres;
    const geo::IsochroneResult result = geo::compute_isochrones(network, request);
    const auto population = count_population(grid, result.extra_seconds, thresholds);

    auto metadata = network_metadata(network);
    metadata["origin"] = origin.label;
    metadata["origin_location_precision"] = origin.precision;
    metadata["direction"] = "to the origin (time for someone at each place to reach it)";
    metadata["pixel_m"] = std::to_string(args.pixel_m);
    metadata["profile"] = std::string(geo::routing::to_string(profile));
    metadata["thresholds_minutes"] = [&] {
        std::string list;
        for (const double t : thresholds) {
            char buffer[32];
            std::snprintf(buffer, sizeof buffer, "%g", t / 60.0);
            list += (list.empty() ? "" : ",") + std::string(buffer);
        }
        return list;
    }();
    metadata["crs"] = ext == ".geojson" ? "EPSG:4326 longitude/latitude (RFC 7946); areas measured in EPSG:2154"
                                        : "EPSG:2154 (RGF93 v1 / Lambert-93)";
    metadata["method"] = "marching squares on a travel-time raster timed by the network search; "
                         "population = sum of INSEE 200 m cells whose centre is within the time";
    for (const auto& line : provenance_lines(db, {"population_grid", "facilities"})) {
        metadata["source_" + line.substr(0, line.find(':'))] = line.substr(line.find(':') + 2);
    }

    const std::string approximation = network.is_approximation() ? network.approximation_note() : "";
    const double snap = result.origin_snap_distance_m.at(0);
    std::vector<std::vector<geo::FieldValue>> rows;
    std::vector<const GEOSGeometry*> geometries;
    for (const bool band : {false, true}) {
        for (std::size_t k = 0; k < result.levels.size(); ++k) {
            const auto& level = result.levels[k];
            rows.push_back({std::string(band ? "band" : "cumulative"),
                            band && k > 0 ? thresholds[k - 1] / 60.0 : 0.0, thresholds[k] / 60.0,
                            (band ? level.band_area_m2 : level.cumulative_area_m2) / 1e6,
                            band ? population[k].band : population[k].cumulative,
                            band ? population[k].band_capso : population[k].cumulative_capso,
                            std::string(geo::routing::to_string(profile)), network.metadata().source,
                            approximation.empty() ? geo::FieldValue{} : geo::FieldValue{approximation},
                            origin.label, std::isfinite(snap) ? geo::FieldValue{snap} : geo::FieldValue{}});
            geometries.push_back(band ? level.band.get() : level.cumulative.get());
        }
    }

    progress.step("writing " + out.string());
    if (ext == ".geojson") {
        write_geojson(out, rows, geometries, metadata);
    } else {
        geo::AtomicFile file(out);
        geo::VectorWriter w(file.temp_path(), "GPKG", out.string());
        const int layer = w.add_layer("isochrones", wkbMultiPolygon, isochrone_fields(),
                                      "Travel-time polygons (cumulative t <= minutes, and bands)");
        for (std::size_t k = 0; k < rows.size(); ++k) w.add_feature(layer, geometries[k], rows[k]);
        const int meta = w.add_layer("metadata", wkbNone, geo::metadata_fields());
        for (const auto& [key, value] : metadata) w.add_feature(meta, nullptr, {key, value});
        w.set_metadata(metadata);
        w.close();
        file.commit();
    }

    std::cout << "Isochrones from " << origin.label << (origin.name.empty() ? "" : " (" + origin.name + ")")
              << ", profile " << geo::routing::to_string(profile) << ", snapped "
              << (std::isfinite(snap) ? std::to_string(static_cast<int>(std::lround(snap))) + " m" : "nowhere")
              << " from the network\n";
    for (std::size_t k = 0; k < thresholds.size(); ++k) {
        std::printf("  <= %5.1f min: %9.2f km2, %8.0f inhabitants (%0.0f in the CAPSO)\n", thresholds[k] / 60.0,
                    result.levels[k].cumulative_area_m2 / 1e6, population[k].cumulative, population[k].cumulative_capso);
    }
    std::cout << "Network: " << network.metadata().source << " (vintage "
              << (network.metadata().vintage.empty() ? "unknown" : network.metadata().vintage) << ")\n"
              << "Population: INSEE Filosofi 200 m grid, individuals (see metadata for vintage)\n";
    if (!origin.precision.empty() && origin.precision == "commune") {
        std::cout << "NOTE: this facility is located only to its commune (main settlement).\n";
    }
    if (network.is_approximation()) std::cout << network.approximation_note() << "\n";
    std::printf("Timings: search %.1f ms, raster %.1f ms, contours %.1f ms\n", result.search_ms, result.raster_ms,
                result.contour_ms);
    std::cout << "Wrote " << out.string() << "\n";
}

}  // namespace

void register_isochrone(CLI::App& root) {
    auto args = std::make_shared<IsochroneArgs>();
    auto* cmd = root.add_subcommand("isochrone", "Travel-time polygons around a facility or a point");
    cmd->add_option("--from", args->from, "Facility uid, or LON,LAT in WGS84 degrees")->required();
    cmd->add_option("--minutes", args->minutes, "Thresholds in minutes, strictly increasing")->capture_default_str();
    cmd->add_option("--profile", args->profile, "car, walk or bike")->capture_default_str();
    cmd->add_option("--db", args->db, "Project database (default: $MAILLAGE_DB or data/capso.gpkg)");
    cmd->add_option("--network", args->network, "Road network file (.osm.pbf) instead of the project's network");
    cmd->add_option("--pixel", args->pixel_m, "Raster pixel size in metres")->capture_default_str();
    cmd->add_option("--out", args->out, "Output file: .gpkg (Lambert-93) or .geojson (RFC 7946, WGS84 lon/lat)")->required();
    cmd->callback([args] { run_isochrone(*args); });
}

}  // namespace maillage::cli
