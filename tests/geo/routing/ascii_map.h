// Test helper: road networks drawn as ASCII maps (OSRM's cucumber style).
//
// Every letter of the drawing is a node; one character is `spacing_m` metres (100 m by
// default), rows grow southwards. Ways list their nodes in order; each consecutive pair becomes
// one straight edge at the way's speed.
#pragma once

#include <cmath>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "geo/routing/road_network.h"

namespace maillage::geo::routing::test {

struct Way {
    std::string nodes;   ///< e.g. "abc"
    double kmh = 36.0;   ///< 36 km/h = 10 m/s: 100 m take 10 s
    enum Dir { both, forward_only, backward_only } dir = both;
};

struct AsciiMap {
    std::map<char, NodeId> id;   ///< letter → node id in the EdgeList (not the network!)
    std::map<char, XY> xy;
    EdgeList edges;

    [[nodiscard]] XY at(char c) const { return xy.at(c); }
};

inline AsciiMap draw(const std::string& picture, const std::vector<Way>& ways, double spacing_m = 100.0) {
    AsciiMap m;
    std::istringstream in(picture);
    std::string line;
    int row = 0;
    while (std::getline(in, line)) {
        for (std::size_t col = 0; col < line.size(); ++col) {
            const char c = line[col];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                const XY p{double(col) * spacing_m, -double(row) * spacing_m};
                m.xy[c] = p;
                m.id[c] = m.edges.add_node(p);
            }
        }
        ++row;
    }
    const std::uint8_t cls = m.edges.class_index("road");
    for (const Way& w : ways) {
        for (std::size_t i = 0; i + 1 < w.nodes.size(); ++i) {
            const char a = w.nodes[i], b = w.nodes[i + 1];
            const XY pa = m.xy.at(a), pb = m.xy.at(b);
            const double len = std::hypot(pb.x - pa.x, pb.y - pa.y);
            const auto secs = static_cast<float>(len / (w.kmh / 3.6));
            const float fwd = w.dir == Way::backward_only ? kInfArcSeconds : secs;
            const float bwd = w.dir == Way::forward_only ? kInfArcSeconds : secs;
            m.edges.add_edge(m.id.at(a), m.id.at(b), fwd, bwd, static_cast<float>(len), cls);
        }
    }
    return m;
}

/// The network node at the letter's position (nodes are renumbered by RoadNetwork::build).
inline NodeId node_at(const RoadNetwork& net, XY p) {
    for (NodeId v = 0; v < net.node_count(); ++v)
        if (net.node_xy()[v] == p) return v;
    throw std::runtime_error("no network node at that position (dropped by the SCC filter?)");
}

}  // namespace maillage::geo::routing::test

namespace maillage::geo::routing::test {
/// The network node within 1 m of p.
inline NodeId node_at_near(const RoadNetwork& net, XY p) {
    for (NodeId v = 0; v < net.node_count(); ++v)
        if (std::hypot(net.node_xy()[v].x - p.x, net.node_xy()[v].y - p.y) < 1.0) return v;
    throw std::runtime_error("no network node near that position");
}
}  // namespace maillage::geo::routing::test
