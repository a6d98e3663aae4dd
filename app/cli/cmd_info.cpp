// `maillage info`: a readable summary of the project database — communes per bassin, facilities
// by family/type and status, indicators with their vintage, provenance.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "app/cli/command.h"
#include "geo/db/project_db.h"

namespace maillage::cli {

namespace {

/// Display width of a UTF-8 string (code points; enough for Latin text).
std::size_t width(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
    return n;
}
std::string left(const std::string& s, std::size_t w) {
    return s + std::string(w > width(s) ? w - width(s) : 0, ' ');
}
std::string right(const std::string& s, std::size_t w) {
    return std::string(w > width(s) ? w - width(s) : 0, ' ') + s;
}

/// Splits text at spaces into lines of at most `w` code points (longer words stay whole).
std::vector<std::string> wrap(const std::string& text, std::size_t w) {
    std::vector<std::string> lines;
    std::istringstream words(text);
    std::string word, line;
    while (words >> word) {
        if (!line.empty() && width(line) + 1 + width(word) > w) {
            lines.push_back(line);
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

/// 104320 -> "104 320" (French thousands separator, as the CTG prints them).
std::string thousands(long long v) {
    std::string digits = std::to_string(v < 0 ? -v : v);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
        out += digits[i];
    }
    return (v < 0 ? "-" : "") + out;
}

void print_info(const geo::db::ProjectDatabase& db, std::ostream& out) {
    const auto meta = db.meta();
    auto m = [&](const char* k) {
        auto it = meta.find(k);
        return it == meta.end() ? std::string("?") : it->second;
    };
    out << "Maillage project database " << db.path().string() << "\n";
    out << "  " << m("territory_name") << ", EPCI " << m("epci_siren") << "\n";
    out << "  schema " << m("schema_version") << ", built " << m("built_at") << " by Maillage "
        << m("maillage_version") << ", " << m("crs") << ", sources digest " << m("sources_digest")
        << "\n\n";

    // Communes per bassin.
    const auto communes = db.communes();
    const auto bassins = db.bassins();
    out << "Communes per bassin de vie (population municipale, INSEE RP 2022)\n";
    out << "  " << left("bassin", 28) << right("communes", 9) << right("population", 12) << "\n";
    long long total_pop = 0;
    int total_communes = 0;
    for (const auto& b : bassins) {
        out << "  " << left(b.name, 28) << right(std::to_string(b.commune_count), 9)
            << right(thousands(b.population), 12) << "\n";
        total_pop += b.population;
        total_communes += b.commune_count;
    }
    out << "  " << left("CAPSO", 28) << right(std::to_string(total_communes), 9)
        << right(thousands(total_pop), 12) << "\n";
    int rpe = 0;
    for (const auto& c : communes) rpe += c.rpe_sector ? 1 : 0;
    out << "  " << communes.size() << " communes in the communes layer (" << rpe
        << " with an RPE sector stated by the CTG), " << db.context_communes().size()
        << " neighbouring communes for context\n\n";

    // Facilities by family and type, per status.
    const auto facilities = db.facilities();
    const auto unlocated = db.unlocated_facilities();
    std::map<std::string, std::map<std::string, std::map<std::string, int>>>
        counts;  // family → type → status
    std::map<std::string, int> precision;
    for (const auto& f : facilities) {
        ++counts[f.family][f.type][f.status];
        ++precision[f.location_precision];
    }
    out << "Facilities with a place (" << facilities.size() << " rows; CTG 2026-2030)\n";
    out << "  " << left("family / type", 28) << right("open", 6) << right("closed", 8)
        << right("project", 9) << right("total", 7) << "\n";
    auto row = [&](const std::string& label, const std::map<std::string, int>& by_status) {
        auto get = [&](const char* s) {
            auto it = by_status.find(s);
            return it == by_status.end() ? 0 : it->second;
        };
        const int total = get("open") + get("closed") + get("project");
        out << "  " << left(label, 28) << right(std::to_string(get("open")), 6)
            << right(std::to_string(get("closed")), 8) << right(std::to_string(get("project")), 9)
            << right(std::to_string(total), 7) << "\n";
    };
    for (const auto& [family, types] : counts) {
        std::map<std::string, int> family_total;
        for (const auto& [type, by_status] : types) {
            for (const auto& [s, n] : by_status) family_total[s] += n;
        }
        row(family, family_total);
        if (types.size() > 1 || types.begin()->first != family) {
            for (const auto& [type, by_status] : types) row("  " + type, by_status);
        }
    }
    out << "  location: ";
    bool first = true;
    for (const auto& [p, n] : precision) {
        out << (first ? "" : ", ") << n << " at " << p << " precision";
        first = false;
    }
    out << " (commune precision = the commune's most populated 200 m cell, an approximation)\n";
    out << "  + " << unlocated.size()
        << " services named by the CTG without a place (table facilities_unlocated)\n\n";

    // Indicators.
    const auto defs = db.indicator_definitions();
    const auto values = db.indicators();
    std::map<std::string, std::pair<int, int>> commune_counts;  // indicator → (with value, rows)
    std::map<std::string, std::set<std::string>> ctg_scopes;
    for (const auto& v : values) {
        if (v.scope == "commune" && v.origin == "source") {
            auto& c = commune_counts[v.indicator];
            ++c.second;
            c.first += v.value ? 1 : 0;
        }
        if (v.origin == "ctg") ctg_scopes[v.indicator].insert(v.scope);
    }
    out << "Indicators (" << defs.size()
        << "; values per commune, bassin and CAPSO; CTG figures for comparison)\n";
    out << "  " << left("indicator", 29) << left("unit", 11) << left("vintage", 9)
        << right("communes", 12) << "  "
        << "CTG figures at\n";
    for (const auto& d : defs) {
        const auto c = commune_counts[d.indicator];
        std::string scopes;
        for (const auto& s : ctg_scopes[d.indicator]) scopes += (scopes.empty() ? "" : ", ") + s;
        const std::string commune_values =
            d.finest_scope == "commune" ? std::to_string(c.first) + "/" + std::to_string(c.second)
                                        : "bassins only";
        std::string unit = d.unit;
        if (width(unit) > 10) unit = d.unit.substr(0, d.unit.find(' '));
        out << "  " << left(d.indicator, 29) << left(unit, 11) << left(d.vintage, 9)
            << right(commune_values, 12) << "  " << (scopes.empty() ? "-" : scopes) << "\n";
    }
    out << "\n";

    // Provenance.
    out << "Provenance\n";
    std::size_t w = 0;
    const auto prov = db.provenance();
    for (const auto& p : prov) w = std::max(w, width(p.layer));
    for (const auto& p : prov) {
        out << "  " << left(p.layer, w + 2) << p.vintage << " | " << p.licence << "\n";
        for (const auto& line : wrap(p.source, 96 - w))
            out << "  " << std::string(w + 2, ' ') << line << "\n";
    }
}

}  // namespace

void register_info(CLI::App& root) {
    auto* cmd =
        root.add_subcommand("info",
                            "Summarise the project database: communes per bassin, facilities, "
                            "indicators and their vintage, provenance");
    auto db_path = std::make_shared<std::string>();
    cmd->add_option("--db", *db_path,
                    "Project database [default: $MAILLAGE_DB or data/capso.gpkg]");
    cmd->callback([db_path] {
        const std::filesystem::path path =
            db_path->empty() ? default_database() : std::filesystem::path(*db_path);
        const auto db = geo::db::ProjectDatabase::open(path);
        std::ostringstream out;
        print_info(db, out);
        std::cout << out.str() << std::flush;
    });
}

}  // namespace maillage::cli
