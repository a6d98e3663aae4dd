#include "geo/routing/types.h"

#include "geo/core/error.h"

namespace maillage::geo::routing {

std::string_view to_string(Profile p) noexcept {
    switch (p) {
        case Profile::car: return "car";
        case Profile::walk: return "walk";
        case Profile::bike: return "bike";
    }
    return "?";
}

std::string_view to_string(Direction d) noexcept {
    return d == Direction::from_source ? "from_source" : "to_source";
}

Profile parse_profile(std::string_view name) {
    if (name == "car") return Profile::car;
    if (name == "walk" || name == "foot") return Profile::walk;
    if (name == "bike" || name == "bicycle") return Profile::bike;
    throw Error("unknown routing profile '" + std::string(name) + "' (expected car, walk or bike)");
}

}  // namespace maillage::geo::routing
