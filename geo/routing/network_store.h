// Road networks stored in the project database (GeoPackage) beside the other layers.
//
// Layers (all geometries EPSG:2154 — or the network's working CRS, recorded in network_meta):
//   network_edges  LineString: profile TEXT, edge_id INTEGER, from_node INTEGER,
//                  to_node INTEGER, road_class TEXT, forward_s REAL, backward_s REAL
//                  (seconds; NULL where the direction is not allowed), length_m REAL.
//                  The stored edges are the routable network (largest SCC), node ids are
//                  the network's dense ids, node coordinates are the polyline ends.
//   network_meta   no geometry: profile TEXT, key TEXT, value TEXT (source, vintage, licence,
//                  profile_version, crs, imported_at, input_node_count, input_edge_count,
//                  approximation, approximation_note).
// One network per profile; importing a profile replaces the previous one of that profile.
// Writes are atomic: the database is copied to a temporary file beside it, modified there,
// then renamed over the original (geo::AtomicFile); a failure leaves the original untouched.
#pragma once

#include <filesystem>
#include <optional>

#include "geo/routing/road_network.h"

namespace maillage::geo::routing {

inline constexpr const char* kNetworkEdgesLayer = "network_edges";
inline constexpr const char* kNetworkMetaTable = "network_meta";

/// Stores `network` as the network of its profile (metadata().profile) in `database`.
/// Throws InputError when the database cannot be opened, OutputError when writing fails.
void store_network(const std::filesystem::path& database, const RoadNetwork& network);

/// The stored network of `profile`, or nullopt when none was imported. Throws InputError for
/// an unreadable database or inconsistent stored rows.
[[nodiscard]] std::optional<RoadNetwork> load_stored_network(const std::filesystem::path& database,
                                                             Profile profile);

}  // namespace maillage::geo::routing
