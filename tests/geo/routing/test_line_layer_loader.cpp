// GDAL line layers as road networks: a BD TOPO-like GeoJSON written in WGS84 around
// Saint-Omer, reprojected to Lambert-93, with speeds and `sens_de_circulation`.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "geo/core/crs.h"
#include "geo/core/error.h"
#include "geo/routing/dijkstra.h"
#include "geo/routing/line_layer_loader.h"
#include "tests/geo/routing/ascii_map.h"

namespace maillage::geo::routing {
namespace {

struct Line {
    std::vector<XY> l93;  ///< Lambert-93 metres
    double speed;
    std::string direction;
    std::string nature;
};

/// Writes the lines as a GeoJSON FeatureCollection in WGS84 (the GeoJSON default CRS).
std::filesystem::path write_geojson(const std::string& name, const std::vector<Line>& lines, bool with_speed = true) {
    const CrsTransform to_wgs84(crs::kLambert93, crs::kWgs84);
    const auto path = std::filesystem::temp_directory_path() / name;
    std::ostringstream js;
    js << std::setprecision(12) << R"({"type":"FeatureCollection","features":[)";
    for (std::size_t i = 0; i < lines.size(); ++i) {
        js << (i ? "," : "") << R"({"type":"Feature","properties":{)";
        if (with_speed) js << R"("vitesse_moyenne_vl":)" << lines[i].speed << ",";
        js << R"("sens_de_circulation":")" << lines[i].direction << R"(","nature":")" << lines[i].nature
           << R"("},"geometry":{"type":"LineString","coordinates":[)";
        for (std::size_t k = 0; k < lines[i].l93.size(); ++k) {
            const XY p = to_wgs84.forward(lines[i].l93[k]);
            js << (k ? "," : "") << "[" << p.x << "," << p.y << "]";
        }
        js << "]}}";
    }
    js << "]}";
    std::ofstream(path) << js.str();
    return path;
}

// d ◄── c        a–b, b–c, d–a two-way; c–d drawn from c to d but "Sens inverse" (d→c only);
// │  ╲  │        the diagonal a–c is a path ("Sans objet"): not for cars.
// a ─── b        1 km sides, Lambert-93 around Saint-Omer.
const XY o{653000.0, 7069000.0};
const XY a = o, b{o.x + 1000, o.y}, c{o.x + 1000, o.y + 1000}, d{o.x, o.y + 1000};
const std::vector<Line> kSquare{
    {{a, b}, 60, "Double sens", "Route à 1 chaussée"},
    {{b, {b.x, b.y + 500}, c}, 30, "Double sens", "Route à 1 chaussée"},
    {{c, d}, 60, "Sens inverse", "Route à 1 chaussée"},
    {{d, a}, 60, "Double sens", "Route à 1 chaussée"},
    {{a, c}, 20, "Sans objet", "Chemin"},
};

TEST(LineLayerLoader, BdTopoDirectionsAndSpeedsAfterReprojection) {
    const auto file = write_geojson("maillage-square.geojson", kSquare);
    LineLayerOptions opt;
    opt.speed_field = "vitesse_moyenne_vl";
    opt.direction_field = "sens_de_circulation";
    const ProfileTable car = ProfileTable::load_default(Profile::car);
    const RoadNetwork net = load_line_layer_network(file, opt, car);
    net.check_invariants();
    EXPECT_EQ(net.node_count(), 4U);
    EXPECT_EQ(net.edge_count(), 4U);  // the path is not for cars
    const NodeId na = test::node_at_near(net, a), nc = test::node_at_near(net, c);
    Dijkstra dij(net, Direction::from_source);
    dij.reset().add_source(na, 0).run();
    EXPECT_NEAR(dij.seconds(nc), 120.0, 0.2);  // a→d→c: 2 km at 60 km/h (d→c allowed)
    dij.reset().add_source(nc, 0).run();
    EXPECT_NEAR(dij.seconds(na), 180.0, 0.2);  // c→b→a: 1 km at 30 + 1 km at 60 (c→d forbidden)
}

TEST(LineLayerLoader, WalkingOnBdTopoUsesTheNatureTableAndIgnoresDirections) {
    const auto file = write_geojson("maillage-square-walk.geojson", kSquare);
    LineLayerOptions opt;
    opt.class_field = "nature";
    opt.direction_field = "sens_de_circulation";
    const ProfileTable walk = ProfileTable::load(std::filesystem::path(MAILLAGE_SOURCE_DIR) / "data/profiles/bdtopo-walk.json");
    const RoadNetwork net = load_line_layer_network(file, opt, walk);
    EXPECT_EQ(net.edge_count(), 5U);  // the path ("Chemin", "Sans objet") is walkable
    Dijkstra dij(net, Direction::from_source);
    dij.reset().add_source(test::node_at_near(net, c), 0).run();
    // c→a along the diagonal path: 1414 m at 4.5 km/h (the "Sens inverse" of c–d does not apply).
    EXPECT_NEAR(dij.seconds(test::node_at_near(net, a)), std::sqrt(2.0) * 1000 / (4.5 / 3.6), 1.0);
    EXPECT_NEAR(dij.seconds(test::node_at_near(net, d)), 1000 / (4.5 / 3.6), 0.5);
}

TEST(LineLayerLoader, MissingSpeedFieldNamesTheFileAndTheField) {
    const auto file = write_geojson("maillage-nospeed.geojson", kSquare, false);
    LineLayerOptions opt;
    opt.speed_field = "vitesse_moyenne_vl";
    try {
        (void)load_line_layer_network(file, opt, ProfileTable::load_default(Profile::car));
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("maillage-nospeed.geojson"), std::string::npos) << what;
        EXPECT_NE(what.find("vitesse_moyenne_vl"), std::string::npos) << what;
    }
}

TEST(LineLayerLoader, UnknownDirectionValueAndEmptySelectionAreErrors) {
    auto lines = kSquare;
    lines[0].direction = "Sens unique?";
    const auto file = write_geojson("maillage-baddir.geojson", lines);
    LineLayerOptions opt;
    opt.speed_field = "vitesse_moyenne_vl";
    opt.direction_field = "sens_de_circulation";
    const ProfileTable car = ProfileTable::load_default(Profile::car);
    EXPECT_THROW((void)load_line_layer_network(file, opt, car), InputError);
    const auto ok = write_geojson("maillage-square2.geojson", kSquare);
    opt.attribute_filter = "nature = 'Autoroute'";
    EXPECT_THROW((void)load_line_layer_network(ok, opt, car), InputError);  // nothing selected
}

}  // namespace
}  // namespace maillage::geo::routing
