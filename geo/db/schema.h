// Names and version of the project database schema (docs/architecture.md, "The project
// database"). The builder writes exactly these layers; the reader refuses any other version.
#pragma once

#include <array>
#include <string_view>

namespace maillage::geo::db {

/// Incremented whenever a layer, column or meaning changes. Stored in project_meta.
inline constexpr int kSchemaVersion = 1;

/// EPCI SIREN of the Communauté d'Agglomération du Pays de Saint-Omer.
inline constexpr std::string_view kCapsoSiren = "200069037";

namespace layer {
inline constexpr std::string_view kCommunes = "communes";
inline constexpr std::string_view kCommunesContext = "communes_context";
inline constexpr std::string_view kBassins = "bassins";
inline constexpr std::string_view kIndicatorDefinitions = "indicator_definitions";
inline constexpr std::string_view kIndicators = "indicators";
inline constexpr std::string_view kPopulationGrid = "population_grid";
inline constexpr std::string_view kFacilities = "facilities";
inline constexpr std::string_view kFacilitiesUnlocated = "facilities_unlocated";
inline constexpr std::string_view kFacilityHistory = "facility_history";
inline constexpr std::string_view kProvenance = "provenance";
inline constexpr std::string_view kProjectMeta = "project_meta";
}  // namespace layer

/// Every layer/table the builder writes, in writing order (each has a provenance row).
inline constexpr std::array<std::string_view, 11> kAllLayers = {
    layer::kCommunes,        layer::kCommunesContext,
    layer::kBassins,         layer::kIndicatorDefinitions,
    layer::kIndicators,      layer::kPopulationGrid,
    layer::kFacilities,      layer::kFacilitiesUnlocated,
    layer::kFacilityHistory, layer::kProvenance,
    layer::kProjectMeta};

}  // namespace maillage::geo::db
