// MapDocument: the application state behind the map and its panels — the loaded project, the
// active choropleth, layer and filter settings, selection and hover — exposed to QML through
// list models and properties.
//
// Contract:
// - load() reads the database and prepares geometry on a worker thread (QtConcurrent);
//   loadBlocking() does the same synchronously (tests, screenshots, benchmarks).
// - Every change of layers, filters, choropleth, hover or selection emits styleChanged();
//   a new project emits sceneChanged(). The map item pulls scene() and style() then.
// - Nothing throws into QML: load errors land in errorMessage, bad manual breaks in
//   choroplethError (the previous classification stays).
// \note QML Type: MapDocument (created by main, passed to Main.qml as a required property)
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <optional>

#include "app/gui/choropleth.h"
#include "app/gui/facility_filter_model.h"
#include "app/gui/facility_list_model.h"
#include "app/gui/info_panel_model.h"
#include "app/gui/layer_list_model.h"
#include "app/gui/legend_model.h"
#include "app/gui/map_scene.h"
#include "app/gui/map_style.h"
#include "app/gui/project_loader.h"
#include "app/gui/search_model.h"

namespace maillage::app {

class MapDocument : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the application")
    Q_PROPERTY(maillage::app::LayerListModel* layers READ layers CONSTANT)
    Q_PROPERTY(maillage::app::LegendModel* legend READ legend CONSTANT)
    Q_PROPERTY(maillage::app::FacilityListModel* facilities READ facilities CONSTANT)
    Q_PROPERTY(maillage::app::FacilityFilterModel* facilityFilters READ facilityFilters CONSTANT)
    Q_PROPERTY(maillage::app::InfoPanelModel* info READ info CONSTANT)
    Q_PROPERTY(maillage::app::SearchModel* search READ search CONSTANT)
    Q_PROPERTY(bool loaded READ loaded NOTIFY loadedChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadedChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY loadedChanged)
    Q_PROPERTY(QString databasePath READ databasePath NOTIFY loadedChanged)
    /// [{key, label, unit, scope}] for every indicator with values, CTG indicators first.
    Q_PROPERTY(QVariantList indicators READ indicators NOTIFY loadedChanged)
    /// [{index, id, name}] of the bassins de vie.
    Q_PROPERTY(QVariantList bassins READ bassins NOTIFY loadedChanged)
    /// [{key, label}] of the classification methods.
    Q_PROPERTY(QVariantList methods READ methods CONSTANT)
    /// [{name, kind}] of the colour-blind-safe ColorBrewer schemes.
    Q_PROPERTY(QVariantList schemes READ schemes CONSTANT)
    Q_PROPERTY(QString indicator READ indicator WRITE setIndicator NOTIFY choroplethChanged)
    Q_PROPERTY(QString method READ method WRITE setMethod NOTIFY choroplethChanged)
    Q_PROPERTY(int classCount READ classCount WRITE setClassCount NOTIFY choroplethChanged)
    Q_PROPERTY(QString scheme READ scheme WRITE setScheme NOTIFY choroplethChanged)
    Q_PROPERTY(bool reversed READ reversed WRITE setReversed NOTIFY choroplethChanged)
    /// Manual breaks as typed ("20 000 ; 21 400 ; 23 000"); used when method is "manual".
    Q_PROPERTY(QString manualBreaks READ manualBreaks WRITE setManualBreaks NOTIFY choroplethChanged)
    Q_PROPERTY(QString choroplethError READ choroplethError NOTIFY choroplethChanged)

public:
    explicit MapDocument(QObject* parent = nullptr);
    ~MapDocument() override;

    /// Starts loading in the background; loadedChanged() when done (or failed).
    Q_INVOKABLE void load(const QString& path);
    /// Loads synchronously; returns false and sets errorMessage on failure.
    bool loadBlocking(const QString& path);

    [[nodiscard]] MapScenePtr scene() const { return m_scene; }
    [[nodiscard]] const MapStyle& style() const { return m_style; }
    [[nodiscard]] const ProjectData* project() const { return m_project.get(); }
    [[nodiscard]] const std::optional<ChoroplethResult>& choropleth() const { return m_choropleth; }
    /// Adds (or removes, with null) a benchmark polygon layer drawn above the context.
    void setStressLayer(std::shared_ptr<const PolygonLayerMesh> mesh);

    LayerListModel* layers() { return &m_layers; }
    LegendModel* legend() { return &m_legend; }
    FacilityListModel* facilities() { return &m_facilities; }
    FacilityFilterModel* facilityFilters() { return &m_filters; }
    InfoPanelModel* info() { return &m_info; }
    SearchModel* search() { return &m_search; }

    [[nodiscard]] bool loaded() const { return m_project != nullptr; }
    [[nodiscard]] bool loading() const { return m_loading; }
    [[nodiscard]] QString errorMessage() const { return m_error; }
    [[nodiscard]] QString databasePath() const { return m_path; }
    [[nodiscard]] QVariantList indicators() const;
    [[nodiscard]] QVariantList bassins() const;
    [[nodiscard]] QVariantList methods() const;
    [[nodiscard]] QVariantList schemes() const;

    [[nodiscard]] QString indicator() const { return m_indicator; }
    void setIndicator(const QString& key);
    [[nodiscard]] QString method() const { return m_method; }
    void setMethod(const QString& key);
    [[nodiscard]] int classCount() const { return m_classCount; }
    void setClassCount(int classes);
    [[nodiscard]] QString scheme() const { return m_scheme; }
    void setScheme(const QString& name);
    [[nodiscard]] bool reversed() const { return m_reversed; }
    void setReversed(bool reversed);
    [[nodiscard]] QString manualBreaks() const { return m_manualBreaks; }
    void setManualBreaks(const QString& text);
    [[nodiscard]] QString choroplethError() const { return m_choroplethError; }

    Q_INVOKABLE void selectCommune(int commune);
    Q_INVOKABLE void selectFacility(int facility);
    Q_INVOKABLE void clearSelection();
    void setHovered(int commune, int facility);
    Q_INVOKABLE void toggleExpandedSite(const QString& siteKey);
    /// Selects the search result at `row` and asks the map to zoom to it.
    Q_INVOKABLE void activateSearchResult(int row);
    Q_INVOKABLE void zoomToCommune(int commune);
    Q_INVOKABLE void zoomToFacility(int facility);
    Q_INVOKABLE int communeIndex(const QString& insee) const;

    [[nodiscard]] QString communeHoverText(int commune) const;
    [[nodiscard]] QString facilityHoverText(int facility) const;

signals:
    void loadedChanged();
    void sceneChanged();
    void styleChanged();
    void choroplethChanged();
    /// Lambert-93 rectangle the map should show.
    void zoomRequested(double minX, double minY, double maxX, double maxY);

private:
    void applyProject(std::shared_ptr<ProjectData> project);
    void setupLayers();
    void recomputeChoropleth();
    void rebuildStyle();
    void refreshInfo();
    [[nodiscard]] const geo::db::IndicatorDefinition* definition(const QString& key) const;
    [[nodiscard]] std::vector<double> parsedManualBreaks(bool* ok) const;
    [[nodiscard]] QString defaultManualBreaks() const;

    std::shared_ptr<ProjectData> m_project;
    MapScenePtr m_scene;
    std::shared_ptr<const PolygonLayerMesh> m_stress;
    MapStyle m_style;
    std::optional<ChoroplethResult> m_choropleth;
    LayerListModel m_layers;
    LegendModel m_legend;
    FacilityListModel m_facilities;
    FacilityFilterModel m_filters;
    InfoPanelModel m_info;
    SearchModel m_search;
    QFutureWatcher<LoadResult> m_watcher;
    bool m_loading = false;
    QString m_error;
    QString m_path;
    QString m_indicator;
    QString m_method = QStringLiteral("jenks");
    int m_classCount = 5;
    QString m_scheme;
    bool m_reversed = false;
    QString m_manualBreaks;
    QString m_choroplethError;
    int m_selectedCommune = -1;
    int m_selectedFacility = -1;
};

}  // namespace maillage::app
