// The project database built by the CTest fixture `capso_db` for suites named *Db.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace maillage::test {

/// $MAILLAGE_TEST_DB (set by CTest for suites named *Db); fails the test when it is unset or
/// the file is missing, e.g. when the binary is run by hand without the fixture.
inline std::filesystem::path test_database_path() {
    const char* env = std::getenv("MAILLAGE_TEST_DB");
    if (env == nullptr || *env == '\0') {
        ADD_FAILURE()
            << "MAILLAGE_TEST_DB is not set: run through ctest (fixture capso_db) or set it "
               "to a database built by `maillage build-db --out FILE`";
        return {};
    }
    std::filesystem::path path(env);
    if (!std::filesystem::exists(path)) ADD_FAILURE() << "MAILLAGE_TEST_DB file missing: " << path;
    return path;
}

}  // namespace maillage::test
