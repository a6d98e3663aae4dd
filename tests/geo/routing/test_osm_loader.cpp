// The OpenStreetMap loader on real extracts (tests/data/osm, © OpenStreetMap contributors,
// ODbL): counts, a known one-way street, 64-bit ids, the SCC filter, profiles, bad input.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "geo/core/crs.h"
#include "geo/core/error.h"
#include "geo/routing/dijkstra.h"
#include "geo/routing/osm_loader.h"
#include "geo/routing/profile_table.h"

namespace maillage::geo::routing {
namespace {

const std::filesystem::path kOsm = std::filesystem::path(MAILLAGE_TEST_DATA_DIR) / "osm";

/// The edge whose polyline contains the consecutive points a, b (in either order); sets
/// `same_order` when the edge runs from a to b.
EdgeId edge_through(const RoadNetwork& net, XY a, XY b, bool& same_order) {
    auto near = [](XY p, XY q) { return std::hypot(p.x - q.x, p.y - q.y) < 0.01; };
    for (EdgeId e = 0; e < net.edge_count(); ++e) {
        const auto s = net.edge_shape(e);
        for (std::size_t i = 0; i + 1 < s.size(); ++i) {
            if (near(s[i], a) && near(s[i + 1], b)) { same_order = true; return e; }
            if (near(s[i], b) && near(s[i + 1], a)) { same_order = false; return e; }
        }
    }
    return kInvalidId;
}

TEST(OsmLoader, MonacoCarNetworkHasAKnownOneWayBoulevard) {
    const ProfileTable car = ProfileTable::load_default(Profile::car);
    const RoadNetwork net = load_osm_network(kOsm / "monaco.osm.pbf", car);
    net.check_invariants();
    EXPECT_EQ(net.metadata().profile, "car");
    EXPECT_EQ(net.metadata().vintage, "2016-03-05");
    EXPECT_EQ(net.metadata().licence, "© OpenStreetMap contributors, ODbL");
    EXPECT_FALSE(net.is_approximation());
    // Monaco holds 1,827 car-class ways; after access rules and the SCC filter thousands of
    // nodes remain and the largest component keeps almost all of them.
    EXPECT_GT(net.node_count(), 2000U);
    EXPECT_GT(double(net.node_count()) / net.input_node_count(), 0.9);
    // Boulevard Albert 1er (way 4226740) is one-way from node 25192130 to node 1737389127.
    const CrsTransform proj(crs::kWgs84, crs::kLambert93);
    const XY a = proj.forward({7.4221705, 43.7328624}), b = proj.forward({7.4221017, 43.7329303});
    bool same_order = false;
    const EdgeId e = edge_through(net, a, b, same_order);
    ASSERT_NE(e, kInvalidId);
    const float along = same_order ? net.edge_forward_seconds()[e] : net.edge_backward_seconds()[e];
    const float against = same_order ? net.edge_backward_seconds()[e] : net.edge_forward_seconds()[e];
    EXPECT_TRUE(std::isfinite(along));
    EXPECT_FALSE(std::isfinite(against));
    // Strong connectivity, checked independently of Tarjan: from node 0 every node is reached
    // forwards and backwards.
    for (Direction dir : {Direction::from_source, Direction::to_source}) {
        Dijkstra dij(net, dir);
        dij.reset().add_source(0, 0.0).run();
        EXPECT_EQ(dij.settled_nodes().size(), net.node_count());
    }
    std::cout << "monaco car: " << net.node_count() << " nodes of " << net.input_node_count() << ", "
              << net.arc_count() << " arcs, " << net.edge_count() << " edges\n";
}

TEST(OsmLoader, RoundaboutsAreOneWayForCarsAndPrivateRoadsAreClosed) {
    const ProfileTable car = ProfileTable::load_default(Profile::car);
    const ProfileTable walk = ProfileTable::load_default(Profile::walk);
    const RoadNetwork drive = load_osm_network(kOsm / "monaco.osm.pbf", car);
    const RoadNetwork foot = load_osm_network(kOsm / "monaco.osm.pbf", walk);
    const CrsTransform proj(crs::kWgs84, crs::kLambert93);
    bool same_order = false;
    // Avenue Albert II (way 4229900): junction=roundabout without any oneway tag.
    const XY r0 = proj.forward({7.4169397, 43.7300269}), r1 = proj.forward({7.4168773, 43.7300112});
    EdgeId e = edge_through(drive, r0, r1, same_order);
    ASSERT_NE(e, kInvalidId);
    EXPECT_TRUE(std::isfinite(same_order ? drive.edge_forward_seconds()[e] : drive.edge_backward_seconds()[e]));
    EXPECT_FALSE(std::isfinite(same_order ? drive.edge_backward_seconds()[e] : drive.edge_forward_seconds()[e]));
    e = edge_through(foot, r0, r1, same_order);  // pedestrians walk both ways round it
    ASSERT_NE(e, kInvalidId);
    EXPECT_TRUE(std::isfinite(foot.edge_forward_seconds()[e]) && std::isfinite(foot.edge_backward_seconds()[e]));
    // Place du Casino (way 4229658): highway=residential, access=private → no car may use it
    // (nor pedestrians: access=private applies to every mode when no foot tag overrides it).
    const XY c0 = proj.forward({7.4271251, 43.7394841}), c1 = proj.forward({7.4271667, 43.7394287});
    EXPECT_EQ(edge_through(drive, c0, c1, same_order), kInvalidId);
    EXPECT_EQ(edge_through(foot, c0, c1, same_order), kInvalidId);
}

TEST(OsmLoader, WalkingIgnoresOneWaysAndUsesFootways) {
    const ProfileTable walk = ProfileTable::load_default(Profile::walk);
    const ProfileTable car = ProfileTable::load_default(Profile::car);
    const RoadNetwork foot = load_osm_network(kOsm / "heidelberg-altstadt.osm.pbf", walk);
    const RoadNetwork drive = load_osm_network(kOsm / "heidelberg-altstadt.osm.pbf", car);
    foot.check_invariants();
    EXPECT_GT(foot.node_count(), drive.node_count());  // footways, steps, pedestrian streets
    for (EdgeId e = 0; e < foot.edge_count(); ++e) {
        ASSERT_TRUE(std::isfinite(foot.edge_forward_seconds()[e]));
        ASSERT_TRUE(std::isfinite(foot.edge_backward_seconds()[e]));
        // 4.5 km/h (2 km/h on steps): seconds = metres / 1.25
        const double mps = foot.edge_length_m()[e] / foot.edge_forward_seconds()[e];
        ASSERT_TRUE(std::abs(mps - 4.5 / 3.6) < 1e-3 || std::abs(mps - 2.0 / 3.6) < 1e-3) << mps;
    }
    bool has_steps = false, has_footway = false;
    for (const auto& c : foot.class_names()) {
        has_steps |= c == "steps";
        has_footway |= c == "footway";
    }
    EXPECT_TRUE(has_steps);
    EXPECT_TRUE(has_footway);
    for (const auto& c : drive.class_names()) EXPECT_NE(c, "footway");
}

TEST(OsmLoader, XmlAndPbfOfTheSameDataGiveTheSameGraph) {
    const ProfileTable car = ProfileTable::load_default(Profile::car);
    const RoadNetwork pbf = load_osm_network(kOsm / "amsterdam.osm.pbf", car);
    const RoadNetwork xml = load_osm_network(kOsm / "amsterdam.osm", car);
    EXPECT_EQ(pbf.node_count(), xml.node_count());
    EXPECT_EQ(pbf.arc_count(), xml.arc_count());
    // 4 highway pieces in the file: the SCC filter drops the small ones.
    EXPECT_LT(pbf.node_count(), pbf.input_node_count());
    double total_p = 0, total_x = 0;
    for (const Arc& a : pbf.out_arcs()) total_p += a.seconds;
    for (const Arc& a : xml.out_arcs()) total_x += a.seconds;
    EXPECT_NEAR(total_p, total_x, 1e-6 * total_p);
}

TEST(OsmLoader, SixtyFourBitNodeIdsOfAndorra) {
    const ProfileTable car = ProfileTable::load_default(Profile::car);
    const OsmEdges osm = read_osm_edges(kOsm / "andorra-2025-01-19.osm.pbf", car);
    EXPECT_EQ(osm.metadata.vintage, "2025-01-19");
    EXPECT_GT(osm.edges.edge_count(), 5000U);
    // All node coordinates are in Andorra (Lambert-93 around x≈590 km, y≈6.15e6 m): a 32-bit
    // truncation of ids above 2^32 would mix up nodes and produce wild coordinates.
    for (const XY& p : osm.edges.node_xy) {
        ASSERT_GT(p.x, 540000.0);
        ASSERT_LT(p.x, 640000.0);
        ASSERT_GT(p.y, 6120000.0);
        ASSERT_LT(p.y, 6190000.0);
    }
    // Every edge's length is consistent with its polyline (Lambert-93 scale error at 42.5°N is about +0.3 %).
    for (std::size_t e = 0; e < osm.edges.edge_count(); e += 97) {
        // The polyline: tail node, intermediate points, head node.
        std::vector<XY> line{osm.edges.node_xy[osm.edges.edge_tail[e]]};
        for (auto i = osm.edges.edge_shape_first[e]; i < osm.edges.edge_shape_first[e + 1]; ++i)
            line.push_back(osm.edges.shape_inner_xy[i]);
        line.push_back(osm.edges.node_xy[osm.edges.edge_head[e]]);
        double l = 0;
        for (std::size_t i = 0; i + 1 < line.size(); ++i)
            l += std::hypot(line[i + 1].x - line[i].x, line[i + 1].y - line[i].y);
        ASSERT_NEAR(l, osm.edges.edge_length_m[e], 0.004 * l + 0.01);
    }
}

TEST(OsmLoader, CorruptOrMissingFilesAreInputErrorsNamingTheFile) {
    const ProfileTable car = ProfileTable::load_default(Profile::car);
    const auto dir = std::filesystem::temp_directory_path() / "maillage-osm-test";
    std::filesystem::create_directories(dir);
    const auto corrupt = dir / "corrupt.osm.pbf";
    {
        std::ifstream in(kOsm / "monaco.osm.pbf", std::ios::binary);
        std::string bytes(4096, '\0');
        in.read(bytes.data(), 4096);
        for (std::size_t i = 200; i < bytes.size(); i += 7) bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
        std::ofstream(corrupt, std::ios::binary) << bytes;
    }
    for (const auto& bad : {corrupt, dir / "missing.osm.pbf"}) {
        try {
            (void)load_osm_network(bad, car);
            FAIL() << "expected InputError for " << bad;
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find(bad.filename().string()), std::string::npos) << e.what();
        }
    }
}

TEST(ProfileTable, MaxspeedValuesAreParsedWithUnitsAndSymbols) {
    const ProfileTable car = ProfileTable::load_default(Profile::car);
    EXPECT_FALSE(car.version.empty());
    EXPECT_EQ(car.parse_maxspeed_kmh("50"), 50.0);
    EXPECT_EQ(car.parse_maxspeed_kmh("70 km/h"), 70.0);
    EXPECT_NEAR(*car.parse_maxspeed_kmh("30 mph"), 48.28032, 1e-9);
    EXPECT_EQ(car.parse_maxspeed_kmh("FR:urban"), 50.0);
    EXPECT_EQ(car.parse_maxspeed_kmh("FR:rural"), 80.0);
    EXPECT_EQ(car.parse_maxspeed_kmh("50;30"), 50.0);
    EXPECT_FALSE(car.parse_maxspeed_kmh("signals").has_value());
    EXPECT_EQ(car.speed_kmh("residential"), 30.0);
    EXPECT_FALSE(car.speed_kmh("footway").has_value());
}

}  // namespace
}  // namespace maillage::geo::routing
