// What the map draws: an immutable snapshot of prepared layers (geometry, labels, facility
// points), shared between the document (GUI thread), the map item and its scene-graph nodes.
//
// Contract: built once per database on a worker thread (buildMapScene), then only read.
// Indices into `communes` match MapDocument's commune order; indices into `facilities` match
// the facility list model.
#pragma once

#include <QColor>
#include <QPointF>
#include <QString>

#include <memory>
#include <vector>

#include "app/gui/polygon_mesh.h"
#include "layers/facility_style.h"

namespace maillage::app {

/// A facility's symbol inputs (the data it is drawn from, not the drawing).
struct FacilityPoint {
    QPointF position;          ///< Lambert-93 metres
    QString family;            ///< EAJE, RPE, LAEP, ALSH, SOCIAL, MAISON_CAPSO, PIJ, OTHER
    QString status;            ///< open, closed, project
    bool communePrecision = false;  ///< located only to its commune's main settlement
    layers::MarkerStyle marker;     ///< from layers::marker_style()
    QString siteKey;           ///< facilities sharing a point share it
    int siteRank = 1;          ///< 1..siteSize within the site
    int siteSize = 1;
};

struct MapScene {
    std::shared_ptr<const PolygonLayerMesh> communes;  ///< CAPSO communes
    std::shared_ptr<const PolygonLayerMesh> context;   ///< neighbouring communes (grey)
    std::shared_ptr<const PolygonLayerMesh> bassins;   ///< bassin de vie outlines
    std::shared_ptr<const PolygonLayerMesh> stress;    ///< optional benchmark layer (or null)
    std::vector<QString> communeLabels;    ///< same order as communes
    std::vector<QPointF> communeAnchors;   ///< a point inside each commune (GEOSPointOnSurface)
    std::vector<double> communePriority;   ///< label priority (population)
    std::vector<FacilityPoint> facilities;
    WorldRect capsoBounds;
    std::vector<WorldRect> bassinBounds;   ///< same order as bassins
};

using MapScenePtr = std::shared_ptr<const MapScene>;

}  // namespace maillage::app
