#include "geo/coverage/facility_selection.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

using namespace maillage::geo;

namespace {

db::Facility facility(const char* uid, const char* family, const char* type, const char* status,
                      std::optional<std::int64_t> capacity, const char* notes = "") {
    db::Facility f;
    f.uid = uid;
    f.family = family;
    f.type = type;
    f.status = status;
    f.capacity = capacity;
    f.opening_notes = notes;
    return f;
}

const std::vector<db::Facility> kAll{
    facility("a", "ALSH", "ALSH_EXTRASCOLAIRE", "open", 40, "mercredis et petites vacances"),
    facility("b", "ALSH", "ALSH_PERISCOLAIRE", "closed", std::nullopt),
    facility("c", "EAJE", "MICRO_CRECHE", "open", 10),
    facility("d", "EAJE", "EAJE", "project", 24),
};

std::vector<std::string> uids(const std::vector<db::Facility>& fs) {
    std::vector<std::string> out;
    for (const auto& f : fs) out.push_back(f.uid);
    return out;
}

}  // namespace

TEST(FacilitySelection, TypeMatchesFamilyOrType) {
    EXPECT_EQ(uids(FacilitySelection{{"ALSH"}, {}}.apply(kAll)), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(uids(FacilitySelection{{"micro_creche"}, {}}.apply(kAll)), (std::vector<std::string>{"c"}));
}

TEST(FacilitySelection, ConditionsAreAnded) {
    FacilitySelection s{{"ALSH"}, {FacilityCondition::parse("status=open")}};
    EXPECT_EQ(uids(s.apply(kAll)), (std::vector<std::string>{"a"}));
    s = {{}, {FacilityCondition::parse("status = open|project"), FacilityCondition::parse("capacity>=20")}};
    EXPECT_EQ(uids(s.apply(kAll)), (std::vector<std::string>{"a", "d"}));
    s = {{}, {FacilityCondition::parse("opening_notes~Petites Vacances")}};
    EXPECT_EQ(uids(s.apply(kAll)), (std::vector<std::string>{"a"}));
    s = {{}, {FacilityCondition::parse("type!=ALSH_PERISCOLAIRE|EAJE")}};
    EXPECT_EQ(uids(s.apply(kAll)), (std::vector<std::string>{"a", "c"}));
    // A missing capacity never satisfies a numeric comparison.
    s = {{}, {FacilityCondition::parse("capacity<1000")}};
    EXPECT_EQ(uids(s.apply(kAll)), (std::vector<std::string>{"a", "c", "d"}));
}

TEST(FacilitySelection, MalformedConditionsAreRejected) {
    EXPECT_THROW((void)FacilityCondition::parse("colour=red"), std::invalid_argument);
    EXPECT_THROW((void)FacilityCondition::parse("status open"), std::invalid_argument);
    EXPECT_THROW((void)FacilityCondition::parse("capacity>=lots"), std::invalid_argument);
    EXPECT_THROW((void)FacilityCondition::parse(""), std::invalid_argument);
}

TEST(FacilitySelection, EmptySelectionIsAClearError) {
    FacilitySelection s{{"LAEP"}, {}};
    try {
        (void)s.apply(kAll);
        FAIL() << "expected EmptySelectionError";
    } catch (const EmptySelectionError& e) {
        EXPECT_NE(std::string(e.what()).find("type LAEP"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("ALSH, EAJE"), std::string::npos) << e.what();
    }
}
