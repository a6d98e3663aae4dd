// One call from indicator values to everything a choropleth layer draws: the classes, one
// colour per place, and the legend. The Qt layer and legend models wrap this.
#pragma once

#include <optional>
#include <vector>

#include "layers/classification.h"
#include "layers/color_ramp.h"
#include "layers/legend.h"

namespace maillage::layers {

/// The user's choices for one choropleth.
struct ChoroplethStyle {
    Method method = Method::jenks;
    int classes = 5;                       ///< 3–7; ignored for Method::manual
    std::vector<double> manual_breaks;     ///< Method::manual only: 2 to 6 increasing breaks
    Closure manual_closure = Closure::lower;
    Scheme scheme = Scheme::YlOrRd;
    bool reversed = false;
};

struct Choropleth {
    Classification classification;
    std::vector<Rgb> class_colors;   ///< one per class, class 0 first
    /// One per input value, same order: its class colour, or kNoDataColor when missing.
    std::vector<Rgb> place_colors;
    /// One per input value: true when missing (draw kNoDataHatchColor hatching over the fill).
    std::vector<bool> place_hatched;
    LegendSpec legend;
};

/// Classifies `values` (one per place; std::nullopt, NaN and ±inf are missing) with `style`
/// and builds colours and legend. Throws ClassificationError for an invalid class count or
/// invalid manual breaks (see classification.h).
[[nodiscard]] Choropleth make_choropleth(std::span<const std::optional<double>> values, const ChoroplethStyle& style,
                                         const LegendText& text);

}  // namespace maillage::layers
