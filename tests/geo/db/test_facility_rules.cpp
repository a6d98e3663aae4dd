// Normalisation rules of the seed facilities and the CSV reader contract.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "geo/core/error.h"
#include "geo/db/build_model.h"
#include "geo/db/csv_table.h"

namespace maillage::geo::db {
namespace {

using build::facility_family;
using build::parse_status;

TEST(FacilityFamily, MapsEverySeedTypeToItsFamily) {
    EXPECT_EQ(facility_family("EAJE"), "EAJE");
    EXPECT_EQ(facility_family("MICRO_CRECHE"), "EAJE");
    EXPECT_EQ(facility_family("MAM"), "EAJE");
    EXPECT_EQ(facility_family("ALSH_ADOS"), "ALSH");
    EXPECT_EQ(facility_family("ALSH_PERISCOLAIRE"), "ALSH");
    EXPECT_EQ(facility_family("CENTRE_SOCIAL"), "SOCIAL");
    EXPECT_EQ(facility_family("EVS"), "SOCIAL");
    EXPECT_EQ(facility_family("MAISON_CAPSO"), "MAISON_CAPSO");
    EXPECT_EQ(facility_family("PIJ"), "PIJ");
    EXPECT_EQ(facility_family("RPE"), "RPE");
    EXPECT_EQ(facility_family("LAEP"), "LAEP");
    EXPECT_EQ(facility_family("OTHER"), "OTHER");
    EXPECT_EQ(facility_family("CRECHE"), "") << "unknown types are not guessed";
}

TEST(FacilityStatus, KeepsTheOriginalTextAndTheClosingDate) {
    auto open = parse_status("open");
    ASSERT_TRUE(open);
    EXPECT_EQ(open->status, "open");
    EXPECT_EQ(open->note, "");
    EXPECT_FALSE(open->closed_date);

    auto provisional = parse_status("open (locaux provisoires)");
    ASSERT_TRUE(provisional);
    EXPECT_EQ(provisional->status, "open");
    EXPECT_EQ(provisional->note, "open (locaux provisoires)");

    EXPECT_EQ(parse_status("closed (fin juin 2025)")->closed_date, "2025-06-30");
    EXPECT_EQ(parse_status("closed (fin 2024)")->closed_date, "2024-12-31");
    EXPECT_EQ(parse_status("closed (31/12/2022)")->closed_date, "2022-12-31");
    EXPECT_EQ(parse_status("closed (agrément EVS non renouvelé au 30/06/2025)")->closed_date,
              "2025-06-30");
    EXPECT_FALSE(parse_status("closed")->closed_date);
    EXPECT_EQ(parse_status("project (réflexion 2026-2027)")->status, "project");
    EXPECT_FALSE(parse_status("project (réflexion 2026-2027)")->closed_date);

    EXPECT_FALSE(parse_status("ouvert"));
    EXPECT_FALSE(parse_status("opened"));
    EXPECT_FALSE(parse_status(""));
}

class CsvTableTest : public ::testing::Test {
  protected:
    void SetUp() override {
        path_ = std::filesystem::temp_directory_path() /
                ("maillage-csv-" + std::to_string(::getpid()) + ".csv");
    }
    void TearDown() override { std::filesystem::remove(path_); }
    void write(const std::string& text) { std::ofstream(path_, std::ios::binary) << text; }
    std::filesystem::path path_;
};

TEST_F(CsvTableTest, ReadsTextNumbersAndMissingCells) {
    write("code;name;value\n01001;L'Abergement;12.5\n62765;\"Saint-Omer; centre\";\n");
    const auto t = CsvTable::read(path_, {"code", "value"});
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t.text(0, "code"), "01001") << "leading zeros kept: cells stay text";
    EXPECT_EQ(t.text(1, "name"), "Saint-Omer; centre");
    EXPECT_EQ(t.number(0, "value"), 12.5);
    EXPECT_FALSE(t.number(1, "value")) << "an empty cell is missing, not 0";
}

TEST_F(CsvTableTest, MissingColumnIsNamed) {
    write("code,name\n1,a\n");
    try {
        (void)CsvTable::read(path_, {"code", "population", "bassin"});
        FAIL();
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), ::testing::AllOf(::testing::HasSubstr(path_.string()),
                                               ::testing::HasSubstr("'population'"),
                                               ::testing::HasSubstr("'bassin'")));
    }
}

TEST_F(CsvTableTest, BadNumberNamesRowAndColumn) {
    write("code,population\n1,12\n2,douze\n");
    const auto t = CsvTable::read(path_, {"code", "population"});
    try {
        (void)t.number(1, "population");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), ::testing::AllOf(::testing::HasSubstr("feature 2"),
                                               ::testing::HasSubstr("population"),
                                               ::testing::HasSubstr("'douze'")));
    }
}

TEST_F(CsvTableTest, HeaderOnlyFileHasNoDataRows) {
    write("uid,lon,lat\n");
    EXPECT_THROW((void)CsvTable::read(path_, {"uid"}), InputError);
}

}  // namespace
}  // namespace maillage::geo::db
