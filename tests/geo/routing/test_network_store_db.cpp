// Storing networks in the project database and the `maillage network` CLI, on a copy of the
// database built by the CTest fixture capso_db (suites named *Db).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "geo/routing/dijkstra.h"
#include "geo/routing/network_source.h"
#include "geo/routing/network_store.h"
#include "geo/routing/osm_loader.h"
#include "geo/routing/profile_table.h"
#include "tests/support/test_db.h"

namespace maillage::geo::routing {
namespace {

namespace fs = std::filesystem;
const fs::path kOsm = fs::path(MAILLAGE_TEST_DATA_DIR) / "osm";
const fs::path kCli = fs::path(MAILLAGE_BINARY_DIR) / "app" / "cli" / "maillage";

fs::path fresh_copy(const std::string& name) {
    const fs::path src = maillage::test::test_database_path();
    const fs::path dir = fs::temp_directory_path() / ("maillage-netstore-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy_file(src, dir / "capso.gpkg");
    return dir / "capso.gpkg";
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

/// Runs the CLI, returns the exit code and stdout+stderr.
int run(const std::string& args, std::string& output) {
    const std::string cmd = kCli.string() + " " + args + " 2>&1";
    FILE* pipe = popen(cmd.c_str(), "r");
    if (pipe == nullptr) return -1;
    char buffer[4096];
    output.clear();
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
    const int status = pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(NetworkStoreDb, WithoutImportTheLatticeIsUsedAndLabelled) {
    const fs::path db = fresh_copy("lattice");
    EXPECT_FALSE(load_stored_network(db, Profile::car).has_value());
    const RoadNetwork net = open_routing_network(db, Profile::car);
    EXPECT_TRUE(net.is_approximation());
    EXPECT_NE(net.approximation_note().find("lattice"), std::string::npos);
    EXPECT_EQ(net.metadata().vintage, "2021");
    // Every CAPSO commune's populated cells lie inside the lattice: they snap within ~142 m.
    EXPECT_GT(net.node_count(), 10000U);
}

TEST(NetworkStoreDb, StoredNetworkReloadsIdentically) {
    const fs::path db = fresh_copy("roundtrip");
    const RoadNetwork monaco = load_osm_network(kOsm / "monaco.osm.pbf", ProfileTable::load_default(Profile::car));
    store_network(db, monaco);
    const auto again = load_stored_network(db, Profile::car);
    ASSERT_TRUE(again.has_value());
    EXPECT_FALSE(load_stored_network(db, Profile::walk).has_value());
    EXPECT_EQ(again->node_count(), monaco.node_count());
    EXPECT_EQ(again->arc_count(), monaco.arc_count());
    EXPECT_EQ(again->input_node_count(), monaco.input_node_count());
    EXPECT_EQ(again->metadata().vintage, "2016-03-05");
    EXPECT_EQ(again->metadata().profile_version, monaco.metadata().profile_version);
    // Same times from the same place (node ids are preserved by the round trip).
    Dijkstra a(monaco, Direction::from_source), b(*again, Direction::from_source);
    a.reset().add_source(0, 0).run();
    b.reset().add_source(0, 0).run();
    for (NodeId v = 0; v < monaco.node_count(); v += 13) EXPECT_NEAR(a.seconds(v), b.seconds(v), 1e-3);
    // Importing again replaces, it does not duplicate.
    store_network(db, monaco);
    EXPECT_EQ(load_stored_network(db, Profile::car)->edge_count(), monaco.edge_count());
}

TEST(NetworkCliDb, ImportInfoAndBadInputLeaveNoPartialFile) {
    const fs::path db = fresh_copy("cli");
    const std::string before = slurp(db);
    std::string out;
    // A corrupt PBF: exit 1, a message naming the file, the database byte-for-byte unchanged,
    // no temporary file left beside it.
    const fs::path corrupt = db.parent_path() / "broken.osm.pbf";
    {
        std::string bytes = slurp(kOsm / "amsterdam.osm.pbf");
        for (std::size_t i = 100; i < bytes.size(); i += 5) bytes[i] = static_cast<char>(bytes[i] ^ 0x33);
        std::ofstream(corrupt, std::ios::binary) << bytes;
    }
    EXPECT_EQ(run("network import " + corrupt.string() + " --db " + db.string(), out), 1) << out;
    EXPECT_NE(out.find("broken.osm.pbf"), std::string::npos) << out;
    EXPECT_EQ(slurp(db), before);
    EXPECT_EQ(std::distance(fs::directory_iterator(db.parent_path()), fs::directory_iterator{}), 2);
    // A line layer without the speed field.
    const fs::path nospeed = db.parent_path() / "roads.geojson";
    std::ofstream(nospeed) << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nature":"Route"},)"
                              R"("geometry":{"type":"LineString","coordinates":[[2.25,50.75],[2.26,50.75]]}}]})";
    EXPECT_EQ(run("network import " + nospeed.string() + " --speed-field vitesse_moyenne_vl --db " + db.string(), out), 1) << out;
    EXPECT_NE(out.find("vitesse_moyenne_vl"), std::string::npos) << out;
    EXPECT_EQ(slurp(db), before);
    // Usage error: unknown profile.
    EXPECT_EQ(run("network import " + nospeed.string() + " --profile plane --db " + db.string(), out), 2) << out;
    // Before any import, info says the lattice is used and labels it.
    EXPECT_EQ(run("network info --profile car --db " + db.string(), out), 0) << out;
    EXPECT_NE(out.find("no network imported"), std::string::npos) << out;
    EXPECT_NE(out.find("APPROXIMATION"), std::string::npos) << out;
    // A real import, then info reports it with its source and SCC share.
    EXPECT_EQ(run("network import " + (kOsm / "heidelberg-altstadt.osm.pbf").string() + " --profile walk --db " + db.string(), out), 0) << out;
    EXPECT_EQ(run("network info --profile walk --db " + db.string(), out), 0) << out;
    EXPECT_NE(out.find("heidelberg-altstadt.osm.pbf"), std::string::npos) << out;
    EXPECT_NE(out.find("largest strongly connected component"), std::string::npos) << out;
    EXPECT_NE(out.find("footway"), std::string::npos) << out;
    EXPECT_EQ(out.find("APPROXIMATION"), std::string::npos) << out;
    // export-graph + node-times (the pgRouting comparison's inputs) on a file, not the database.
    const fs::path csv = db.parent_path() / "edges.csv", times = db.parent_path() / "times.csv";
    const RoadNetwork net = load_osm_network(kOsm / "monaco.osm.pbf", ProfileTable::load_default(Profile::car));
    EXPECT_EQ(run("network export-graph --input " + (kOsm / "monaco.osm.pbf").string() + " --out " + csv.string(), out), 0) << out;
    std::ifstream edges(csv);
    std::string header, line;
    std::getline(edges, header);
    EXPECT_EQ(header, "id,source,target,cost,reverse_cost,length_m,x1,y1,x2,y2");
    std::size_t rows = 0, one_way = 0;
    while (std::getline(edges, line)) {
        ++rows;
        one_way += line.find(",-1,") != std::string::npos;
    }
    EXPECT_EQ(rows, net.edge_count());
    EXPECT_GT(one_way, 100U);
    EXPECT_EQ(run("network node-times --input " + (kOsm / "monaco.osm.pbf").string() + " --source-node 1 --max-seconds 60 --out " +
                      times.string(), out), 0) << out;
    Dijkstra dij(net, Direction::from_source);
    dij.reset().add_source(0, 0).run(60.0);
    std::ifstream t(times);
    std::size_t lines = 0;
    while (std::getline(t, line)) ++lines;
    EXPECT_EQ(lines, dij.settled_nodes().size() + 1);
    EXPECT_EQ(run("network node-times --input " + (kOsm / "monaco.osm.pbf").string() + " --source-node 999999 --out " + times.string(), out), 2)
        << out;
}

}  // namespace
}  // namespace maillage::geo::routing
