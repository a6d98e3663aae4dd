#include "layers/color.h"

#include <cstdio>

namespace maillage::layers {
namespace {

int hex_digit(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::optional<Rgb> Rgb::from_hex(std::string_view hex) noexcept {
    if (!hex.empty() && hex.front() == '#') hex.remove_prefix(1);
    if (hex.size() != 6) return std::nullopt;
    std::uint32_t packed_value = 0;
    for (char c : hex) {
        const int d = hex_digit(c);
        if (d < 0) return std::nullopt;
        packed_value = (packed_value << 4) | static_cast<std::uint32_t>(d);
    }
    return from_packed(packed_value);
}

std::string Rgb::hex() const {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", r, g, b);
    return buffer;
}

}  // namespace maillage::layers
