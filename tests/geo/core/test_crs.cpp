#include "geo/core/crs.h"

#include <gtest/gtest.h>

#include "geo/core/error.h"

using namespace maillage::geo;

// Lambert-93 is defined so that (3°E, 46.5°N) maps to exactly (700000, 6600000).
TEST(CrsTransform, Lambert93OriginIsExact) {
    CrsTransform t(crs::kWgs84, crs::kLambert93);
    XY p = t.forward({3.0, 46.5});
    EXPECT_NEAR(p.x, 700000.0, 1e-3);
    EXPECT_NEAR(p.y, 6600000.0, 1e-3);
}

// Paris (2.3522 E, 48.8566 N): cs2cs EPSG:4326 EPSG:2154 gives 652469.02 6862035.26.
TEST(CrsTransform, ParisMatchesCs2cs) {
    CrsTransform t(crs::kWgs84, crs::kLambert93);
    XY p = t.forward({2.3522, 48.8566});
    EXPECT_NEAR(p.x, 652469.02, 0.01);
    EXPECT_NEAR(p.y, 6862035.26, 0.01);
    XY back = t.inverse(p);
    EXPECT_NEAR(back.x, 2.3522, 1e-9);
    EXPECT_NEAR(back.y, 48.8566, 1e-9);
}

// LAEA Europe's false origin: (10°E, 52°N) is (4321000, 3210000) by definition.
TEST(CrsTransform, LaeaFalseOriginIsExact) {
    CrsTransform t(crs::kWgs84, crs::kLaea);
    XY p = t.forward({10.0, 52.0});
    EXPECT_NEAR(p.x, 4321000.0, 1e-3);
    EXPECT_NEAR(p.y, 3210000.0, 1e-3);
}

TEST(CrsTransform, UnknownCrsThrows) {
    EXPECT_THROW(CrsTransform("EPSG:999999", crs::kLambert93), CrsError);
}

TEST(SameCrs, RecognisesEquivalentDefinitions) {
    EXPECT_TRUE(same_crs("EPSG:4326", "OGC:CRS84"));
    EXPECT_FALSE(same_crs("EPSG:3035", "EPSG:2154"));
}
