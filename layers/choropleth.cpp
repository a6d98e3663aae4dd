#include "layers/choropleth.h"

namespace maillage::layers {

Choropleth make_choropleth(std::span<const std::optional<double>> values, const ChoroplethStyle& style,
                           const LegendText& text) {
    Choropleth out;
    out.classification = style.method == Method::manual
                             ? classify_manual(values, style.manual_breaks, style.manual_closure)
                             : classify(values, style.method, style.classes);
    out.class_colors = ramp_for_class_count(style.scheme, out.classification.class_count(), style.reversed);
    out.place_colors.reserve(values.size());
    out.place_hatched.reserve(values.size());
    for (const auto& k : out.classification.class_of) {
        out.place_colors.push_back(k ? out.class_colors[*k] : kNoDataColor);
        out.place_hatched.push_back(!k && kNoDataHatched);
    }
    out.legend = make_choropleth_legend(out.classification, out.class_colors, text);
    return out;
}

}  // namespace maillage::layers
