// The `coverage` and `isochrone` commands end to end on the CAPSO test database: outputs
// reopen with consistent content, bad input gives the documented exit code and no file.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "geo/core/gdal.h"
#include "tests/support/test_db.h"

namespace fs = std::filesystem;

namespace {

const std::string kMaillage = std::string(MAILLAGE_BINARY_DIR) + "/app/cli/maillage";

int run(const std::string& args) {
    const std::string command = kMaillage + " " + args + " >/dev/null 2>&1";
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

fs::path scratch(const std::string& name) {
    fs::path dir = fs::temp_directory_path() / ("maillage-iso-cli-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    fs::remove_all(dir / name);
    return dir / name;
}

double sum_field(OGRLayer& layer, const char* field, const char* where = nullptr) {
    layer.SetAttributeFilter(where);
    layer.ResetReading();
    double total = 0.0;
    for (auto& f : layer) total += f->IsFieldNull(f->GetFieldIndex(field)) ? 0.0 : f->GetFieldAsDouble(field);
    layer.SetAttributeFilter(nullptr);
    return total;
}

}  // namespace

TEST(CoverageCliDb, WritesAGeoPackageWhoseLayersAgree) {
    const fs::path db = maillage::test::test_database_path();
    const fs::path out = scratch("alsh.gpkg");
    const fs::path csv = scratch("csv");
    ASSERT_EQ(run("coverage --db " + db.string() + " --type ALSH --minutes 5 --out " + out.string() + " --csv " +
                  csv.string()),
              0);
    auto ds = maillage::geo::open_vector(out);
    for (const char* name : {"cells", "uncovered", "communes", "bassins", "territory", "facilities", "metadata"}) {
        EXPECT_NE(ds->GetLayerByName(name), nullptr) << name;
    }
    OGRLayer& cells = *ds->GetLayerByName("cells");
    OGRLayer& territory = *ds->GetLayerByName("territory");
    OGRLayer& communes = *ds->GetLayerByName("communes");
    OGRLayer& bassins = *ds->GetLayerByName("bassins");
    const double uncovered_cells = sum_field(cells, "ind", "covered = 0");
    EXPECT_GT(uncovered_cells, 0.0);
    EXPECT_NEAR(sum_field(territory, "ind_uncovered"), uncovered_cells, 1e-6);
    EXPECT_NEAR(sum_field(communes, "ind_uncovered"), uncovered_cells, 1e-6);
    EXPECT_NEAR(sum_field(bassins, "ind_uncovered"), uncovered_cells, 1e-6);
    EXPECT_EQ(communes.GetFeatureCount(), 53);
    // Every cell marked uncovered is beyond 5 minutes, every covered one within.
    EXPECT_EQ(cells.GetFeatureCount() > 0, true);
    cells.SetAttributeFilter("covered = 1 AND seconds > 300");
    EXPECT_EQ(cells.GetFeatureCount(), 0);
    cells.SetAttributeFilter("covered = 0 AND seconds <= 300");
    EXPECT_EQ(cells.GetFeatureCount(), 0);
    // The lattice model is labelled as an approximation in the file itself.
    OGRLayer& meta = *ds->GetLayerByName("metadata");
    meta.SetAttributeFilter("key = 'approximation'");
    auto row = std::unique_ptr<OGRFeature>(meta.GetNextFeature());
    ASSERT_NE(row, nullptr);
    EXPECT_NE(std::string(row->GetFieldAsString("value")).find("lattice"), std::string::npos);
    // CSVs: one row per commune, bassins + the CAPSO total.
    auto communes_csv = maillage::geo::open_vector(csv / "communes.csv");
    EXPECT_EQ(communes_csv->GetLayer(0)->GetFeatureCount(), 53);
    auto bassins_csv = maillage::geo::open_vector(csv / "bassins.csv");
    EXPECT_EQ(bassins_csv->GetLayer(0)->GetFeatureCount(), 5);
}

TEST(CoverageCliDb, EmptySelectionAndBadFilterLeaveNoFile) {
    const fs::path db = maillage::test::test_database_path();
    const fs::path out = scratch("none.gpkg");
    EXPECT_EQ(run("coverage --db " + db.string() + " --type NO_SUCH_TYPE --out " + out.string()), 1);
    EXPECT_FALSE(fs::exists(out));
    EXPECT_EQ(run("coverage --db " + db.string() + " --type ALSH --filter 'colour=red' --out " + out.string()), 2);
    EXPECT_EQ(run("coverage --db " + db.string() + " --type ALSH --out " + scratch("x.txt").string()), 2);
    EXPECT_FALSE(fs::exists(out));
    EXPECT_EQ(run("coverage --db /nonexistent.gpkg --type ALSH --out " + out.string()), 1);
    EXPECT_FALSE(fs::exists(out));
}

TEST(IsochroneCliDb, WritesNestedPolygonsWithMetadata) {
    const fs::path db = maillage::test::test_database_path();
    const fs::path out = scratch("iso.geojson");
    ASSERT_EQ(run("isochrone --db " + db.string() + " --from 2.2522,50.7497 --minutes 5,10 --out " + out.string()), 0);
    std::ifstream in(out);
    const auto doc = nlohmann::json::parse(in);
    ASSERT_EQ(doc["features"].size(), 4u);  // two cumulative polygons and two bands
    EXPECT_NE(doc["maillage"]["approximation"].get<std::string>().find("lattice"), std::string::npos);
    const auto& p = doc["features"];
    EXPECT_EQ(p[0]["properties"]["kind"], "cumulative");
    EXPECT_LE(p[0]["properties"]["population"].get<double>(), p[1]["properties"]["population"].get<double>());
    EXPECT_NEAR(p[2]["properties"]["population"].get<double>() + p[3]["properties"]["population"].get<double>(),
                p[1]["properties"]["population"].get<double>(), 1e-6);
    EXPECT_EQ(run("isochrone --db " + db.string() + " --from 2.2522,50.7497 --minutes 10,5 --out " +
                  scratch("bad.geojson").string()),
              2);
    EXPECT_EQ(run("isochrone --db " + db.string() + " --from no-such-uid --out " + scratch("bad.gpkg").string()), 2);
    EXPECT_FALSE(fs::exists(scratch("bad.gpkg")));
}
