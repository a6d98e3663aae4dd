// Basic vocabulary of the routing engine: dense ids, sentinels, units, query direction.
//
// Units, everywhere in geo/routing: travel times in seconds (double in queries, float on arcs),
// lengths and coordinates in metres of the network's working CRS (EPSG:2154 by default).
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

namespace maillage::geo::routing {

using NodeId = std::uint32_t;  ///< dense node id, 0 .. node_count()-1
using ArcId = std::uint32_t;   ///< dense directed-arc id in a CSR graph
using EdgeId = std::uint32_t;  ///< dense id of an undirected road piece (one or two arcs)

inline constexpr std::uint32_t kInvalidId = std::numeric_limits<std::uint32_t>::max();
/// "Not reachable" / "not allowed in this direction". Sums with it stay infinite.
inline constexpr double kInfSeconds = std::numeric_limits<double>::infinity();
inline constexpr float kInfArcSeconds = std::numeric_limits<float>::infinity();

/// Which way a query travels.
///  - from_source: times from the sources (facilities) to every place (forward graph);
///  - to_source:   times from every place to its nearest source (reverse graph), the usual
///                 question "how long for a family living here to reach a crèche".
enum class Direction : std::uint8_t { from_source, to_source };

/// A transport mode whose speeds come from a versioned table (data/profiles/<name>.json).
enum class Profile : std::uint8_t { car, walk, bike };

[[nodiscard]] std::string_view to_string(Profile p) noexcept;
[[nodiscard]] std::string_view to_string(Direction d) noexcept;
/// "car" | "walk" | "bike"; throws geo::Error naming the bad value and the accepted ones.
[[nodiscard]] Profile parse_profile(std::string_view name);

}  // namespace maillage::geo::routing
