// GeoJSON outputs follow RFC 7946: WGS84 longitude/latitude, right-hand rule, no "crs"
// member; and `maillage isochrone --out x.geojson` keeps the run's metadata.
#include "geo/isochrone/geojson.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "geo/core/crs.h"
#include "geo/core/error.h"
#include "geo/core/gdal.h"
#include "geo/isochrone/isochrone.h"
#include "geo/routing/osm_loader.h"
#include "geo/routing/profile_table.h"
#include "tests/support/test_db.h"

using namespace maillage::geo;
namespace fs = std::filesystem;

namespace {

// Twice the signed area of a GeoJSON ring in degrees (> 0: counter-clockwise).
double twice_signed_area(const nlohmann::json& ring) {
    double a = 0.0;
    for (std::size_t k = 1; k < ring.size(); ++k) {
        a += ring[k - 1][0].get<double>() * ring[k][1].get<double>() - ring[k][0].get<double>() * ring[k - 1][1].get<double>();
    }
    return a;
}

struct LonLatBox {
    double min_lon, min_lat, max_lon, max_lat;
};

// Every ring closed, exteriors counter-clockwise, holes clockwise, every position inside `box`.
void expect_rfc7946(const nlohmann::json& geometry, const LonLatBox& box, int& holes) {
    ASSERT_EQ(geometry["type"], "MultiPolygon");
    ASSERT_FALSE(geometry["coordinates"].empty());
    for (const auto& polygon : geometry["coordinates"]) {
        for (std::size_t r = 0; r < polygon.size(); ++r) {
            const auto& ring = polygon[r];
            ASSERT_GE(ring.size(), 4u);
            EXPECT_EQ(ring.front(), ring.back());
            if (r == 0) {
                EXPECT_GT(twice_signed_area(ring), 0.0) << "exterior ring must be counter-clockwise";
            } else {
                EXPECT_LT(twice_signed_area(ring), 0.0) << "hole must be clockwise";
                ++holes;
            }
            for (const auto& p : ring) {
                EXPECT_GE(p[0].get<double>(), box.min_lon);
                EXPECT_LE(p[0].get<double>(), box.max_lon);
                EXPECT_GE(p[1].get<double>(), box.min_lat);
                EXPECT_LE(p[1].get<double>(), box.max_lat);
            }
        }
    }
}

}  // namespace

// A square with a square hole near Saint-Omer, given in GEOS's own orientation (clockwise
// shell): the output is re-oriented and the corners land where PROJ puts them.
TEST(GeoJson, PolygonWithHoleBecomesRightHandRuleLonLat) {
    const CrsTransform to_l93(crs::kWgs84, crs::kLambert93);
    const XY c = to_l93.forward({2.2522, 50.7497});  // Saint-Omer
    auto h = geos_handle();
    const std::string wkt = "POLYGON((" + std::to_string(c.x - 1000) + " " + std::to_string(c.y - 1000) + ", " +
                            std::to_string(c.x - 1000) + " " + std::to_string(c.y + 1000) + ", " +
                            std::to_string(c.x + 1000) + " " + std::to_string(c.y + 1000) + ", " +
                            std::to_string(c.x + 1000) + " " + std::to_string(c.y - 1000) + ", " +
                            std::to_string(c.x - 1000) + " " + std::to_string(c.y - 1000) + "), (" +
                            std::to_string(c.x - 100) + " " + std::to_string(c.y - 100) + ", " +
                            std::to_string(c.x + 100) + " " + std::to_string(c.y - 100) + ", " +
                            std::to_string(c.x + 100) + " " + std::to_string(c.y + 100) + ", " +
                            std::to_string(c.x - 100) + " " + std::to_string(c.y + 100) + ", " +
                            std::to_string(c.x - 100) + " " + std::to_string(c.y - 100) + "))";
    GEOSWKTReader* reader = GEOSWKTReader_create_r(h);
    GeomPtr poly(GEOSWKTReader_read_r(h, reader, wkt.c_str()));
    GEOSWKTReader_destroy_r(h, reader);
    ASSERT_TRUE(poly);
    const nlohmann::json g = rfc7946_multipolygon(*poly);
    int holes = 0;
    expect_rfc7946(g, {2.22, 50.73, 2.28, 50.77}, holes);
    EXPECT_EQ(holes, 1);
    // The first corner is the south-west one of the square, back in lon/lat to 1e-7 degree.
    const XY sw = CrsTransform(crs::kLambert93, crs::kWgs84).forward({c.x - 1000, c.y - 1000});
    EXPECT_NEAR(g["coordinates"][0][0][0][0].get<double>(), sw.x, 1.5e-7);
    EXPECT_NEAR(g["coordinates"][0][0][0][1].get<double>(), sw.y, 1.5e-7);
    const GeomPtr point(GEOSGeom_createPointFromXY_r(h, c.x, c.y));
    EXPECT_THROW((void)rfc7946_multipolygon(*point), GeometryError);
}

// A real isochrone (Andorra, 10 min, car): cumulative polygon and band, lon/lat inside Andorra.
TEST(GeoJson, AndorraIsochroneIsLonLat) {
    const auto net = routing::load_osm_network(std::string(MAILLAGE_TEST_DATA_DIR) + "/osm/andorra-2025-01-19.osm.pbf",
                                               routing::ProfileTable::load_default(routing::Profile::car));
    IsochroneRequest req;
    req.origins = {CrsTransform(crs::kWgs84, crs::kLambert93).forward({1.5218, 42.5063})};
    req.thresholds_s = {300.0, 600.0};
    req.pixel_m = 100.0;
    const IsochroneResult r = compute_isochrones(net, req);
    int holes = 0;
    for (const auto& level : r.levels) {
        expect_rfc7946(rfc7946_multipolygon(*level.cumulative), {1.40, 42.42, 1.80, 42.66}, holes);
        expect_rfc7946(rfc7946_multipolygon(*level.band), {1.40, 42.42, 1.80, 42.66}, holes);
    }
}

// End to end: the CLI writes RFC 7946 (no crs member, lon/lat near Saint-Omer) with its
// metadata, and GDAL's GeoJSON driver reopens it as EPSG:4326.
TEST(IsochroneGeoJsonCliDb, WritesRfc7946WithMetadata) {
    const fs::path db = maillage::test::test_database_path();
    const fs::path dir = fs::temp_directory_path() / ("maillage-iso-geojson-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path out = dir / "iso.geojson";
    const std::string command = std::string(MAILLAGE_BINARY_DIR) + "/app/cli/maillage isochrone --db " + db.string() +
                                " --from 2.2522,50.7497 --minutes 5,10 --out " + out.string() + " >/dev/null 2>&1";
    const int status = std::system(command.c_str());
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);

    std::ifstream in(out);
    const auto doc = nlohmann::json::parse(in);
    EXPECT_FALSE(doc.contains("crs"));
    const auto& meta = doc["maillage"];
    EXPECT_NE(meta["approximation"].get<std::string>().find("lattice"), std::string::npos);
    EXPECT_EQ(meta["thresholds_minutes"], "5,10");
    EXPECT_EQ(meta["profile"], "car");
    EXPECT_NE(meta["crs"].get<std::string>().find("EPSG:4326"), std::string::npos);
    ASSERT_EQ(doc["features"].size(), 4u);
    int holes = 0;
    for (const auto& f : doc["features"]) {
        EXPECT_EQ(f["properties"]["profile"], "car");
        expect_rfc7946(f["geometry"], {1.9, 50.5, 2.6, 51.0}, holes);
    }
    EXPECT_DOUBLE_EQ(doc["features"][1]["properties"]["minutes"].get<double>(), 10.0);

    auto ds = open_vector(out);
    OGRLayer& layer = vector_layer(*ds, out);
    ASSERT_NE(layer.GetSpatialRef(), nullptr);
    EXPECT_TRUE(layer.GetSpatialRef()->GetAuthorityCode(nullptr) != nullptr &&
                std::string(layer.GetSpatialRef()->GetAuthorityCode(nullptr)) == "4326");
    EXPECT_EQ(layer.GetFeatureCount(), 4);
    fs::remove_all(dir);
}
