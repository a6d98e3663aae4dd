#include "app/gui/project_loader.h"

#include <QElapsedTimer>

#include <cmath>
#include <set>

#include "geo/core/error.h"
#include "geo/core/geos.h"

namespace maillage::app {
namespace {

template <typename Row>
std::vector<geo::GeomPtr> parse(const std::vector<Row>& rows) {
    std::vector<geo::GeomPtr> out;
    out.reserve(rows.size());
    for (const Row& r : rows) out.push_back(r.geometry.empty() ? nullptr : r.geometry.geometry());
    return out;
}

std::vector<const GEOSGeometry*> raw(const std::vector<geo::GeomPtr>& geoms) {
    std::vector<const GEOSGeometry*> out;
    for (const auto& g : geoms) out.push_back(g.get());
    return out;
}

QPointF originOf(const std::vector<geo::GeomPtr>& geoms) {
    GEOSContextHandle_t h = geo::geos_handle();
    WorldRect r;
    for (const auto& g : geoms) {
        if (!g || GEOSisEmpty_r(h, g.get())) continue;
        double minX, minY, maxX, maxY;
        if (GEOSGeom_getXMin_r(h, g.get(), &minX) && GEOSGeom_getYMin_r(h, g.get(), &minY) &&
            GEOSGeom_getXMax_r(h, g.get(), &maxX) && GEOSGeom_getYMax_r(h, g.get(), &maxY))
            r.expand(WorldRect{minX, minY, maxX, maxY});
    }
    // Round to the kilometre: a readable origin, and offsets stay small.
    const QPointF c = r.center();
    return {std::round(c.x() / 1000) * 1000, std::round(c.y() / 1000) * 1000};
}

}  // namespace

MapScenePtr buildMapScene(const std::vector<geo::db::Commune>& communes,
                          const std::vector<geo::db::ContextCommune>& context,
                          const std::vector<geo::db::Bassin>& bassins,
                          const std::vector<FacilityRecord>& facilities) {
    GEOSContextHandle_t h = geo::geos_handle();
    auto scene = std::make_shared<MapScene>();
    const auto communeGeoms = parse(communes);
    const QPointF origin = originOf(communeGeoms);
    scene->communes = std::make_shared<PolygonLayerMesh>(buildPolygonMesh(raw(communeGeoms), origin));
    scene->context = std::make_shared<PolygonLayerMesh>(buildPolygonMesh(raw(parse(context)), origin));
    scene->bassins = std::make_shared<PolygonLayerMesh>(buildPolygonMesh(raw(parse(bassins)), origin));
    scene->capsoBounds = scene->communes->bounds;
    for (const FeatureMesh& f : scene->bassins->features) scene->bassinBounds.push_back(f.bounds);

    for (std::size_t i = 0; i < communes.size(); ++i) {
        scene->communeLabels.push_back(QString::fromStdString(communes[i].name));
        scene->communePriority.push_back(static_cast<double>(communes[i].population));
        QPointF anchor = scene->communes->features[i].bounds.center();
        if (communeGeoms[i]) {
            geo::GeomPtr p(GEOSPointOnSurface_r(h, communeGeoms[i].get()));
            double x, y;
            if (p && GEOSGeomGetX_r(h, p.get(), &x) && GEOSGeomGetY_r(h, p.get(), &y)) anchor = {x, y};
        }
        scene->communeAnchors.push_back(anchor);
    }
    for (const FacilityRecord& r : facilities) {
        const geo::db::Facility& f = r.row;
        FacilityPoint p;
        p.position = {f.x, f.y};
        p.family = QString::fromStdString(std::string(layers::family_info(r.family).key));
        p.status = r.status == layers::FacilityStatus::closed    ? QStringLiteral("closed")
                   : r.status == layers::FacilityStatus::project ? QStringLiteral("project")
                                                                 : QStringLiteral("open");
        p.communePrecision = r.precision != layers::LocationPrecision::address;
        p.marker = layers::marker_style(r.family, r.subtype, r.status, r.precision);
        p.siteKey = QString::fromStdString(f.site_key);
        p.siteRank = f.site_rank;
        p.siteSize = f.site_size;
        scene->facilities.push_back(p);
    }
    return scene;
}

LoadResult loadProject(const std::filesystem::path& path) {
    QElapsedTimer timer;
    timer.start();
    LoadResult result;
    try {
        auto data = std::make_shared<ProjectData>();
        const geo::db::ProjectDatabase db = geo::db::ProjectDatabase::open(path);
        data->path = path;
        data->meta = db.meta();
        data->communes = db.communes();
        data->contextCommunes = db.context_communes();
        data->bassins = db.bassins();
        for (geo::db::Facility& f : db.facilities()) data->facilities.push_back(FacilityRecord::from(std::move(f)));
        data->values = db.indicators();
        std::set<std::string> withValues;
        for (const auto& v : data->values)
            if (v.value) withValues.insert(v.indicator);
        for (auto& d : db.indicator_definitions())
            if (withValues.count(d.indicator)) data->definitions.push_back(std::move(d));
        data->provenance = db.provenance();
        data->scene = buildMapScene(data->communes, data->contextCommunes, data->bassins, data->facilities);
        for (auto& c : data->communes) c.geometry = {};
        for (auto& c : data->contextCommunes) c.geometry = {};
        for (auto& b : data->bassins) b.geometry = {};
        result.data = std::move(data);
    } catch (const std::exception& e) {
        result.error = QString::fromUtf8(e.what());
    }
    result.seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
    return result;
}

}  // namespace maillage::app
