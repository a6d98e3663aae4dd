#include "geo/routing/lattice.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "geo/core/crs.h"
#include "geo/core/error.h"

namespace maillage::geo::routing {

LatticeParameters LatticeParameters::load_default(Profile profile) {
    return load(std::filesystem::path(MAILLAGE_DATA_DIR) / "profiles" / "lattice.json", profile);
}

LatticeParameters LatticeParameters::load(const std::filesystem::path& json, Profile profile) {
    const Location where{json.string(), {}, {}};
    std::ifstream in(json);
    if (!in) throw InputError(where, "cannot open the lattice model table");
    LatticeParameters p;
    p.file = json;
    p.profile = std::string(to_string(profile));
    try {
        const nlohmann::json j = nlohmann::json::parse(in);
        p.version = j.at("version").get<std::string>();
        p.description = j.value("description", "");
        p.cell_size_m = j.at("cell_size_m").get<double>();
        p.connectivity = j.at("connectivity").get<int>();
        p.margin_m = j.at("margin_m").get<double>();
        const auto& prof = j.at("profiles").at(p.profile);
        p.detour_factor = prof.at("detour_factor").get<double>();
        for (const auto& c : j.at("density_classes")) {
            DensityClass dc;
            dc.name = c.at("name").get<std::string>();
            dc.min_inhabitants_3x3 = c.at("min_inhabitants_3x3").get<double>();
            dc.speed_kmh = prof.at("speeds_kmh").at(dc.name).get<double>();
            if (!(dc.speed_kmh > 0)) throw InputError(where, "speed of '" + dc.name + "' must be > 0 km/h");
            p.classes.push_back(dc);
        }
    } catch (const nlohmann::json::exception& e) {
        throw InputError(where, std::string("missing or malformed key: ") + e.what());
    }
    if (p.connectivity != 8 && p.connectivity != 16) throw InputError(where, "connectivity must be 8 or 16");
    if (!(p.cell_size_m > 0) || !(p.detour_factor >= 1.0)) throw InputError(where, "cell_size_m must be > 0 and detour_factor ≥ 1");
    if (p.classes.empty()) throw InputError(where, "density_classes is empty");
    std::sort(p.classes.begin(), p.classes.end(),
              [](const DensityClass& a, const DensityClass& b) { return a.min_inhabitants_3x3 > b.min_inhabitants_3x3; });
    return p;
}

std::string lattice_approximation_note(const LatticeParameters& p) {
    std::ostringstream s;
    s << "APPROXIMATION: travel times come from a lattice model (" << p.cell_size_m << " m INSEE grid, "
      << p.connectivity << " neighbours, speeds by settlement density";
    for (std::size_t i = 0; i < p.classes.size(); ++i)
        s << (i ? ", " : ": ") << p.classes[i].name << " " << p.classes[i].speed_kmh << " km/h";
    s << ", detour factor " << p.detour_factor << ", table " << p.version
      << "), not from a road network; rivers, motorways and one-way streets are ignored. "
         "Import a real network with `maillage network import`.";
    return s.str();
}

RoadNetwork build_lattice_network(const std::vector<LatticeCell>& cells, const LatticeParameters& params,
                                  const PopulationSource& population_source, Box3035 extent,
                                  const std::string& working_crs) {
    const double size = params.cell_size_m;
    if (extent.empty()) {
        if (cells.empty())
            throw InputError({population_source.name, {}, {}}, "no population cell and no extent: cannot place the lattice");
        extent = {kInfSeconds, kInfSeconds, -kInfSeconds, -kInfSeconds};
        for (const LatticeCell& c : cells) {
            extent.min_x = std::min(extent.min_x, double(c.x_3035));
            extent.min_y = std::min(extent.min_y, double(c.y_3035));
            extent.max_x = std::max(extent.max_x, double(c.x_3035));
            extent.max_y = std::max(extent.max_y, double(c.y_3035));
        }
    }
    // Align on the grid (multiples of the cell size) and grow by the margin.
    const auto x0 = static_cast<std::int64_t>(std::floor((extent.min_x - params.margin_m) / size));
    const auto y0 = static_cast<std::int64_t>(std::floor((extent.min_y - params.margin_m) / size));
    const auto x1 = static_cast<std::int64_t>(std::floor((extent.max_x + params.margin_m) / size));
    const auto y1 = static_cast<std::int64_t>(std::floor((extent.max_y + params.margin_m) / size));
    const std::int64_t cols = x1 - x0 + 1, rows = y1 - y0 + 1;
    if (cols * rows > 20'000'000)
        throw InputError({population_source.name, {}, {}}, "the lattice would have more than 20 million cells");
    auto id = [cols](std::int64_t c, std::int64_t r) { return static_cast<NodeId>(r * cols + c); };

    std::vector<double> inhabitants(static_cast<std::size_t>(cols * rows), 0.0);
    for (const LatticeCell& c : cells) {
        const auto cc = static_cast<std::int64_t>(std::floor(double(c.x_3035) / size)) - x0;
        const auto rr = static_cast<std::int64_t>(std::floor(double(c.y_3035) / size)) - y0;
        if (cc >= 0 && rr >= 0 && cc < cols && rr < rows) inhabitants[id(cc, rr)] += c.inhabitants;
    }
    EdgeList el;
    for (const auto& dc : params.classes) el.class_index(dc.name);
    // Density class and speed (m/s) per cell from its 3×3 block.
    std::vector<std::uint8_t> cls(inhabitants.size());
    std::vector<double> mps(inhabitants.size());
    for (std::int64_t r = 0; r < rows; ++r)
        for (std::int64_t c = 0; c < cols; ++c) {
            double block = 0;
            for (std::int64_t dr = -1; dr <= 1; ++dr)
                for (std::int64_t dcol = -1; dcol <= 1; ++dcol) {
                    const std::int64_t rr = r + dr, cc = c + dcol;
                    if (rr >= 0 && cc >= 0 && rr < rows && cc < cols) block += inhabitants[id(cc, rr)];
                }
            std::size_t k = 0;
            while (k + 1 < params.classes.size() && block < params.classes[k].min_inhabitants_3x3) ++k;
            cls[id(c, r)] = static_cast<std::uint8_t>(k);
            mps[id(c, r)] = params.classes[k].speed_kmh / 3.6;
        }
    // Node coordinates: cell centres, 3035 → working CRS in one batch.
    std::vector<double> xs(inhabitants.size()), ys(inhabitants.size());
    for (std::int64_t r = 0; r < rows; ++r)
        for (std::int64_t c = 0; c < cols; ++c) {
            xs[id(c, r)] = double(x0 + c) * size + size / 2;
            ys[id(c, r)] = double(y0 + r) * size + size / 2;
        }
    CrsTransform(crs::kLaea, working_crs).forward(xs, ys);
    el.node_xy.resize(xs.size());
    for (std::size_t i = 0; i < xs.size(); ++i) el.node_xy[i] = {xs[i], ys[i]};
    // Half of the neighbourhood (each undirected edge once, both directions allowed).
    static constexpr int kSteps[8][2] = {{1, 0}, {0, 1}, {1, 1}, {-1, 1}, {2, 1}, {1, 2}, {-1, 2}, {-2, 1}};
    const int steps = params.connectivity == 16 ? 8 : 4;
    const std::size_t edge_estimate = inhabitants.size() * static_cast<std::size_t>(steps);
    el.reserve_edges(edge_estimate);
    for (std::int64_t r = 0; r < rows; ++r)
        for (std::int64_t c = 0; c < cols; ++c)
            for (int s = 0; s < steps; ++s) {
                const std::int64_t cc = c + kSteps[s][0], rr = r + kSteps[s][1];
                if (cc < 0 || rr < 0 || cc >= cols || rr >= rows) continue;
                const NodeId a = id(c, r), b = id(cc, rr);
                const double d = size * std::hypot(double(kSteps[s][0]), double(kSteps[s][1])) * params.detour_factor;
                const auto secs = static_cast<float>(d / 2 / mps[a] + d / 2 / mps[b]);
                el.add_edge(a, b, secs, secs, static_cast<float>(d), std::min(cls[a], cls[b]));
            }
    NetworkMetadata meta;
    meta.source = "lattice model over " + population_source.name;
    meta.vintage = population_source.vintage;
    meta.licence = population_source.licence;
    meta.profile = params.profile;
    meta.profile_version = params.version;
    meta.crs = working_crs;
    meta.approximation = true;
    meta.approximation_note = lattice_approximation_note(params);
    return RoadNetwork::build(std::move(el), std::move(meta));
}

}  // namespace maillage::geo::routing

namespace maillage::geo::routing {

RoadNetwork build_lattice_network(const std::vector<LatticeCell>& cells, const LatticeParameters& params,
                                  const std::string& population_source_name, Box3035 extent,
                                  const std::string& working_crs) {
    return build_lattice_network(cells, params, PopulationSource{population_source_name, {}, {}}, extent, working_crs);
}

}  // namespace maillage::geo::routing
