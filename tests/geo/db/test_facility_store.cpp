// FacilityStore: edits persist, bump revisions, leave a history, never reuse uids, and a
// rejected edit changes nothing. Works on a copy of the fixture database.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "geo/core/error.h"
#include "geo/db/facility_store.h"
#include "tests/support/test_db.h"

namespace maillage::geo::db {
namespace {

class FacilityStoreDb : public ::testing::Test {
  protected:
    void SetUp() override {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() /
                ("maillage-store-" + std::to_string(rd()) + ".gpkg");
        std::filesystem::copy_file(test::test_database_path(), path_);
    }
    void TearDown() override { std::filesystem::remove(path_); }

    std::vector<FacilityHistoryRow> history_of(const std::string& uid) {
        std::vector<FacilityHistoryRow> out;
        for (auto& h : ProjectDatabase::open(path_).facility_history()) {
            if (h.uid == uid) out.push_back(h);
        }
        return out;
    }
    std::filesystem::path path_;
};

TEST_F(FacilityStoreDb, StatusChangePersistsWithHistory) {
    {
        FacilityStore store(path_);
        Facility f = store.get("ctg-l2129");
        ASSERT_EQ(f.status, "open");
        f.status = "closed";
        f.closed_date = "2026-06-30";
        EXPECT_EQ(store.update(f, "test"), 2);
    }
    const auto db = ProjectDatabase::open(path_);
    const auto facilities = db.facilities();
    auto it = std::find_if(facilities.begin(), facilities.end(),
                           [](const auto& f) { return f.uid == "ctg-l2129"; });
    ASSERT_NE(it, facilities.end());
    EXPECT_EQ(it->status, "closed");
    EXPECT_EQ(it->closed_date, std::optional<std::string>("2026-06-30"));
    EXPECT_EQ(it->revision, 2);
    const auto history = history_of("ctg-l2129");
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[1].action, "update");
    EXPECT_EQ(history[1].author, "test");
    const auto changes = nlohmann::json::parse(history[1].changes);
    EXPECT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes.at("status"), nlohmann::json::array({"open", "closed"}));
    EXPECT_EQ(changes.at("closed_date"), nlohmann::json::array({nullptr, "2026-06-30"}));
}

TEST_F(FacilityStoreDb, UnchangedFacilityWritesNothing) {
    FacilityStore store(path_);
    const Facility f = store.get("ctg-l2129");
    EXPECT_EQ(store.update(f, "test"), 1);
    EXPECT_EQ(history_of("ctg-l2129").size(), 1u);
}

TEST_F(FacilityStoreDb, MovingAFacilityUpdatesTheSites) {
    FacilityStore store(path_);
    Facility f = store.get("ctg-l2129");
    const std::string old_site = f.site_key;
    int old_size = 0;
    for (const auto& g : store.database().facilities()) old_size += g.site_key == old_site ? 1 : 0;
    ASSERT_GE(old_size, 2) << "a commune-precision facility shares its commune's point";
    f.x += 150.0;
    f.location_precision = "address";
    f.location_source = "test: surveyed entrance";
    EXPECT_EQ(store.update(f, "test"), 2);
    const Facility moved = store.get("ctg-l2129");
    EXPECT_NE(moved.site_key, old_site);
    EXPECT_EQ(moved.site_size, 1);
    EXPECT_EQ(moved.site_rank, 1);
    for (const auto& g : store.database().facilities()) {
        if (g.site_key == old_site) {
            EXPECT_EQ(g.site_size, old_size - 1) << g.uid;
        }
    }
}

TEST_F(FacilityStoreDb, AddedFacilitiesGetFreshUidsNeverReused) {
    FacilityStore store(path_);
    Facility f = store.get("ctg-l2129");
    f.name = "Nouvelle micro-crèche (projet)";
    f.type = "MICRO_CRECHE";
    f.family = "EAJE";
    f.status = "project";
    f.source_line.reset();
    const std::string first = store.add(f, "test");
    EXPECT_EQ(first, "user-1");
    EXPECT_EQ(store.get(first).name, "Nouvelle micro-crèche (projet)");
    EXPECT_EQ(store.get(first).commune_name, "Saint-Martin-lez-Tatinghem");
    store.remove(first, "test");
    EXPECT_THROW((void)store.get(first), InputError);
    EXPECT_EQ(store.add(f, "test"), "user-2") << "a deleted uid stays retired";
    const auto history = history_of(first);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].action, "create");
    EXPECT_EQ(history[1].action, "delete");
}

TEST_F(FacilityStoreDb, InvalidEditChangesNothing) {
    FacilityStore store(path_);
    Facility f = store.get("ctg-l2129");
    f.status = "ouvert";
    EXPECT_THROW((void)store.update(f, "test"), InputError);
    f = store.get("ctg-l2129");
    f.commune_insee = "59350";  // Lille: not in the CAPSO
    EXPECT_THROW((void)store.update(f, "test"), InputError);
    EXPECT_THROW((void)store.remove("ctg-l999999", "test"), InputError);
    EXPECT_EQ(store.get("ctg-l2129").revision, 1);
    EXPECT_EQ(store.get("ctg-l2129").status, "open");
    EXPECT_EQ(history_of("ctg-l2129").size(), 1u);
}

}  // namespace
}  // namespace maillage::geo::db
