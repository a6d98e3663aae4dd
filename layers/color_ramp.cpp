#include "layers/color_ramp.h"

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "layers/classification.h"

namespace maillage::layers {
namespace {

/// One scheme's colours for 3, 4, 5, 6 and 7 classes (packed 0xRRGGBB; unused slots 0).
struct SchemeTable {
    std::string_view name;
    SchemeKind kind;
    std::array<std::array<std::uint32_t, 7>, 5> colors;
};

// Exact values of ColorBrewer 2.0 (colorbrewer2.org), as distributed in the colorbrewer
// package 1.7.0 (Apache-2.0), for the schemes ColorBrewer marks colour-blind safe ("blind": 1).
// Same order as enum Scheme.
constexpr std::array<SchemeTable, 17> kTables{{
    {"YlOrRd", SchemeKind::sequential, {{
        {0xffeda0, 0xfeb24c, 0xf03b20},
        {0xffffb2, 0xfecc5c, 0xfd8d3c, 0xe31a1c},
        {0xffffb2, 0xfecc5c, 0xfd8d3c, 0xf03b20, 0xbd0026},
        {0xffffb2, 0xfed976, 0xfeb24c, 0xfd8d3c, 0xf03b20, 0xbd0026},
        {0xffffb2, 0xfed976, 0xfeb24c, 0xfd8d3c, 0xfc4e2a, 0xe31a1c, 0xb10026},
    }}},
    {"YlOrBr", SchemeKind::sequential, {{
        {0xfff7bc, 0xfec44f, 0xd95f0e},
        {0xffffd4, 0xfed98e, 0xfe9929, 0xcc4c02},
        {0xffffd4, 0xfed98e, 0xfe9929, 0xd95f0e, 0x993404},
        {0xffffd4, 0xfee391, 0xfec44f, 0xfe9929, 0xd95f0e, 0x993404},
        {0xffffd4, 0xfee391, 0xfec44f, 0xfe9929, 0xec7014, 0xcc4c02, 0x8c2d04},
    }}},
    {"OrRd", SchemeKind::sequential, {{
        {0xfee8c8, 0xfdbb84, 0xe34a33},
        {0xfef0d9, 0xfdcc8a, 0xfc8d59, 0xd7301f},
        {0xfef0d9, 0xfdcc8a, 0xfc8d59, 0xe34a33, 0xb30000},
        {0xfef0d9, 0xfdd49e, 0xfdbb84, 0xfc8d59, 0xe34a33, 0xb30000},
        {0xfef0d9, 0xfdd49e, 0xfdbb84, 0xfc8d59, 0xef6548, 0xd7301f, 0x990000},
    }}},
    {"YlGnBu", SchemeKind::sequential, {{
        {0xedf8b1, 0x7fcdbb, 0x2c7fb8},
        {0xffffcc, 0xa1dab4, 0x41b6c4, 0x225ea8},
        {0xffffcc, 0xa1dab4, 0x41b6c4, 0x2c7fb8, 0x253494},
        {0xffffcc, 0xc7e9b4, 0x7fcdbb, 0x41b6c4, 0x2c7fb8, 0x253494},
        {0xffffcc, 0xc7e9b4, 0x7fcdbb, 0x41b6c4, 0x1d91c0, 0x225ea8, 0x0c2c84},
    }}},
    {"PuBu", SchemeKind::sequential, {{
        {0xece7f2, 0xa6bddb, 0x2b8cbe},
        {0xf1eef6, 0xbdc9e1, 0x74a9cf, 0x0570b0},
        {0xf1eef6, 0xbdc9e1, 0x74a9cf, 0x2b8cbe, 0x045a8d},
        {0xf1eef6, 0xd0d1e6, 0xa6bddb, 0x74a9cf, 0x2b8cbe, 0x045a8d},
        {0xf1eef6, 0xd0d1e6, 0xa6bddb, 0x74a9cf, 0x3690c0, 0x0570b0, 0x034e7b},
    }}},
    {"BuPu", SchemeKind::sequential, {{
        {0xe0ecf4, 0x9ebcda, 0x8856a7},
        {0xedf8fb, 0xb3cde3, 0x8c96c6, 0x88419d},
        {0xedf8fb, 0xb3cde3, 0x8c96c6, 0x8856a7, 0x810f7c},
        {0xedf8fb, 0xbfd3e6, 0x9ebcda, 0x8c96c6, 0x8856a7, 0x810f7c},
        {0xedf8fb, 0xbfd3e6, 0x9ebcda, 0x8c96c6, 0x8c6bb1, 0x88419d, 0x6e016b},
    }}},
    {"Blues", SchemeKind::sequential, {{
        {0xdeebf7, 0x9ecae1, 0x3182bd},
        {0xeff3ff, 0xbdd7e7, 0x6baed6, 0x2171b5},
        {0xeff3ff, 0xbdd7e7, 0x6baed6, 0x3182bd, 0x08519c},
        {0xeff3ff, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x3182bd, 0x08519c},
        {0xeff3ff, 0xc6dbef, 0x9ecae1, 0x6baed6, 0x4292c6, 0x2171b5, 0x084594},
    }}},
    {"Greens", SchemeKind::sequential, {{
        {0xe5f5e0, 0xa1d99b, 0x31a354},
        {0xedf8e9, 0xbae4b3, 0x74c476, 0x238b45},
        {0xedf8e9, 0xbae4b3, 0x74c476, 0x31a354, 0x006d2c},
        {0xedf8e9, 0xc7e9c0, 0xa1d99b, 0x74c476, 0x31a354, 0x006d2c},
        {0xedf8e9, 0xc7e9c0, 0xa1d99b, 0x74c476, 0x41ab5d, 0x238b45, 0x005a32},
    }}},
    {"Purples", SchemeKind::sequential, {{
        {0xefedf5, 0xbcbddc, 0x756bb1},
        {0xf2f0f7, 0xcbc9e2, 0x9e9ac8, 0x6a51a3},
        {0xf2f0f7, 0xcbc9e2, 0x9e9ac8, 0x756bb1, 0x54278f},
        {0xf2f0f7, 0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x756bb1, 0x54278f},
        {0xf2f0f7, 0xdadaeb, 0xbcbddc, 0x9e9ac8, 0x807dba, 0x6a51a3, 0x4a1486},
    }}},
    {"Oranges", SchemeKind::sequential, {{
        {0xfee6ce, 0xfdae6b, 0xe6550d},
        {0xfeedde, 0xfdbe85, 0xfd8d3c, 0xd94701},
        {0xfeedde, 0xfdbe85, 0xfd8d3c, 0xe6550d, 0xa63603},
        {0xfeedde, 0xfdd0a2, 0xfdae6b, 0xfd8d3c, 0xe6550d, 0xa63603},
        {0xfeedde, 0xfdd0a2, 0xfdae6b, 0xfd8d3c, 0xf16913, 0xd94801, 0x8c2d04},
    }}},
    {"Reds", SchemeKind::sequential, {{
        {0xfee0d2, 0xfc9272, 0xde2d26},
        {0xfee5d9, 0xfcae91, 0xfb6a4a, 0xcb181d},
        {0xfee5d9, 0xfcae91, 0xfb6a4a, 0xde2d26, 0xa50f15},
        {0xfee5d9, 0xfcbba1, 0xfc9272, 0xfb6a4a, 0xde2d26, 0xa50f15},
        {0xfee5d9, 0xfcbba1, 0xfc9272, 0xfb6a4a, 0xef3b2c, 0xcb181d, 0x99000d},
    }}},
    {"RdYlBu", SchemeKind::diverging, {{
        {0xfc8d59, 0xffffbf, 0x91bfdb},
        {0xd7191c, 0xfdae61, 0xabd9e9, 0x2c7bb6},
        {0xd7191c, 0xfdae61, 0xffffbf, 0xabd9e9, 0x2c7bb6},
        {0xd73027, 0xfc8d59, 0xfee090, 0xe0f3f8, 0x91bfdb, 0x4575b4},
        {0xd73027, 0xfc8d59, 0xfee090, 0xffffbf, 0xe0f3f8, 0x91bfdb, 0x4575b4},
    }}},
    {"RdBu", SchemeKind::diverging, {{
        {0xef8a62, 0xf7f7f7, 0x67a9cf},
        {0xca0020, 0xf4a582, 0x92c5de, 0x0571b0},
        {0xca0020, 0xf4a582, 0xf7f7f7, 0x92c5de, 0x0571b0},
        {0xb2182b, 0xef8a62, 0xfddbc7, 0xd1e5f0, 0x67a9cf, 0x2166ac},
        {0xb2182b, 0xef8a62, 0xfddbc7, 0xf7f7f7, 0xd1e5f0, 0x67a9cf, 0x2166ac},
    }}},
    {"PuOr", SchemeKind::diverging, {{
        {0xf1a340, 0xf7f7f7, 0x998ec3},
        {0xe66101, 0xfdb863, 0xb2abd2, 0x5e3c99},
        {0xe66101, 0xfdb863, 0xf7f7f7, 0xb2abd2, 0x5e3c99},
        {0xb35806, 0xf1a340, 0xfee0b6, 0xd8daeb, 0x998ec3, 0x542788},
        {0xb35806, 0xf1a340, 0xfee0b6, 0xf7f7f7, 0xd8daeb, 0x998ec3, 0x542788},
    }}},
    {"BrBG", SchemeKind::diverging, {{
        {0xd8b365, 0xf5f5f5, 0x5ab4ac},
        {0xa6611a, 0xdfc27d, 0x80cdc1, 0x018571},
        {0xa6611a, 0xdfc27d, 0xf5f5f5, 0x80cdc1, 0x018571},
        {0x8c510a, 0xd8b365, 0xf6e8c3, 0xc7eae5, 0x5ab4ac, 0x01665e},
        {0x8c510a, 0xd8b365, 0xf6e8c3, 0xf5f5f5, 0xc7eae5, 0x5ab4ac, 0x01665e},
    }}},
    {"PiYG", SchemeKind::diverging, {{
        {0xe9a3c9, 0xf7f7f7, 0xa1d76a},
        {0xd01c8b, 0xf1b6da, 0xb8e186, 0x4dac26},
        {0xd01c8b, 0xf1b6da, 0xf7f7f7, 0xb8e186, 0x4dac26},
        {0xc51b7d, 0xe9a3c9, 0xfde0ef, 0xe6f5d0, 0xa1d76a, 0x4d9221},
        {0xc51b7d, 0xe9a3c9, 0xfde0ef, 0xf7f7f7, 0xe6f5d0, 0xa1d76a, 0x4d9221},
    }}},
    {"PRGn", SchemeKind::diverging, {{
        {0xaf8dc3, 0xf7f7f7, 0x7fbf7b},
        {0x7b3294, 0xc2a5cf, 0xa6dba0, 0x008837},
        {0x7b3294, 0xc2a5cf, 0xf7f7f7, 0xa6dba0, 0x008837},
        {0x762a83, 0xaf8dc3, 0xe7d4e8, 0xd9f0d3, 0x7fbf7b, 0x1b7837},
        {0x762a83, 0xaf8dc3, 0xe7d4e8, 0xf7f7f7, 0xd9f0d3, 0x7fbf7b, 0x1b7837},
    }}},

}};

constexpr std::array<SchemeInfo, 17> kInfos = [] {
    std::array<SchemeInfo, 17> infos{};
    for (std::size_t i = 0; i < kTables.size(); ++i) {
        infos[i] = SchemeInfo{static_cast<Scheme>(i), kTables[i].name, kTables[i].kind};
    }
    return infos;
}();

}  // namespace

std::span<const SchemeInfo> all_schemes() noexcept { return kInfos; }

const SchemeInfo& scheme_info(Scheme s) noexcept { return kInfos[static_cast<std::size_t>(s)]; }

std::optional<Scheme> scheme_from_name(std::string_view name) noexcept {
    for (const SchemeInfo& info : kInfos) {
        if (info.name == name) return info.scheme;
    }
    return std::nullopt;
}

Scheme default_scheme(SchemeKind kind) noexcept {
    return kind == SchemeKind::sequential ? Scheme::YlOrRd : Scheme::RdYlBu;
}

std::vector<Rgb> ramp(Scheme scheme, int classes, bool reversed) {
    if (classes < kMinClasses || classes > kMaxClasses) {
        throw std::invalid_argument("a colour ramp has " + std::to_string(kMinClasses) + " to " +
                                    std::to_string(kMaxClasses) + " classes, not " + std::to_string(classes));
    }
    const auto& row = kTables[static_cast<std::size_t>(scheme)].colors[static_cast<std::size_t>(classes - kMinClasses)];
    std::vector<Rgb> out;
    out.reserve(static_cast<std::size_t>(classes));
    for (int i = 0; i < classes; ++i) {
        const int source = reversed ? classes - 1 - i : i;
        out.push_back(Rgb::from_packed(row[static_cast<std::size_t>(source)]));
    }
    return out;
}

std::vector<Rgb> ramp_for_class_count(Scheme scheme, std::size_t classes, bool reversed) {
    if (classes == 0) return {};
    if (classes >= static_cast<std::size_t>(kMinClasses)) return ramp(scheme, static_cast<int>(classes), reversed);
    const std::vector<Rgb> three = ramp(scheme, kMinClasses, reversed);
    if (classes == 1) return {three[1]};
    return {three[0], three[2]};
}

std::optional<SchemeKind> scheme_kind_from_key(std::string_view key) noexcept {
    if (key == "sequential") return SchemeKind::sequential;
    if (key == "diverging") return SchemeKind::diverging;
    return std::nullopt;
}

}  // namespace maillage::layers
