// How the map draws its scene right now: layer order, visibility and opacity, the choropleth
// colours, facility filters and the hovered/selected feature. A cheap value copied into the
// map item on every change; the document owns the source of truth (the models).
#pragma once

#include <QColor>
#include <QString>

#include <vector>

namespace maillage::app {

enum class PolygonLayer { Context, Communes, Bassins, Stress };

struct PolygonLayerDraw {
    PolygonLayer layer = PolygonLayer::Communes;
    bool visible = true;
    float opacity = 1.0f;
};

struct FamilyDraw {
    QString family;
    bool visible = true;
    float opacity = 1.0f;
};

struct MapStyle {
    std::vector<PolygonLayerDraw> polygonLayers;  ///< bottom to top
    bool labelsVisible = true;
    std::vector<FamilyDraw> families;             ///< bottom to top
    std::vector<QColor> communeFill;              ///< per commune; choropleth class colour
    std::vector<bool> communeNoData;              ///< per commune; drawn hatched grey
    std::vector<bool> facilityVisible;            ///< per facility, after status/subtype filters
    int hoveredCommune = -1;
    int selectedCommune = -1;
    int hoveredFacility = -1;
    int selectedFacility = -1;
    QString expandedSite;  ///< site whose count badge was clicked open

    [[nodiscard]] const FamilyDraw* family(const QString& key) const {
        for (const FamilyDraw& f : families)
            if (f.family == key) return &f;
        return nullptr;
    }
};

/// Colours of the base map (a calm, print-like palette).
namespace palette {
inline const QColor kBackground{0xf4, 0xf3, 0xef};       ///< sea of "elsewhere"
inline const QColor kContextFill{0xe4, 0xe2, 0xdc};
inline const QColor kContextLine{0xc8, 0xc5, 0xbd};
inline const QColor kCommuneLine{0xff, 0xff, 0xff};
inline const QColor kBassinLine{0x3a, 0x3f, 0x4a};
inline const QColor kNoData{0xd9, 0xd9, 0xd9};
inline const QColor kNoDataHatch{0x96, 0x96, 0x96};
inline const QColor kHighlight{0x1f, 0x4e, 0x9a};
inline const QColor kLabel{0x26, 0x2a, 0x33};
inline const QColor kStressFill{0xc6, 0xdb, 0xef};
inline const QColor kStressLine{0x6b, 0xae, 0xd6};
}  // namespace palette

}  // namespace maillage::app
