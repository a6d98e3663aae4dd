#include "geo/routing/osm_loader.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>

#include <osmium/io/any_input.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>

#include "geo/core/crs.h"
#include "geo/core/error.h"

namespace maillage::geo::routing {

namespace {

enum class WayDirection : std::uint8_t { both, forward, backward };

struct UsableWay {
    std::uint32_t first_ref;
    std::uint32_t end_ref;
    float kmh;
    WayDirection direction;
    std::uint8_t road_class;
};

struct WayRules {
    bool usable = false;
    double kmh = 0;
    WayDirection direction = WayDirection::both;
};

bool is_one_of(const char* v, const std::unordered_set<std::string>& set) {
    return v != nullptr && set.contains(v);
}

WayRules evaluate(const osmium::TagList& tags, const ProfileTable& t) {
    WayRules r;
    const char* highway = tags["highway"];
    if (highway == nullptr) return r;
    const auto class_speed = t.speed_kmh(highway);
    if (!class_speed) return r;
    for (const auto& [key, values] : t.exclude_if)
        if (is_one_of(tags[key.c_str()], values)) return r;
    for (const std::string& key : t.access_tags) {
        const char* v = tags[key.c_str()];
        if (v == nullptr) continue;
        if (t.access_deny.contains(v)) return r;
        break;  // the most specific access tag present decides
    }
    r.kmh = *class_speed;
    if (t.use_maxspeed) {
        if (const char* ms = tags["maxspeed"]) {
            if (const auto parsed = t.parse_maxspeed_kmh(ms))
                r.kmh = std::min(*parsed * t.maxspeed_factor, t.maxspeed_cap_kmh);
        }
    }
    if (t.respect_oneway) {
        const char* junction = tags["junction"];
        const bool implied = t.implied_oneway_highways.contains(highway) ||
                             is_one_of(junction, t.implied_oneway_junctions);
        const char* value = nullptr;
        for (const std::string& key : t.oneway_tags)
            if ((value = tags[key.c_str()]) != nullptr) break;
        if (value != nullptr) {
            if (!std::strcmp(value, "yes") || !std::strcmp(value, "true") || !std::strcmp(value, "1"))
                r.direction = WayDirection::forward;
            else if (!std::strcmp(value, "-1") || !std::strcmp(value, "reverse"))
                r.direction = WayDirection::backward;
            else if (!std::strcmp(value, "reversible") || !std::strcmp(value, "alternating"))
                return r;  // direction changes over the day: unusable for a static model
            else if (!std::strcmp(value, "no") || !std::strcmp(value, "false") || !std::strcmp(value, "0"))
                r.direction = WayDirection::both;
            else
                r.direction = implied ? WayDirection::forward : WayDirection::both;
        } else if (implied) {
            r.direction = WayDirection::forward;
        }
        if (r.direction != WayDirection::both)
            for (const auto& [key, values] : t.contraflow_tags)
                if (is_one_of(tags[key.c_str()], values)) r.direction = WayDirection::both;
    }
    r.usable = r.kmh > 0;
    return r;
}

double haversine_m(double lon1, double lat1, double lon2, double lat2) {
    constexpr double kEarthRadius = 6371008.8;  // mean radius, metres
    constexpr double kDeg = std::numbers::pi / 180.0;
    const double dlat = (lat2 - lat1) * kDeg, dlon = (lon2 - lon1) * kDeg;
    const double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(lat1 * kDeg) * std::cos(lat2 * kDeg) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2 * kEarthRadius * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace

OsmEdges read_osm_edges(const std::filesystem::path& file, const ProfileTable& table,
                        const std::string& working_crs) {
    const Location where{file.string(), {}, {}};
    if (!std::filesystem::is_regular_file(file)) throw InputError(where, "the OSM file does not exist");
    OsmEdges out;
    std::vector<UsableWay> ways;
    std::vector<osmium::object_id_type> refs;
    std::vector<std::string> class_names;
    auto class_of = [&](const char* name) {
        for (std::size_t i = 0; i < class_names.size(); ++i)
            if (class_names[i] == name) return static_cast<std::uint8_t>(i);
        class_names.emplace_back(name);
        return static_cast<std::uint8_t>(class_names.size() - 1);
    };
    osmium::Timestamp newest;
    std::string header_timestamp;
    std::vector<osmium::object_id_type> needed;
    std::vector<double> lon, lat;
    std::vector<bool> located;
    try {
        const osmium::io::File input(file.string());
        // Pass 1: usable ways.
        {
            osmium::io::Reader reader(input, osmium::osm_entity_bits::way);
            header_timestamp = reader.header().get("osmosis_replication_timestamp");
            while (osmium::memory::Buffer buffer = reader.read()) {
                for (const osmium::Way& way : buffer.select<osmium::Way>()) {
                    if (way.timestamp() > newest) newest = way.timestamp();
                    if (way.nodes().size() < 2) continue;
                    const WayRules rules = evaluate(way.tags(), table);
                    if (!rules.usable) continue;
                    UsableWay w{static_cast<std::uint32_t>(refs.size()), 0, static_cast<float>(rules.kmh),
                                rules.direction, class_of(way.tags()["highway"])};
                    for (const osmium::NodeRef& nr : way.nodes()) refs.push_back(nr.ref());
                    w.end_ref = static_cast<std::uint32_t>(refs.size());
                    ways.push_back(w);
                }
            }
            reader.close();
        }
        out.usable_way_count = ways.size();
        needed = refs;
        std::sort(needed.begin(), needed.end());
        needed.erase(std::unique(needed.begin(), needed.end()), needed.end());
        lon.assign(needed.size(), 0);
        lat.assign(needed.size(), 0);
        located.assign(needed.size(), false);
        // Pass 2: locations of the referenced nodes only.
        if (!needed.empty()) {
            osmium::io::Reader reader(input, osmium::osm_entity_bits::node);
            while (osmium::memory::Buffer buffer = reader.read()) {
                for (const osmium::Node& node : buffer.select<osmium::Node>()) {
                    if (node.timestamp() > newest) newest = node.timestamp();
                    const auto it = std::lower_bound(needed.begin(), needed.end(), node.id());
                    if (it == needed.end() || *it != node.id() || !node.location().valid()) continue;
                    const auto i = static_cast<std::size_t>(it - needed.begin());
                    lon[i] = node.location().lon();
                    lat[i] = node.location().lat();
                    located[i] = true;
                }
            }
            reader.close();
        }
    } catch (const geo::Error&) {
        throw;
    } catch (const std::exception& e) {
        throw InputError(where, std::string("cannot read OpenStreetMap data: ") + e.what());
    }

    // Graph nodes: way ends and nodes referenced more than once among usable ways.
    std::vector<std::uint8_t> uses(needed.size(), 0);
    auto index_of = [&](osmium::object_id_type id) {
        return static_cast<std::size_t>(std::lower_bound(needed.begin(), needed.end(), id) - needed.begin());
    };
    std::vector<std::uint32_t> ref_index(refs.size());
    for (std::size_t k = 0; k < refs.size(); ++k) ref_index[k] = static_cast<std::uint32_t>(index_of(refs[k]));
    for (const UsableWay& w : ways) {
        for (std::uint32_t k = w.first_ref; k < w.end_ref; ++k) {
            auto& u = uses[ref_index[k]];
            if (u < 2) ++u;
        }
        uses[ref_index[w.first_ref]] = 2;
        uses[ref_index[w.end_ref - 1]] = 2;
    }
    // Project every located node once (batch PROJ call).
    std::vector<double> xs(lon), ys(lat);
    CrsTransform to_working(crs::kWgs84, working_crs);
    to_working.forward(xs, ys);

    EdgeList& el = out.edges;
    el.class_names = class_names;
    std::vector<NodeId> graph_node(needed.size(), kInvalidId);
    auto graph_node_of = [&](std::size_t i) {
        if (graph_node[i] == kInvalidId) graph_node[i] = el.add_node({xs[i], ys[i]});
        return graph_node[i];
    };
    std::vector<XY> shape;
    for (const UsableWay& w : ways) {
        const double mps = static_cast<double>(w.kmh) / 3.6;
        std::size_t start = kInvalidId;  // needed-index of the current edge's first node
        double length = 0;
        shape.clear();
        for (std::uint32_t k = w.first_ref; k < w.end_ref; ++k) {
            const std::size_t i = ref_index[k];
            if (!located[i]) {  // dangling reference: cut the way here
                start = kInvalidId;
                shape.clear();
                length = 0;
                continue;
            }
            if (start != kInvalidId) {
                const std::size_t prev = ref_index[k - 1];
                length += haversine_m(lon[prev], lat[prev], lon[i], lat[i]);
            }
            shape.push_back({xs[i], ys[i]});
            const bool is_graph_node = uses[i] >= 2;
            if (start == kInvalidId) {
                start = i;
                if (!is_graph_node) uses[i] = 2;  // a way cut by a dangling ref starts a node here
                continue;
            }
            if (is_graph_node || k + 1 == w.end_ref || !located[ref_index[k + 1]]) {
                const auto secs = static_cast<float>(length / mps);
                const float fwd = w.direction == WayDirection::backward ? kInfArcSeconds : secs;
                const float bwd = w.direction == WayDirection::forward ? kInfArcSeconds : secs;
                const NodeId a = graph_node_of(start), b = graph_node_of(i);
                el.add_edge(a, b, fwd, bwd, static_cast<float>(length), w.road_class, shape);
                start = i;
                length = 0;
                shape.assign(1, XY{xs[i], ys[i]});
            }
        }
    }

    NetworkMetadata& meta = out.metadata;
    meta.source = "OpenStreetMap extract " + file.filename().string();
    const std::string ts = !header_timestamp.empty() ? header_timestamp
                           : newest.valid() && newest.seconds_since_epoch() > 0 ? newest.to_iso()
                                                                              : std::string();
    meta.vintage = ts.substr(0, std::min<std::size_t>(10, ts.size()));
    meta.licence = "© OpenStreetMap contributors, ODbL";
    meta.profile = table.profile;
    meta.profile_version = table.version;
    meta.crs = working_crs;
    return out;
}

RoadNetwork load_osm_network(const std::filesystem::path& file, const ProfileTable& table,
                             const std::string& working_crs) {
    OsmEdges osm = read_osm_edges(file, table, working_crs);
    return RoadNetwork::build(std::move(osm.edges), std::move(osm.metadata));
}

}  // namespace maillage::geo::routing
