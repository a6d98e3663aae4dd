// Time to the nearest source (facility) for many targets (population cells), in one bounded
// multi-source Dijkstra pass. This is the query behind zones blanches and isochrones.
//
// Model of a trip (all times in seconds, distances in metres):
//   point → (walking leg, off-road) → snapped position on an edge → (part of that edge at the
//   edge's speed) → graph nodes … → the other end's snapped position → (walking leg) → point.
//  - Snapping: each source and target is snapped to the nearest position on any edge of the
//    network (a virtual node on the edge, see snap.h), up to SnapOptions::max_snap_distance_m;
//    the same radius applies to sources and targets.
//  - Walking leg: snap distance × walking_detour_factor / walking_speed_m_per_s, counted at
//    both ends, for every profile (a car trip starts with reaching the road). Defaults:
//    4.5 km/h and detour factor 1.0 (the perpendicular to the nearest road is already the
//    shortest way to it; the detour factor is there for callers who want to penalise it).
//  - Partial edges: the time to go from the snapped position to an edge end is the edge's
//    travel time in that direction times the fraction of the edge's length covered; a source
//    and a target on the same edge are also connected directly along it (one-way rules kept).
//  - Direction::to_source: time from the target to its nearest source (the family travels to
//    the facility), on the reverse graph. Direction::from_source: from the source to the target.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "geo/core/crs.h"
#include "geo/routing/dijkstra.h"
#include "geo/routing/snap.h"
#include "geo/routing/types.h"

namespace maillage::geo::routing {

class RoadNetwork;

struct SnapOptions {
    double max_snap_distance_m = 2000.0;          ///< beyond: the point is not on the network
    double walking_speed_m_per_s = 4.5 / 3.6;     ///< off-road leg speed (4.5 km/h)
    double walking_detour_factor = 1.0;           ///< multiplies the straight off-road distance

    [[nodiscard]] double walking_seconds(double distance_m) const noexcept {
        return distance_m * walking_detour_factor / walking_speed_m_per_s;
    }
};

/// Whether a query fills NearestResult::node_seconds / node_source. With `none` the search
/// stops as soon as every target's edge ends are settled (zones blanches need only the cells'
/// times; isochrones and maps need every node's). `in_search` runs the whole bounded search
/// like `all` but leaves the node times in NearestSourceQuery::dijkstra() (its settled nodes
/// and their seconds) instead of copying them into per-node arrays.
enum class NodeTimes : std::uint8_t { all, none, in_search };

struct NearestResult {
    // Per target (same order as the `targets` argument):
    std::vector<double> seconds;           ///< +inf when unreachable, unsnapped or > max_seconds
    std::vector<std::int32_t> source;      ///< index into `sources` of the nearest one, -1 if none
    std::vector<double> snap_distance_m;   ///< off-road distance; +inf when nothing within the radius
    std::vector<EdgePosition> target_position;  ///< where each target snapped (edge kInvalidId if not)
    // Per source:
    std::vector<double> source_snap_distance_m;  ///< +inf when the source is off the network
    std::vector<EdgePosition> source_position;
    // Per node of the network, from the same search (for drawing and contouring); empty when
    // the query was run with NodeTimes::none or NodeTimes::in_search:
    std::vector<double> node_seconds;      ///< +inf beyond max_seconds
    std::vector<std::int32_t> node_source; ///< nearest source index, -1 beyond max_seconds

    /// Sources that could not be snapped (their count); a CLI should report them by name.
    [[nodiscard]] std::size_t unsnapped_source_count() const noexcept;
};

/// Points snapped once and reusable across queries (e.g. the population cells, queried for
/// every facility selection or candidate site).
struct SnappedPoints {
    std::vector<EdgePosition> position;  ///< edge == kInvalidId when nothing within the radius
    std::vector<double> walk_seconds;    ///< walking leg; +inf when not snapped

    [[nodiscard]] std::size_t size() const noexcept { return position.size(); }
};

[[nodiscard]] SnappedPoints snap_points(const RoadNetwork& network, std::span<const XY> points,
                                        const SnapOptions& options = {});

/// Throws geo::InputError when some points could not be snapped, naming up to 10 of them with
/// `names[i]` (e.g. "facility ctg-l2129 'Crèche Les Lutins'") and the network's source, e.g.
/// for a facility outside the network's extent. `what` is the noun used ("facility").
void require_all_snapped(const SnappedPoints& points, std::span<const std::string> names,
                         const RoadNetwork& network, const SnapOptions& options,
                         const std::string& what = "facility");

/// Reusable: owns the Dijkstra scratch memory for one network and direction.
class NearestSourceQuery {
public:
    NearestSourceQuery(const RoadNetwork& network, Direction direction);

    /// Runs the search; see the file comment for the model. Sources that cannot be snapped are
    /// ignored (reported in the result). Empty sources → every target at +inf.
    /// max_seconds bounds the search (use kInfSeconds for no bound).
    [[nodiscard]] NearestResult run(std::span<const XY> sources, std::span<const XY> targets,
                                    double max_seconds, const SnapOptions& options = {},
                                    NodeTimes node_times = NodeTimes::all);

    /// Same, with points snapped beforehand (snap_points). The snap distances in the result are
    /// the positions' distance_m.
    [[nodiscard]] NearestResult run(const SnappedPoints& sources, const SnappedPoints& targets,
                                    double max_seconds, NodeTimes node_times = NodeTimes::all);

    [[nodiscard]] const Dijkstra& dijkstra() const noexcept { return dijkstra_; }

private:
    const RoadNetwork* network_;
    Direction direction_;
    Dijkstra dijkstra_;
    std::vector<NodeId> target_nodes_;  ///< scratch for NodeTimes::none
};

/// One-shot convenience over NearestSourceQuery.
[[nodiscard]] NearestResult nearest_source_times(const RoadNetwork& network,
                                                 std::span<const XY> sources,
                                                 std::span<const XY> targets, Direction direction,
                                                 double max_seconds,
                                                 const SnapOptions& options = {},
                                                 NodeTimes node_times = NodeTimes::all);

/// Seconds from a snapped position to the graph: the initial labels a source at `pos` gives
/// to the edge's two end nodes (tail, head) for the given direction (+inf where the one-way
/// rule forbids it), not counting the walking leg. Exposed for isochrone code and tests.
struct EndSeconds {
    double tail;
    double head;
};
[[nodiscard]] EndSeconds position_to_ends(const RoadNetwork& network, const EdgePosition& pos,
                                          Direction direction);

}  // namespace maillage::geo::routing
