// Repeated isochrones on one network: pixel snapping cached per network.
//
// Timing a pixel centre means snapping it to the nearest edge and adding node times; the snap
// does not depend on the origins, so the engine keeps it per pixel of a fixed grid aligned on
// multiples of pixel_m covering the network's box grown by the snap radius. Pixels are snapped
// the first time a query's window touches them, a whole block at a time (raster_snap.h: the
// same answer as routing::SnapIndex::snap per centre, without one index search per pixel);
// later queries only read the cache. The travel-time model is exactly routing/nearest.h's (the
// same formulas for the partial edge, sources on the same edge and the walking legs), so a
// pixel's time equals nearest_source_times at its centre; tests check it.
//
// The cache keeps, per pixel, its edge and the two query-independent terms of its time (the
// partial edge towards each end plus the walking leg, in the engine's direction), so filling a
// raster costs two node-time reads, two additions and a min per pixel; the fraction along the
// edge and the walking leg are kept apart for the rare pixels on an edge that holds a source.
// The window of a query and the tiles it evaluates come from per-tile lower bounds (see
// TileNode below and docs/isochrones-coverage.md).
// Memory: 22 bytes per pixel of the domain (network box + snap radius; 20 for the cache, 2
// for the tile lists), allocated up front — 13 MB for the CAPSO lattice at 100 m, 22 MB for a
// 100 km x 100 km network — plus the snapper's copy of the segments (56 bytes each: 2.8 MB for
// Andorra's 50 579) and its per-thread buffers (~100 bytes per segment in reach of a block,
// 4 bytes per bin), 9 bytes per edge, 32 bytes per node (edge boxes and speeds, query
// scratch), and the searches: ContractedSearch ~60 bytes per node plus its arcs, and a
// NearestSourceQuery (for extra targets) ~16 bytes per node.
// Not thread-safe (owns its query scratch and cache): one engine per thread.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "geo/isochrone/isochrone.h"
#include "geo/isochrone/raster_snap.h"
#include "geo/routing/contracted_search.h"
#include "geo/routing/nearest.h"

namespace maillage::geo {

class IsochroneEngine {
public:
    /// Throws std::invalid_argument if pixel_m <= 0 or the grid would exceed 50 million pixels.
    IsochroneEngine(const routing::RoadNetwork& network, double pixel_m, routing::Direction direction,
                    routing::SnapOptions snap = {});
    // Holds a ContractedSearch: not copyable or movable.
    IsochroneEngine(const IsochroneEngine&) = delete;
    IsochroneEngine& operator=(const IsochroneEngine&) = delete;

    /// Isochrones for `origins` (Lambert-93); see isochrone.h for the pipeline and contracts.
    /// `extra_targets` are timed by the same search (through routing::NearestSourceQuery).
    [[nodiscard]] IsochroneResult compute(std::span<const XY> origins, std::span<const double> thresholds_s,
                                          const ContourOptions& contour = {},
                                          std::span<const XY> extra_targets = {});

    [[nodiscard]] const RasterGrid& domain() const noexcept { return domain_; }
    /// Pixels snapped so far (the cache fill).
    [[nodiscard]] std::size_t snapped_pixels() const noexcept { return snapped_; }

private:
    static constexpr std::uint32_t kNotSnapped = 0xFFFFFFFEu;
    static constexpr int kTile = 8;  ///< pixels per side of a cache tile (snapped all at once)

    /// Makes sure every domain pixel of `window` is in the cache.
    void ensure_snapped(const RasterGrid& window);
    /// The node list of a freshly snapped tile (see TileNode).
    void index_tile(int ti, int tj);
    /// The query's lower bound of the times in every tile of the domain-tile rectangle
    /// [ti0, ti1) x [tj0, tj1) into tile_lb_ (exact where computed; values beyond the search
    /// bound `bound_s` only mean "beyond").
    void bound_tiles(int ti0, int tj0, int ti1, int tj1, double bound_s,
                     std::span<const routing::EdgePosition> sources);
    /// The raster over `window` (a sub-window of the tiles last bounded): pixel times, +inf beyond
    /// bound_s; tiles whose lower bound exceeds bound_s are not evaluated.
    TimeRaster fill(double bound_s, const RasterGrid& window);
    /// Bounds the tiles of `candidates` and returns the part of it that can hold a time <=
    /// t_max, plus one pixel around (or `candidates` itself when no tile can).
    RasterGrid tight_window(const RasterGrid& candidates, double t_max,
                            std::span<const routing::EdgePosition> sources);

    const routing::RoadNetwork* network_;
    double pixel_m_;
    routing::Direction direction_;
    routing::SnapOptions snap_;
    RasterGrid domain_;
    RasterSnapper snapper_;
    /// The hot part of a pixel's cache entry. The pixel's time is
    /// min(t(tail) + via_tail_s, t(head) + via_head_s), plus the sources on its own edge.
    struct PixelSnap {
        /// Nearest edge; kNotSnapped until computed; no_edge() when none lies within the snap
        /// radius (a sentinel edge whose ends are a sentinel node at +inf).
        std::uint32_t edge;
        float via_tail_s;  ///< partial edge between the tail and the pixel's position + walking leg
        float via_head_s;  ///< the same through the head
    };
    [[nodiscard]] std::uint32_t no_edge() const noexcept { return static_cast<std::uint32_t>(edge_ends_.size() - 1); }
    /// The cache entry of a pixel snapped at `fraction` of `edge` (kInvalidId: none), `distance_m` off road.
    [[nodiscard]] PixelSnap pixel_snap(routing::EdgeId edge, double fraction, double distance_m) const;

    // The cache over the domain, row-major: the hot entries, and (read only for pixels on an
    // edge that holds a source) the fraction along the edge and the walking leg in seconds.
    std::vector<PixelSnap> cache_;
    std::vector<float> cache_fraction_;
    std::vector<float> cache_walk_s_;
    int tiles_x_ = 0, tiles_y_ = 0;
    std::vector<std::uint8_t> tile_done_;
    /// Per snapped tile, the distinct end nodes of its pixels' edges with the smallest via term
    /// of the tile through each: the tile's times are >= min over the list of t(node) + via_s,
    /// apart from pixels on an edge holding a source. bound_tiles evaluates the pixels of the
    /// tiles near a source's edge and of the tiles using more than kTileNodes nodes (dense
    /// streets; marked kTileUnbounded) instead.
    struct TileNode {
        routing::NodeId node;
        float via_s;
    };
    static constexpr int kTileNodes = 16;
    static constexpr std::uint8_t kTileUnbounded = 0xFF;
    std::vector<TileNode> tile_nodes_;           ///< kTileNodes per tile
    std::vector<std::uint8_t> tile_node_count_;  ///< entries used, or kTileUnbounded
    // The last bound_tiles call: its rectangle and a lower bound per tile (seconds), row-major.
    int lb_ti0_ = 0, lb_tj0_ = 0, lb_nx_ = 0, lb_ny_ = 0;
    std::vector<double> tile_lb_;
    /// Per node: the box of every edge shape incident to it, as offsets from the node in metres
    /// (rounded outwards), and the largest planar speed (polyline length / quickest allowed
    /// time, rounded up) of those edges. A position reached through a node within a time
    /// budget lies in its box, within budget x speed of the node.
    struct NodeReach {
        float min_dx, min_dy, max_dx, max_dy;
        float speed_m_per_s;
    };
    std::vector<NodeReach> node_reach_;
    void build_node_reach();
    RasterSnaps block_snaps_;  ///< scratch of ensure_snapped
    std::size_t snapped_ = 0;
    routing::NearestSourceQuery query_;  ///< used when a query has extra targets
    /// Snaps `origins`, runs contracted_ up to bound_s into node_seconds_ / timed_nodes_, and
    /// fills the source fields of `out`.
    void search_core(std::span<const XY> origins, double bound_s, routing::NearestResult& out);
    routing::ContractedSearch contracted_;  ///< the search of queries without extra targets
    /// Per edge (plus the sentinel no_edge()): its tail and head, interleaved.
    std::vector<std::array<routing::NodeId, 2>> edge_ends_;
    /// Per node (plus the sentinel, always +inf): the current query's node times, seconds.
    std::vector<double> node_seconds_;
    std::vector<routing::NodeId> timed_nodes_;  ///< nodes with a finite node_seconds_ entry
    /// Per edge (plus the sentinel): 1 while the current query has a source on it.
    std::vector<std::uint8_t> edge_has_source_;
    /// The current query's sources snapped on an edge, sorted by edge: positions of that edge
    /// are reached along it directly (routing/nearest.h).
    struct SourceOnEdge {
        routing::EdgeId edge;
        double fraction;
        double walk_seconds;
    };
    std::vector<SourceOnEdge> sources_on_edge_;

    /// Sets sources_on_edge_ and edge_has_source_ for a query (clearing the previous one's).
    void set_sources(const routing::NearestResult& search);
    /// The time of a pixel at fraction g (walking leg `walk_s`) of edge e through the sources on e.
    [[nodiscard]] double via_sources_on_edge(routing::EdgeId e, double g, double walk_s) const;
    /// The current query's time of the domain pixel at `index` (no bound applied), seconds.
    [[nodiscard]] double pixel_seconds(std::size_t index) const {
        const PixelSnap& p = cache_[index];
        const auto [tail, head] = edge_ends_[p.edge];
        const double best = std::min(node_seconds_[tail] + static_cast<double>(p.via_tail_s),
                                     node_seconds_[head] + static_cast<double>(p.via_head_s));
        if (edge_has_source_[p.edge] == 0) [[likely]] return best;
        return std::min(best, via_sources_on_edge(p.edge, cache_fraction_[index], cache_walk_s_[index]));
    }
    /// The smallest pixel time of a domain tile, by evaluating its pixels.
    [[nodiscard]] double tile_minimum(int ti, int tj) const;
};

}  // namespace maillage::geo
