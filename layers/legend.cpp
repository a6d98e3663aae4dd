#include "layers/legend.h"

#include <stdexcept>

#include "layers/format.h"

namespace maillage::layers {

std::optional<Scope> scope_from_key(std::string_view key) noexcept {
    if (key == "commune") return Scope::commune;
    if (key == "bassin") return Scope::bassin;
    if (key == "capso") return Scope::capso;
    if (key == "departement") return Scope::departement;
    return std::nullopt;
}

std::string scope_note(Scope scope) {
    switch (scope) {
    case Scope::commune: return {};
    case Scope::bassin: return "donnée à l'échelle du bassin de vie";
    case Scope::capso: return "donnée à l'échelle de la CAPSO";
    case Scope::departement: return "donnée à l'échelle du département";
    }
    return {};
}

LegendSpec make_choropleth_legend(const Classification& c, const std::vector<Rgb>& colors, const LegendText& text) {
    if (colors.size() != c.class_count()) {
        throw std::invalid_argument("legend: " + std::to_string(colors.size()) + " colours for " +
                                    std::to_string(c.class_count()) + " classes");
    }
    LegendSpec legend;
    legend.title = text.title;
    legend.unit = text.unit;
    legend.scope_note = scope_note(text.scope);
    legend.method_note = std::string(method_label_fr(c.method)) + ", " + std::to_string(c.class_count()) +
                         (c.class_count() > 1 ? " classes" : " classe");
    legend.bounds_note = c.closure == Closure::upper ? "Chaque classe inclut sa borne supérieure."
                                                     : "Chaque classe inclut sa borne inférieure.";
    const BoundFormat bounds{text.unit, text.decimals};
    for (std::size_t i = 0; i < c.class_count(); ++i) {
        legend.entries.push_back(LegendEntry{class_label(c, i, bounds), colors[i], false, c.classes[i].count});
    }
    if (c.missing_count > 0) {
        legend.no_data = LegendEntry{std::string(kNotAvailable), kNoDataColor, kNoDataHatched, c.missing_count};
    }
    if (!text.source.empty()) {
        legend.source_line = "Source\u00A0: " + text.source;
        if (!text.vintage.empty()) legend.source_line += ", " + text.vintage;
    }
    return legend;
}

}  // namespace maillage::layers
