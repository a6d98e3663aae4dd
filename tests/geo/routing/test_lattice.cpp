// The lattice fallback model: grid alignment, speeds by density, isotropy, labelling.
#include <gtest/gtest.h>

#include <cmath>

#include "geo/core/crs.h"
#include "geo/core/error.h"
#include "geo/routing/dijkstra.h"
#include "geo/routing/lattice.h"
#include "tests/geo/routing/ascii_map.h"

namespace maillage::geo::routing {
namespace {

// Saint-Omer lies around (3773000, 3072000) in EPSG:3035.
constexpr std::int64_t kX = 3773000, kY = 3072000;

LatticeParameters car_params() {
    LatticeParameters p = LatticeParameters::load_default(Profile::car);
    p.margin_m = 2000;
    return p;
}

XY node_3035_to_l93(double x, double y) { return CrsTransform(crs::kLaea, crs::kLambert93).forward({x, y}); }

TEST(Lattice, NodesAreInseeCellCentresAndTimesFollowTheTable) {
    const LatticeParameters p = car_params();
    ASSERT_EQ(p.classes.back().name, "open_country");
    const std::vector<LatticeCell> cells{{kX, kY, 0.0}};  // an empty place: open country only
    const RoadNetwork net = build_lattice_network(cells, p, PopulationSource{"test grid", "2021", "test"});
    net.check_invariants();
    const auto side = static_cast<std::uint32_t>(2 * 2000 / 200 + 1);  // margin on both sides
    EXPECT_EQ(net.node_count(), side * side);
    EXPECT_TRUE(net.is_approximation());
    EXPECT_NE(net.approximation_note().find("APPROXIMATION"), std::string::npos);
    EXPECT_NE(net.approximation_note().find(p.version), std::string::npos);
    // Every node is a cell centre of the INSEE grid.
    const CrsTransform back(crs::kLambert93, crs::kLaea);
    for (NodeId v = 0; v < net.node_count(); v += 37) {
        const XY q = back.forward(net.node_xy()[v]);
        EXPECT_NEAR(std::remainder(q.x - 100.0, 200.0), 0.0, 1e-3);
        EXPECT_NEAR(std::remainder(q.y - 100.0, 200.0), 0.0, 1e-3);
    }
    // 2 km east in open country: 2000 m × detour / (65 km/h).
    const NodeId a = test::node_at_near(net, node_3035_to_l93(kX + 100, kY + 100));
    const NodeId b = test::node_at_near(net, node_3035_to_l93(kX + 2100, kY + 100));
    Dijkstra dij(net, Direction::from_source);
    dij.reset().add_source(a, 0).run();
    const double v = p.classes.back().speed_kmh / 3.6;
    EXPECT_NEAR(dij.seconds(b), 2000 * p.detour_factor / v, 1e-3);
    // 16 neighbours: a (600 m, 800 m) displacement (1 km) costs at most 2.7 % more than straight.
    const NodeId c = test::node_at_near(net, node_3035_to_l93(kX + 700, kY + 900));
    EXPECT_LE(dij.seconds(c), 1.027 * 1000 * p.detour_factor / v);
    EXPECT_GE(dij.seconds(c), 1000 * p.detour_factor / v - 1e-6);
}

TEST(Lattice, DenselySettledCellsAreSlowerToCross) {
    const LatticeParameters p = car_params();
    std::vector<LatticeCell> cells;
    for (int i = 0; i < 10; ++i) cells.push_back({kX + 200 * i, kY, 500.0});  // a dense town street
    const RoadNetwork net = build_lattice_network(cells, p, PopulationSource{"test grid", "2021", "test"});
    Dijkstra dij(net, Direction::from_source);
    const NodeId west = test::node_at_near(net, node_3035_to_l93(kX + 100, kY + 100));
    const NodeId east = test::node_at_near(net, node_3035_to_l93(kX + 1900, kY + 100));
    dij.reset().add_source(west, 0).run();
    const double open_country = 1800 * p.detour_factor / (p.classes.back().speed_kmh / 3.6);
    const double dense = 1800 * p.detour_factor / (p.classes.front().speed_kmh / 3.6);
    // Across the town at dense-urban speed, unless a detour through open country is quicker.
    EXPECT_GT(dij.seconds(east), open_country * 1.2);
    EXPECT_LE(dij.seconds(east), dense + 1e-6);
}

TEST(Lattice, NoCellsAndNoExtentIsAnInputError) {
    EXPECT_THROW((void)build_lattice_network({}, car_params(), PopulationSource{"empty grid", "", ""}), InputError);
}

}  // namespace
}  // namespace maillage::geo::routing
