// Loading a project database for the map: the rows the panels need and the prepared MapScene.
//
// Contract: loadProject() runs on any thread (it opens its own ProjectDatabase and uses the
// calling thread's GEOS handle, as both require) and returns either the data or the error
// message of the geo::Error that stopped it; it never throws.
#pragma once

#include <QString>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "app/gui/facility_list_model.h"
#include "app/gui/map_scene.h"
#include "geo/db/project_db.h"

namespace maillage::app {

struct ProjectData {
    std::filesystem::path path;
    std::vector<geo::db::Commune> communes;  ///< geometry blobs released after meshing
    std::vector<geo::db::ContextCommune> contextCommunes;
    std::vector<geo::db::Bassin> bassins;
    std::vector<FacilityRecord> facilities;
    std::vector<geo::db::IndicatorDefinition> definitions;  ///< those with at least one value
    std::vector<geo::db::IndicatorValue> values;
    std::vector<geo::db::ProvenanceRow> provenance;
    std::map<std::string, std::string> meta;
    MapScenePtr scene;
};

struct LoadResult {
    std::shared_ptr<ProjectData> data;  ///< null on error
    QString error;                      ///< geo::Error::what() when data is null
    double seconds = 0;                 ///< wall time of the load
};

[[nodiscard]] LoadResult loadProject(const std::filesystem::path& path);

/// The scene part alone (used by loadProject and by tests that build scenes from rows).
[[nodiscard]] MapScenePtr buildMapScene(const std::vector<geo::db::Commune>& communes,
                                        const std::vector<geo::db::ContextCommune>& context,
                                        const std::vector<geo::db::Bassin>& bassins,
                                        const std::vector<FacilityRecord>& facilities);

}  // namespace maillage::app
