#include "geo/routing/network_store.h"

#include <chrono>
#include <cmath>
#include <ctime>
#include <map>

#include "geo/core/error.h"
#include "geo/core/gdal.h"

namespace maillage::geo::routing {

namespace {

std::string now_iso_utc() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

void execute(GDALDataset& ds, const std::string& sql, const std::filesystem::path& file) {
    GdalErrorCapture capture;
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (result != nullptr) ds.ReleaseResultSet(result);
    if (!capture.last_message().empty()) throw OutputError(file.string(), capture.last_message() + " (" + sql + ")");
}

void add_field(OGRLayer& layer, const char* name, OGRFieldType type, const std::filesystem::path& file) {
    OGRFieldDefn field(name, type);
    if (layer.CreateField(&field) != OGRERR_NONE) throw OutputError(file.string(), std::string("cannot create field ") + name);
}

}  // namespace

void store_network(const std::filesystem::path& database, const RoadNetwork& net) {
    const std::string profile = net.metadata().profile;
    if (profile != "car" && profile != "walk" && profile != "bike")
        throw Error("cannot store a network without a car/walk/bike profile (got '" + profile + "')");
    if (!std::filesystem::exists(database)) throw InputError({database.string(), {}, {}}, "the project database does not exist");
    AtomicFile atomic(database);
    std::error_code ec;
    std::filesystem::copy_file(database, atomic.temp_path(), std::filesystem::copy_options::overwrite_existing, ec);
    if (ec) throw OutputError(atomic.temp_path().string(), "cannot copy the database: " + ec.message());
    {
        GDALDatasetUniquePtr ds = open_vector(atomic.temp_path(), true);
        OGRLayer* edges = ds->GetLayerByName(kNetworkEdgesLayer);
        if (edges == nullptr) {
            OGRSpatialReference srs;
            srs.SetFromUserInput(net.metadata().crs.c_str());
            srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            GdalErrorCapture capture;
            edges = ds->CreateLayer(kNetworkEdgesLayer, &srs, wkbLineString, nullptr);
            if (edges == nullptr) throw OutputError(database.string(), "cannot create layer network_edges: " + capture.last_message());
            add_field(*edges, "profile", OFTString, database);
            add_field(*edges, "edge_id", OFTInteger64, database);
            add_field(*edges, "from_node", OFTInteger64, database);
            add_field(*edges, "to_node", OFTInteger64, database);
            add_field(*edges, "road_class", OFTString, database);
            add_field(*edges, "forward_s", OFTReal, database);
            add_field(*edges, "backward_s", OFTReal, database);
            add_field(*edges, "length_m", OFTReal, database);
        } else {
            execute(*ds, "DELETE FROM network_edges WHERE profile = '" + profile + "'", database);
        }
        OGRLayer* meta = ds->GetLayerByName(kNetworkMetaTable);
        if (meta == nullptr) {
            GdalErrorCapture capture;
            meta = ds->CreateLayer(kNetworkMetaTable, nullptr, wkbNone, nullptr);
            if (meta == nullptr) throw OutputError(database.string(), "cannot create table network_meta: " + capture.last_message());
            add_field(*meta, "profile", OFTString, database);
            add_field(*meta, "key", OFTString, database);
            add_field(*meta, "value", OFTString, database);
        } else {
            execute(*ds, "DELETE FROM network_meta WHERE profile = '" + profile + "'", database);
        }
        if (ds->StartTransaction() != OGRERR_NONE) throw OutputError(database.string(), "cannot start a transaction");
        OGRFeatureDefn* defn = edges->GetLayerDefn();
        for (EdgeId e = 0; e < net.edge_count(); ++e) {
            OGRFeature f(defn);
            f.SetField("profile", profile.c_str());
            f.SetField("edge_id", static_cast<GIntBig>(e));
            f.SetField("from_node", static_cast<GIntBig>(net.edge_tail()[e]));
            f.SetField("to_node", static_cast<GIntBig>(net.edge_head()[e]));
            f.SetField("road_class", net.class_names().at(net.edge_class()[e]).c_str());
            if (std::isfinite(net.edge_forward_seconds()[e])) f.SetField("forward_s", double(net.edge_forward_seconds()[e]));
            if (std::isfinite(net.edge_backward_seconds()[e])) f.SetField("backward_s", double(net.edge_backward_seconds()[e]));
            f.SetField("length_m", double(net.edge_length_m()[e]));
            auto line = std::make_unique<OGRLineString>();
            for (const XY& p : net.edge_shape(e)) line->addPoint(p.x, p.y);
            f.SetGeometryDirectly(line.release());
            if (edges->CreateFeature(&f) != OGRERR_NONE) throw OutputError(database.string(), "cannot write network edge " + std::to_string(e));
        }
        const NetworkMetadata& m = net.metadata();
        const std::map<std::string, std::string> rows{
            {"source", m.source},
            {"vintage", m.vintage},
            {"licence", m.licence},
            {"profile_version", m.profile_version},
            {"crs", m.crs},
            {"imported_at", now_iso_utc()},
            {"input_node_count", std::to_string(net.input_node_count())},
            {"input_edge_count", std::to_string(net.input_edge_count())},
            {"approximation", m.approximation ? "1" : "0"},
            {"approximation_note", m.approximation_note},
        };
        for (const auto& [key, value] : rows) {
            OGRFeature f(meta->GetLayerDefn());
            f.SetField("profile", profile.c_str());
            f.SetField("key", key.c_str());
            f.SetField("value", value.c_str());
            if (meta->CreateFeature(&f) != OGRERR_NONE) throw OutputError(database.string(), "cannot write network_meta");
        }
        if (ds->CommitTransaction() != OGRERR_NONE) throw OutputError(database.string(), "cannot commit the network");
        GdalErrorCapture capture;
        ds.reset();  // closes and flushes the GeoPackage
        if (!capture.last_message().empty()) throw OutputError(database.string(), "cannot close: " + capture.last_message());
    }
    atomic.commit();
}

std::optional<RoadNetwork> load_stored_network(const std::filesystem::path& database, Profile profile) {
    GDALDatasetUniquePtr ds = open_vector(database);
    OGRLayer* edges = ds->GetLayerByName(kNetworkEdgesLayer);
    OGRLayer* meta_table = ds->GetLayerByName(kNetworkMetaTable);
    if (edges == nullptr || meta_table == nullptr) return std::nullopt;
    const std::string name(to_string(profile));
    const std::string filter = "profile = '" + name + "'";
    NetworkMetadata meta;
    meta.profile = name;
    std::uint64_t meta_rows = 0;
    meta_table->SetAttributeFilter(filter.c_str());
    try {
    for (auto& f : *meta_table) {
        ++meta_rows;
        const std::string key = f->GetFieldAsString("key"), value = f->GetFieldAsString("value");
        if (key == "source") meta.source = value;
        else if (key == "vintage") meta.vintage = value;
        else if (key == "licence") meta.licence = value;
        else if (key == "profile_version") meta.profile_version = value;
        else if (key == "crs") meta.crs = value;
        else if (key == "approximation") meta.approximation = value == "1";
        else if (key == "approximation_note") meta.approximation_note = value;
        else if (key == "input_node_count") meta.source_node_count = static_cast<std::uint32_t>(std::stoul(value));
        else if (key == "input_edge_count") meta.source_edge_count = static_cast<std::uint32_t>(std::stoul(value));
    }
    } catch (const std::logic_error& e) {  // std::stoul on a damaged value
        throw InputError({database.string(), kNetworkMetaTable, {}}, std::string("bad count in network_meta: ") + e.what());
    }
    if (meta_rows == 0) return std::nullopt;
    EdgeList el;
    edges->SetAttributeFilter(filter.c_str());
    const Location where{database.string(), kNetworkEdgesLayer, {}};
    std::vector<XY> shape;
    std::vector<bool> have_node;
    for (auto& f : *edges) {
        const Location at{database.string(), kNetworkEdgesLayer, f->GetFID()};
        const auto u = f->GetFieldAsInteger64("from_node"), v = f->GetFieldAsInteger64("to_node");
        const OGRGeometry* g = f->GetGeometryRef();
        if (u < 0 || v < 0 || g == nullptr || wkbFlatten(g->getGeometryType()) != wkbLineString)
            throw InputError(at, "a stored network edge has no node ids or no line geometry");
        const OGRLineString* line = g->toLineString();
        shape.clear();
        for (int i = 0; i < line->getNumPoints(); ++i) shape.push_back({line->getX(i), line->getY(i)});
        if (shape.size() < 2) throw InputError(at, "a stored network edge has fewer than 2 points");
        const auto hi = static_cast<std::size_t>(std::max(u, v)) + 1;
        if (el.node_xy.size() < hi) {
            el.node_xy.resize(hi);
            have_node.resize(hi, false);
        }
        el.node_xy[static_cast<std::size_t>(u)] = shape.front();
        el.node_xy[static_cast<std::size_t>(v)] = shape.back();
        have_node[static_cast<std::size_t>(u)] = have_node[static_cast<std::size_t>(v)] = true;
        const int fi = f->GetFieldIndex("forward_s"), bi = f->GetFieldIndex("backward_s");
        const float fwd = f->IsFieldSetAndNotNull(fi) ? static_cast<float>(f->GetFieldAsDouble(fi)) : kInfArcSeconds;
        const float bwd = f->IsFieldSetAndNotNull(bi) ? static_cast<float>(f->GetFieldAsDouble(bi)) : kInfArcSeconds;
        el.add_edge(static_cast<NodeId>(u), static_cast<NodeId>(v), fwd, bwd,
                    static_cast<float>(f->GetFieldAsDouble("length_m")), el.class_index(f->GetFieldAsString("road_class")), shape);
    }
    if (el.edge_count() == 0) throw InputError(where, "network_meta lists a '" + name + "' network but it has no edge");
    meta.source += " (stored in " + database.filename().string() + ")";
    return RoadNetwork::build(std::move(el), std::move(meta));
}

}  // namespace maillage::geo::routing
