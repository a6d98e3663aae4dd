#include "geo/db/project_db.h"

#include <ogrsf_frmts.h>

#include <algorithm>
#include <charconv>
#include <string>

#include "geo/core/error.h"
#include "geo/core/gdal.h"
#include "geo/db/schema.h"

namespace maillage::geo::db {

struct ProjectDatabase::Handle {
    GDALDatasetUniquePtr ds;
};

namespace {

/// Typed access to a layer's fields by name; a missing column is a schema error naming it.
class Row {
  public:
    Row(OGRLayer& layer, const std::filesystem::path& file) : layer_(layer), file_(file) {}

    int index(const char* name) const {
        int i = layer_.GetLayerDefn()->GetFieldIndex(name);
        if (i < 0) {
            throw InputError({file_.string(), layer_.GetName(), {}},
                             std::string("missing column '") + name +
                                 "' (database built by another Maillage version?)");
        }
        return i;
    }
    void bind(OGRFeature* f) { f_ = f; }

    std::string str(const char* name) const {
        int i = index(name);
        return f_->IsFieldSetAndNotNull(i) ? std::string(f_->GetFieldAsString(i)) : std::string();
    }
    std::optional<std::string> opt_str(const char* name) const {
        int i = index(name);
        if (!f_->IsFieldSetAndNotNull(i)) return std::nullopt;
        return std::string(f_->GetFieldAsString(i));
    }
    std::optional<std::int64_t> opt_int(const char* name) const {
        int i = index(name);
        if (!f_->IsFieldSetAndNotNull(i)) return std::nullopt;
        return static_cast<std::int64_t>(f_->GetFieldAsInteger64(i));
    }
    std::int64_t int64(const char* name) const { return opt_int(name).value_or(0); }
    std::optional<double> opt_real(const char* name) const {
        int i = index(name);
        if (!f_->IsFieldSetAndNotNull(i)) return std::nullopt;
        return f_->GetFieldAsDouble(i);
    }
    Wkb wkb() const {
        Wkb out;
        const OGRGeometry* g = f_->GetGeometryRef();
        if (g == nullptr) return out;
        out.bytes.resize(static_cast<std::size_t>(g->WkbSize()));
        g->exportToWkb(wkbNDR, out.bytes.data(), wkbVariantIso);
        return out;
    }
    std::pair<double, double> point() const {
        const OGRGeometry* g = f_->GetGeometryRef();
        if (g == nullptr || wkbFlatten(g->getGeometryType()) != wkbPoint) return {0.0, 0.0};
        const auto* p = g->toPoint();
        return {p->getX(), p->getY()};
    }

  private:
    OGRLayer& layer_;
    const std::filesystem::path& file_;
    OGRFeature* f_ = nullptr;
};

/// Calls fn(row) for every feature of `name`, ordered by `order_by` (SQL on the GeoPackage).
template <typename Fn>
void for_each_row(GDALDataset& ds, const std::filesystem::path& file, std::string_view name,
                  const std::string& where, const std::string& order_by, Fn&& fn) {
    // Validate the layer exists with a clear message before running SQL on it.
    (void)vector_layer(ds, file, std::string(name));
    std::string sql = "SELECT * FROM \"" + std::string(name) + "\"";
    if (!where.empty()) sql += " WHERE " + where;
    if (!order_by.empty()) sql += " ORDER BY " + order_by;
    GdalErrorCapture capture;
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (result == nullptr) {
        throw InputError({file.string(), std::string(name), {}},
                         "cannot read: " + capture.last_message());
    }
    struct Release {
        GDALDataset& ds;
        OGRLayer* layer;
        ~Release() { ds.ReleaseResultSet(layer); }
    } release{ds, result};
    Row row(*result, file);
    for (auto& feature : *result) {
        row.bind(feature.get());
        fn(row);
    }
}

std::string sql_quote(std::string_view s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

}  // namespace

ProjectDatabase::ProjectDatabase(std::filesystem::path path, std::unique_ptr<Handle> handle)
    : path_(std::move(path)), handle_(std::move(handle)) {}
ProjectDatabase::ProjectDatabase(ProjectDatabase&&) noexcept = default;
ProjectDatabase& ProjectDatabase::operator=(ProjectDatabase&&) noexcept = default;
ProjectDatabase::~ProjectDatabase() = default;

GDALDataset& ProjectDatabase::dataset() const {
    return *handle_->ds;
}

ProjectDatabase ProjectDatabase::open(const std::filesystem::path& path, bool update) {
    auto handle = std::make_unique<Handle>();
    handle->ds = open_vector(path, update);
    const Location where{path.string(), {}, {}};
    if (std::string(handle->ds->GetDriverName()) != "GPKG") {
        throw InputError(where, "not a GeoPackage (GDAL reads it as " +
                                    std::string(handle->ds->GetDriverName()) + ")");
    }
    if (handle->ds->GetLayerByName(std::string(layer::kProjectMeta).c_str()) == nullptr) {
        throw InputError(where,
                         "not a Maillage project database (no project_meta table); "
                         "build one with `maillage build-db`");
    }
    ProjectDatabase db(path, std::move(handle));
    const int version = db.schema_version();
    if (version != kSchemaVersion) {
        throw InputError(where, "schema_version " + std::to_string(version) +
                                    ", this Maillage reads " + std::to_string(kSchemaVersion) +
                                    "; rebuild it with `maillage build-db`");
    }
    return db;
}

std::map<std::string, std::string> ProjectDatabase::meta() const {
    std::map<std::string, std::string> out;
    for_each_row(dataset(), path_, layer::kProjectMeta, {}, "key",
                 [&](const Row& r) { out[r.str("key")] = r.str("value"); });
    return out;
}

int ProjectDatabase::schema_version() const {
    const auto m = meta();
    auto it = m.find("schema_version");
    int version = 0;
    if (it == m.end() ||
        std::from_chars(it->second.data(), it->second.data() + it->second.size(), version).ec !=
            std::errc{}) {
        throw InputError({path_.string(), std::string(layer::kProjectMeta), {}},
                         "no valid schema_version");
    }
    return version;
}

std::vector<std::string> ProjectDatabase::layer_names() const {
    std::vector<std::string> out;
    for (OGRLayer* l : dataset().GetLayers()) out.emplace_back(l->GetName());
    return out;
}

std::vector<Commune> ProjectDatabase::communes() const {
    std::vector<Commune> out;
    for_each_row(dataset(), path_, layer::kCommunes, {}, "insee", [&](const Row& r) {
        out.push_back({r.str("insee"), r.str("name"), r.int64("population"), r.str("bassin_id"),
                       r.str("bassin_name"), r.opt_str("rpe_sector"), r.str("departement"),
                       r.wkb()});
    });
    return out;
}

std::vector<ContextCommune> ProjectDatabase::context_communes() const {
    std::vector<ContextCommune> out;
    for_each_row(dataset(), path_, layer::kCommunesContext, {}, "insee", [&](const Row& r) {
        out.push_back({r.str("insee"), r.str("name"), r.str("departement"), r.opt_int("population"),
                       r.wkb()});
    });
    return out;
}

std::vector<Bassin> ProjectDatabase::bassins() const {
    std::vector<Bassin> out;
    for_each_row(dataset(), path_, layer::kBassins, {}, "fid", [&](const Row& r) {
        out.push_back({r.str("bassin_id"), r.str("name"),
                       static_cast<int>(r.int64("commune_count")), r.int64("population"), r.wkb()});
    });
    return out;
}

std::vector<Facility> ProjectDatabase::facilities() const {
    std::vector<Facility> out;
    for_each_row(dataset(), path_, layer::kFacilities, {}, "uid", [&](const Row& r) {
        Facility f;
        f.uid = r.str("uid");
        f.family = r.str("family");
        f.type = r.str("type");
        f.subtype = r.str("subtype");
        f.name = r.str("name");
        f.operator_name = r.str("operator");
        f.address = r.str("address");
        f.postcode = r.str("postcode");
        f.commune_insee = r.str("commune_insee");
        f.commune_name = r.str("commune_name");
        f.capacity = r.opt_int("capacity");
        f.count = r.opt_int("count");
        f.opening_notes = r.str("opening_notes");
        f.status = r.str("status");
        f.status_note = r.str("status_note");
        f.closed_date = r.opt_str("closed_date");
        f.source_line = r.opt_int("source_line");
        f.other_lines = r.str("other_lines");
        f.location_precision = r.str("location_precision");
        f.address_precision_source = r.str("address_precision_source");
        f.location_source = r.str("location_source");
        f.site_key = r.str("site_key");
        f.site_rank = static_cast<int>(r.int64("site_rank"));
        f.site_size = static_cast<int>(r.int64("site_size"));
        f.notes = r.str("notes");
        f.revision = static_cast<int>(r.int64("revision"));
        std::tie(f.x, f.y) = r.point();
        out.push_back(std::move(f));
    });
    return out;
}

std::vector<UnlocatedFacility> ProjectDatabase::unlocated_facilities() const {
    std::vector<UnlocatedFacility> out;
    for_each_row(dataset(), path_, layer::kFacilitiesUnlocated, {}, "uid", [&](const Row& r) {
        out.push_back({r.str("uid"), r.str("family"), r.str("type"), r.str("subtype"),
                       r.str("name"), r.str("operator"), r.opt_int("count"), r.str("status"),
                       r.str("status_note"), r.opt_int("source_line"), r.str("notes")});
    });
    return out;
}

std::vector<FacilityHistoryRow> ProjectDatabase::facility_history() const {
    std::vector<FacilityHistoryRow> out;
    for_each_row(dataset(), path_, layer::kFacilityHistory, {}, "uid, revision", [&](const Row& r) {
        out.push_back({r.str("uid"), static_cast<int>(r.int64("revision")), r.str("changed_at"),
                       r.str("action"), r.str("changes"), r.str("author")});
    });
    return out;
}

std::vector<PopulationCell> ProjectDatabase::population_grid(bool capso_only) const {
    std::vector<PopulationCell> out;
    for_each_row(dataset(), path_, layer::kPopulationGrid, capso_only ? "in_capso = 1" : "",
                 "cell_id", [&](const Row& r) {
                     PopulationCell c;
                     c.cell_id = r.str("cell_id");
                     c.x_3035 = r.int64("x_3035");
                     c.y_3035 = r.int64("y_3035");
                     c.x = r.opt_real("centre_x").value_or(0.0);
                     c.y = r.opt_real("centre_y").value_or(0.0);
                     c.insee = r.opt_str("insee");
                     c.in_capso = r.int64("in_capso") != 0;
                     c.imputed = r.int64("imputed") != 0;
                     c.ind = r.opt_real("ind");
                     c.ind_0_3 = r.opt_real("ind_0_3");
                     c.ind_4_5 = r.opt_real("ind_4_5");
                     c.ind_6_10 = r.opt_real("ind_6_10");
                     c.ind_11_17 = r.opt_real("ind_11_17");
                     c.ind_18_24 = r.opt_real("ind_18_24");
                     c.ind_25_39 = r.opt_real("ind_25_39");
                     c.ind_40_54 = r.opt_real("ind_40_54");
                     c.ind_55_64 = r.opt_real("ind_55_64");
                     c.ind_65_79 = r.opt_real("ind_65_79");
                     c.ind_80p = r.opt_real("ind_80p");
                     c.ind_inc = r.opt_real("ind_inc");
                     c.men = r.opt_real("men");
                     c.men_1ind = r.opt_real("men_1ind");
                     c.men_5ind = r.opt_real("men_5ind");
                     c.men_coll = r.opt_real("men_coll");
                     c.men_mais = r.opt_real("men_mais");
                     c.men_fmp = r.opt_real("men_fmp");
                     c.men_pauv = r.opt_real("men_pauv");
                     c.men_prop = r.opt_real("men_prop");
                     c.men_surf = r.opt_real("men_surf");
                     c.geometry = r.wkb();
                     out.push_back(std::move(c));
                 });
    return out;
}

std::vector<IndicatorDefinition> ProjectDatabase::indicator_definitions() const {
    std::vector<IndicatorDefinition> out;
    for_each_row(
        dataset(), path_, layer::kIndicatorDefinitions, {}, "indicator", [&](const Row& r) {
            out.push_back({r.str("indicator"), r.str("label_fr"), r.str("unit"),
                           static_cast<int>(r.int64("decimals")), r.str("scheme"), r.str("source"),
                           r.str("vintage"), r.str("method"), r.str("finest_scope")});
        });
    return out;
}

std::vector<IndicatorValue> ProjectDatabase::indicators(std::string_view indicator,
                                                        std::string_view scope) const {
    std::string where;
    if (!indicator.empty()) where = "indicator = " + sql_quote(indicator);
    if (!scope.empty())
        where += (where.empty() ? "" : " AND ") + std::string("scope = ") + sql_quote(scope);
    std::vector<IndicatorValue> out;
    for_each_row(dataset(), path_, layer::kIndicators, where,
                 "indicator, scope, place_code, origin", [&](const Row& r) {
                     IndicatorValue v;
                     v.scope = r.str("scope");
                     v.place_code = r.str("place_code");
                     v.place_name = r.str("place_name");
                     v.indicator = r.str("indicator");
                     v.value = r.opt_real("value");
                     v.unit = r.str("unit");
                     if (auto y = r.opt_int("year")) v.year = static_cast<int>(*y);
                     v.origin = r.str("origin");
                     v.source = r.str("source");
                     v.method = r.str("method");
                     v.note = r.str("note");
                     out.push_back(std::move(v));
                 });
    return out;
}

std::vector<ProvenanceRow> ProjectDatabase::provenance() const {
    std::vector<ProvenanceRow> out;
    for_each_row(dataset(), path_, layer::kProvenance, {}, "layer", [&](const Row& r) {
        out.push_back({r.str("layer"), r.str("source"), r.str("licence"), r.str("vintage"),
                       r.str("transformation")});
    });
    return out;
}

}  // namespace maillage::geo::db
