#include "geo/routing/contracted_search.h"

#include <algorithm>
#include <cmath>

#include "geo/routing/road_network.h"

namespace maillage::geo::routing {

ContractedSearch::ContractedSearch(const RoadNetwork& network, Direction direction)
    : network_(&network), direction_(direction) {
    const RoadNetwork& net = network;
    const NodeId n = net.node_count();
    // Leaves: nodes whose arcs, both ways, all join one other node that is not a leaf itself.
    leaf_parent_.assign(n, kInvalidId);
    std::vector<NodeId> only(n, kInvalidId);
    std::vector<std::uint8_t> many(n, 0);
    auto see = [&](NodeId v, NodeId w) {
        if (w == v) many[v] = 1;
        else if (only[v] == kInvalidId) only[v] = w;
        else if (only[v] != w) many[v] = 1;
    };
    for (NodeId v = 0; v < n; ++v) {
        for (std::uint32_t a = net.first_out()[v]; a < net.first_out()[v + 1]; ++a) see(v, net.out_arcs()[a].node);
        for (std::uint32_t a = net.first_in()[v]; a < net.first_in()[v + 1]; ++a) see(v, net.in_arcs()[a].node);
    }
    auto is_leaf = [&](NodeId v) { return many[v] == 0 && only[v] != kInvalidId; };
    for (NodeId v = 0; v < n; ++v) {
        if (is_leaf(v) && !is_leaf(only[v])) leaf_parent_[v] = only[v];
    }
    // Per leaf, the quickest arc from and to its parent in the search direction (+inf if none).
    const GraphView full = GraphView::of(net, direction);
    auto quickest = [&](NodeId from, NodeId to) {
        float best = kInfArcSeconds;
        for (std::uint32_t a = full.first_out[from]; a < full.first_out[from + 1]; ++a) {
            if (full.arcs[a].node == to) best = std::min(best, full.arcs[a].seconds);
        }
        return best;
    };
    leaf_in_s_.assign(n, kInfArcSeconds);
    leaf_out_s_.assign(n, kInfArcSeconds);
    for (NodeId v = 0; v < n; ++v) {
        if (leaf_parent_[v] == kInvalidId) continue;
        leaf_in_s_[v] = quickest(leaf_parent_[v], v);
        leaf_out_s_[v] = quickest(v, leaf_parent_[v]);
    }
    // Chains: among the other nodes, those joined (both ways counted) to exactly two others,
    // leaves aside, are interior nodes of a chain between two junctions; the search goes from
    // one end to the other in one arc (the sum of the links, when every link is allowed).
    std::vector<std::array<NodeId, 2>> pair(n, {kInvalidId, kInvalidId});
    std::vector<std::uint8_t> junction(n, 0);
    auto see_core = [&](NodeId v, NodeId w) {
        if (leaf_parent_[w] != kInvalidId) return;  // a leaf hanging from v
        if (w == v) junction[v] = 1;
        else if (pair[v][0] == kInvalidId || pair[v][0] == w) pair[v][0] = w;
        else if (pair[v][1] == kInvalidId || pair[v][1] == w) pair[v][1] = w;
        else junction[v] = 1;
    };
    for (NodeId v = 0; v < n; ++v) {
        if (leaf_parent_[v] != kInvalidId) continue;
        for (std::uint32_t a = net.first_out()[v]; a < net.first_out()[v + 1]; ++a) see_core(v, net.out_arcs()[a].node);
        for (std::uint32_t a = net.first_in()[v]; a < net.first_in()[v + 1]; ++a) see_core(v, net.in_arcs()[a].node);
    }
    chain_of_.assign(n, kNoChain);
    auto interior = [&](NodeId v) {
        return leaf_parent_[v] == kInvalidId && junction[v] == 0 && pair[v][1] != kInvalidId;
    };
    chain_first_.assign(1, 0);
    chain_nodes_.clear();
    chain_ends_.clear();
    chain_link_s_.clear();
    std::vector<NodeId> sequence;
    // Walks from end node `start` towards `next` through interior nodes to the other end.
    auto walk = [&](NodeId start, NodeId next) {
        const auto chain = static_cast<std::uint32_t>(chain_ends_.size());
        sequence.assign(1, start);
        NodeId previous = start, at = next;
        while (interior(at) && chain_of_[at] == kNoChain && at != start) {
            chain_of_[at] = chain;
            sequence.push_back(at);
            const NodeId after = pair[at][0] == previous ? pair[at][1] : pair[at][0];
            previous = at;
            at = after;
        }
        sequence.push_back(at);
        chain_ends_.push_back({start, at});
        chain_nodes_.insert(chain_nodes_.end(), sequence.begin() + 1, sequence.end() - 1);
        chain_first_.push_back(static_cast<std::uint32_t>(chain_nodes_.size()));
        // Links k = 0 .. size - 2: {start -> end direction, end -> start direction}.
        for (std::size_t k = 0; k + 1 < sequence.size(); ++k) {
            chain_link_s_.push_back({quickest(sequence[k], sequence[k + 1]), quickest(sequence[k + 1], sequence[k])});
        }
    };
    for (NodeId v = 0; v < n; ++v) {
        if (leaf_parent_[v] != kInvalidId || interior(v)) continue;
        auto from_end = [&](NodeId w) {
            if (interior(w) && chain_of_[w] == kNoChain) walk(v, w);
        };
        for (std::uint32_t a = net.first_out()[v]; a < net.first_out()[v + 1]; ++a) from_end(net.out_arcs()[a].node);
        for (std::uint32_t a = net.first_in()[v]; a < net.first_in()[v + 1]; ++a) from_end(net.in_arcs()[a].node);
    }
    // Rings made only of interior nodes: one of their nodes becomes an end.
    for (NodeId v = 0; v < n; ++v) {
        if (!interior(v) || chain_of_[v] != kNoChain) continue;
        junction[v] = 1;
        walk(v, pair[v][0]);
    }
    // Chains by end node (CSR), for timing their interior nodes after a search.
    chains_at_first_.assign(static_cast<std::size_t>(n) + 1, 0);
    for (const auto& ends : chain_ends_) {
        ++chains_at_first_[ends[0] + 1];
        if (ends[1] != ends[0]) ++chains_at_first_[ends[1] + 1];
    }
    for (NodeId v = 0; v < n; ++v) chains_at_first_[v + 1] += chains_at_first_[v];
    chains_at_.assign(chains_at_first_.back(), 0);
    {
        std::vector<std::uint32_t> at(chains_at_first_.begin(), chains_at_first_.end() - 1);
        for (std::uint32_t c = 0; c < chain_ends_.size(); ++c) {
            chains_at_[at[chain_ends_[c][0]]++] = c;
            if (chain_ends_[c][1] != chain_ends_[c][0]) chains_at_[at[chain_ends_[c][1]]++] = c;
        }
    }
    chain_done_.assign(chain_ends_.size(), 0);
    // The core graph: arcs between end nodes (neither leaves nor interior), and one arc per
    // chain and direction whose links are all allowed.
    std::vector<std::vector<Arc>> extra(n);
    for (std::uint32_t c = 0; c < chain_ends_.size(); ++c) {
        double forward = 0.0, backward = 0.0;
        for (std::uint32_t k = link_first(c); k < link_first(c + 1); ++k) {
            forward += static_cast<double>(chain_link_s_[k][0]);
            backward += static_cast<double>(chain_link_s_[k][1]);
        }
        const auto [a, b] = chain_ends_[c];
        if (std::isfinite(forward)) extra[a].push_back({b, static_cast<float>(forward)});
        if (std::isfinite(backward)) extra[b].push_back({a, static_cast<float>(backward)});
    }
    core_first_out_.assign(static_cast<std::size_t>(n) + 1, 0);
    core_arcs_.clear();
    double lo = kInfSeconds, hi = 0.0;
    for (NodeId u = 0; u < n; ++u) {
        if (leaf_parent_[u] == kInvalidId && chain_of_[u] == kNoChain) {
            for (std::uint32_t a = full.first_out[u]; a < full.first_out[u + 1]; ++a) {
                const Arc arc = full.arcs[a];
                if (leaf_parent_[arc.node] == kInvalidId && chain_of_[arc.node] == kNoChain) core_arcs_.push_back(arc);
            }
            core_arcs_.insert(core_arcs_.end(), extra[u].begin(), extra[u].end());
        }
        core_first_out_[u + 1] = static_cast<std::uint32_t>(core_arcs_.size());
    }
    for (const Arc& arc : core_arcs_) {
        lo = std::min(lo, static_cast<double>(arc.seconds));
        hi = std::max(hi, static_cast<double>(arc.seconds));
    }
    if (core_arcs_.empty()) lo = hi = 1.0;
    // Leaves by parent (CSR).
    leaves_first_.assign(static_cast<std::size_t>(n) + 1, 0);
    for (NodeId v = 0; v < n; ++v) {
        if (leaf_parent_[v] != kInvalidId) ++leaves_first_[leaf_parent_[v] + 1];
    }
    for (NodeId v = 0; v < n; ++v) leaves_first_[v + 1] += leaves_first_[v];
    leaves_.assign(leaves_first_.back(), 0);
    {
        std::vector<std::uint32_t> at(leaves_first_.begin(), leaves_first_.end() - 1);
        for (NodeId v = 0; v < n; ++v) {
            if (leaf_parent_[v] != kInvalidId) leaves_[at[leaf_parent_[v]]++] = v;
        }
    }
    leaf_seed_.assign(n, kInfSeconds);
    interior_seed_.assign(n, kInfSeconds);
    search_ = Dijkstra(GraphView{core_first_out_, core_arcs_, std::min(lo, full.min_arc_seconds), hi});
}

void ContractedSearch::sweep_chain(std::uint32_t c, double bound_s, bool seeds_only, std::span<double> node_seconds,
                                   std::vector<NodeId>& timed) {
    // The interior nodes' times along the chain, from both ends and from seeds inside it: a
    // Dijkstra on a path is two sweeps. With `seeds_only`, the ends count as unreached and the
    // sweeps' arrivals at the ends are returned as seeds for them.
    const auto [a, b] = chain_ends_[c];
    const std::uint32_t first = chain_first_[c], last = chain_first_[c + 1];
    const std::uint32_t link0 = link_first(c);
    const double from_a = seeds_only ? kInfSeconds : node_seconds[a];
    const double from_b = seeds_only ? kInfSeconds : node_seconds[b];
    // Forward: a -> interior -> b.
    double t = from_a;
    for (std::uint32_t k = first; k < last; ++k) {
        t = std::min(t + static_cast<double>(chain_link_s_[link0 + (k - first)][0]), interior_seed_[chain_nodes_[k]]);
        chain_scratch_[k - first] = t;
    }
    if (seeds_only) {
        const double at_b = t + static_cast<double>(chain_link_s_[link0 + (last - first)][0]);
        if (std::isfinite(at_b)) search_.add_source(b, at_b);
    }
    // Backward: b -> interior -> a, then each interior node's time.
    t = from_b;
    for (std::uint32_t k = last; k > first; --k) {
        t = std::min(t + static_cast<double>(chain_link_s_[link0 + (k - first)][1]), interior_seed_[chain_nodes_[k - 1]]);
        if (!seeds_only) {
            const double best = std::min(t, chain_scratch_[k - 1 - first]);
            if (best <= bound_s) {
                node_seconds[chain_nodes_[k - 1]] = best;
                timed.push_back(chain_nodes_[k - 1]);
            }
        }
    }
    if (seeds_only) {
        const double at_a = t + static_cast<double>(chain_link_s_[link0][1]);
        if (std::isfinite(at_a)) search_.add_source(a, at_a);
    }
}

void ContractedSearch::run(const SnappedPoints& sources, double bound_s, std::span<double> node_seconds,
                           std::vector<NodeId>& timed) {
    search_.reset();
    // Seeds: a leaf's is kept for the leaf and passed on to its parent (what the full search
    // does when it settles the leaf); an interior node's is kept for the chain sweeps, which
    // also pass it on to the chain's ends.
    std::vector<std::uint32_t>& seeded_chains = seeded_chains_;
    auto seed_node = [&](NodeId v, double seconds) {
        const std::uint32_t chain = chain_of_[v];
        if (chain == kNoChain) {
            search_.add_source(v, seconds);
            return;
        }
        if (std::isinf(interior_seed_[v])) seeded_interiors_.push_back(v);
        interior_seed_[v] = std::min(interior_seed_[v], seconds);
        seeded_chains.push_back(chain);
    };
    auto seed = [&](NodeId v, double seconds) {
        if (!std::isfinite(seconds)) return;
        const NodeId parent = leaf_parent_[v];
        if (parent == kInvalidId) {
            seed_node(v, seconds);
            return;
        }
        if (seconds < leaf_seed_[v]) {
            if (std::isinf(leaf_seed_[v])) seeded_leaves_.push_back(v);
            leaf_seed_[v] = seconds;
        }
        const double at_parent = seconds + static_cast<double>(leaf_out_s_[v]);
        if (std::isfinite(at_parent)) seed_node(parent, at_parent);
    };
    for (std::size_t s = 0; s < sources.size(); ++s) {
        const EdgePosition& pos = sources.position[s];
        if (pos.edge == kInvalidId) continue;
        const EndSeconds ends = position_to_ends(*network_, pos, direction_);
        seed(network_->edge_tail()[pos.edge], sources.walk_seconds[s] + ends.tail);
        seed(network_->edge_head()[pos.edge], sources.walk_seconds[s] + ends.head);
    }
    std::sort(seeded_chains.begin(), seeded_chains.end());
    seeded_chains.erase(std::unique(seeded_chains.begin(), seeded_chains.end()), seeded_chains.end());
    for (const std::uint32_t c : seeded_chains) {
        chain_scratch_.resize(std::max<std::size_t>(chain_scratch_.size(), chain_first_[c + 1] - chain_first_[c]));
        sweep_chain(c, bound_s, true, node_seconds, timed);
    }
    search_.run(bound_s);
    // Core nodes (all within the bound); the interior nodes of the chains at a settled end or
    // holding a seed; then the leaves hanging from any timed node (the full search's relaxation
    // of the parent-to-leaf arc) and the leaves' own seeds. Nodes beyond the bound stay +inf,
    // as the full search would not settle them.
    const auto settled = search_.settled_nodes();
    timed.assign(settled.begin(), settled.end());
    for (const NodeId u : settled) node_seconds[u] = search_.seconds(u);
    ++chain_stamp_;
    if (chain_stamp_ == 0) {
        std::fill(chain_done_.begin(), chain_done_.end(), 0);
        chain_stamp_ = 1;
    }
    auto time_chain = [&](std::uint32_t c) {
        if (chain_done_[c] == chain_stamp_) return;
        chain_done_[c] = chain_stamp_;
        chain_scratch_.resize(std::max<std::size_t>(chain_scratch_.size(), chain_first_[c + 1] - chain_first_[c]));
        sweep_chain(c, bound_s, false, node_seconds, timed);
    };
    for (const NodeId u : settled) {
        for (std::uint32_t k = chains_at_first_[u]; k < chains_at_first_[u + 1]; ++k) time_chain(chains_at_[k]);
    }
    for (const std::uint32_t c : seeded_chains) time_chain(c);
    for (const NodeId v : seeded_interiors_) interior_seed_[v] = kInfSeconds;
    seeded_interiors_.clear();
    seeded_chains.clear();
    const std::size_t parents = timed.size();
    for (std::size_t p = 0; p < parents; ++p) {
        const NodeId u = timed[p];
        const double t = node_seconds[u];
        for (std::uint32_t k = leaves_first_[u]; k < leaves_first_[u + 1]; ++k) {
            const NodeId leaf = leaves_[k];
            const double t_leaf = t + static_cast<double>(leaf_in_s_[leaf]);
            if (!(t_leaf <= bound_s)) continue;
            node_seconds[leaf] = t_leaf;
            timed.push_back(leaf);
        }
    }
    for (const NodeId leaf : seeded_leaves_) {
        const double seeded = leaf_seed_[leaf];
        leaf_seed_[leaf] = kInfSeconds;
        if (!(seeded <= bound_s) || !(seeded < node_seconds[leaf])) continue;
        if (std::isinf(node_seconds[leaf])) timed.push_back(leaf);
        node_seconds[leaf] = seeded;
    }
    seeded_leaves_.clear();
}

}  // namespace maillage::geo::routing
