// The immutable road graph of one profile, in RoutingKit's data-oriented style.
//
// A RoadNetwork is built once (RoadNetwork::build) from an EdgeList produced by a loader (OSM,
// GDAL line layer, lattice model, project database) and never changes afterwards; queries
// (Dijkstra, nearest_source_times) keep their scratch memory in separate objects.
//
// Model:
//  - nodes: dense NodeId, coordinates in metres of the working CRS (metadata().crs,
//    EPSG:2154 unless the loader was told otherwise);
//  - edges: undirected road pieces between two nodes with a polyline (for drawing and
//    snapping) and one travel time per direction (seconds, +inf when the direction is not
//    allowed, e.g. a one-way street);
//  - arcs: the directed, allowed halves of edges, as CSR arrays of interleaved {node, seconds}
//    pairs (one cache line holds 8 arcs for Dijkstra's relaxation loop): forward graph
//    (first_out/out_arcs, arcs leaving a node, .node = head) and backward graph
//    (first_in/in_arcs, arcs entering a node, .node = tail), both sorted by node.
//  - only the largest strongly connected component of the input is kept, so every node
//    can reach and be reached from every other; input_node_count() tells what was dropped;
//  - node ids are assigned along a Hilbert curve (nodes close in space are close in memory);
//    they are deterministic for a given input but are not the input's ids.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "geo/core/crs.h"
#include "geo/routing/types.h"

namespace maillage::geo::routing {

class SnapIndex;

/// One directed arc in a CSR array: the node at its other end and its travel time (seconds,
/// finite, ≥ 0). In out_arcs() `node` is the head; in in_arcs() it is the tail.
struct Arc {
    NodeId node;
    float seconds;
};

/// Where a network comes from and how much to trust it. Every field is shown to users.
struct NetworkMetadata {
    std::string source;           ///< e.g. "OpenStreetMap extract monaco.osm.pbf"
    std::string vintage;          ///< date of the data, e.g. "2016-03-05" ("" if unknown)
    std::string licence;          ///< e.g. "© OpenStreetMap contributors, ODbL"
    std::string profile;          ///< "car", "walk", "bike"
    std::string profile_version;  ///< version of the speed table used
    std::string crs = "EPSG:2154";
    bool approximation = false;   ///< true for models that are not a real road network
    std::string approximation_note;  ///< one sentence, usable verbatim in CLI and file metadata
    /// Node/edge counts of the original source before the SCC filter, when the EdgeList given to
    /// build() is itself already filtered (a network reloaded from storage); 0 = use the input.
    std::uint32_t source_node_count = 0;
    std::uint32_t source_edge_count = 0;
};

/// Input of RoadNetwork::build. Node ids are dense 0..node_xy.size()-1; edges in any order.
struct EdgeList {
    std::vector<XY> node_xy;  ///< metres, working CRS
    std::vector<NodeId> edge_tail;
    std::vector<NodeId> edge_head;
    std::vector<float> edge_forward_seconds;   ///< tail→head; kInfArcSeconds if not allowed
    std::vector<float> edge_backward_seconds;  ///< head→tail; kInfArcSeconds if not allowed
    std::vector<float> edge_length_m;
    std::vector<std::uint8_t> edge_class;      ///< index into class_names
    std::vector<std::uint32_t> edge_shape_first{0};  ///< edge_count+1 offsets into shape_xy
    std::vector<XY> shape_xy;  ///< each edge's polyline, tail first, head last (≥ 2 points)
    std::vector<std::string> class_names;      ///< e.g. "residential"; at most 256

    NodeId add_node(XY xy);
    /// Appends an edge. `shape` is the full polyline from tail to head; if empty, the straight
    /// segment between the two nodes is used. Returns the edge id.
    EdgeId add_edge(NodeId tail, NodeId head, float forward_seconds, float backward_seconds,
                    float length_m, std::uint8_t road_class, std::span<const XY> shape = {});
    /// Index of `name` in class_names, appended if new.
    std::uint8_t class_index(const std::string& name);
    [[nodiscard]] std::size_t edge_count() const noexcept { return edge_tail.size(); }
};

class RoadNetwork {
public:
    /// Keeps the largest strongly connected component of `edges` (over allowed arcs), drops
    /// edges allowed in no direction and self-loops, renumbers nodes densely. Throws
    /// geo::InputError (naming metadata.source) if nothing routable is left.
    [[nodiscard]] static RoadNetwork build(EdgeList edges, NetworkMetadata metadata);

    RoadNetwork(RoadNetwork&&) noexcept;
    RoadNetwork& operator=(RoadNetwork&&) noexcept;
    ~RoadNetwork();

    [[nodiscard]] std::uint32_t node_count() const noexcept {
        return static_cast<std::uint32_t>(node_xy_.size());
    }
    [[nodiscard]] std::uint32_t arc_count() const noexcept {
        return static_cast<std::uint32_t>(out_arcs_.size());
    }
    [[nodiscard]] std::uint32_t edge_count() const noexcept {
        return static_cast<std::uint32_t>(edge_tail_.size());
    }
    /// Nodes in the input before the largest-SCC filter (for the "SCC share" statistic).
    [[nodiscard]] std::uint32_t input_node_count() const noexcept { return input_node_count_; }
    [[nodiscard]] std::uint32_t input_edge_count() const noexcept { return input_edge_count_; }

    // --- forward graph (arcs leaving a node), CSR: out_arcs()[first_out[v] .. first_out[v+1]) --
    [[nodiscard]] std::span<const std::uint32_t> first_out() const noexcept { return first_out_; }
    [[nodiscard]] std::span<const Arc> out_arcs() const noexcept { return out_arcs_; }
    // --- backward graph (arcs entering a node), CSR: in_arcs()[first_in[v] .. first_in[v+1]) ---
    [[nodiscard]] std::span<const std::uint32_t> first_in() const noexcept { return first_in_; }
    [[nodiscard]] std::span<const Arc> in_arcs() const noexcept { return in_arcs_; }
    /// Smallest and largest arc time, seconds (both graphs hold the same arcs). Dijkstra uses
    /// them to choose its queue (a bucket queue is exact when buckets are no wider than the
    /// smallest arc).
    [[nodiscard]] float min_arc_seconds() const noexcept { return min_arc_seconds_; }
    [[nodiscard]] float max_arc_seconds() const noexcept { return max_arc_seconds_; }

    // --- nodes and edges --------------------------------------------------------------------
    [[nodiscard]] std::span<const XY> node_xy() const noexcept { return node_xy_; }
    [[nodiscard]] std::span<const NodeId> edge_tail() const noexcept { return edge_tail_; }
    [[nodiscard]] std::span<const NodeId> edge_head() const noexcept { return edge_head_; }
    [[nodiscard]] std::span<const float> edge_forward_seconds() const noexcept { return edge_fwd_; }
    [[nodiscard]] std::span<const float> edge_backward_seconds() const noexcept { return edge_bwd_; }
    [[nodiscard]] std::span<const float> edge_length_m() const noexcept { return edge_length_m_; }
    [[nodiscard]] std::span<const std::uint8_t> edge_class() const noexcept { return edge_class_; }
    [[nodiscard]] const std::vector<std::string>& class_names() const noexcept { return class_names_; }
    /// All polylines end to end: edge e's points are shape_xy()[shape_first()[e] .. shape_first()[e+1]).
    [[nodiscard]] std::span<const std::uint32_t> shape_first() const noexcept { return shape_first_; }
    [[nodiscard]] std::span<const XY> shape_xy() const noexcept { return shape_xy_; }
    /// The polyline of edge e, from edge_tail(e) to edge_head(e), metres (≥ 2 points).
    [[nodiscard]] std::span<const XY> edge_shape(EdgeId e) const noexcept {
        return std::span<const XY>(shape_xy_).subspan(shape_first_[e], shape_first_[e + 1] - shape_first_[e]);
    }

    [[nodiscard]] const NetworkMetadata& metadata() const noexcept { return metadata_; }
    [[nodiscard]] bool is_approximation() const noexcept { return metadata_.approximation; }
    [[nodiscard]] const std::string& approximation_note() const noexcept {
        return metadata_.approximation_note;
    }
    /// Bounding box of all edge shapes, metres.
    [[nodiscard]] XY min_xy() const noexcept { return min_xy_; }
    [[nodiscard]] XY max_xy() const noexcept { return max_xy_; }

    /// Spatial index over the edge polylines (built with the network).
    [[nodiscard]] const SnapIndex& snap_index() const noexcept { return *snap_index_; }

    /// Heap memory held by the network's arrays and its snap index, bytes.
    [[nodiscard]] std::size_t memory_bytes() const noexcept;

    /// Throws std::logic_error naming the first broken invariant (CSR sizes, sorted heads,
    /// ids in range, finite non-negative arc times). For tests and loaders.
    void check_invariants() const;

private:
    RoadNetwork();
    std::vector<std::uint32_t> first_out_, first_in_;
    std::vector<Arc> out_arcs_, in_arcs_;
    float min_arc_seconds_ = 0, max_arc_seconds_ = 0;
    std::vector<XY> node_xy_;
    std::vector<NodeId> edge_tail_, edge_head_;
    std::vector<float> edge_fwd_, edge_bwd_, edge_length_m_;
    std::vector<std::uint8_t> edge_class_;
    std::vector<std::uint32_t> shape_first_;
    std::vector<XY> shape_xy_;
    std::vector<std::string> class_names_;
    NetworkMetadata metadata_;
    std::uint32_t input_node_count_ = 0;
    std::uint32_t input_edge_count_ = 0;
    XY min_xy_{}, max_xy_{};
    std::unique_ptr<SnapIndex> snap_index_;
};

/// Node ids of the largest strongly connected component of a CSR graph (iterative Tarjan,
/// O(n + m), no recursion). Returns a per-node flag.
[[nodiscard]] std::vector<bool> largest_strongly_connected_component(
    std::span<const std::uint32_t> first_out, std::span<const NodeId> head);

/// Builds CSR offsets from per-arc tails (any order): returns first_out and fills `order`
/// with arc indices sorted stably by tail (counting sort).
[[nodiscard]] std::vector<std::uint32_t> counting_sort_by_tail(std::span<const NodeId> tails,
                                                               std::uint32_t node_count,
                                                               std::vector<std::uint32_t>& order);

}  // namespace maillage::geo::routing
