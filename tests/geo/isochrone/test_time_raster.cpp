#include "geo/isochrone/time_raster.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

using namespace maillage::geo;

// Grids snap to multiples of the cell size, so rasters of the same area align.
TEST(RasterGrid, CoveringSnapsToCellMultiples) {
    Box b;
    b.extend({650'010.0, 6'850'030.0});
    b.extend({650'390.0, 6'850'170.0});
    const RasterGrid g = RasterGrid::covering(b, 100.0);
    EXPECT_DOUBLE_EQ(g.origin.x, 650'000.0);
    EXPECT_DOUBLE_EQ(g.origin.y, 6'850'000.0);
    EXPECT_EQ(g.nx, 4);
    EXPECT_EQ(g.ny, 2);
    EXPECT_DOUBLE_EQ(g.centre(3, 1).x, 650'350.0);
    EXPECT_DOUBLE_EQ(g.centre(3, 1).y, 6'850'150.0);
    const auto centres = g.centres();
    ASSERT_EQ(centres.size(), 8u);
    EXPECT_EQ(centres[5], g.centre(1, 1));  // row-major
}

TEST(RasterGrid, RejectsBadInput) {
    Box b;
    EXPECT_THROW((void)RasterGrid::covering(b, 100.0), std::invalid_argument);  // empty
    b.extend({0.0, 0.0});
    b.extend({1e6, 1e6});
    EXPECT_THROW((void)RasterGrid::covering(b, 0.0), std::invalid_argument);
    EXPECT_THROW((void)RasterGrid::covering(b, 10.0, 1000), std::invalid_argument);  // too big
}

TEST(TimeRaster, FromSamplesKeepsInfinityAndRejectsNaN) {
    const RasterGrid g{{0.0, 0.0}, 200.0, 2, 1};
    const double inf = std::numeric_limits<double>::infinity();
    const std::vector<double> ok{12.5, inf};
    const TimeRaster r = TimeRaster::from_samples(g, ok);
    EXPECT_FLOAT_EQ(r.at(0, 0), 12.5f);
    EXPECT_TRUE(std::isinf(r.at(1, 0)));
    const std::vector<double> nan{1.0, std::nan("")};
    EXPECT_THROW((void)TimeRaster::from_samples(g, nan), std::invalid_argument);
    const std::vector<double> short_input{1.0};
    EXPECT_THROW((void)TimeRaster::from_samples(g, short_input), std::invalid_argument);
}

TEST(TimeRaster, ReachableExtentCoversCentresWithinBound) {
    const RasterGrid g{{0.0, 0.0}, 100.0, 3, 3};
    const TimeRaster r = TimeRaster::from_function(g, [](XY p) { return p.x + p.y; });  // 100..500
    const Box b = r.reachable_extent(200.0);  // centres (50,50), (150,50), (50,150)
    EXPECT_DOUBLE_EQ(b.min_x, 50.0);
    EXPECT_DOUBLE_EQ(b.max_x, 150.0);
    EXPECT_DOUBLE_EQ(b.max_y, 150.0);
    EXPECT_TRUE(r.reachable_extent(10.0).empty());
}
