// Helpers shared by the application tests: the fixture database and an independent reading of
// indicator values straight from the database (not through the application's code).
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "geo/db/project_db.h"

namespace maillage::test {

/// $MAILLAGE_TEST_DB (CTest fixture capso_db); empty and a test failure when unset.
inline std::string testDatabase() {
    const char* env = std::getenv("MAILLAGE_TEST_DB");
    if (!env || !*env) {
        ADD_FAILURE() << "MAILLAGE_TEST_DB is not set: run through ctest (fixture capso_db)";
        return {};
    }
    return env;
}

/// Commune values of `indicator` in commune order, read with ProjectDatabase directly: the rows
/// read from the source data (origin "source"), most recent year (docs: choropleth.h).
inline std::vector<std::optional<double>> communeValues(const geo::db::ProjectDatabase& db,
                                                        const std::vector<geo::db::Commune>& communes,
                                                        const std::string& indicator) {
    std::map<std::string, std::pair<int, std::optional<double>>> best;
    for (const auto& v : db.indicators(indicator, "commune")) {
        if (v.origin != "source") continue;
        auto it = best.find(v.place_code);
        const int year = v.year.value_or(0);
        if (it == best.end() || year > it->second.first) best[v.place_code] = {year, v.value};
    }
    std::vector<std::optional<double>> out;
    for (const auto& c : communes) {
        auto it = best.find(c.insee);
        out.push_back(it == best.end() ? std::nullopt : it->second.second);
    }
    return out;
}

}  // namespace maillage::test
