// build_project_database() on copies of data/sources/ with one input broken at a time: the
// error names the file and the problem, and a previous output stays byte-identical.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <random>
#include <sstream>

#include "geo/core/error.h"
#include "geo/db/builder.h"
#include "geo/db/project_db.h"

namespace maillage::geo::db {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

const std::filesystem::path kSources =
    std::filesystem::path(MAILLAGE_SOURCE_DIR) / "data" / "sources";

std::string read_bytes(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::filesystem::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << bytes;
}

class BuildInput : public ::testing::Test {
  protected:
    void SetUp() override {
        std::random_device rd;
        dir_ = std::filesystem::temp_directory_path() /
               ("maillage-build-test-" + std::to_string(rd()));
        std::filesystem::create_directories(dir_);
        std::filesystem::copy(kSources, sources(), std::filesystem::copy_options::recursive);
        write_bytes(output(), previous_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    [[nodiscard]] std::filesystem::path sources() const { return dir_ / "sources"; }
    [[nodiscard]] std::filesystem::path output() const { return dir_ / "capso.gpkg"; }

    /// Runs the build, expects an InputError, checks the previous output is untouched and no
    /// temporary file is left; returns the message.
    std::string failing_build() {
        BuildOptions o{sources(), output(), "2026-01-01T00:00:00Z", {}};
        std::string message;
        try {
            (void)build_project_database(o);
            ADD_FAILURE() << "the build should have failed";
        } catch (const InputError& e) {
            message = e.what();
        }
        EXPECT_EQ(read_bytes(output()), previous_) << "the previous database was modified";
        for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
            const std::string name = entry.path().filename().string();
            EXPECT_TRUE(name == "sources" || name == "capso.gpkg")
                << "left beside the output: " << name;
        }
        return message;
    }

    void replace_in(const std::string& relative, const std::string& from, const std::string& to) {
        std::string text = read_bytes(sources() / relative);
        const auto at = text.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        text.replace(at, from.size(), to);
        write_bytes(sources() / relative, text);
    }

    std::filesystem::path dir_;
    const std::string previous_ = "previous database: these bytes must survive a failed build\n";
};

TEST_F(BuildInput, MissingSourceFileIsNamed) {
    std::filesystem::remove(sources() / "raw" / "filosofi_2019_communes_59_62.csv");
    EXPECT_THAT(failing_build(),
                AllOf(HasSubstr("filosofi_2019_communes_59_62.csv"), HasSubstr("not found")));
}

TEST_F(BuildInput, MissingSourcesFolderIsNamed) {
    std::filesystem::remove_all(sources());
    EXPECT_THAT(failing_build(), AllOf(HasSubstr(sources().string()), HasSubstr("not found")));
}

TEST_F(BuildInput, MalformedGeojsonIsNamed) {
    const auto path = sources() / "raw" / "communes_study_area_59_62.geojson";
    write_bytes(path, read_bytes(path).substr(0, 5000));  // truncated mid-coordinates
    EXPECT_THAT(failing_build(), HasSubstr("communes_study_area_59_62.geojson"));
}

TEST_F(BuildInput, CsvWithAMissingColumnNamesFileAndColumn) {
    replace_in("raw/capso_rp2022_menages_voiture.csv", "part_menages_voit1p_pct", "part_voit");
    EXPECT_THAT(failing_build(),
                AllOf(HasSubstr("capso_rp2022_menages_voiture.csv"), HasSubstr("missing column"),
                      HasSubstr("part_menages_voit1p_pct")));
}

TEST_F(BuildInput, NonNumericCellNamesFileRowAndColumn) {
    replace_in("raw/capso_communes.csv", "62014,216200147,Aire-sur-la-Lys,9568",
               "62014,216200147,Aire-sur-la-Lys,9 568");
    EXPECT_THAT(failing_build(),
                AllOf(HasSubstr("capso_communes.csv"), HasSubstr("feature 1"),
                      HasSubstr("population_municipale"), HasSubstr("not a number")));
}

TEST_F(BuildInput, GeojsonInAnUnexpectedCrsIsRejected) {
    // A valid GeoJSON declaring Lambert-93 (legacy "crs" member).
    write_bytes(sources() / "raw" / "communes_study_area_59_62.geojson",
                R"({"type":"FeatureCollection",
"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2154"}},
"features":[{"type":"Feature","properties":{"code":"62765","nom":"Saint-Omer"},
"geometry":{"type":"Polygon","coordinates":[[[650000,7070000],[652000,7070000],[652000,7072000],[650000,7070000]]]}}]})");
    EXPECT_THAT(failing_build(),
                AllOf(HasSubstr("communes_study_area_59_62.geojson"), HasSubstr("unexpected CRS"),
                      HasSubstr("2154"), HasSubstr("EPSG:4326")));
}

TEST_F(BuildInput, ProjectedCoordinatesWithoutCrsAreRejected) {
    write_bytes(
        sources() / "raw" / "communes_study_area_59_62.geojson",
        R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"62765","nom":"Saint-Omer"},
"geometry":{"type":"Polygon","coordinates":[[[650000,7070000],[652000,7070000],[652000,7072000],[650000,7070000]]]}}]})");
    EXPECT_THAT(failing_build(), AllOf(HasSubstr("communes_study_area_59_62.geojson"),
                                       HasSubstr("feature"), HasSubstr("longitude/latitude")));
}

TEST_F(BuildInput, EmptyGeojsonLayerIsRejected) {
    write_bytes(sources() / "raw" / "communes_study_area_59_62.geojson",
                R"({"type":"FeatureCollection","features":[]})");
    EXPECT_THAT(failing_build(),
                AllOf(HasSubstr("communes_study_area_59_62.geojson"), HasSubstr("empty layer")));
}

TEST_F(BuildInput, CsvWithoutDataRowsIsRejected) {
    write_bytes(sources() / "seed" / "communes.csv",
                "name,bassin,rpe_sector,source_line,insee_code,name_as_written,bassin_evidence,"
                "bassin_source_lines,bassin_reconstructed,rpe_source_lines,other_lines,notes\n");
    EXPECT_THAT(failing_build(), AllOf(HasSubstr("communes.csv"), HasSubstr("no data rows")));
}

TEST_F(BuildInput, InvalidPolygonIsNamed) {
    write_bytes(
        sources() / "raw" / "communes_study_area_59_62.geojson",
        R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"62765","nom":"Saint-Omer"},
"geometry":{"type":"Polygon","coordinates":[[[2.2,50.7],[2.3,50.8],[2.3,50.7],[2.2,50.8],[2.2,50.7]]]}}]})");
    EXPECT_THAT(failing_build(),
                AllOf(HasSubstr("communes_study_area_59_62.geojson"), HasSubstr("invalid polygon"),
                      HasSubstr("Self-intersection")));
}

TEST_F(BuildInput, UnknownFacilityStatusIsNamed) {
    replace_in("seed/facilities.csv", "lundi-vendredi 8h-18h,open,2129",
               "lundi-vendredi 8h-18h,ouvert,2129");
    EXPECT_THAT(failing_build(), AllOf(HasSubstr("facilities.csv"), HasSubstr("'ouvert'")));
}

TEST_F(BuildInput, FacilityCoordinateFarFromItsCommuneIsRejected) {
    // ctg-l2129 is in Saint-Martin-lez-Tatinghem; this point is in Lille.
    write_bytes(sources() / "facility_coordinates.csv",
                "uid,lon,lat,source,vintage\nctg-l2129,3.0573,50.6292,test,2026\n");
    EXPECT_THAT(failing_build(), AllOf(HasSubstr("facility_coordinates.csv"),
                                       HasSubstr("ctg-l2129"), HasSubstr("outside its commune")));
}

// A coordinate supplied for a facility moves it to address precision, projected to Lambert-93.
TEST_F(BuildInput, FacilityCoordinateGivesAddressPrecision) {
    // 1 rue de l'Abbé Joseph Carlier, Saint-Martin-lez-Tatinghem: a point inside the commune,
    // only to exercise the mechanism (its origin is this test, not a geocoder).
    write_bytes(sources() / "facility_coordinates.csv",
                "uid,lon,lat,source,vintage\nctg-l2129,2.2249,50.7520,unit test point,2026\n");
    BuildOptions o{sources(), output(), "2026-01-01T00:00:00Z", {}};
    (void)build_project_database(o);
    const auto db = ProjectDatabase::open(output());
    int address = 0;
    for (const auto& f : db.facilities()) {
        if (f.uid != "ctg-l2129") continue;
        ++address;
        EXPECT_EQ(f.location_precision, "address");
        EXPECT_THAT(f.location_source, HasSubstr("unit test point"));
        // `echo 2.2249 50.7520 | gdaltransform -s_srs EPSG:4326 -t_srs EPSG:2154` (GDAL 3.6).
        EXPECT_NEAR(f.x, 645199.879, 0.01);
        EXPECT_NEAR(f.y, 7073088.805, 0.01);
    }
    EXPECT_EQ(address, 1);
}

// Same inputs and built_at → the same file, byte for byte.
TEST_F(BuildInput, BuildIsReproducible) {
    BuildOptions a{sources(), dir_ / "a.gpkg", "2026-01-01T00:00:00Z", {}};
    BuildOptions b{sources(), dir_ / "b.gpkg", "2026-01-01T00:00:00Z", {}};
    (void)build_project_database(a);
    (void)build_project_database(b);
    EXPECT_TRUE(read_bytes(a.output) == read_bytes(b.output));
}

TEST_F(BuildInput, SuccessfulBuildReplacesThePreviousFile) {
    std::vector<std::string> progress;
    BuildOptions o{sources(), output(), "2026-01-01T00:00:00Z",
                   [&](const std::string& line) { progress.push_back(line); }};
    const auto summary = build_project_database(o);
    EXPECT_EQ(summary.rows.at("communes"), 53u);
    EXPECT_EQ(summary.rows.at("bassins"), 4u);
    EXPECT_FALSE(progress.empty());
    const auto db = ProjectDatabase::open(output());
    EXPECT_EQ(db.meta().at("built_at"), "2026-01-01T00:00:00Z");
}

TEST(ProjectDatabaseOpen, RejectsFilesThatAreNotMaillageDatabases) {
    const auto missing = std::filesystem::temp_directory_path() / "maillage-no-such-file.gpkg";
    EXPECT_THROW(
        {
            try {
                (void)ProjectDatabase::open(missing);
            } catch (const InputError& e) {
                EXPECT_THAT(e.what(), AllOf(HasSubstr(missing.string()), HasSubstr("not found")));
                throw;
            }
        },
        InputError);
    // A GeoJSON is a vector file but not a GeoPackage.
    const auto geojson = kSources / "raw" / "communes_study_area_59_62.geojson";
    EXPECT_THROW((void)ProjectDatabase::open(geojson), InputError);
}

}  // namespace
}  // namespace maillage::geo::db
