// Indicators per commune from the sources, our aggregates per bassin and for the CAPSO, and
// the CTG's own figures at their scope for comparison (docs: data/sources/SOURCES.md).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "geo/core/error.h"
#include "geo/db/build_model.h"
#include "geo/db/csv_table.h"
#include "geo/db/schema.h"

namespace maillage::geo::db::build {

namespace {

constexpr std::string_view kPopSource =
    "INSEE, populations légales RP 2022 (population municipale), liste DGCL des EPCI 2026 via "
    "@etalab/decoupage-administratif 6.0.0";
constexpr std::string_view kFilosofiSource =
    "INSEE, Filosofi 2019, données communales (MED19, TP6019)";
constexpr std::string_view kGridSource = "INSEE, Filosofi 2021, données carroyées 200 m (ind_*)";
constexpr std::string_view kCarsSource =
    "INSEE, RP 2022, base infracommunale Logement (P22_RP, P22_RP_VOIT1P), via "
    "futuree-app/future-e";
constexpr std::string_view kAgesSource = "INSEE, RP 2022, structure par âge (parts 0–29 et 60+)";
constexpr std::string_view kCtgSource =
    "Convention Territoriale Globale CAPSO 2026–2030 (CAF 62, MSA), l.";
constexpr std::string_view kCapsoName = "CA du Pays de Saint-Omer";

/// Grid age bands summed over a set of cells.
struct GridSums {
    double ind = 0, a0_3 = 0, a4_5 = 0, a6_10 = 0, a11_17 = 0, a18_24 = 0, a65p = 0;
    std::size_t cells = 0;
    void add(const CellRec& c) {
        auto v = [&](std::size_t i) { return c.ind[i].value_or(0.0); };
        ind += v(0);
        a0_3 += v(1);
        a4_5 += v(2);
        a6_10 += v(3);
        a11_17 += v(4);
        a18_24 += v(5);
        a65p += v(9) + v(10);
        ++cells;
    }
};

/// Household and age sums used for the aggregates.
struct PlaceSums {
    std::int64_t population = 0;
    double households = 0, households_car = 0;  // RP 2022
    double p22_pop = 0, pop_0_29 = 0, pop_60p = 0;
    GridSums grid;
};

class Builder {
  public:
    Indicators out;

    void define(std::string key, std::string label, std::string unit, int decimals,
                std::string scheme, std::string_view source, std::string vintage,
                std::string method) {
        out.definitions.push_back({std::move(key), std::move(label), std::move(unit), decimals,
                                   std::move(scheme), std::string(source), std::move(vintage),
                                   std::move(method)});
        units_[out.definitions.back().indicator] = out.definitions.back().unit;
    }

    void add(std::string scope, std::string code, std::string name, const std::string& indicator,
             std::optional<double> value, std::optional<int> year, std::string origin,
             std::string_view source, std::string method, std::string note = {}) {
        out.rows.push_back({std::move(scope), std::move(code), std::move(name), indicator, value,
                            units_.at(indicator), year, std::move(origin), std::string(source),
                            std::move(method), std::move(note)});
    }

  private:
    std::map<std::string, std::string> units_;
};

std::optional<double> ratio(double num, double den, double scale = 1.0) {
    if (den <= 0.0) return std::nullopt;
    return scale * num / den;
}

void add_grid_rows(Builder& b, const std::string& scope, const std::string& code,
                   const std::string& name, const GridSums& g, const std::string& origin,
                   const std::string& how) {
    const std::optional<int> year = 2021;
    auto count = [&](const char* key, double v) {
        b.add(scope, code, name, key, g.cells ? std::optional<double>(v) : std::nullopt, year,
              origin, kGridSource, how);
    };
    count("enfants_0_3", g.a0_3);
    count("enfants_4_5", g.a4_5);
    count("enfants_6_10", g.a6_10);
    count("jeunes_11_17", g.a11_17);
    count("personnes_65p", g.a65p);
    auto share = [&](const char* key, double v) {
        b.add(scope, code, name, key, ratio(v, g.ind, 100.0), year, origin, kGridSource, how);
    };
    share("part_0_3", g.a0_3);
    share("part_4_5", g.a4_5);
    share("part_6_10", g.a6_10);
    share("part_11_17", g.a11_17);
    share("part_65p", g.a65p);
    const double under20 = g.a0_3 + g.a4_5 + g.a6_10 + g.a11_17 + 2.0 / 7.0 * g.a18_24;
    b.add(scope, code, name, "indice_jeunesse_estime", ratio(under20, g.a65p), year, origin,
          kGridSource, how);
}

}  // namespace

Indicators compute_indicators(const std::filesystem::path& sources, const Territory& territory) {
    Builder b;
    const std::string grid_method = "cells assigned whole to the commune holding their centre";
    b.define("population", "Population municipale", "habitants", 0, "sequential", kPopSource,
             "RP 2022",
             "Population municipale légale; bassin and CAPSO values are sums of the communes.");
    b.define("revenu_median_uc", "Revenu médian par unité de consommation (niveau de vie médian)",
             "€", 0, "sequential", kFilosofiSource, "2019",
             "MED19 as published; not aggregated (a median of medians is not a median).");
    b.define("taux_pauvrete", "Taux de pauvreté (seuil 60 %)", "%", 0, "sequential",
             kFilosofiSource, "2019",
             "TP6019 as published; missing where INSEE applies statistical secrecy.");
    const std::string grid_def =
        "Sum over the Filosofi 2021 200 m cells whose centre lies in the place (individuals in "
        "ordinary fiscal "
        "households, about 2 % below the population municipale).";
    b.define("enfants_0_3", "Enfants de 0 à 3 ans", "personnes", 0, "sequential", kGridSource,
             "2021", grid_def);
    b.define("enfants_4_5", "Enfants de 4 à 5 ans", "personnes", 0, "sequential", kGridSource,
             "2021", grid_def);
    b.define("enfants_6_10", "Enfants de 6 à 10 ans", "personnes", 0, "sequential", kGridSource,
             "2021", grid_def);
    b.define("jeunes_11_17", "Jeunes de 11 à 17 ans", "personnes", 0, "sequential", kGridSource,
             "2021", grid_def);
    b.define("personnes_65p", "Personnes de 65 ans et plus", "personnes", 0, "sequential",
             kGridSource, "2021", grid_def);
    const std::string share_def = "Band / ind × 100 over the cells whose centre lies in the place.";
    b.define("part_0_3", "Part des 0–3 ans", "%", 1, "sequential", kGridSource, "2021", share_def);
    b.define("part_4_5", "Part des 4–5 ans", "%", 1, "sequential", kGridSource, "2021", share_def);
    b.define("part_6_10", "Part des 6–10 ans", "%", 1, "sequential", kGridSource, "2021",
             share_def);
    b.define("part_11_17", "Part des 11–17 ans", "%", 1, "sequential", kGridSource, "2021",
             share_def);
    b.define("part_65p", "Part des 65 ans et plus", "%", 1, "sequential", kGridSource, "2021",
             share_def);
    b.define("indice_jeunesse_estime",
             "Indice de jeunesse (estimé, moins de 20 ans / 65 ans et plus)", "ratio", 2,
             "diverging", kGridSource, "2021",
             "Estimate of the CTG's indice de jeunesse (under-20s / 65 and over): (ind_0_3 + "
             "ind_4_5 + ind_6_10 + "
             "ind_11_17 + 2/7 × ind_18_24) / (ind_65_79 + ind_80p). The grid has no 18–19 band: "
             "2/7 of 18–24 "
             "assumes ages spread evenly in that band. 1 = as many young as old.");
    b.define("taux_motorisation", "Taux de motorisation (ménages avec au moins une voiture)", "%",
             1, "sequential", kCarsSource, "RP 2022",
             "Commune: 100 × ΣP22_RP_VOIT1P / ΣP22_RP over its IRIS as published. Bassin/CAPSO: "
             "household-weighted "
             "(Σ households with a car / Σ households).");
    b.define("menages", "Ménages (résidences principales)", "ménages", 0, "sequential", kCarsSource,
             "RP 2022", "Σ rounded P22_RP of the IRIS of the commune.");
    b.define(
        "menages_sans_voiture", "Ménages sans voiture", "ménages", 0, "sequential", kCarsSource,
        "RP 2022",
        "Households minus households with a car (derived from rounded IRIS values, ±1 per IRIS).");
    b.define("part_0_29", "Part des 0–29 ans", "%", 1, "sequential", kAgesSource, "RP 2022",
             "Published share; bassin/CAPSO: population-weighted.");
    b.define("part_60p", "Part des 60 ans et plus", "%", 1, "sequential", kAgesSource, "RP 2022",
             "Published share; bassin/CAPSO: population-weighted.");

    std::map<std::string, PlaceSums> sums;  // key: INSEE code
    std::map<std::string, GridSums> grid;
    for (const auto& cell : territory.cells) {
        if (cell.in_capso && cell.insee) grid[*cell.insee].add(cell);
    }

    // Sources per commune.
    const auto filo = CsvTable::read(sources / std::filesystem::path(file::kFilosofiCommunes),
                                     {"CODGEO", "MED19", "TP6019"});
    std::unordered_map<std::string, std::size_t> filo_row;
    for (std::size_t r = 0; r < filo.size(); ++r) filo_row[filo.text(r, "CODGEO")] = r;
    const auto cars = CsvTable::read(sources / std::filesystem::path(file::kCarsCommunes),
                                     {"code_insee", "rp_2022", "menages_voit1p_2022_est",
                                      "part_menages_voit1p_pct", "n_lignes_iris", "decoupage"});
    std::unordered_map<std::string, std::size_t> cars_row;
    for (std::size_t r = 0; r < cars.size(); ++r) cars_row[cars.text(r, "code_insee")] = r;
    const auto iris =
        CsvTable::read(sources / std::filesystem::path(file::kCarsIris),
                       {"code_iris", "code_insee", "part_menages_voit1p_pct", "rp_2022_arrondi"});
    struct IrisSum {
        double rp = 0, car = 0;
        int n = 0;
    };
    std::map<std::string, IrisSum> iris_sum;
    for (std::size_t r = 0; r < iris.size(); ++r) {
        auto& s = iris_sum[iris.text(r, "code_insee")];
        const double rp = iris.required_number(r, "rp_2022_arrondi");
        s.rp += rp;
        s.car += rp * iris.required_number(r, "part_menages_voit1p_pct") / 100.0;
        ++s.n;
    }
    const auto ages = CsvTable::read(sources / std::filesystem::path(file::kAges),
                                     {"code_insee", "p22_pop", "part_0_29_pct", "part_60p_pct"});
    std::unordered_map<std::string, std::size_t> ages_row;
    for (std::size_t r = 0; r < ages.size(); ++r) ages_row[ages.text(r, "code_insee")] = r;

    auto missing = [](const CsvTable& t, const std::string& insee) {
        return InputError({t.path().string(), {}, {}}, "no row for CAPSO commune " + insee);
    };

    for (const auto& c : territory.communes) {
        if (!c.capso) continue;
        const std::string& code = c.insee;
        PlaceSums& s = sums[code];
        s.population = *c.population;
        b.add("commune", code, c.name, "population", static_cast<double>(*c.population), 2022,
              "source", kPopSource, "population municipale");

        auto f = filo_row.find(code);
        if (f == filo_row.end()) throw missing(filo, code);
        const auto med = filo.number(f->second, "MED19");
        b.add("commune", code, c.name, "revenu_median_uc", med, 2019, "source", kFilosofiSource,
              "MED19", med ? "" : "secret statistique");
        const auto tp = filo.number(f->second, "TP6019");
        b.add("commune", code, c.name, "taux_pauvrete", tp, 2019, "source", kFilosofiSource,
              "TP6019", tp ? "" : "secret statistique (too few households)");

        const GridSums g = grid.count(code) ? grid[code] : GridSums{};
        s.grid = g;
        add_grid_rows(b, "commune", code, c.name, g, "source", grid_method);

        auto k = cars_row.find(code);
        if (k == cars_row.end()) throw missing(cars, code);
        const double rp = cars.required_number(k->second, "rp_2022");
        const double with_car = cars.required_number(k->second, "menages_voit1p_2022_est");
        const double pct = cars.required_number(k->second, "part_menages_voit1p_pct");
        s.households = rp;
        s.households_car = with_car;
        std::string check;
        if (cars.text(k->second, "decoupage") == "IRIS") {
            const auto& is = iris_sum[code];
            char buf[200];
            std::snprintf(
                buf, sizeof buf,
                "IRIS check: %d IRIS, household-weighted mean of the rounded IRIS shares %.1f %% "
                "(published commune value %.1f %%)",
                is.n, is.rp > 0 ? 100.0 * is.car / is.rp : 0.0, pct);
            check = buf;
        }
        b.add("commune", code, c.name, "taux_motorisation", pct, 2022, "source", kCarsSource,
              "part_menages_voit1p_pct", check);
        b.add("commune", code, c.name, "menages", rp, 2022, "source", kCarsSource, "rp_2022");
        b.add("commune", code, c.name, "menages_sans_voiture", rp - with_car, 2022, "source",
              kCarsSource, "rp_2022 − menages_voit1p_2022_est");

        auto a = ages_row.find(code);
        if (a == ages_row.end()) throw missing(ages, code);
        const double p22 = ages.required_number(a->second, "p22_pop");
        const auto p029 = ages.number(a->second, "part_0_29_pct");
        const auto p60 = ages.number(a->second, "part_60p_pct");
        s.p22_pop = p22;
        s.pop_0_29 = p22 * p029.value_or(0.0) / 100.0;
        s.pop_60p = p22 * p60.value_or(0.0) / 100.0;
        b.add("commune", code, c.name, "part_0_29", p029, 2022, "source", kAgesSource,
              "part_0_29_pct");
        b.add("commune", code, c.name, "part_60p", p60, 2022, "source", kAgesSource,
              "part_60p_pct");
    }

    // Our aggregates: per bassin and for the CAPSO.
    struct Place {
        std::string scope, code, name;
        std::vector<std::string> members;
    };
    std::vector<Place> places;
    for (const auto& def : kBassins) {
        Place p{"bassin", std::string(def.id), std::string(def.name), {}};
        for (const auto& c : territory.communes) {
            if (c.capso && c.bassin_id == def.id) p.members.push_back(c.insee);
        }
        places.push_back(std::move(p));
    }
    Place capso{"capso", std::string(kCapsoSiren), std::string(kCapsoName), {}};
    for (const auto& c : territory.communes) {
        if (c.capso) capso.members.push_back(c.insee);
    }
    places.push_back(std::move(capso));
    for (const auto& p : places) {
        PlaceSums t;
        for (const auto& code : p.members) {
            const PlaceSums& s = sums.at(code);
            t.population += s.population;
            t.households += s.households;
            t.households_car += s.households_car;
            t.p22_pop += s.p22_pop;
            t.pop_0_29 += s.pop_0_29;
            t.pop_60p += s.pop_60p;
            t.grid.ind += s.grid.ind;
            t.grid.a0_3 += s.grid.a0_3;
            t.grid.a4_5 += s.grid.a4_5;
            t.grid.a6_10 += s.grid.a6_10;
            t.grid.a11_17 += s.grid.a11_17;
            t.grid.a18_24 += s.grid.a18_24;
            t.grid.a65p += s.grid.a65p;
            t.grid.cells += s.grid.cells;
        }
        const std::string how = "aggregate of " + std::to_string(p.members.size()) + " communes";
        b.add(p.scope, p.code, p.name, "population", static_cast<double>(t.population), 2022,
              "aggregate", kPopSource, how + " (sum)");
        add_grid_rows(b, p.scope, p.code, p.name, t.grid, "aggregate",
                      how + " (sums of cells, then ratios)");
        b.add(p.scope, p.code, p.name, "taux_motorisation",
              ratio(t.households_car, t.households, 100.0), 2022, "aggregate", kCarsSource,
              how + " (Σ households with a car / Σ households)");
        b.add(p.scope, p.code, p.name, "menages", t.households, 2022, "aggregate", kCarsSource,
              how + " (sum)");
        b.add(p.scope, p.code, p.name, "menages_sans_voiture", t.households - t.households_car,
              2022, "aggregate", kCarsSource, how + " (sum)");
        b.add(p.scope, p.code, p.name, "part_0_29", ratio(t.pop_0_29, t.p22_pop, 100.0), 2022,
              "aggregate", kAgesSource, how + " (population-weighted)");
        b.add(p.scope, p.code, p.name, "part_60p", ratio(t.pop_60p, t.p22_pop, 100.0), 2022,
              "aggregate", kAgesSource, how + " (population-weighted)");
    }

    // The CTG's own figures for the same indicators, at their scope.
    const auto fig_path = sources / std::filesystem::path(file::kSeedFigures);
    const auto figures =
        CsvTable::read(fig_path, {"scope", "place", "indicator", "value", "unit", "year",
                                  "source_line", "value_as_written", "qualifier", "note"});
    std::map<std::string, std::string> ctg_to_ours = {
        {"population", "population"},
        {"nombre_menages", "menages"},
        {"revenu_median_par_uc", "revenu_median_uc"},
        {"menages_non_motorises", "menages_sans_voiture"},
        {"taux_motorisation_menages", "taux_motorisation"},
    };
    // Figures the CTG gives for all four bassins (and the CAPSO, the département) but which no
    // commune-level source here provides: bassin is their finest scale.
    struct BassinOnly {
        const char* ctg_key;
        const char* key;
        const char* label;
        const char* unit;
        int decimals;
    };
    static const BassinOnly bassin_only[] = {
        {"cadres_pour_100_ouvriers", "cadres_pour_100_ouvriers", "Cadres pour 100 ouvriers",
         "cadres pour 100 ouvriers", 0},
        {"femmes_vivant_seules", "femmes_vivant_seules", "Femmes vivant seules", "personnes", 0},
        {"hommes_vivant_seuls", "hommes_vivant_seuls", "Hommes vivant seuls", "personnes", 0},
        {"nombre_familles_monoparentales", "familles_monoparentales", "Familles monoparentales",
         "familles", 0},
        {"part_familles_monoparentales_parmi_menages", "part_familles_monoparentales",
         "Part des familles monoparentales parmi les ménages", "%", 1},
        {"part_personnes_seules_parmi_menages", "part_personnes_seules",
         "Part des personnes seules parmi les ménages", "%", 1},
        {"part_actifs_occupes_emploi_precaire", "part_emploi_precaire",
         "Part des actifs occupés en emploi précaire", "%", 1},
        {"ratio_actifs_inactifs_15_64", "actifs_pour_100_inactifs",
         "Actifs pour 100 inactifs (15–64 ans)", "actifs pour 100 inactifs", 0},
        {"taux_emploi_15_24", "taux_emploi_15_24", "Taux d'emploi des 15–24 ans", "%", 1},
        {"taux_emploi_15_64", "taux_emploi_15_64", "Taux d'emploi des 15–64 ans", "%", 1},
        {"taux_emploi_femmes_15_64", "taux_emploi_femmes_15_64",
         "Taux d'emploi des femmes de 15–64 ans", "%", 1},
    };
    for (const auto& d : bassin_only) {
        b.define(d.key, d.label, d.unit, d.decimals, "sequential",
                 "Convention Territoriale Globale CAPSO 2026–2030 "
                 "(figures quoted from INSEE RP 2022)",
                 "2022",
                 std::string("As printed by the CTG (") + d.ctg_key +
                     ") for the four bassins, the CAPSO and the "
                     "département; no commune value in the bundled sources.");
        b.out.definitions.back().finest_scope = "bassin";
        ctg_to_ours[d.ctg_key] = d.key;
    }
    std::map<std::string, std::string> commune_code;
    for (const auto& c : territory.communes) {
        if (c.capso) commune_code[c.name] = c.insee;
    }
    std::map<std::string, std::size_t> seen;  // (scope, code, indicator, year, value) → row index
    for (std::size_t r = 0; r < figures.size(); ++r) {
        auto ours = ctg_to_ours.find(figures.text(r, "indicator"));
        if (ours == ctg_to_ours.end() || figures.text(r, "qualifier") != "=") continue;
        const auto value = figures.number(r, "value");
        if (!value) continue;
        const std::string& scope = figures.text(r, "scope");
        const std::string& place = figures.text(r, "place");
        std::string our_scope, code, name = place;
        if (scope == "bassin") {
            auto def = std::find_if(kBassins.begin(), kBassins.end(),
                                    [&](const BassinDef& d) { return d.name == place; });
            if (def == kBassins.end()) continue;
            our_scope = "bassin";
            code = std::string(def->id);
        } else if (scope == "epci" && place == "CAPSO") {
            our_scope = "capso";
            code = std::string(kCapsoSiren);
            name = std::string(kCapsoName);
        } else if (scope == "departement" && place == "Pas-de-Calais") {
            our_scope = "departement";
            code = "62";
        } else if (scope == "commune" && commune_code.count(place)) {
            our_scope = "commune";
            code = commune_code[place];
        } else {
            continue;
        }
        const std::string line = figures.text(r, "source_line");
        std::optional<int> year;
        if (auto y = figures.integer(r, "year")) year = static_cast<int>(*y);
        const std::string key = our_scope + "|" + code + "|" + ours->second + "|" +
                                (year ? std::to_string(*year) : "") + "|" +
                                figures.text(r, "value");
        if (auto it = seen.find(key); it != seen.end()) {
            b.out.rows[it->second].note +=
                (b.out.rows[it->second].note.empty() ? "" : "; ") + std::string("also l.") + line;
            continue;
        }
        std::string note = "as written: '" + figures.text(r, "value_as_written") + "'";
        if (!figures.text(r, "note").empty()) note += "; " + figures.text(r, "note");
        b.add(our_scope, code, name, ours->second, value, year, "ctg",
              std::string(kCtgSource) + line,
              "figure quoted by the CTG (" + figures.text(r, "indicator") + ")", note);
        seen[key] = b.out.rows.size() - 1;
    }

    // Deterministic order: indicator, scope, place, origin.
    std::stable_sort(b.out.rows.begin(), b.out.rows.end(),
                     [](const IndicatorRow& x, const IndicatorRow& y) {
                         return std::tie(x.indicator, x.scope, x.place_code, x.origin) <
                                std::tie(y.indicator, y.scope, y.place_code, y.origin);
                     });
    std::sort(
        b.out.definitions.begin(), b.out.definitions.end(),
        [](const IndicatorDef& x, const IndicatorDef& y) { return x.indicator < y.indicator; });
    return b.out;
}

}  // namespace maillage::geo::db::build
