// Metadata for road networks built by hand in tests (a car profile; the source names the test).
#pragma once

#include <string>

#include "geo/routing/road_network.h"

namespace maillage::geo::routing::test {

inline NetworkMetadata car_metadata(std::string source) {
    NetworkMetadata m;
    m.source = std::move(source);
    m.profile = "car";
    return m;
}

}  // namespace maillage::geo::routing::test
