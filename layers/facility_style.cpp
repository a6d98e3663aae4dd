#include "layers/facility_style.h"

#include <array>

namespace maillage::layers {
namespace {

// Okabe & Ito (2008), "Color Universal Design": https://jfly.uni-koeln.de/color/
constexpr Rgb kOkabeOrange = Rgb::from_packed(0xE69F00);
constexpr Rgb kOkabeSkyBlue = Rgb::from_packed(0x56B4E9);
constexpr Rgb kOkabeBluishGreen = Rgb::from_packed(0x009E73);
constexpr Rgb kOkabeYellow = Rgb::from_packed(0xF0E442);
constexpr Rgb kOkabeBlue = Rgb::from_packed(0x0072B2);
constexpr Rgb kOkabeVermillion = Rgb::from_packed(0xD55E00);
constexpr Rgb kOkabeReddishPurple = Rgb::from_packed(0xCC79A7);
constexpr Rgb kOkabeBlack = Rgb::from_packed(0x000000);

constexpr Rgb kDarkOutline = Rgb::from_packed(0x333333);

constexpr std::array<FamilyInfo, 8> kFamilies{{
    {FacilityFamily::EAJE, "EAJE", "Accueil du jeune enfant (crèches, micro-crèches, MAM)", MarkerShape::circle,
     kOkabeVermillion},
    {FacilityFamily::RPE, "RPE", "Relais petite enfance", MarkerShape::square, kOkabeOrange},
    {FacilityFamily::LAEP, "LAEP", "Lieux d'accueil enfants-parents", MarkerShape::triangle, kOkabeReddishPurple},
    {FacilityFamily::ALSH, "ALSH", "Accueils de loisirs", MarkerShape::diamond, kOkabeBluishGreen},
    {FacilityFamily::SOCIAL, "SOCIAL", "Centres sociaux et espaces de vie sociale", MarkerShape::hexagon,
     kOkabeBlue},
    {FacilityFamily::MAISON_CAPSO, "MAISON_CAPSO", "Maisons de la CAPSO / France Services", MarkerShape::star,
     kOkabeSkyBlue},
    {FacilityFamily::PIJ, "PIJ", "Points information jeunesse", MarkerShape::pentagon, kOkabeYellow},
    {FacilityFamily::OTHER, "OTHER", "Autres équipements et services", MarkerShape::cross, kOkabeBlack},
}};

/// The status word before any parenthesis or space: "closed (fin 2024)" → "closed".
std::string_view leading_word(std::string_view text) noexcept {
    const std::size_t start = text.find_first_not_of(" \t");
    if (start == std::string_view::npos) return {};
    text.remove_prefix(start);
    const std::size_t end = text.find_first_of(" \t(;,");
    return text.substr(0, end);
}

std::string_view badge_for(FacilitySubtype s) noexcept {
    switch (s) {
    case FacilitySubtype::micro_creche: return "µ";
    case FacilitySubtype::mam: return "M";
    case FacilitySubtype::alsh_extrascolaire: return "E";
    case FacilitySubtype::alsh_periscolaire: return "P";
    case FacilitySubtype::alsh_ados: return "A";
    case FacilitySubtype::evs: return "V";
    case FacilitySubtype::none:
    case FacilitySubtype::multi_accueil:
    case FacilitySubtype::centre_social: return {};
    }
    return {};
}

}  // namespace

std::span<const FamilyInfo> all_families() noexcept { return kFamilies; }

const FamilyInfo& family_info(FacilityFamily f) noexcept { return kFamilies[static_cast<std::size_t>(f)]; }

std::optional<FacilityFamily> family_from_key(std::string_view key) noexcept {
    for (const FamilyInfo& info : kFamilies) {
        if (info.key == key) return info.family;
    }
    return std::nullopt;
}

FacilitySubtype subtype_from_type(std::string_view type) noexcept {
    if (type == "EAJE" || type == "MULTI_ACCUEIL") return FacilitySubtype::multi_accueil;
    if (type == "MICRO_CRECHE") return FacilitySubtype::micro_creche;
    if (type == "MAM") return FacilitySubtype::mam;
    if (type == "ALSH_EXTRASCOLAIRE") return FacilitySubtype::alsh_extrascolaire;
    if (type == "ALSH_PERISCOLAIRE") return FacilitySubtype::alsh_periscolaire;
    if (type == "ALSH_ADOS") return FacilitySubtype::alsh_ados;
    if (type == "CENTRE_SOCIAL") return FacilitySubtype::centre_social;
    if (type == "EVS") return FacilitySubtype::evs;
    return FacilitySubtype::none;
}

std::optional<FacilityStatus> status_from_text(std::string_view status) noexcept {
    const std::string_view word = leading_word(status);
    if (word == "open") return FacilityStatus::open;
    if (word == "closed") return FacilityStatus::closed;
    if (word == "project") return FacilityStatus::project;
    return std::nullopt;
}

LocationPrecision precision_from_text(std::string_view precision) noexcept {
    if (precision == "address" || precision == "structure_address") return LocationPrecision::address;
    if (precision == "commune") return LocationPrecision::commune;
    return LocationPrecision::unknown;
}

std::string_view subtype_label_fr(FacilitySubtype s) noexcept {
    switch (s) {
    case FacilitySubtype::none: return "";
    case FacilitySubtype::multi_accueil: return "Multi-accueil";
    case FacilitySubtype::micro_creche: return "Micro-crèche";
    case FacilitySubtype::mam: return "Maison d'assistants maternels (MAM)";
    case FacilitySubtype::alsh_extrascolaire: return "Accueil de loisirs extrascolaire";
    case FacilitySubtype::alsh_periscolaire: return "Accueil de loisirs périscolaire";
    case FacilitySubtype::alsh_ados: return "Accueil adolescents";
    case FacilitySubtype::centre_social: return "Centre social";
    case FacilitySubtype::evs: return "Espace de vie sociale (EVS)";
    }
    return "";
}

std::string_view status_label_fr(FacilityStatus s) noexcept {
    switch (s) {
    case FacilityStatus::open: return "Ouvert";
    case FacilityStatus::closed: return "Fermé";
    case FacilityStatus::project: return "En projet";
    }
    return "";
}

std::string_view precision_label_fr(LocationPrecision p) noexcept {
    switch (p) {
    case LocationPrecision::address: return "Localisé à l'adresse";
    case LocationPrecision::commune: return "Localisé à la commune (position approximative)";
    case LocationPrecision::unknown: return "Localisation inconnue (placé dans la commune, position approximative)";
    }
    return "";
}

MarkerStyle marker_style(FacilityFamily family, FacilitySubtype subtype, FacilityStatus status,
                         LocationPrecision precision) noexcept {
    const FamilyInfo& info = family_info(family);
    MarkerStyle style;
    style.shape = info.shape;
    style.fill = info.color;
    style.filled = status == FacilityStatus::open;
    style.outline = style.filled ? kDarkOutline : info.color;
    style.stroke = status == FacilityStatus::project ? StrokeStyle::dashed : StrokeStyle::solid;
    style.outline_px = style.filled ? 1.5 : 2.5;  // hollow markers need a thicker ring to read
    style.approximate_location = precision != LocationPrecision::address;
    style.badge = badge_for(subtype);
    return style;
}

}  // namespace maillage::layers
