// An sRGB colour with 8-bit channels, convertible to and from "#rrggbb".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace maillage::layers {

struct Rgb {
    std::uint8_t r = 0;
    std::uint8_t g = 0;
    std::uint8_t b = 0;

    /// From a packed 0xRRGGBB value.
    [[nodiscard]] static constexpr Rgb from_packed(std::uint32_t rgb) noexcept {
        return {static_cast<std::uint8_t>((rgb >> 16) & 0xFF), static_cast<std::uint8_t>((rgb >> 8) & 0xFF),
                static_cast<std::uint8_t>(rgb & 0xFF)};
    }
    /// Parses "#rrggbb" or "rrggbb" (either case); std::nullopt otherwise.
    [[nodiscard]] static std::optional<Rgb> from_hex(std::string_view hex) noexcept;

    [[nodiscard]] constexpr std::uint32_t packed() const noexcept {
        return (std::uint32_t{r} << 16) | (std::uint32_t{g} << 8) | std::uint32_t{b};
    }
    /// Lower-case "#rrggbb", the form QColor and QML accept.
    [[nodiscard]] std::string hex() const;

    friend constexpr bool operator==(const Rgb&, const Rgb&) = default;
};

}  // namespace maillage::layers
