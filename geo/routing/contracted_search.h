// Every node's travel time from snapped sources within a bound, searched on a contracted copy of
// the network (built once): what isochrones need, with ~40 % fewer settled nodes on OSM graphs.
//
// Contraction: leaves (nodes joined, both ways counted, to a single other node: dead ends,
// ~20 % of OSM nodes) are left out and timed after the search from their parent (the same
// double addition the full search makes); chains of nodes joined to exactly two others (leaves
// aside) become one arc per direction between their end nodes (the float sum of the links,
// when all are allowed), and their interior nodes are timed after the search by two sweeps
// along the chain (a Dijkstra on a path). Seeds on a leaf are passed to its parent, seeds on an
// interior node to its chain's ends, before the search. Rings made only of interior nodes keep
// one node as an end.
//
// Contract: the times are the full Dijkstra's (routing::Dijkstra on the network in the same
// direction, seeded as routing::NearestSourceQuery seeds its sources): leaves exactly, nodes
// reached through a chain within float rounding of the summed links (~1e-4 s at 1 000 s).
// Nodes farther than the bound get no time, as the full search does not settle them.
// Settle order and source labels are not provided. Not thread-safe: one per thread.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "geo/routing/dijkstra.h"
#include "geo/routing/nearest.h"

namespace maillage::geo::routing {

class ContractedSearch {
public:
    ContractedSearch(const RoadNetwork& network, Direction direction);
    // The search holds views of its own arrays: not copyable or movable.
    ContractedSearch(const ContractedSearch&) = delete;
    ContractedSearch& operator=(const ContractedSearch&) = delete;

    /// Searches from `sources` (unsnapped ones are skipped) up to bound_s seconds. Writes the
    /// time of every node reached within the bound into node_seconds (indexed by node id; every
    /// entry must be +inf on entry) and appends those nodes to `timed`.
    void run(const SnappedPoints& sources, double bound_s, std::span<double> node_seconds,
             std::vector<NodeId>& timed);

private:
    static constexpr std::uint32_t kNoChain = 0xFFFFFFFFu;
    /// Times the interior nodes of chain c (seeds_only: passes its seeds on to its ends instead).
    void sweep_chain(std::uint32_t c, double bound_s, bool seeds_only, std::span<double> node_seconds,
                     std::vector<NodeId>& timed);
    [[nodiscard]] std::uint32_t link_first(std::uint32_t c) const noexcept { return chain_first_[c] + c; }

    const RoadNetwork* network_;
    Direction direction_;
    // Leaves.
    std::vector<NodeId> leaf_parent_;          ///< per node: its parent if a leaf, else kInvalidId
    std::vector<float> leaf_in_s_;             ///< per leaf: parent -> leaf seconds (search direction)
    std::vector<float> leaf_out_s_;            ///< per leaf: leaf -> parent seconds
    std::vector<std::uint32_t> leaves_first_;  ///< per node: its leaves in leaves_ (CSR)
    std::vector<NodeId> leaves_;
    std::vector<double> leaf_seed_;            ///< per leaf: the current run's seed, +inf if none
    std::vector<NodeId> seeded_leaves_;
    // Chains. Chain c's interior nodes are chain_nodes_[chain_first_[c] .. chain_first_[c + 1])
    // in order from chain_ends_[c][0]; its links (end, interior..., end) are
    // chain_link_s_[link_first(c) ...], each {seconds towards the second end, seconds towards
    // the first}, +inf if not allowed.
    std::vector<std::uint32_t> chain_of_;  ///< per node: its chain if interior, else kNoChain
    std::vector<std::uint32_t> chain_first_;
    std::vector<NodeId> chain_nodes_;
    std::vector<std::array<NodeId, 2>> chain_ends_;
    std::vector<std::array<float, 2>> chain_link_s_;
    std::vector<std::uint32_t> chains_at_first_;  ///< per node: the chains it ends (CSR)
    std::vector<std::uint32_t> chains_at_;
    std::vector<std::uint32_t> chain_done_;       ///< per chain: stamp of the last run that timed it
    std::uint32_t chain_stamp_ = 0;
    std::vector<double> interior_seed_;           ///< per node: the current run's seed, +inf if none
    std::vector<NodeId> seeded_interiors_;
    std::vector<std::uint32_t> seeded_chains_;
    std::vector<double> chain_scratch_;
    // The contracted graph (search direction) and its search.
    std::vector<std::uint32_t> core_first_out_;
    std::vector<Arc> core_arcs_;
    Dijkstra search_{GraphView{}};
};

}  // namespace maillage::geo::routing
