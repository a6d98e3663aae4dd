#include "geo/routing/line_layer_loader.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <strings.h>

#include "geo/core/crs.h"
#include "geo/core/error.h"
#include "geo/core/gdal.h"

namespace maillage::geo::routing {

namespace {

enum class LineDirection { both, forward, backward, closed };

bool iequals(const char* a, const char* b) { return strcasecmp(a, b) == 0; }

std::optional<LineDirection> parse_direction(const char* v) {
    if (v == nullptr) return LineDirection::both;
    std::string s(v);
    s.erase(0, s.find_first_not_of(' '));
    s.erase(s.find_last_not_of(' ') + 1);
    const char* c = s.c_str();
    for (const char* x : {"Double sens", "both", "B", "0", "no", ""})
        if (iequals(c, x)) return LineDirection::both;
    for (const char* x : {"Sens direct", "forward", "FT", "1", "yes"})
        if (iequals(c, x)) return LineDirection::forward;
    for (const char* x : {"Sens inverse", "backward", "TF", "-1"})
        if (iequals(c, x)) return LineDirection::backward;
    for (const char* x : {"Sans objet", "none", "N", "closed"})
        if (iequals(c, x)) return LineDirection::closed;
    return std::nullopt;
}

int field_index(OGRFeatureDefn& defn, const std::string& name, const Location& where) {
    const int i = defn.GetFieldIndex(name.c_str());
    if (i < 0) {
        std::string known;
        for (int k = 0; k < defn.GetFieldCount(); ++k)
            known += (k ? ", " : "") + std::string(defn.GetFieldDefn(k)->GetNameRef());
        throw InputError(where, "the field '" + name + "' does not exist (fields: " + known + ")");
    }
    return i;
}

/// Quantised key of a coordinate, for merging end vertices within the tolerance.
struct VertexKey {
    std::int64_t x, y;
    std::uint32_t end;  ///< index into the endpoint list
};

}  // namespace

LineLayerEdges read_line_layer_edges(const std::filesystem::path& file, const LineLayerOptions& options,
                                     const ProfileTable& table) {
    GDALDatasetUniquePtr ds = open_vector(file);
    OGRLayer& layer = vector_layer(*ds, file, options.layer);
    const Location where{file.string(), layer.GetName(), {}};
    OGRFeatureDefn& defn = *layer.GetLayerDefn();
    if (options.speed_field.empty() && options.class_field.empty())
        throw InputError(where, "no speed field and no class field given: cannot compute travel times");
    const int speed_i = options.speed_field.empty() ? -1 : field_index(defn, options.speed_field, where);
    const int class_i = options.class_field.empty() ? -1 : field_index(defn, options.class_field, where);
    const int dir_i = options.direction_field.empty() ? -1 : field_index(defn, options.direction_field, where);
    const OGRSpatialReference* srs = layer.GetSpatialRef();
    if (srs == nullptr) throw InputError(where, "the layer has no coordinate reference system");
    char* wkt = nullptr;
    srs->exportToWkt(&wkt);
    const std::string source_crs = wkt ? wkt : "";
    CPLFree(wkt);
    const CrsTransform to_working(source_crs, options.working_crs);
    if (!options.attribute_filter.empty()) {
        GdalErrorCapture capture;
        if (layer.SetAttributeFilter(options.attribute_filter.c_str()) != OGRERR_NONE)
            throw InputError(where, "bad attribute filter '" + options.attribute_filter + "': " + capture.last_message());
    }
    const bool walk = table.profile == "walk";
    const bool car = table.profile == "car";

    LineLayerEdges out;
    EdgeList& el = out.edges;
    // Edges are first collected with their polylines; nodes are merged afterwards.
    struct Pending {
        float fwd, bwd, length;
        std::uint8_t cls;
        std::uint32_t first, end;  ///< range in `points` (the full polyline)
    };
    std::vector<Pending> pending;
    std::vector<XY> points;
    std::vector<double> xs, ys;
    layer.ResetReading();
    for (auto& feature : layer) {
        ++out.feature_count;
        const Location at{file.string(), layer.GetName(), feature->GetFID()};
        double kmh = 0;
        std::string cls = "road";
        if (speed_i >= 0 && feature->IsFieldSetAndNotNull(speed_i)) kmh = feature->GetFieldAsDouble(speed_i);
        if (class_i >= 0 && feature->IsFieldSetAndNotNull(class_i)) {
            cls = feature->GetFieldAsString(class_i);
            if (!(kmh > 0)) kmh = table.speed_kmh(cls).value_or(0.0);
        }
        if (!(kmh > 0)) {
            ++out.skipped_without_speed;
            continue;
        }
        LineDirection dir = LineDirection::both;
        if (dir_i >= 0 && !walk) {
            const auto parsed = parse_direction(feature->IsFieldSetAndNotNull(dir_i) ? feature->GetFieldAsString(dir_i) : nullptr);
            if (!parsed)
                throw InputError(at, "unknown direction value '" + std::string(feature->GetFieldAsString(dir_i)) + "' in field '" +
                                         options.direction_field + "'");
            dir = *parsed;
        }
        if (dir == LineDirection::closed) {
            if (car) continue;
            dir = LineDirection::both;
        }
        const OGRGeometry* g = feature->GetGeometryRef();
        if (g == nullptr) continue;
        std::vector<const OGRLineString*> parts;
        const auto type = wkbFlatten(g->getGeometryType());
        if (type == wkbLineString) {
            parts.push_back(g->toLineString());
        } else if (type == wkbMultiLineString) {
            for (const OGRLineString* p : *g->toMultiLineString()) parts.push_back(p);
        } else {
            throw InputError(at, std::string("expected a line geometry, found ") + g->getGeometryName());
        }
        const std::uint8_t class_id = el.class_index(cls);
        for (const OGRLineString* line : parts) {
            const int n = line->getNumPoints();
            if (n < 2) continue;
            xs.resize(n);
            ys.resize(n);
            for (int i = 0; i < n; ++i) {
                xs[i] = line->getX(i);
                ys[i] = line->getY(i);
            }
            to_working.forward(xs, ys);
            double length = 0;
            const auto first = static_cast<std::uint32_t>(points.size());
            for (int i = 0; i < n; ++i) {
                if (i) length += std::hypot(xs[i] - xs[i - 1], ys[i] - ys[i - 1]);
                points.push_back({xs[i], ys[i]});
            }
            const auto secs = static_cast<float>(length / (kmh / 3.6));
            pending.push_back({dir == LineDirection::backward ? kInfArcSeconds : secs,
                               dir == LineDirection::forward ? kInfArcSeconds : secs,
                               static_cast<float>(length), class_id, first, static_cast<std::uint32_t>(points.size())});
        }
    }
    // Merge end vertices on a grid of node_tolerance_m (sort, no map).
    const double q = std::max(options.node_tolerance_m, 1e-6);
    std::vector<VertexKey> keys;
    keys.reserve(2 * pending.size());
    for (std::size_t k = 0; k < pending.size(); ++k) {
        for (int side = 0; side < 2; ++side) {
            const XY p = points[side ? pending[k].end - 1 : pending[k].first];
            keys.push_back({std::llround(p.x / q), std::llround(p.y / q), static_cast<std::uint32_t>(2 * k + side)});
        }
    }
    std::sort(keys.begin(), keys.end(), [](const VertexKey& a, const VertexKey& b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
    std::vector<NodeId> end_node(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (i == 0 || keys[i].x != keys[i - 1].x || keys[i].y != keys[i - 1].y) {
            const Pending& pe = pending[keys[i].end / 2];
            el.add_node(points[keys[i].end % 2 ? pe.end - 1 : pe.first]);
        }
        end_node[keys[i].end] = static_cast<NodeId>(el.node_xy.size() - 1);
    }
    for (std::size_t k = 0; k < pending.size(); ++k) {
        const Pending& pe = pending[k];
        el.add_edge(end_node[2 * k], end_node[2 * k + 1], pe.fwd, pe.bwd, pe.length, pe.cls,
                    std::span<const XY>(points).subspan(pe.first, pe.end - pe.first));
    }
    NetworkMetadata& meta = out.metadata;
    meta.source = "line layer " + file.filename().string() + " (" + layer.GetName() + ")";
    meta.vintage = options.vintage;
    meta.profile = table.profile;
    meta.profile_version = table.version;
    meta.crs = options.working_crs;
    return out;
}

RoadNetwork load_line_layer_network(const std::filesystem::path& file, const LineLayerOptions& options,
                                    const ProfileTable& table) {
    LineLayerEdges in = read_line_layer_edges(file, options, table);
    return RoadNetwork::build(std::move(in.edges), std::move(in.metadata));
}

}  // namespace maillage::geo::routing
