// Colour ramps for choropleths: ColorBrewer schemes that ColorBrewer flags as colour-blind
// safe for every class count (Brewer, Harrower et al., colorbrewer2.org; "blind: 1" in
// colorbrewer_schemes.js), with their exact published values for 3 to 7 classes.
// Schemes flagged "maybe" or "no" (RdGy, RdYlGn, Spectral, qualitative sets) are left out.
//
// Sequential ramps run from light (low values, class 0) to dark (high values). Diverging
// ramps run from the first hue to the second (RdYlBu: red for low values, blue for high);
// reverse them when high values are the "bad" end.
//
// This product includes color specifications and designs developed by Cynthia Brewer
// (http://colorbrewer.org/), under the Apache License 2.0.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "layers/color.h"

namespace maillage::layers {

enum class SchemeKind { sequential, diverging };

enum class Scheme {
    // sequential
    YlOrRd, YlOrBr, OrRd, YlGnBu, PuBu, BuPu, Blues, Greens, Purples, Oranges, Reds,
    // diverging
    RdYlBu, RdBu, PuOr, BrBG, PiYG, PRGn,
};

struct SchemeInfo {
    Scheme scheme;
    std::string_view name;  ///< ColorBrewer's name, e.g. "YlOrRd" (also the stable key)
    SchemeKind kind;
};

/// Every scheme, sequential first, in the order of the enum.
[[nodiscard]] std::span<const SchemeInfo> all_schemes() noexcept;
[[nodiscard]] const SchemeInfo& scheme_info(Scheme s) noexcept;
/// Looks a scheme up by its ColorBrewer name (exact case); std::nullopt if unknown.
[[nodiscard]] std::optional<Scheme> scheme_from_name(std::string_view name) noexcept;

/// The default scheme for an indicator whose definition says "sequential" or "diverging".
[[nodiscard]] Scheme default_scheme(SchemeKind kind) noexcept;

/// The `classes` colours of `scheme`, class 0 first; reversed when `reversed` is true.
/// `classes` must be in [3, 7] (kMinClasses..kMaxClasses of classification.h); otherwise
/// std::invalid_argument. A classification with fewer classes than asked (ties) takes the
/// ramp of its actual class count, so the ends of the ramp stay the ends of the data.
[[nodiscard]] std::vector<Rgb> ramp(Scheme scheme, int classes, bool reversed = false);

/// Colours for any class count a classification can return (0 to 7): 3–7 as ramp();
/// 2 → the two ends of the 3-class ramp; 1 → the middle of the 3-class ramp; 0 → empty.
/// Use it with Classification::class_count(), which drops below 3 when the data have fewer
/// distinct values than classes.
[[nodiscard]] std::vector<Rgb> ramp_for_class_count(Scheme scheme, std::size_t classes, bool reversed = false);

/// Parses indicator_definitions.scheme ("sequential" / "diverging"); std::nullopt otherwise.
[[nodiscard]] std::optional<SchemeKind> scheme_kind_from_key(std::string_view key) noexcept;

/// The swatch for "données non disponibles": a light neutral grey drawn with a hatch, which
/// no ramp above uses for its first class (so missing never reads as class 1).
inline constexpr Rgb kNoDataColor = Rgb::from_packed(0xd9d9d9);
/// Hatch line colour drawn over kNoDataColor when kNoDataHatched is true.
inline constexpr Rgb kNoDataHatchColor = Rgb::from_packed(0x969696);
inline constexpr bool kNoDataHatched = true;

}  // namespace maillage::layers
