// Communes (CAPSO + context), their polygons, and the 200 m population grid.
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_map>

#include "geo/core/crs.h"
#include "geo/core/error.h"
#include "geo/core/gdal.h"
#include "geo/db/build_model.h"
#include "geo/db/csv_table.h"

namespace maillage::geo::db::build {

const CommuneRec* Territory::commune(const std::string& insee) const {
    for (const auto& c : communes) {
        if (c.insee == insee) return &c;
    }
    return nullptr;
}

namespace {

std::filesystem::path at(const std::filesystem::path& sources, std::string_view name) {
    return sources / std::filesystem::path(name);
}

struct SourcePolygon {
    std::string code;
    std::string name;
    GeomPtr geom;  ///< EPSG:2154
};

/// Reads the study-area commune polygons (GeoJSON, EPSG:4326 lon/lat) into Lambert-93.
std::vector<SourcePolygon> read_polygons(const std::filesystem::path& path) {
    auto ds = open_vector(path);
    OGRLayer& layer = vector_layer(*ds, path);
    const std::string layer_name = layer.GetName();
    const OGRSpatialReference* srs = layer.GetSpatialRef();
    if (srs != nullptr) {
        char* wkt = nullptr;
        srs->exportToWkt(&wkt);
        const std::string wkt_text = wkt != nullptr ? wkt : "";
        CPLFree(wkt);
        if (!same_crs(wkt_text, crs::kWgs84)) {
            const char* code = srs->GetAuthorityCode(nullptr);
            const char* name = srs->GetName();
            throw InputError(
                {path.string(), layer_name, {}},
                std::string("unexpected CRS ") + (code ? std::string("EPSG:") + code : "") + " (" +
                    (name ? name : "unnamed") + "); expected EPSG:4326 longitude/latitude");
        }
    }
    if (layer.GetFeatureCount() == 0) throw InputError({path.string(), layer_name, {}}, "empty layer");
    const int code_field = layer.GetLayerDefn()->GetFieldIndex("code");
    const int name_field = layer.GetLayerDefn()->GetFieldIndex("nom");
    if (code_field < 0 || name_field < 0) {
        throw InputError({path.string(), layer_name, {}}, "missing property 'code' or 'nom'");
    }
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference l93;
    l93.importFromEPSG(2154);
    l93.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> to_l93(
        OGRCreateCoordinateTransformation(&wgs84, &l93));
    if (!to_l93) throw CrsError("cannot create the EPSG:4326 -> EPSG:2154 transformation");

    std::vector<SourcePolygon> out;
    GdalErrorCapture capture;
    for (auto& feature : layer) {
        const Location where{path.string(), layer_name, feature->GetFID()};
        OGRGeometry* g = feature->GetGeometryRef();
        if (g == nullptr || g->IsEmpty()) throw InputError(where, "no geometry");
        const auto type = wkbFlatten(g->getGeometryType());
        if (type != wkbPolygon && type != wkbMultiPolygon) {
            throw InputError(where, std::string("geometry is ") + OGRGeometryTypeToName(type) +
                                        ", expected a polygon");
        }
        OGREnvelope env;
        g->getEnvelope(&env);
        if (env.MinX < -180 || env.MaxX > 180 || env.MinY < -90 || env.MaxY > 90) {
            throw InputError(where,
                             "coordinates are not longitude/latitude degrees (unexpected CRS; "
                             "expected EPSG:4326)");
        }
        std::unique_ptr<OGRGeometry> projected(g->clone());
        if (projected->transform(to_l93.get()) != OGRERR_NONE) {
            throw InputError(where, "cannot transform to EPSG:2154: " + capture.last_message());
        }
        std::vector<unsigned char> wkb(static_cast<std::size_t>(projected->WkbSize()));
        projected->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
        GeomPtr geom = geom_from_wkb(wkb);
        if (const std::string why = invalidity_reason(*geom); !why.empty()) {
            throw InputError(where, "invalid polygon: " + why);
        }
        out.push_back({feature->GetFieldAsString(code_field), feature->GetFieldAsString(name_field),
                       std::move(geom)});
    }
    if (out.empty()) throw InputError({path.string(), layer_name, {}}, "empty layer");
    return out;
}

std::optional<std::string> opt_text(const CsvTable& t, std::size_t row, std::string_view col) {
    const std::string& s = t.text(row, col);
    if (s.empty()) return std::nullopt;
    return s;
}

/// GEOS polygon from a ring of points (closed here).
GeomPtr make_polygon(const std::array<double, 4>& xs, const std::array<double, 4>& ys) {
    auto h = geos_handle();
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, 5, 2);
    for (unsigned i = 0; i < 5; ++i) {
        GEOSCoordSeq_setXY_r(h, seq, i, xs[i % 4], ys[i % 4]);
    }
    GEOSGeometry* ring = GEOSGeom_createLinearRing_r(h, seq);
    return geos_check(GEOSGeom_createPolygon_r(h, ring, nullptr, 0), "building a grid cell");
}

/// Assigns each cell centre to the commune polygon containing it (lowest INSEE code on a tie).
void assign_cells(std::vector<CellRec>& cells, const std::vector<CommuneRec>& communes) {
    auto h = geos_handle();
    struct Prepared {
        const CommuneRec* commune;
        const GEOSPreparedGeometry* prepared;
    };
    std::vector<Prepared> prepared;
    prepared.reserve(communes.size());
    GEOSSTRtree* tree = GEOSSTRtree_create_r(h, 10);
    for (const auto& c : communes) prepared.push_back({&c, GEOSPrepare_r(h, c.geom.get())});
    for (auto& p : prepared) GEOSSTRtree_insert_r(h, tree, p.commune->geom.get(), &p);

    for (auto& cell : cells) {
        GeomPtr point =
            geos_check(GEOSGeom_createPointFromXY_r(h, cell.cx, cell.cy), "cell centre");
        struct Ctx {
            GEOSContextHandle_t h;
            const GEOSGeometry* point;
            const Prepared* best = nullptr;
        } ctx{h, point.get()};
        GEOSSTRtree_query_r(
            h, tree, point.get(),
            [](void* item, void* data) {
                auto* c = static_cast<Ctx*>(data);
                const auto* p = static_cast<const Prepared*>(item);
                if (GEOSPreparedIntersects_r(c->h, p->prepared, c->point) == 1 &&
                    (c->best == nullptr || p->commune->insee < c->best->commune->insee)) {
                    c->best = p;
                }
            },
            &ctx);
        if (ctx.best != nullptr) {
            cell.insee = ctx.best->commune->insee;
            cell.in_capso = ctx.best->commune->capso;
        }
    }
    GEOSSTRtree_destroy_r(h, tree);
    for (auto& p : prepared) GEOSPreparedGeom_destroy_r(h, p.prepared);
}

}  // namespace

Territory load_territory(const std::filesystem::path& sources) {
    Territory t;

    // 1. CAPSO members (DGCL 2026 via @etalab/decoupage-administratif) and the CTG's bassins.
    const auto members =
        CsvTable::read(at(sources, file::kCapsoCommunes),
                       {"code_insee", "nom", "population_municipale", "departement"});
    const auto seed = CsvTable::read(at(sources, file::kSeedCommunes),
                                     {"insee_code", "name", "bassin_reconstructed", "rpe_sector"});
    std::unordered_map<std::string, std::size_t> seed_row;
    for (std::size_t r = 0; r < seed.size(); ++r) seed_row[seed.text(r, "insee_code")] = r;

    const auto polygons = read_polygons(at(sources, file::kStudyAreaGeojson));
    std::unordered_map<std::string, const SourcePolygon*> polygon_of;
    for (const auto& p : polygons) polygon_of[p.code] = &p;

    std::set<std::string> capso_codes;
    for (std::size_t r = 0; r < members.size(); ++r) {
        CommuneRec c;
        c.insee = members.text(r, "code_insee");
        c.name = members.text(r, "nom");
        c.departement = members.text(r, "departement");
        c.capso = true;
        c.population = members.integer(r, "population_municipale");
        if (!c.population) {
            throw InputError({members.path().string(), {}, static_cast<std::int64_t>(r + 1)},
                             "commune " + c.insee + " has no population_municipale");
        }
        auto s = seed_row.find(c.insee);
        if (s == seed_row.end()) {
            throw InputError({seed.path().string(), {}, {}},
                             "CAPSO commune " + c.insee + " (" + c.name +
                                 ") is missing, so its bassin is unknown");
        }
        const std::string& bassin = seed.text(s->second, "bassin_reconstructed");
        auto def = std::find_if(kBassins.begin(), kBassins.end(),
                                [&](const BassinDef& b) { return b.name == bassin; });
        if (def == kBassins.end()) {
            throw InputError(
                {seed.path().string(), {}, static_cast<std::int64_t>(s->second + 1)},
                "unknown bassin_reconstructed '" + bassin + "' for commune " + c.insee);
        }
        c.bassin_id = def->id;
        c.bassin_name = def->name;
        c.rpe_sector = opt_text(seed, s->second, "rpe_sector");
        auto poly = polygon_of.find(c.insee);
        if (poly == polygon_of.end()) {
            throw InputError({at(sources, file::kStudyAreaGeojson).string(), {}, {}},
                             "no polygon for CAPSO commune " + c.insee + " (" + c.name + ")");
        }
        c.geom = geom_clone(*poly->second->geom);
        capso_codes.insert(c.insee);
        t.communes.push_back(std::move(c));
    }
    std::sort(t.communes.begin(), t.communes.end(),
              [](const auto& a, const auto& b) { return a.insee < b.insee; });

    // 2. Context: the other study-area polygons whose commune still exists in 2026.
    const auto current = CsvTable::read(at(sources, file::kCommunes5962),
                                        {"code_insee", "nom", "departement", "population"});
    std::unordered_map<std::string, std::size_t> current_row;
    for (std::size_t r = 0; r < current.size(); ++r) current_row[current.text(r, "code_insee")] = r;
    std::vector<CommuneRec> context;
    for (const auto& p : polygons) {
        if (capso_codes.contains(p.code)) continue;
        auto row = current_row.find(p.code);
        if (row == current_row.end()) {
            ++t.context_dropped;  // a 2018 code merged into a commune nouvelle since
            continue;
        }
        CommuneRec c;
        c.insee = p.code;
        c.name = current.text(row->second, "nom");
        c.departement = current.text(row->second, "departement");
        c.population = current.integer(row->second, "population");
        c.geom = geom_clone(*p.geom);
        context.push_back(std::move(c));
    }
    std::sort(context.begin(), context.end(),
              [](const auto& a, const auto& b) { return a.insee < b.insee; });
    for (auto& c : context) t.communes.push_back(std::move(c));

    // 3. The 200 m grid (Filosofi 2021): every study-area cell, households joined on cell_id.
    std::vector<std::string> grid_columns = {"cell_id", "x_3035", "y_3035", "capso_commune",
                                             "imputed"};
    for (auto c : kIndColumns) grid_columns.emplace_back(c);
    const auto grid = CsvTable::read(at(sources, file::kGridStudyArea), grid_columns);
    std::vector<std::string> men_columns = {"cell_id"};
    for (auto c : kMenColumns) men_columns.emplace_back(c);
    const auto men = CsvTable::read(at(sources, file::kGridMenCapso), men_columns);
    std::unordered_map<std::string, std::size_t> men_row;
    for (std::size_t r = 0; r < men.size(); ++r) men_row[men.text(r, "cell_id")] = r;

    t.cells.resize(grid.size());
    std::vector<double> xs(grid.size() * 5), ys(grid.size() * 5);
    std::set<std::string> seen;
    for (std::size_t r = 0; r < grid.size(); ++r) {
        CellRec& cell = t.cells[r];
        cell.cell_id = grid.text(r, "cell_id");
        if (!seen.insert(cell.cell_id).second) {
            throw InputError({grid.path().string(), {}, static_cast<std::int64_t>(r + 1)},
                             "duplicate cell_id " + cell.cell_id);
        }
        cell.x_3035 = static_cast<std::int64_t>(grid.required_number(r, "x_3035"));
        cell.y_3035 = static_cast<std::int64_t>(grid.required_number(r, "y_3035"));
        const std::string expected_id =
            "CRS3035RES200mN" + std::to_string(cell.y_3035) + "E" + std::to_string(cell.x_3035);
        if (cell.cell_id != expected_id) {
            throw InputError(
                {grid.path().string(), {}, static_cast<std::int64_t>(r + 1)},
                "cell_id " + cell.cell_id + " does not match x_3035/y_3035 (" + expected_id + ")");
        }
        cell.imputed = grid.required_number(r, "imputed") != 0.0;
        cell.source_capso_commune = opt_text(grid, r, "capso_commune");
        for (std::size_t i = 0; i < kIndColumns.size(); ++i)
            cell.ind[i] = grid.number(r, kIndColumns[i]);
        if (auto m = men_row.find(cell.cell_id); m != men_row.end()) {
            for (std::size_t i = 0; i < kMenColumns.size(); ++i)
                cell.men[i] = men.number(m->second, kMenColumns[i]);
        }
        // Corners (lower-left, counter-clockwise) then centre, in EPSG:3035.
        const double x0 = static_cast<double>(cell.x_3035);
        const double y0 = static_cast<double>(cell.y_3035);
        const std::array<double, 5> cx = {x0, x0 + 200, x0 + 200, x0, x0 + 100};
        const std::array<double, 5> cy = {y0, y0, y0 + 200, y0 + 200, y0 + 100};
        for (std::size_t k = 0; k < 5; ++k) {
            xs[r * 5 + k] = cx[k];
            ys[r * 5 + k] = cy[k];
        }
    }
    CrsTransform laea_to_l93(crs::kLaea, crs::kLambert93);
    laea_to_l93.forward(xs, ys);
    for (std::size_t r = 0; r < t.cells.size(); ++r) {
        CellRec& cell = t.cells[r];
        cell.geom = make_polygon({xs[r * 5], xs[r * 5 + 1], xs[r * 5 + 2], xs[r * 5 + 3]},
                                 {ys[r * 5], ys[r * 5 + 1], ys[r * 5 + 2], ys[r * 5 + 3]});
        cell.cx = xs[r * 5 + 4];
        cell.cy = ys[r * 5 + 4];
    }
    assign_cells(t.cells, t.communes);
    std::sort(t.cells.begin(), t.cells.end(),
              [](const auto& a, const auto& b) { return a.cell_id < b.cell_id; });

    // 4. Main settlement of each CAPSO commune: its most populated cell (lowest cell_id on a tie).
    for (std::size_t i = 0; i < t.cells.size(); ++i) {
        const CellRec& cell = t.cells[i];
        if (!cell.in_capso || !cell.insee) continue;
        auto [it, inserted] = t.main_cell.try_emplace(*cell.insee, i);
        if (!inserted && cell.population() > t.cells[it->second].population()) it->second = i;
    }
    return t;
}

}  // namespace maillage::geo::db::build
