// The project database is usable from SpatiaLite SQL (GeoPackage "amphibious" mode), as the
// issue requires: spatial SQL on communes and facilities gives the engine's answers.
#include <gtest/gtest.h>
#include <sqlite3.h>
// spatialite.h needs sqlite3.h first.
#include <spatialite.h>

#include "geo/core/geos.h"
#include "geo/db/project_db.h"
#include "tests/support/test_db.h"

namespace maillage::geo::db {
namespace {

class SpatialiteDb : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto path = test::test_database_path();
        ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
        cache_ = spatialite_alloc_connection();
        spatialite_init_ex(db_, cache_, 0);
        ASSERT_EQ(sqlite3_exec(db_, "SELECT EnableGpkgAmphibiousMode()", nullptr, nullptr, nullptr),
                  SQLITE_OK);
    }
    void TearDown() override {
        sqlite3_close(db_);
        spatialite_cleanup_ex(cache_);
    }
    double scalar(const char* sql) {
        sqlite3_stmt* stmt = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr), SQLITE_OK)
            << sqlite3_errmsg(db_);
        double value = -1;
        if (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW)
            value = sqlite3_column_double(stmt, 0);
        sqlite3_finalize(stmt);
        return value;
    }
    sqlite3* db_ = nullptr;
    void* cache_ = nullptr;
};

TEST_F(SpatialiteDb, AreasAgreeWithGeos) {
    const auto db = ProjectDatabase::open(test::test_database_path());
    double geos_area = 0;
    for (const auto& c : db.communes()) {
        double a = 0;
        GEOSArea_r(geos_handle(), c.geometry.geometry().get(), &a);
        geos_area += a;
    }
    EXPECT_NEAR(scalar("SELECT SUM(ST_Area(geom)) FROM communes"), geos_area, 1.0);
    EXPECT_EQ(scalar("SELECT COUNT(DISTINCT ST_SRID(geom)) FROM communes"), 1.0);
    EXPECT_EQ(scalar("SELECT ST_SRID(geom) FROM communes LIMIT 1"), 2154.0);
}

TEST_F(SpatialiteDb, EveryFacilityLiesInItsCommune) {
    EXPECT_EQ(
        scalar("SELECT COUNT(*) FROM facilities f JOIN communes c ON c.insee = f.commune_insee "
               "WHERE ST_Intersects(c.geom, f.geom)"),
        scalar("SELECT COUNT(*) FROM facilities"));
}

}  // namespace
}  // namespace maillage::geo::db
