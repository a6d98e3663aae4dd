// Reading the project database (data/capso.gpkg) into plain structs.
//
// Contract:
// - ProjectDatabase::open() checks the file is a Maillage GeoPackage of schema kSchemaVersion
//   and throws InputError naming the file otherwise (missing file, not a GeoPackage, no
//   project_meta, other schema version, missing layer or column).
// - Every geometry is ISO WKB in Lambert-93 (EPSG:2154, metres); turn it into GEOS with
//   geometry() (the GeomPtr belongs to the calling thread). Points also carry x/y.
// - Missing values are std::nullopt, never 0.
// - Each accessor reads the layer anew (no cache); results are ordered as in the database
//   (communes by INSEE code, bassins in the CTG's order nord/urbain/morinie_aire/fauquembergues,
//   facilities by uid, cells by cell_id, indicators by indicator/scope/place/origin).
// - One ProjectDatabase per thread (it holds a GDAL dataset). Qt-free.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/core/geos.h"

class GDALDataset;

namespace maillage::geo::db {

/// ISO WKB of a geometry in EPSG:2154.
struct Wkb {
    std::vector<unsigned char> bytes;
    [[nodiscard]] GeomPtr geometry() const { return geom_from_wkb(bytes); }
    [[nodiscard]] bool empty() const noexcept { return bytes.empty(); }
};

/// A CAPSO member commune (layer `communes`).
struct Commune {
    std::string insee;            ///< INSEE code, e.g. "62765"
    std::string name;             ///< 2026 name
    std::int64_t population = 0;  ///< population municipale (RP 2022, in force in 2026, DGCL)
    std::string bassin_id;        ///< "nord", "urbain", "morinie_aire", "fauquembergues"
    std::string bassin_name;      ///< "Bassin Nord", ...
    std::optional<std::string> rpe_sector;  ///< only where the CTG states it
    std::string departement;                ///< "62"
    Wkb geometry;                           ///< MultiPolygon
};

/// A neighbouring commune of the study area, outside the CAPSO (layer `communes_context`).
struct ContextCommune {
    std::string insee;
    std::string name;
    std::string departement;                 ///< "59" or "62"
    std::optional<std::int64_t> population;  ///< DGCL 2026 package value (other vintage)
    Wkb geometry;
};

/// A bassin de vie as the CTG defines it (layer `bassins`).
struct Bassin {
    std::string bassin_id;
    std::string name;
    int commune_count = 0;
    std::int64_t population = 0;
    Wkb geometry;  ///< GEOS union of its communes
};

/// A family facility with a place (layer `facilities`).
struct Facility {
    std::string uid;     ///< stable, never reused ("ctg-l2129", "ctg-l1953-2", ...)
    std::string family;  ///< EAJE, RPE, LAEP, ALSH, SOCIAL, MAISON_CAPSO, PIJ, OTHER
    std::string type;    ///< seed type: EAJE, MICRO_CRECHE, MAM, ALSH_EXTRASCOLAIRE, ...
    std::string subtype;
    std::string name;
    std::string operator_name;  ///< column `operator`
    std::string address;
    std::string postcode;
    std::string commune_insee;
    std::string commune_name;
    std::optional<std::int64_t> capacity;  ///< places, when the CTG gives them
    std::optional<std::int64_t> count;     ///< >1 for aggregated rows ("2 MAM")
    std::string opening_notes;
    std::string status;       ///< "open", "closed", "project"
    std::string status_note;  ///< original status text when it says more than `status`
    std::optional<std::string> closed_date;   ///< ISO date when the CTG gives one
    std::optional<std::int64_t> source_line;  ///< line in the CTG text
    std::string other_lines;
    std::string location_precision;        ///< "address" (coordinate known) or "commune"
    std::string address_precision_source;  ///< seed value: address, structure_address, ...
    std::string location_source;           ///< where the point comes from
    std::string site_key;                  ///< shared by facilities at the same point
    int site_rank = 1;                     ///< 1..n within a site (for fanning symbols out)
    int site_size = 1;                     ///< n
    std::string notes;
    int revision = 1;
    double x = 0.0;  ///< EPSG:2154 metres
    double y = 0.0;
};

/// A service of the CTG without a place (layer `facilities_unlocated`, no geometry).
struct UnlocatedFacility {
    std::string uid;
    std::string family;
    std::string type;
    std::string subtype;
    std::string name;
    std::string operator_name;
    std::optional<std::int64_t> count;
    std::string status;
    std::string status_note;
    std::optional<std::int64_t> source_line;
    std::string notes;
};

/// A 200 m INSEE Filosofi 2021 cell (layer `population_grid`).
struct PopulationCell {
    std::string cell_id;      ///< "CRS3035RES200mN3073400E3774400"
    std::int64_t x_3035 = 0;  ///< lower-left corner, EPSG:3035 metres
    std::int64_t y_3035 = 0;
    double x = 0.0;  ///< cell centre, EPSG:2154 metres
    double y = 0.0;
    std::optional<std::string> insee;  ///< commune holding the cell centre (study area)
    bool in_capso = false;
    bool imputed = false;       ///< INSEE i_est_200 = 1
    std::optional<double> ind;  ///< individuals in fiscal households
    std::optional<double> ind_0_3, ind_4_5, ind_6_10, ind_11_17, ind_18_24, ind_25_39, ind_40_54,
        ind_55_64, ind_65_79, ind_80p, ind_inc;
    /// Household variables (Filosofi 2021 `men` theme): CAPSO cells only, else nullopt.
    std::optional<double> men, men_1ind, men_5ind, men_coll, men_mais, men_fmp, men_pauv, men_prop,
        men_surf;
    Wkb geometry;  ///< the 200 m square reprojected to EPSG:2154
};

struct IndicatorDefinition {
    std::string indicator;  ///< key, e.g. "revenu_median_uc"
    std::string label_fr;
    std::string unit;
    int decimals = 0;
    std::string scheme;  ///< "sequential" or "diverging"
    std::string source;
    std::string vintage;
    std::string method;
    /// Finest scope with values: "commune", or "bassin" for figures the CTG gives per bassin
    /// only (draw those at bassin scale).
    std::string finest_scope;
};

struct IndicatorValue {
    std::string scope;       ///< "commune", "bassin", "capso", "departement"
    std::string place_code;  ///< INSEE code, bassin_id, "200069037", "62"
    std::string place_name;
    std::string indicator;
    std::optional<double> value;  ///< nullopt when secret / unavailable
    std::string unit;
    std::optional<int> year;
    std::string origin;  ///< "source" (from data), "aggregate" (ours), "ctg" (the document)
    std::string source;
    std::string method;
    std::string note;
};

struct ProvenanceRow {
    std::string layer;
    std::string source;
    std::string licence;
    std::string vintage;
    std::string transformation;
};

struct FacilityHistoryRow {
    std::string uid;
    int revision = 1;
    std::string changed_at;  ///< ISO 8601 UTC
    std::string action;      ///< "create", "update", "delete"
    std::string changes;     ///< JSON
    std::string author;
};

class ProjectDatabase {
  public:
    /// Opens read-only (or for update, as FacilityStore does). Throws InputError naming `path`
    /// when it is missing, not a GeoPackage, not a Maillage database or of another schema version.
    [[nodiscard]] static ProjectDatabase open(const std::filesystem::path& path,
                                              bool update = false);

    ProjectDatabase(ProjectDatabase&&) noexcept;
    ProjectDatabase& operator=(ProjectDatabase&&) noexcept;
    ~ProjectDatabase();

    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
    [[nodiscard]] int schema_version() const;
    [[nodiscard]] std::map<std::string, std::string> meta() const;

    [[nodiscard]] std::vector<Commune> communes() const;
    [[nodiscard]] std::vector<ContextCommune> context_communes() const;
    [[nodiscard]] std::vector<Bassin> bassins() const;
    [[nodiscard]] std::vector<Facility> facilities() const;
    [[nodiscard]] std::vector<UnlocatedFacility> unlocated_facilities() const;
    [[nodiscard]] std::vector<FacilityHistoryRow> facility_history() const;
    /// All study-area cells, or only those whose centre is in the CAPSO.
    [[nodiscard]] std::vector<PopulationCell> population_grid(bool capso_only = false) const;
    [[nodiscard]] std::vector<IndicatorDefinition> indicator_definitions() const;
    /// Indicator values, filtered by indicator key and/or scope when non-empty.
    [[nodiscard]] std::vector<IndicatorValue> indicators(std::string_view indicator = {},
                                                         std::string_view scope = {}) const;
    [[nodiscard]] std::vector<ProvenanceRow> provenance() const;
    /// Names of the layers/tables present in the file.
    [[nodiscard]] std::vector<std::string> layer_names() const;

    /// The GDAL dataset, for generic access such as exports (read-only unless opened for update).
    [[nodiscard]] GDALDataset& dataset() const;

  private:
    struct Handle;
    ProjectDatabase(std::filesystem::path path, std::unique_ptr<Handle> handle);
    std::filesystem::path path_;
    std::unique_ptr<Handle> handle_;
};

}  // namespace maillage::geo::db
