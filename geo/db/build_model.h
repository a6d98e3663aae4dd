// Internal model of the database build: what the loaders produce and the writer stores.
// Not part of the public API (read the database with project_db.h).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/core/geos.h"

namespace maillage::geo::db::build {

/// Source file names, relative to the sources folder.
namespace file {
inline constexpr std::string_view kCapsoCommunes = "raw/capso_communes.csv";
inline constexpr std::string_view kStudyAreaGeojson = "raw/communes_study_area_59_62.geojson";
inline constexpr std::string_view kCommunes5962 =
    "raw/communes_59_62_decoupage-administratif-6.0.0.csv";
inline constexpr std::string_view kFilosofiCommunes = "raw/filosofi_2019_communes_59_62.csv";
inline constexpr std::string_view kGridStudyArea = "raw/filosofi_grid_2021_200m_study_area.csv";
inline constexpr std::string_view kGridMenCapso = "raw/filosofi_grid_2021_200m_men_capso.csv";
inline constexpr std::string_view kCarsCommunes = "raw/capso_rp2022_menages_voiture.csv";
inline constexpr std::string_view kCarsIris = "raw/capso_iris_rp2022_menages_voiture.csv";
inline constexpr std::string_view kAges = "raw/capso_rp2022_age_0-29_60plus.csv";
inline constexpr std::string_view kSeedCommunes = "seed/communes.csv";
inline constexpr std::string_view kSeedFacilities = "seed/facilities.csv";
inline constexpr std::string_view kSeedFigures = "seed/figures.csv";
inline constexpr std::string_view kFacilityCoordinates = "facility_coordinates.csv";
}  // namespace file

struct BassinDef {
    std::string_view id;
    std::string_view name;  ///< as the CTG and seed/communes.csv spell it
};
inline constexpr std::array<BassinDef, 4> kBassins = {
    {{"nord", "Bassin Nord"},
     {"urbain", "Bassin urbain"},
     {"morinie_aire", "Bassin Morinie/Aire"},
     {"fauquembergues", "Bassin de Fauquembergues"}}};

struct CommuneRec {
    std::string insee;
    std::string name;
    std::string departement;
    bool capso = false;
    std::optional<std::int64_t> population;  ///< CAPSO: DGCL per-member; context: package value
    std::string bassin_id;
    std::string bassin_name;
    std::optional<std::string> rpe_sector;
    GeomPtr geom;  ///< EPSG:2154
};

/// Age columns of the grid, in the order stored in CellRec::ind.
inline constexpr std::array<std::string_view, 12> kIndColumns = {
    "ind",       "ind_0_3",   "ind_4_5",   "ind_6_10",  "ind_11_17", "ind_18_24",
    "ind_25_39", "ind_40_54", "ind_55_64", "ind_65_79", "ind_80p",   "ind_inc"};
/// Household columns of the grid, in the order stored in CellRec::men.
inline constexpr std::array<std::string_view, 9> kMenColumns = {"men",      "men_1ind", "men_5ind",
                                                                "men_coll", "men_mais", "men_fmp",
                                                                "men_pauv", "men_prop", "men_surf"};

struct CellRec {
    std::string cell_id;
    std::int64_t x_3035 = 0;
    std::int64_t y_3035 = 0;
    double cx = 0.0;  ///< centre, EPSG:2154
    double cy = 0.0;
    std::optional<std::string> insee;
    bool in_capso = false;
    bool imputed = false;
    std::optional<std::string> source_capso_commune;  ///< the extract's own assignment
    std::array<std::optional<double>, kIndColumns.size()> ind{};
    std::array<std::optional<double>, kMenColumns.size()> men{};
    GeomPtr geom;
    [[nodiscard]] double population() const { return ind[0].value_or(0.0); }
};

struct Territory {
    std::vector<CommuneRec> communes;  ///< CAPSO first (by INSEE), then context (by INSEE)
    std::vector<CellRec> cells;        ///< by cell_id
    /// CAPSO commune INSEE → index in `cells` of its most populated cell (main settlement).
    std::map<std::string, std::size_t> main_cell;
    std::size_t context_dropped = 0;  ///< study-area codes that no longer exist
    [[nodiscard]] const CommuneRec* commune(const std::string& insee) const;
};

struct FacilityRec {
    std::string uid;
    std::string family, type, subtype, name, operator_name, address, postcode;
    std::string commune_insee, commune_name;
    std::optional<std::int64_t> capacity, count, source_line;
    std::string opening_notes, status, status_note;
    std::optional<std::string> closed_date;
    std::string other_lines, location_precision, address_precision_source, location_source;
    std::string site_key;
    int site_rank = 1;
    int site_size = 1;
    std::string notes;
    double x = 0.0;
    double y = 0.0;
    bool located = true;  ///< false: no commune, goes to facilities_unlocated
};

struct IndicatorDef {
    std::string indicator, label_fr, unit;
    int decimals = 0;
    std::string scheme, source, vintage, method;
    std::string finest_scope = "commune";  ///< "bassin" for figures the CTG gives per bassin only
};

struct IndicatorRow {
    std::string scope, place_code, place_name, indicator;
    std::optional<double> value;
    std::string unit;
    std::optional<int> year;
    std::string origin, source, method, note;
};

struct Indicators {
    std::vector<IndicatorDef> definitions;
    std::vector<IndicatorRow> rows;
};

// Loaders (each throws InputError naming the file and the problem).
[[nodiscard]] Territory load_territory(const std::filesystem::path& sources);
[[nodiscard]] std::vector<FacilityRec> load_facilities(const std::filesystem::path& sources,
                                                       const Territory& territory);
[[nodiscard]] Indicators compute_indicators(const std::filesystem::path& sources,
                                            const Territory& territory);

// Facility normalisation, exposed for tests.
[[nodiscard]] std::string facility_family(std::string_view seed_type);
struct StatusParts {
    std::string status;  ///< open / closed / project
    std::string note;    ///< the original text when it says more
    std::optional<std::string> closed_date;
};
[[nodiscard]] std::optional<StatusParts> parse_status(std::string_view text);

}  // namespace maillage::geo::db::build
