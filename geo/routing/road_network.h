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
/// An edge's polyline is its tail node, its intermediate points (shape_inner_xy), its head
/// node: the end points are not stored twice.
struct EdgeList {
    std::vector<XY> node_xy;  ///< metres, working CRS
    std::vector<NodeId> edge_tail;
    std::vector<NodeId> edge_head;
    std::vector<float> edge_forward_seconds;   ///< tail→head; kInfArcSeconds if not allowed
    std::vector<float> edge_backward_seconds;  ///< head→tail; kInfArcSeconds if not allowed
    std::vector<float> edge_length_m;
    std::vector<std::uint8_t> edge_class;      ///< index into class_names
    std::vector<std::uint32_t> edge_shape_first{0};  ///< edge_count+1 offsets into shape_inner_xy
    std::vector<XY> shape_inner_xy;  ///< each edge's intermediate polyline points, tail to head
    std::vector<std::string> class_names;      ///< e.g. "residential"; at most 256

    NodeId add_node(XY xy);
    /// Reserves room for `edges` edges with `inner_points` intermediate points in all.
    void reserve_edges(std::size_t edges, std::size_t inner_points = 0);
    /// Appends an edge. `shape` is the full polyline from tail to head; its intermediate
    /// points are kept, its first and last points are taken to be the two nodes (the drawn
    /// line starts and ends at the node coordinates). Empty or 2 points: the straight segment.
    /// Returns the edge id.
    EdgeId add_edge(NodeId tail, NodeId head, float forward_seconds, float backward_seconds,
                    float length_m, std::uint8_t road_class, std::span<const XY> shape = {});
    /// Index of `name` in class_names, appended if new.
    std::uint8_t class_index(const std::string& name);
    [[nodiscard]] std::size_t edge_count() const noexcept { return edge_tail.size(); }
};

/// An intermediate polyline point as stored in a RoadNetwork: integer millimetres from the
/// network's shape_origin() (rounding ≤ 0.5 mm; ±2,147 km of range), half the memory of a
/// double pair.
struct MillimetreXY {
    std::int32_t x;
    std::int32_t y;
};

/// The polyline of one edge, from its tail node to its head node (≥ 2 points), read from the
/// network's arrays without copying. Points are returned by value, in metres.
class ShapeView {
public:
    ShapeView(XY tail, XY head, const MillimetreXY* inner, std::uint32_t inner_count, XY origin) noexcept
        : tail_(tail), head_(head), inner_(inner), inner_count_(inner_count), origin_(origin) {}
    [[nodiscard]] std::size_t size() const noexcept { return inner_count_ + 2U; }
    [[nodiscard]] XY operator[](std::size_t i) const noexcept {
        if (i == 0) return tail_;
        if (i > inner_count_) return head_;
        const MillimetreXY p = inner_[i - 1];
        return {origin_.x + p.x * 1e-3, origin_.y + p.y * 1e-3};
    }
    [[nodiscard]] XY front() const noexcept { return tail_; }
    [[nodiscard]] XY back() const noexcept { return head_; }

    class iterator {
    public:
        using value_type = XY;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        iterator(const ShapeView* view, std::size_t i) : view_(view), i_(i) {}
        XY operator*() const noexcept { return (*view_)[i_]; }
        iterator& operator++() noexcept { ++i_; return *this; }
        iterator operator++(int) noexcept { iterator old = *this; ++i_; return old; }
        bool operator==(const iterator& o) const noexcept { return i_ == o.i_; }
    private:
        const ShapeView* view_ = nullptr;
        std::size_t i_ = 0;
    };
    [[nodiscard]] iterator begin() const noexcept { return {this, 0}; }
    [[nodiscard]] iterator end() const noexcept { return {this, size()}; }

private:
    XY tail_, head_;
    const MillimetreXY* inner_;
    std::uint32_t inner_count_;
    XY origin_;
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
    /// Intermediate polyline points of all edges end to end: edge e's are
    /// shape_inner()[shape_first()[e] .. shape_first()[e+1]), millimetres from shape_origin().
    [[nodiscard]] std::span<const std::uint32_t> shape_first() const noexcept { return shape_first_; }
    [[nodiscard]] std::span<const MillimetreXY> shape_inner() const noexcept { return shape_inner_; }
    /// Origin of the millimetre offsets: the nodes' lower-left corner rounded down to metres.
    [[nodiscard]] XY shape_origin() const noexcept { return shape_origin_; }
    /// The polyline of edge e, from edge_tail(e) to edge_head(e), metres (≥ 2 points).
    [[nodiscard]] ShapeView edge_shape(EdgeId e) const noexcept {
        return {node_xy_[edge_tail_[e]], node_xy_[edge_head_[e]], shape_inner_.data() + shape_first_[e],
                shape_first_[e + 1] - shape_first_[e], shape_origin_};
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
    std::vector<MillimetreXY> shape_inner_;
    XY shape_origin_{};
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
