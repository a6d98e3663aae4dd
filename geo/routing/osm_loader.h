// OpenStreetMap road networks (.osm.pbf, .osm, .osm.bz2 …) through libosmium.
//
// Two passes over the file: ways first (profile rules decide which ways are usable, at what
// speed, in which directions), then only the nodes those ways reference (64-bit OSM ids,
// sorted-vector lookup, no per-node allocation). Ways are cut into edges at every node shared
// with another usable way and at their ends; intermediate nodes become the edge's polyline.
//
// Units and conventions:
//  - lengths are geodesic (haversine on WGS84 lon/lat, metres), so travel times do not depend
//    on the working CRS; the geometry is projected to `working_crs` (EPSG:2154 by default; any
//    projected CRS in metres works, e.g. EPSG:3035 or a UTM zone for extracts far from France,
//    where Lambert-93's scale error would only distort drawings and snap distances);
//  - seconds per edge = length_m / (speed_kmh / 3.6), speed from the ProfileTable:
//    class speed from `highway`, replaced by min(maxspeed × factor, cap) when the profile uses
//    maxspeed and the tag parses; oneway from the profile's oneway tags (yes/true/1, -1/reverse,
//    no), implied on motorways and roundabouts for cars; access from the most specific access
//    tag present (e.g. motorcar, then motor_vehicle, vehicle, access for cars);
//  - the vintage is the file header's replication timestamp, else the newest object timestamp.
#pragma once

#include <filesystem>
#include <string>

#include "geo/routing/profile_table.h"
#include "geo/routing/road_network.h"

namespace maillage::geo::routing {

struct OsmEdges {
    EdgeList edges;
    NetworkMetadata metadata;
    std::size_t usable_way_count = 0;
};

/// Reads the usable roads of `file` for `table`'s profile as an edge list (no SCC filter yet).
/// Throws InputError naming the file for a missing, unreadable or corrupt file.
[[nodiscard]] OsmEdges read_osm_edges(const std::filesystem::path& file, const ProfileTable& table,
                                      const std::string& working_crs = "EPSG:2154");

/// read_osm_edges + RoadNetwork::build. Throws InputError when no usable road is found.
[[nodiscard]] RoadNetwork load_osm_network(const std::filesystem::path& file, const ProfileTable& table,
                                           const std::string& working_crs = "EPSG:2154");

}  // namespace maillage::geo::routing
