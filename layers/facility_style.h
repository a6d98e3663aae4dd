// Symbology rules for facility points: family → shape, fill colour and French label;
// status → filled / hollow / dashed; location precision → "located to the commune" variant.
//
// Colours are the Okabe & Ito (2008) qualitative palette ("Color Universal Design"), which
// stays distinguishable under the common colour-vision deficiencies; each family also has
// its own shape, so colour is never the only cue. Values follow facilities.family,
// facilities.type, facilities.status and facilities.location_precision of the project
// database (docs/architecture.md).
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "layers/color.h"

namespace maillage::layers {

enum class FacilityFamily { EAJE, RPE, LAEP, ALSH, SOCIAL, MAISON_CAPSO, PIJ, OTHER };

/// Finer kind within a family (facilities.type), for filters and a badge letter.
enum class FacilitySubtype {
    none,               ///< no finer kind (RPE, LAEP, PIJ, OTHER, or unknown type)
    multi_accueil,      ///< EAJE: crèche / multi-accueil (type "EAJE")
    micro_creche,       ///< EAJE: "MICRO_CRECHE"
    mam,                ///< EAJE: maison d'assistants maternels, "MAM"
    alsh_extrascolaire, ///< ALSH: "ALSH_EXTRASCOLAIRE"
    alsh_periscolaire,  ///< ALSH: "ALSH_PERISCOLAIRE"
    alsh_ados,          ///< ALSH: "ALSH_ADOS"
    centre_social,      ///< SOCIAL: "CENTRE_SOCIAL"
    evs,                ///< SOCIAL: espace de vie sociale, "EVS"
};

enum class FacilityStatus { open, closed, project };
enum class LocationPrecision { address, commune, unknown };

enum class MarkerShape { circle, square, triangle, diamond, star, pentagon, hexagon, cross };
enum class StrokeStyle { solid, dashed };

/// How to draw one facility point. Sizes are in device-independent pixels.
struct MarkerStyle {
    MarkerShape shape = MarkerShape::circle;
    Rgb fill;                  ///< family colour; used as the outline colour when !filled
    Rgb outline;               ///< dark outline for filled markers, family colour otherwise
    bool filled = true;        ///< false: hollow (closed facility)
    StrokeStyle stroke = StrokeStyle::solid;  ///< dashed: project
    double size_px = 14.0;     ///< bounding-box side of the marker
    double outline_px = 1.5;
    /// Located only to its commune (or unknown): draw the variant (e.g. a small "c" ring or a
    /// lighter marker) and say so in the info panel.
    bool approximate_location = false;
    std::string_view badge;    ///< short subtype letter drawn inside ("µ", "M", "E", "P", "A", "V"), or empty
};

struct FamilyInfo {
    FacilityFamily family;
    std::string_view key;       ///< database value, e.g. "MAISON_CAPSO"
    std::string_view label_fr;  ///< layer name, e.g. "Maisons de la CAPSO / France Services"
    MarkerShape shape;
    Rgb color;
};

/// Every family, in the enum order (the default layer order, top to bottom).
[[nodiscard]] std::span<const FamilyInfo> all_families() noexcept;
[[nodiscard]] const FamilyInfo& family_info(FacilityFamily f) noexcept;

/// Parsers for database values; unknown values map to the documented fallback.
[[nodiscard]] std::optional<FacilityFamily> family_from_key(std::string_view key) noexcept;
/// "MICRO_CRECHE" → micro_creche, "EAJE" → multi_accueil, "ALSH_ADOS" → alsh_ados …;
/// anything else → none.
[[nodiscard]] FacilitySubtype subtype_from_type(std::string_view type) noexcept;
/// Reads the leading word: "open", "open (locaux provisoires)" → open; "closed (fin juin
/// 2025)" → closed; "project (réflexion)" → project; anything else → std::nullopt.
[[nodiscard]] std::optional<FacilityStatus> status_from_text(std::string_view status) noexcept;
/// "address" and "structure_address" → address; "commune" → commune; anything else
/// (including "operator_address": the operator's seat, not the facility) → unknown.
[[nodiscard]] LocationPrecision precision_from_text(std::string_view precision) noexcept;

/// French labels: "Micro-crèche", "Accueil de loisirs extrascolaire", "Ouvert", "Fermé",
/// "En projet", "Localisé à l'adresse", "Localisé à la commune (position approximative)" …
[[nodiscard]] std::string_view subtype_label_fr(FacilitySubtype s) noexcept;
[[nodiscard]] std::string_view status_label_fr(FacilityStatus s) noexcept;
[[nodiscard]] std::string_view precision_label_fr(LocationPrecision p) noexcept;

/// The marker for one facility.
[[nodiscard]] MarkerStyle marker_style(FacilityFamily family, FacilitySubtype subtype, FacilityStatus status,
                                       LocationPrecision precision) noexcept;

}  // namespace maillage::layers
