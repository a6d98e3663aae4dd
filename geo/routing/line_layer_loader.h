// Road networks from any GDAL line layer (GeoPackage, Shapefile, GeoJSON, …), e.g. IGN
// BD TOPO `troncon_de_route` or ROUTE 500.
//
// Topology: every line (or part of a multi-line) is one edge between its two end vertices;
// end vertices closer than `node_tolerance_m` (in the working CRS) are the same node. The
// layer must therefore be split at junctions, as BD TOPO and ROUTE 500 are. Interior vertices
// are kept as the edge's polyline.
//
// Speed (km/h) per feature: `speed_field` when set and its value is > 0, else the speed of
// `class_field`'s value in the profile table (ProfileTable::speed_kmh; the class names are
// then the layer's values, e.g. a table keyed by BD TOPO `nature`). A feature with neither is
// skipped and counted. Length: planar length of the line in the working CRS (metres);
// seconds = length / (kmh / 3.6).
//
// Direction (`direction_field`, optional; ignored by the walk profile): values are matched
// case-insensitively:
//   both:      "Double sens", "both", "B", "0", "no", "" (NULL)
//   forward:   "Sens direct", "forward", "FT", "1", "yes"   (digitising direction)
//   backward:  "Sens inverse", "backward", "TF", "-1"
//   closed:    "Sans objet", "none", "N", "closed" — BD TOPO uses "Sans objet" for ways
//              without motor traffic: not usable by car, two-way for walk and bike.
// Any other value is an InputError naming the feature.
//
// CRS: read from the layer (InputError when it has none); lines are reprojected to
// `working_crs` with PROJ.
#pragma once

#include <filesystem>
#include <string>

#include "geo/routing/profile_table.h"
#include "geo/routing/road_network.h"

namespace maillage::geo::routing {

struct LineLayerOptions {
    std::string layer;            ///< empty: the file's only layer
    std::string speed_field;      ///< numeric km/h (BD TOPO: "vitesse_moyenne_vl")
    std::string class_field;      ///< class name looked up in the profile table (BD TOPO: "nature")
    std::string direction_field;  ///< BD TOPO: "sens_de_circulation"; empty: all two-way
    std::string attribute_filter; ///< optional OGR SQL WHERE clause
    std::string working_crs = "EPSG:2154";
    double node_tolerance_m = 0.05;
    std::string vintage;          ///< shown in metadata (e.g. "BD TOPO 2024-03")
};

struct LineLayerEdges {
    EdgeList edges;
    NetworkMetadata metadata;
    std::size_t feature_count = 0;
    std::size_t skipped_without_speed = 0;
};

/// Throws InputError naming the file (and layer, field, feature) when the file cannot be read,
/// a configured field does not exist, neither speed_field nor class_field is given, the layer
/// has no CRS, or a direction value is unknown.
[[nodiscard]] LineLayerEdges read_line_layer_edges(const std::filesystem::path& file,
                                                   const LineLayerOptions& options,
                                                   const ProfileTable& table);

[[nodiscard]] RoadNetwork load_line_layer_network(const std::filesystem::path& file,
                                                  const LineLayerOptions& options,
                                                  const ProfileTable& table);

}  // namespace maillage::geo::routing
