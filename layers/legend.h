// A Qt-free description of a choropleth legend: what the legend model shows, row by row.
//
// Rows: one per class, class 0 first (label, colour, number of places in the class), then,
// only when some places have no value, a separate "données non disponibles" row with its own
// swatch and count: missing values are never merged into class 1.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "layers/classification.h"
#include "layers/color.h"
#include "layers/color_ramp.h"

namespace maillage::layers {

/// The geographic level an indicator's values belong to (indicators.scope in the database).
enum class Scope { commune, bassin, capso, departement };

/// Parses "commune", "bassin", "capso", "departement"; std::nullopt otherwise.
[[nodiscard]] std::optional<Scope> scope_from_key(std::string_view key) noexcept;

/// The legend note for an indicator drawn at a coarser scale than the commune, e.g.
/// "donnée à l'échelle du bassin de vie"; empty for Scope::commune.
[[nodiscard]] std::string scope_note(Scope scope);

struct LegendEntry {
    std::string label;        ///< "20 000 – 21 400 €" or "données non disponibles"
    Rgb color;
    bool hatched = false;     ///< true for the no-data swatch (kNoDataHatched)
    std::size_t count = 0;    ///< places (communes, bassins…) in this row
};

struct LegendSpec {
    std::string title;        ///< "Revenu médian par unité de consommation"
    std::string unit;         ///< "€" (also written in each label)
    std::string scope_note;   ///< empty, or "donnée à l'échelle du bassin de vie"
    std::string method_note;  ///< "Seuils naturels (Jenks), 5 classes"
    /// Which bound of an interior class is included, as the closure says:
    /// "Chaque classe inclut sa borne supérieure." (Closure::upper) or
    /// "Chaque classe inclut sa borne inférieure." (Closure::lower).
    std::string bounds_note;
    std::vector<LegendEntry> entries;     ///< one per class, class 0 first
    std::optional<LegendEntry> no_data;   ///< present iff some value is missing
    std::string source_line;  ///< "Source : INSEE, Filosofi 2019"
};

/// What the indicator definition provides for its legend (indicator_definitions table).
struct LegendText {
    std::string title;
    std::string unit;
    int decimals = 0;
    Scope scope = Scope::commune;
    std::string source;   ///< "INSEE, Filosofi"
    std::string vintage;  ///< "2019"
};

/// Builds the legend of `c` coloured with `colors` (one per class, class 0 first; use
/// ramp(scheme, c.class_count())). Throws std::invalid_argument if the colour count differs
/// from the class count. The source line is "Source : {source}, {vintage}" (U+00A0 before the
/// colon), or "Source : {source}" when the vintage is empty, or empty when both are.
[[nodiscard]] LegendSpec make_choropleth_legend(const Classification& c, const std::vector<Rgb>& colors,
                                                const LegendText& text);

}  // namespace maillage::layers
