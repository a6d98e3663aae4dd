#include "geo/routing/road_network.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "geo/core/error.h"
#include "geo/routing/snap.h"

namespace maillage::geo::routing {

// ------------------------------------------------------------------------------ EdgeList

NodeId EdgeList::add_node(XY xy) {
    node_xy.push_back(xy);
    return static_cast<NodeId>(node_xy.size() - 1);
}

void EdgeList::reserve_edges(std::size_t edges, std::size_t inner_points) {
    edge_tail.reserve(edges);
    edge_head.reserve(edges);
    edge_forward_seconds.reserve(edges);
    edge_backward_seconds.reserve(edges);
    edge_length_m.reserve(edges);
    edge_class.reserve(edges);
    edge_shape_first.reserve(edges + 1);
    shape_inner_xy.reserve(inner_points);
}

EdgeId EdgeList::add_edge(NodeId tail, NodeId head, float forward_seconds,
                          float backward_seconds, float length_m, std::uint8_t road_class,
                          std::span<const XY> shape) {
    edge_tail.push_back(tail);
    edge_head.push_back(head);
    edge_forward_seconds.push_back(forward_seconds);
    edge_backward_seconds.push_back(backward_seconds);
    edge_length_m.push_back(length_m);
    edge_class.push_back(road_class);
    if (edge_shape_first.empty()) edge_shape_first.push_back(0);
    if (shape.size() > 2) shape_inner_xy.insert(shape_inner_xy.end(), shape.begin() + 1, shape.end() - 1);
    edge_shape_first.push_back(static_cast<std::uint32_t>(shape_inner_xy.size()));
    return static_cast<EdgeId>(edge_tail.size() - 1);
}

std::uint8_t EdgeList::class_index(const std::string& name) {
    for (std::size_t i = 0; i < class_names.size(); ++i)
        if (class_names[i] == name) return static_cast<std::uint8_t>(i);
    if (class_names.size() >= 256) throw Error("more than 256 road classes in one network");
    class_names.push_back(name);
    return static_cast<std::uint8_t>(class_names.size() - 1);
}

// ------------------------------------------------------------------------------ helpers

std::vector<std::uint32_t> counting_sort_by_tail(std::span<const NodeId> tails,
                                                 std::uint32_t node_count,
                                                 std::vector<std::uint32_t>& order) {
    std::vector<std::uint32_t> first(node_count + 1, 0);
    for (NodeId t : tails) ++first[t + 1];
    for (std::uint32_t v = 0; v < node_count; ++v) first[v + 1] += first[v];
    order.assign(tails.size(), 0);
    std::vector<std::uint32_t> next(first.begin(), first.end() - 1);
    for (std::uint32_t a = 0; a < tails.size(); ++a) order[next[tails[a]]++] = a;
    return first;
}

std::vector<bool> largest_strongly_connected_component(std::span<const std::uint32_t> first_out,
                                                       std::span<const NodeId> head) {
    const std::uint32_t n = first_out.empty() ? 0 : static_cast<std::uint32_t>(first_out.size() - 1);
    std::vector<bool> in_largest(n, false);
    if (n == 0) return in_largest;
    // Iterative Tarjan.
    std::vector<std::uint32_t> index(n, kInvalidId), lowlink(n, 0), component(n, kInvalidId);
    std::vector<std::uint32_t> next_arc(n, 0);
    std::vector<NodeId> stack, call;
    std::vector<bool> on_stack(n, false);
    std::uint32_t next_index = 0, component_count = 0;
    std::vector<std::uint32_t> component_size;
    for (NodeId root = 0; root < n; ++root) {
        if (index[root] != kInvalidId) continue;
        call.push_back(root);
        index[root] = lowlink[root] = next_index++;
        next_arc[root] = first_out[root];
        stack.push_back(root);
        on_stack[root] = true;
        while (!call.empty()) {
            const NodeId u = call.back();
            if (next_arc[u] < first_out[u + 1]) {
                const NodeId v = head[next_arc[u]++];
                if (index[v] == kInvalidId) {
                    index[v] = lowlink[v] = next_index++;
                    next_arc[v] = first_out[v];
                    stack.push_back(v);
                    on_stack[v] = true;
                    call.push_back(v);
                } else if (on_stack[v]) {
                    lowlink[u] = std::min(lowlink[u], index[v]);
                }
                continue;
            }
            call.pop_back();
            if (!call.empty()) lowlink[call.back()] = std::min(lowlink[call.back()], lowlink[u]);
            if (lowlink[u] == index[u]) {
                std::uint32_t size = 0;
                NodeId w;
                do {
                    w = stack.back();
                    stack.pop_back();
                    on_stack[w] = false;
                    component[w] = component_count;
                    ++size;
                } while (w != u);
                component_size.push_back(size);
                ++component_count;
            }
        }
    }
    const auto largest = static_cast<std::uint32_t>(
        std::max_element(component_size.begin(), component_size.end()) - component_size.begin());
    for (NodeId v = 0; v < n; ++v) in_largest[v] = component[v] == largest;
    return in_largest;
}

// ------------------------------------------------------------------------------ RoadNetwork

RoadNetwork::RoadNetwork() = default;
RoadNetwork::RoadNetwork(RoadNetwork&&) noexcept = default;
RoadNetwork& RoadNetwork::operator=(RoadNetwork&&) noexcept = default;
RoadNetwork::~RoadNetwork() = default;

namespace {
bool allowed(float s) { return std::isfinite(s) && s >= 0.0F; }

/// Position of (x, y) on the Hilbert curve of a 2^16 × 2^16 grid.
std::uint64_t hilbert_index(std::uint32_t x, std::uint32_t y) {
    std::uint64_t d = 0;
    for (std::uint32_t s = 1U << 15; s > 0; s >>= 1) {
        const std::uint32_t rx = (x & s) ? 1 : 0, ry = (y & s) ? 1 : 0;
        d += static_cast<std::uint64_t>(s) * s * ((3 * rx) ^ ry);
        if (ry == 0) {
            if (rx == 1) {
                x = s - 1 - x;
                y = s - 1 - y;
            }
            std::swap(x, y);
        }
    }
    return d;
}
}  // namespace

namespace {
/// Releases a vector's memory now (clear() keeps the capacity).
template <typename T>
void release(std::vector<T>& v) {
    std::vector<T>().swap(v);
}

/// Shrinks a vector that lost more than a tenth of its elements (a copy, so only when it pays).
template <typename T>
void shrink_if_worth(std::vector<T>& v) {
    if (v.size() < v.capacity() - v.capacity() / 10) v.shrink_to_fit();
}
}  // namespace

// Memory: the input's edge arrays become the network's (compacted in place, no copy), and
// every temporary is released as soon as it is used, so the peak stays close to
// max(input + SCC scratch, network + snap-index scratch).
RoadNetwork RoadNetwork::build(EdgeList in, NetworkMetadata metadata) {
    const auto n_in = static_cast<std::uint32_t>(in.node_xy.size());
    const std::size_t m_in = in.edge_tail.size();
    const Location where{metadata.source, {}, {}};
    if (in.edge_head.size() != m_in || in.edge_forward_seconds.size() != m_in ||
        in.edge_backward_seconds.size() != m_in || in.edge_length_m.size() != m_in ||
        in.edge_class.size() != m_in || in.edge_shape_first.size() != m_in + 1 ||
        in.edge_shape_first.back() != in.shape_inner_xy.size())
        throw std::logic_error("EdgeList: per-edge arrays have different sizes");

    // 1. Largest SCC over the allowed arcs of the input (CSR built by counting directly).
    std::vector<bool> keep;
    {
        std::vector<std::uint32_t> first(n_in + 1, 0);
        bool any = false;
        for (std::size_t e = 0; e < m_in; ++e) {
            const NodeId u = in.edge_tail[e], v = in.edge_head[e];
            if (u >= n_in || v >= n_in) throw std::logic_error("EdgeList: node id out of range");
            if (u == v) continue;
            if (allowed(in.edge_forward_seconds[e])) ++first[u + 1], any = true;
            if (allowed(in.edge_backward_seconds[e])) ++first[v + 1], any = true;
        }
        if (!any)
            throw InputError(where, "no road usable by the '" + metadata.profile +
                                        "' profile was found (empty selection)");
        for (std::uint32_t v = 0; v < n_in; ++v) first[v + 1] += first[v];
        std::vector<NodeId> sorted_head(first.back());
        {
            std::vector<std::uint32_t> next(first.begin(), first.end() - 1);
            for (std::size_t e = 0; e < m_in; ++e) {
                const NodeId u = in.edge_tail[e], v = in.edge_head[e];
                if (u == v) continue;
                if (allowed(in.edge_forward_seconds[e])) sorted_head[next[u]++] = v;
                if (allowed(in.edge_backward_seconds[e])) sorted_head[next[v]++] = u;
            }
        }
        keep = largest_strongly_connected_component(first, sorted_head);
    }

    // 2. Renumber kept nodes, keep edges with both ends kept.
    RoadNetwork net;
    net.input_node_count_ = metadata.source_node_count ? metadata.source_node_count : n_in;
    net.input_edge_count_ = metadata.source_edge_count ? metadata.source_edge_count : static_cast<std::uint32_t>(m_in);
    metadata.source_node_count = net.input_node_count_;
    metadata.source_edge_count = net.input_edge_count_;
    // Kept nodes are numbered along a Hilbert curve over their bounding box, so that nodes
    // close in space are close in memory (cache locality of Dijkstra and snapping).
    std::vector<NodeId> new_id(n_in, kInvalidId);
    {
        std::vector<std::pair<std::uint64_t, NodeId>> order_key;
        XY lo{kInfSeconds, kInfSeconds}, hi{-kInfSeconds, -kInfSeconds};
        for (NodeId v = 0; v < n_in; ++v)
            if (keep[v]) {
                lo = {std::min(lo.x, in.node_xy[v].x), std::min(lo.y, in.node_xy[v].y)};
                hi = {std::max(hi.x, in.node_xy[v].x), std::max(hi.y, in.node_xy[v].y)};
            }
        const double span = std::max({hi.x - lo.x, hi.y - lo.y, 1e-9});
        for (NodeId v = 0; v < n_in; ++v) {
            if (!keep[v]) continue;
            const XY p = in.node_xy[v];
            const auto gx = static_cast<std::uint32_t>((p.x - lo.x) / span * 65535.0);
            const auto gy = static_cast<std::uint32_t>((p.y - lo.y) / span * 65535.0);
            order_key.emplace_back(hilbert_index(gx, gy), v);
        }
        release(keep);
        std::sort(order_key.begin(), order_key.end());
        net.node_xy_.resize(order_key.size());
        for (std::size_t i = 0; i < order_key.size(); ++i) {
            new_id[order_key[i].second] = static_cast<NodeId>(i);
            net.node_xy_[i] = in.node_xy[order_key[i].second];
        }
        release(in.node_xy);
        if (!order_key.empty())
            net.shape_origin_ = {std::floor(lo.x), std::floor(lo.y)};
    }
    const std::uint32_t n = net.node_count();
    if (n < 2)
        throw InputError(where, "the road graph has no two mutually reachable nodes for the '" +
                                    metadata.profile + "' profile");
    // Intermediate points in millimetres from the origin: check the range once.
    const XY origin = net.shape_origin_;
    for (const XY& p : in.shape_inner_xy) {
        const double dx = (p.x - origin.x) * 1e3, dy = (p.y - origin.y) * 1e3;
        if (!(std::abs(dx) < 2.1e9 && std::abs(dy) < 2.1e9))
            throw InputError(where, "a road's polyline lies more than 2,100 km from the network's nodes");
    }
    // Compact the edges in place (write index k never passes read index e).
    net.shape_inner_.reserve(in.shape_inner_xy.size());
    std::size_t k = 0;
    for (std::size_t e = 0; e < m_in; ++e) {
        const NodeId u = new_id[in.edge_tail[e]], v = new_id[in.edge_head[e]];
        if (u == kInvalidId || v == kInvalidId || u == v) continue;
        const float fwd = in.edge_forward_seconds[e], bwd = in.edge_backward_seconds[e];
        if (!allowed(fwd) && !allowed(bwd)) continue;
        in.edge_tail[k] = u;
        in.edge_head[k] = v;
        in.edge_forward_seconds[k] = allowed(fwd) ? fwd : kInfArcSeconds;
        in.edge_backward_seconds[k] = allowed(bwd) ? bwd : kInfArcSeconds;
        in.edge_length_m[k] = in.edge_length_m[e];
        in.edge_class[k] = in.edge_class[e];
        const std::uint32_t s0 = in.edge_shape_first[e], s1 = in.edge_shape_first[e + 1];
        in.edge_shape_first[k] = static_cast<std::uint32_t>(net.shape_inner_.size());
        for (std::uint32_t i = s0; i < s1; ++i) {
            const XY p = in.shape_inner_xy[i];
            net.shape_inner_.push_back({static_cast<std::int32_t>(std::lround((p.x - origin.x) * 1e3)),
                                        static_cast<std::int32_t>(std::lround((p.y - origin.y) * 1e3))});
        }
        ++k;
    }
    in.edge_shape_first[k] = static_cast<std::uint32_t>(net.shape_inner_.size());
    release(in.shape_inner_xy);
    release(new_id);
    for (auto* v : {&in.edge_tail, &in.edge_head}) v->resize(k);
    for (auto* v : {&in.edge_forward_seconds, &in.edge_backward_seconds, &in.edge_length_m}) v->resize(k);
    in.edge_class.resize(k);
    in.edge_shape_first.resize(k + 1);
    net.edge_tail_ = std::move(in.edge_tail);
    net.edge_head_ = std::move(in.edge_head);
    net.edge_fwd_ = std::move(in.edge_forward_seconds);
    net.edge_bwd_ = std::move(in.edge_backward_seconds);
    net.edge_length_m_ = std::move(in.edge_length_m);
    net.edge_class_ = std::move(in.edge_class);
    net.shape_first_ = std::move(in.edge_shape_first);
    net.class_names_ = std::move(in.class_names);
    for (auto* v : {&net.edge_tail_, &net.edge_head_}) shrink_if_worth(*v);
    for (auto* v : {&net.edge_fwd_, &net.edge_bwd_, &net.edge_length_m_}) shrink_if_worth(*v);
    shrink_if_worth(net.edge_class_);
    shrink_if_worth(net.shape_first_);
    net.shape_inner_.shrink_to_fit();
    in = EdgeList{};

    // 3. Forward and backward CSR, filled straight from the edges (arcs of a node in edge
    //    order, the forward arc of an edge before its backward one).
    auto fill_csr = [&](bool forward_graph, std::vector<std::uint32_t>& first, std::vector<Arc>& arcs) {
        first.assign(n + 1, 0);
        for (EdgeId e = 0; e < net.edge_count(); ++e) {
            const NodeId u = net.edge_tail_[e], v = net.edge_head_[e];
            if (allowed(net.edge_fwd_[e])) ++first[(forward_graph ? u : v) + 1];
            if (allowed(net.edge_bwd_[e])) ++first[(forward_graph ? v : u) + 1];
        }
        for (std::uint32_t x = 0; x < n; ++x) first[x + 1] += first[x];
        arcs.resize(first.back());
        std::vector<std::uint32_t> next(first.begin(), first.end() - 1);
        for (EdgeId e = 0; e < net.edge_count(); ++e) {
            const NodeId u = net.edge_tail_[e], v = net.edge_head_[e];
            if (allowed(net.edge_fwd_[e])) {
                if (forward_graph) arcs[next[u]++] = {v, net.edge_fwd_[e]};
                else arcs[next[v]++] = {u, net.edge_fwd_[e]};
            }
            if (allowed(net.edge_bwd_[e])) {
                if (forward_graph) arcs[next[v]++] = {u, net.edge_bwd_[e]};
                else arcs[next[u]++] = {v, net.edge_bwd_[e]};
            }
        }
    };
    fill_csr(true, net.first_out_, net.out_arcs_);
    fill_csr(false, net.first_in_, net.in_arcs_);
    net.min_arc_seconds_ = kInfArcSeconds;
    net.max_arc_seconds_ = 0;
    for (const Arc& a : net.out_arcs_) {
        net.min_arc_seconds_ = std::min(net.min_arc_seconds_, a.seconds);
        net.max_arc_seconds_ = std::max(net.max_arc_seconds_, a.seconds);
    }

    // 4. Extent and spatial index.
    net.min_xy_ = {kInfSeconds, kInfSeconds};
    net.max_xy_ = {-kInfSeconds, -kInfSeconds};
    auto extend = [&](XY p) {
        net.min_xy_ = {std::min(net.min_xy_.x, p.x), std::min(net.min_xy_.y, p.y)};
        net.max_xy_ = {std::max(net.max_xy_.x, p.x), std::max(net.max_xy_.y, p.y)};
    };
    for (const XY& p : net.node_xy_) extend(p);
    for (const MillimetreXY& p : net.shape_inner_) extend({origin.x + p.x * 1e-3, origin.y + p.y * 1e-3});
    net.metadata_ = std::move(metadata);
    net.snap_index_ = std::make_unique<SnapIndex>(net);
    return net;
}

std::size_t RoadNetwork::memory_bytes() const noexcept {
    auto bytes = [](const auto& v) { return v.capacity() * sizeof(typename std::decay_t<decltype(v)>::value_type); };
    return bytes(first_out_) + bytes(first_in_) + bytes(out_arcs_) + bytes(in_arcs_) + bytes(node_xy_) + bytes(edge_tail_) + bytes(edge_head_) +
           bytes(edge_fwd_) + bytes(edge_bwd_) + bytes(edge_length_m_) + bytes(edge_class_) + bytes(shape_first_) +
           bytes(shape_inner_) + (snap_index_ ? snap_index_->memory_bytes() : 0);
}

void RoadNetwork::check_invariants() const {
    auto fail = [](const std::string& what) {
        throw std::logic_error("RoadNetwork is invalid because: " + what);
    };
    const std::uint32_t n = node_count();
    if (first_out_.size() != n + 1 || first_in_.size() != n + 1) fail("first_out/first_in size != node_count+1");
    if (first_out_.front() != 0 || first_out_.back() != out_arcs_.size()) fail("first_out bounds");
    if (first_in_.front() != 0 || first_in_.back() != in_arcs_.size()) fail("first_in bounds");
    if (in_arcs_.size() != out_arcs_.size()) fail("backward arc count != forward arc count");
    for (std::uint32_t v = 0; v < n; ++v) {
        if (first_out_[v] > first_out_[v + 1]) fail("first_out not sorted");
        if (first_in_[v] > first_in_[v + 1]) fail("first_in not sorted");
    }
    for (std::size_t a = 0; a < out_arcs_.size(); ++a) {
        if (out_arcs_[a].node >= n || in_arcs_[a].node >= n) fail("arc endpoint out of range");
        if (!allowed(out_arcs_[a].seconds) || !allowed(in_arcs_[a].seconds)) fail("arc time not finite");
        if (out_arcs_[a].seconds < min_arc_seconds_ || out_arcs_[a].seconds > max_arc_seconds_) fail("arc time outside [min, max]");
    }
    if (shape_first_.size() != edge_count() + 1) fail("shape offsets size");
    for (EdgeId e = 0; e < edge_count(); ++e)
        if (shape_first_[e + 1] < shape_first_[e]) fail("shape offsets not sorted");
    if (shape_first_.back() != shape_inner_.size()) fail("shape offsets end");
}

}  // namespace maillage::geo::routing
