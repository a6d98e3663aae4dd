// export_layer(): every format reopens with the same rows and values as the database.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <map>
#include <random>

#include "geo/core/error.h"
#include "geo/core/gdal.h"
#include "geo/db/export.h"
#include "geo/db/project_db.h"
#include "tests/support/test_db.h"

namespace maillage::geo::db {
namespace {

class ExportDb : public ::testing::Test {
  protected:
    void SetUp() override {
        std::random_device rd;
        dir_ = std::filesystem::temp_directory_path() /
               ("maillage-export-test-" + std::to_string(rd()));
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::filesystem::path dir_;
};

/// insee → population read back from an exported communes file.
std::map<std::string, std::int64_t> populations(const std::filesystem::path& file) {
    auto ds = open_vector(file);
    OGRLayer& layer = vector_layer(*ds, file, "communes");
    std::map<std::string, std::int64_t> out;
    for (auto& f : layer) out[f->GetFieldAsString("insee")] = f->GetFieldAsInteger64("population");
    return out;
}

TEST_F(ExportDb, CommunesRoundTripInEveryFormat) {
    const auto db = ProjectDatabase::open(test::test_database_path());
    std::map<std::string, std::int64_t> expected;
    for (const auto& c : db.communes()) expected[c.insee] = c.population;
    for (const std::string format : {"gpkg", "geojson", "csv"}) {
        const auto out = dir_ / ("communes." + format);
        EXPECT_EQ(export_layer(db, "communes", format, out), 53) << format;
        EXPECT_EQ(populations(out), expected) << format;
    }
}

TEST_F(ExportDb, GeojsonIsLonLatAndKeepsTheGeometry) {
    const auto db = ProjectDatabase::open(test::test_database_path());
    const auto out = dir_ / "bassins.geojson";
    EXPECT_EQ(export_layer(db, "bassins", "geojson", out), 4);
    auto ds = open_vector(out);
    OGRLayer& layer = vector_layer(*ds, out);
    ASSERT_EQ(layer.GetFeatureCount(), 4);
    OGREnvelope env;
    ASSERT_EQ(layer.GetExtent(&env), OGRERR_NONE);
    // The CAPSO lies within lon 2.00-2.48, lat 50.50-50.85 (raw/README.md).
    EXPECT_GT(env.MinX, 1.99);
    EXPECT_LT(env.MaxX, 2.48);
    EXPECT_GT(env.MinY, 50.50);
    EXPECT_LT(env.MaxY, 50.85);
    std::map<std::string, std::int64_t> population;
    for (auto& f : layer)
        population[f->GetFieldAsString("bassin_id")] = f->GetFieldAsInteger64("population");
    EXPECT_EQ(population.at("urbain"), 52045);
}

TEST_F(ExportDb, FacilitiesCsvHasCoordinatesAndEveryRow) {
    const auto db = ProjectDatabase::open(test::test_database_path());
    const auto facilities = db.facilities();
    const auto out = dir_ / "facilities.csv";
    EXPECT_EQ(export_layer(db, "facilities", "csv", out),
              static_cast<std::int64_t>(facilities.size()));
    auto ds = open_vector(out);
    OGRLayer& layer = vector_layer(*ds, out);
    std::map<std::string, std::pair<double, double>> xy;
    for (auto& f : layer)
        xy[f->GetFieldAsString("uid")] = {f->GetFieldAsDouble("X"), f->GetFieldAsDouble("Y")};
    ASSERT_EQ(xy.size(), facilities.size());
    for (const auto& f : facilities) {
        EXPECT_NEAR(xy.at(f.uid).first, f.x, 1e-3) << f.uid;
        EXPECT_NEAR(xy.at(f.uid).second, f.y, 1e-3) << f.uid;
    }
}

TEST_F(ExportDb, AspatialTablesExportToo) {
    const auto db = ProjectDatabase::open(test::test_database_path());
    const auto out = dir_ / "indicators.csv";
    EXPECT_EQ(export_layer(db, "indicators", "csv", out),
              static_cast<std::int64_t>(db.indicators().size()));
}

TEST_F(ExportDb, UnknownLayerFailsAndLeavesTheOutputUntouched) {
    const auto db = ProjectDatabase::open(test::test_database_path());
    const auto out = dir_ / "keep.geojson";
    { std::ofstream(out) << "keep me"; }
    EXPECT_THROW((void)export_layer(db, "no_such_layer", "geojson", out), InputError);
    std::ifstream in(out);
    std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(content, "keep me");
}

}  // namespace
}  // namespace maillage::geo::db
