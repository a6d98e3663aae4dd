#include "app/gui/map_document.h"

#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

#include "layers/format.h"

namespace maillage::app {
namespace {

QString q(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

/// The CTG's three indicators come first in the indicator list, in this order.
int ctgRank(const std::string& key) {
    if (key.rfind("indice_jeunesse", 0) == 0) return 0;
    if (key.rfind("taux_motorisation", 0) == 0) return 1;
    if (key.rfind("revenu_median_uc", 0) == 0) return 2;
    return 3;
}

QColor toQColor(layers::Rgb c) { return QColor(c.r, c.g, c.b); }

}  // namespace

MapDocument::MapDocument(QObject* parent) : QObject(parent) {
    connect(&m_watcher, &QFutureWatcher<LoadResult>::finished, this, [this] {
        LoadResult r = m_watcher.result();
        m_loading = false;
        if (r.data) {
            applyProject(std::move(r.data));
        } else {
            m_error = r.error;
            emit loadedChanged();
        }
    });
    connect(&m_layers, &LayerListModel::layersChanged, this, &MapDocument::rebuildStyle);
    connect(&m_filters, &FacilityFilterModel::filtersChanged, this, &MapDocument::rebuildStyle);
}

MapDocument::~MapDocument() { m_watcher.waitForFinished(); }

void MapDocument::load(const QString& path) {
    m_path = path;
    m_loading = true;
    m_error.clear();
    emit loadedChanged();
    const std::filesystem::path p = path.toStdString();
    m_watcher.setFuture(QtConcurrent::run([p] { return loadProject(p); }));
}

bool MapDocument::loadBlocking(const QString& path) {
    m_path = path;
    LoadResult r = loadProject(path.toStdString());
    if (!r.data) {
        m_error = r.error;
        emit loadedChanged();
        return false;
    }
    applyProject(std::move(r.data));
    return true;
}

void MapDocument::applyProject(std::shared_ptr<ProjectData> project) {
    m_project = std::move(project);
    m_error.clear();
    m_selectedCommune = m_selectedFacility = -1;
    auto scene = std::make_shared<MapScene>(*m_project->scene);
    scene->stress = m_stress;
    m_scene = scene;

    m_facilities.setFacilities(m_project->facilities);
    m_filters.setFacilities(m_project->facilities);
    setupLayers();

    std::vector<SearchModel::Entry> entries;
    for (std::size_t i = 0; i < m_project->communes.size(); ++i) {
        const auto& c = m_project->communes[i];
        entries.push_back({QStringLiteral("commune"), static_cast<int>(i), q(c.name), q(c.bassin_name)});
    }
    for (std::size_t i = 0; i < m_project->facilities.size(); ++i) {
        const auto& f = m_project->facilities[i];
        entries.push_back({QStringLiteral("facility"), static_cast<int>(i), q(f.row.name),
                           q(layers::family_info(f.family).key) + QStringLiteral(" · ") + q(f.row.commune_name)});
    }
    m_search.setEntries(std::move(entries));

    // Default indicator: the first CTG indicator present.
    const QVariantList list = indicators();
    m_indicator = list.isEmpty() ? QString() : list.front().toMap().value(QStringLiteral("key")).toString();
    if (const auto* d = definition(m_indicator))
        m_scheme = q(layers::scheme_info(layers::default_scheme(d->scheme == "diverging" ? layers::SchemeKind::diverging
                                                                                         : layers::SchemeKind::sequential)).name);
    m_manualBreaks = defaultManualBreaks();
    m_info.clear();
    recomputeChoropleth();
    emit loadedChanged();
    emit sceneChanged();
}

void MapDocument::setStressLayer(std::shared_ptr<const PolygonLayerMesh> mesh) {
    m_stress = std::move(mesh);
    if (m_scene) {
        auto scene = std::make_shared<MapScene>(*m_scene);
        scene->stress = m_stress;
        m_scene = scene;
    }
    if (m_project) setupLayers();
    emit sceneChanged();
}

void MapDocument::setupLayers() {
    std::vector<LayerListModel::Layer> layers;
    std::map<layers::FacilityFamily, int> counts;
    for (const FacilityRecord& f : m_project->facilities) ++counts[f.family];
    for (const layers::FamilyInfo& fam : layers::all_families()) {
        if (!counts.count(fam.family)) continue;
        // "Other" services (town halls, schools... cited by the CTG) would bury the family
        // services under crosses: listed, but off until the user asks.
        const bool visible = fam.family != layers::FacilityFamily::OTHER;
        layers.push_back({QStringLiteral("family:") + q(fam.key), q(fam.label_fr), QStringLiteral("facility"), visible, 1.0,
                          q(fam.key), counts[fam.family]});
    }
    layers.push_back({QStringLiteral("labels"), tr("Commune names"), QStringLiteral("labels"), true, 1.0, {},
                      static_cast<int>(m_project->communes.size())});
    layers.push_back({QStringLiteral("bassins"), tr("Bassins de vie (boundaries)"), QStringLiteral("polygon"), true, 1.0, {},
                      static_cast<int>(m_project->bassins.size())});
    layers.push_back({QStringLiteral("communes"), tr("CAPSO communes (choropleth)"), QStringLiteral("polygon"), true, 1.0, {},
                      static_cast<int>(m_project->communes.size())});
    if (m_stress)
        layers.push_back({QStringLiteral("stress"), tr("Stress test polygons"), QStringLiteral("polygon"), true, 1.0, {},
                          static_cast<int>(m_stress->features.size())});
    layers.push_back({QStringLiteral("context"), tr("Neighbouring communes"), QStringLiteral("polygon"), true, 1.0, {},
                      static_cast<int>(m_project->contextCommunes.size())});
    m_layers.setLayers(std::move(layers));  // emits layersChanged → rebuildStyle
}

const geo::db::IndicatorDefinition* MapDocument::definition(const QString& key) const {
    if (!m_project) return nullptr;
    for (const auto& d : m_project->definitions)
        if (q(d.indicator) == key) return &d;
    return nullptr;
}

QVariantList MapDocument::indicators() const {
    QVariantList out;
    if (!m_project) return out;
    std::vector<const geo::db::IndicatorDefinition*> defs;
    for (const auto& d : m_project->definitions) defs.push_back(&d);
    std::stable_sort(defs.begin(), defs.end(), [](auto* a, auto* b) { return ctgRank(a->indicator) < ctgRank(b->indicator); });
    for (const auto* d : defs) {
        out.append(QVariantMap{{QStringLiteral("key"), q(d->indicator)},
                               {QStringLiteral("label"), q(d->label_fr)},
                               {QStringLiteral("unit"), q(d->unit)},
                               {QStringLiteral("ctg"), ctgRank(d->indicator) < 3}});
    }
    return out;
}

QVariantList MapDocument::bassins() const {
    QVariantList out;
    if (!m_project) return out;
    for (std::size_t i = 0; i < m_project->bassins.size(); ++i)
        out.append(QVariantMap{{QStringLiteral("index"), static_cast<int>(i)},
                               {QStringLiteral("id"), q(m_project->bassins[i].bassin_id)},
                               {QStringLiteral("name"), q(m_project->bassins[i].name)}});
    return out;
}

QVariantList MapDocument::methods() const {
    QVariantList out;
    for (layers::Method m : {layers::Method::jenks, layers::Method::quantiles, layers::Method::equal_intervals, layers::Method::manual})
        out.append(QVariantMap{{QStringLiteral("key"), q(layers::method_key(m))}, {QStringLiteral("label"), q(layers::method_label_fr(m))}});
    return out;
}

QVariantList MapDocument::schemes() const {
    QVariantList out;
    for (const layers::SchemeInfo& s : layers::all_schemes()) {
        QVariantList colors;
        for (layers::Rgb c : layers::ramp(s.scheme, 5)) colors.append(toQColor(c));
        out.append(QVariantMap{{QStringLiteral("name"), q(s.name)},
                               {QStringLiteral("kind"), s.kind == layers::SchemeKind::sequential ? QStringLiteral("sequential") : QStringLiteral("diverging")},
                               {QStringLiteral("colors"), colors}});
    }
    return out;
}

void MapDocument::setIndicator(const QString& key) {
    if (key == m_indicator || !definition(key)) return;
    m_indicator = key;
    const auto* d = definition(key);
    const layers::Scheme current = layers::scheme_from_name(m_scheme.toStdString()).value_or(layers::Scheme::YlOrRd);
    const layers::SchemeKind wanted = d->scheme == "diverging" ? layers::SchemeKind::diverging : layers::SchemeKind::sequential;
    if (layers::scheme_info(current).kind != wanted) m_scheme = q(layers::scheme_info(layers::default_scheme(wanted)).name);
    m_manualBreaks = defaultManualBreaks();
    recomputeChoropleth();
}

void MapDocument::setMethod(const QString& key) {
    if (key == m_method || !layers::method_from_key(key.toStdString())) return;
    m_method = key;
    recomputeChoropleth();
}

void MapDocument::setClassCount(int classes) {
    classes = std::clamp(classes, layers::kMinClasses, layers::kMaxClasses);
    if (classes == m_classCount) return;
    m_classCount = classes;
    recomputeChoropleth();
}

void MapDocument::setScheme(const QString& name) {
    if (name == m_scheme || !layers::scheme_from_name(name.toStdString())) return;
    m_scheme = name;
    recomputeChoropleth();
}

void MapDocument::setReversed(bool reversed) {
    if (reversed == m_reversed) return;
    m_reversed = reversed;
    recomputeChoropleth();
}

void MapDocument::setManualBreaks(const QString& text) {
    if (text == m_manualBreaks) return;
    m_manualBreaks = text;
    if (m_method == QLatin1String("manual")) recomputeChoropleth();
    else emit choroplethChanged();
}

std::vector<double> MapDocument::parsedManualBreaks(bool* ok) const {
    std::vector<double> out;
    *ok = true;
    for (QString part : m_manualBreaks.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        part.remove(QRegularExpression(QStringLiteral("[\\s\\x{00A0}\\x{202F}€%]")));
        part.replace(QLatin1Char(','), QLatin1Char('.'));
        bool partOk = false;
        const double v = part.toDouble(&partOk);
        if (!partOk) {
            *ok = false;
            return {};
        }
        out.push_back(v);
    }
    return out;
}

QString MapDocument::defaultManualBreaks() const {
    std::vector<double> breaks;
    int decimals = 0;
    if (const auto* d = definition(m_indicator)) {
        decimals = d->decimals;
        if (d->indicator.rfind("revenu_median", 0) == 0) {
            breaks = layers::ctg_income_breaks();
        } else if (m_project) {
            std::vector<geo::db::IndicatorValue> values;
            for (const auto& v : m_project->values)
                if (v.indicator == d->indicator) values.push_back(v);
            try {
                ChoroplethRequest r{d->indicator, layers::Method::equal_intervals, 4, layers::Scheme::YlOrRd, false, {}};
                breaks = computeChoropleth(r, m_project->communes, *d, values).classification.breaks();
            } catch (const std::exception&) {
            }
        }
    }
    QStringList parts;
    for (double b : breaks) parts << q(layers::format_number(b, decimals));
    return parts.join(QStringLiteral(" ; "));
}

void MapDocument::recomputeChoropleth() {
    m_choroplethError.clear();
    const auto* d = definition(m_indicator);
    if (!d) {
        m_choropleth.reset();
        m_legend.clear();
        rebuildStyle();
        emit choroplethChanged();
        return;
    }
    ChoroplethRequest request;
    request.indicator = d->indicator;
    request.method = layers::method_from_key(m_method.toStdString()).value_or(layers::Method::jenks);
    request.classes = m_classCount;
    request.scheme = layers::scheme_from_name(m_scheme.toStdString()).value_or(layers::Scheme::YlOrRd);
    request.reversed = m_reversed;
    if (request.method == layers::Method::manual) {
        bool ok = false;
        request.manualBreaks = parsedManualBreaks(&ok);
        if (!ok) m_choroplethError = tr("Manual breaks must be numbers separated by semicolons.");
    }
    std::vector<geo::db::IndicatorValue> values;
    for (const auto& v : m_project->values)
        if (v.indicator == d->indicator) values.push_back(v);
    if (m_choroplethError.isEmpty()) {
        try {
            m_choropleth = computeChoropleth(request, m_project->communes, *d, values);
            const QString noun = m_choropleth->countNoun == "bassins" ? tr("bassins") : tr("communes");
            m_legend.setLegend(m_choropleth->legend, noun);
        } catch (const std::exception& e) {
            m_choroplethError = QString::fromUtf8(e.what());
        }
    }
    rebuildStyle();
    refreshInfo();
    emit choroplethChanged();
}

void MapDocument::rebuildStyle() {
    if (!m_project) return;
    MapStyle s;
    s.polygonLayers = m_layers.polygonOrder();
    s.families = m_layers.familyOrder();
    s.labelsVisible = m_layers.labelsVisible();
    const std::size_t n = m_project->communes.size();
    s.communeFill.assign(n, palette::kNoData);
    s.communeNoData.assign(n, true);
    if (m_choropleth) {
        for (std::size_t i = 0; i < n && i < m_choropleth->communeClass.size(); ++i) {
            if (const auto k = m_choropleth->communeClass[i]) {
                s.communeFill[i] = toQColor(m_choropleth->classColors[*k]);
                s.communeNoData[i] = false;
            }
        }
    }
    std::vector<bool> shown;
    for (const FacilityRecord& f : m_project->facilities) {
        const FamilyDraw* fam = s.family(q(layers::family_info(f.family).key));
        shown.push_back(m_filters.passes(f) && (!fam || fam->visible));
    }
    s.facilityVisible.clear();
    for (const FacilityRecord& f : m_project->facilities) s.facilityVisible.push_back(m_filters.passes(f));
    m_facilities.setShown(shown);
    s.hoveredCommune = m_style.hoveredCommune;
    s.hoveredFacility = m_style.hoveredFacility;
    s.selectedCommune = m_selectedCommune;
    s.selectedFacility = m_selectedFacility;
    s.expandedSite = m_style.expandedSite;
    m_style = std::move(s);
    emit styleChanged();
}

void MapDocument::selectCommune(int commune) {
    if (!m_project || commune >= static_cast<int>(m_project->communes.size())) commune = -1;
    m_selectedCommune = commune;
    m_selectedFacility = -1;
    refreshInfo();
    rebuildStyle();
}

void MapDocument::selectFacility(int facility) {
    if (!m_project || facility >= static_cast<int>(m_project->facilities.size())) facility = -1;
    m_selectedFacility = facility;
    m_selectedCommune = -1;
    refreshInfo();
    rebuildStyle();
}

void MapDocument::clearSelection() {
    m_selectedCommune = m_selectedFacility = -1;
    refreshInfo();
    rebuildStyle();
}

void MapDocument::setHovered(int commune, int facility) {
    if (commune == m_style.hoveredCommune && facility == m_style.hoveredFacility) return;
    m_style.hoveredCommune = commune;
    m_style.hoveredFacility = facility;
    emit styleChanged();
}

void MapDocument::toggleExpandedSite(const QString& siteKey) {
    m_style.expandedSite = m_style.expandedSite == siteKey ? QString() : siteKey;
    emit styleChanged();
}

void MapDocument::activateSearchResult(int row) {
    const SearchModel::Entry* e = m_search.result(row);
    if (!e) return;
    if (e->kind == QLatin1String("commune")) {
        selectCommune(e->index);
        zoomToCommune(e->index);
    } else {
        selectFacility(e->index);
        zoomToFacility(e->index);
    }
}

void MapDocument::zoomToCommune(int commune) {
    if (!m_scene || commune < 0 || static_cast<std::size_t>(commune) >= m_scene->communes->features.size()) return;
    const WorldRect& b = m_scene->communes->features[static_cast<std::size_t>(commune)].bounds;
    emit zoomRequested(b.minX, b.minY, b.maxX, b.maxY);
}

void MapDocument::zoomToFacility(int facility) {
    if (!m_scene || facility < 0 || static_cast<std::size_t>(facility) >= m_scene->facilities.size()) return;
    const QPointF p = m_scene->facilities[static_cast<std::size_t>(facility)].position;
    emit zoomRequested(p.x() - 1500, p.y() - 1500, p.x() + 1500, p.y() + 1500);
}

int MapDocument::communeIndex(const QString& insee) const {
    if (!m_project) return -1;
    for (std::size_t i = 0; i < m_project->communes.size(); ++i)
        if (q(m_project->communes[i].insee) == insee) return static_cast<int>(i);
    return -1;
}

QString MapDocument::communeHoverText(int commune) const {
    if (!m_project || commune < 0 || static_cast<std::size_t>(commune) >= m_project->communes.size()) return {};
    const auto i = static_cast<std::size_t>(commune);
    QString text = q(m_project->communes[i].name);
    if (m_choropleth && i < m_choropleth->communeValue.size()) {
        const auto* d = definition(m_indicator);
        const auto& v = m_choropleth->communeValue[i];
        text += QStringLiteral(" — ") + (v ? q(layers::format_value(*v, displayUnit(d->unit), d->decimals)) : tr("not available"));
    }
    return text;
}

QString MapDocument::facilityHoverText(int facility) const {
    if (!m_project || facility < 0 || static_cast<std::size_t>(facility) >= m_project->facilities.size()) return {};
    const FacilityRecord& f = m_project->facilities[static_cast<std::size_t>(facility)];
    return q(f.row.name) + QStringLiteral(" — ") + q(layers::status_label_fr(f.status));
}

void MapDocument::refreshInfo() {
    if (!m_project) return;
    using Row = InfoPanelModel::Row;
    std::vector<Row> rows;
    if (m_selectedCommune >= 0) {
        const auto& c = m_project->communes[static_cast<std::size_t>(m_selectedCommune)];
        const QString place = tr("Commune");
        rows.push_back({place, tr("INSEE code"), q(c.insee), {}, false});
        rows.push_back({place, tr("Population"), q(layers::format_value(static_cast<double>(c.population), "hab.", 0)),
                        tr("Population municipale in force in 2026 (INSEE RP 2022, DGCL)"), false});
        rows.push_back({place, tr("Bassin de vie"), q(c.bassin_name), tr("As defined by the CTG"), false});
        if (c.rpe_sector) rows.push_back({place, tr("RPE sector"), q(*c.rpe_sector), tr("CTG"), false});
        if (const auto* d = definition(m_indicator)) {
            const QString section = q(d->label_fr);
            struct Level {
                std::string scope, code;
                QString label;
            };
            const std::vector<Level> levels = {{"commune", c.insee, q(c.name)},
                                               {"bassin", c.bassin_id, q(c.bassin_name)},
                                               {"capso", "200069037", tr("CAPSO")},
                                               {"departement", c.departement, tr("Département (%1)").arg(q(c.departement))}};
            std::vector<geo::db::IndicatorValue> values;
            for (const auto& v : m_project->values)
                if (v.indicator == d->indicator) values.push_back(v);
            for (const Level& level : levels) {
                const geo::db::IndicatorValue* best = bestValue(values, level.scope, level.code);
                if (!best) continue;  // the database has no figure at this level
                const QString value = best->value ? q(layers::format_value(*best->value, displayUnit(d->unit), d->decimals))
                                                  : q(layers::kNotAvailable);
                QString note = q(best->source.empty() ? d->source : best->source);
                if (best->year) note += QStringLiteral(", ") + QString::number(*best->year);
                if (!best->method.empty()) note += QStringLiteral(" — ") + q(best->method);
                // The CTG's own figure, when it prints one and ours comes from elsewhere.
                for (const auto& v : values)
                    if (v.scope == level.scope && v.place_code == level.code && v.origin == "ctg" && &v != best && v.value)
                        note += QStringLiteral(" · ") + tr("CTG document: %1").arg(q(layers::format_value(*v.value, displayUnit(d->unit), d->decimals)));
                rows.push_back({section, level.label, value, note, level.scope == "commune"});
            }
            if (m_choropleth && m_choropleth->scope != layers::Scope::commune)
                rows.push_back({section, tr("Map scale"), q(m_choropleth->legend.scope_note), {}, false});
        }
        // Facilities in the commune, per family.
        std::map<layers::FacilityFamily, int> counts;
        for (const FacilityRecord& f : m_project->facilities)
            if (f.row.commune_insee == c.insee && f.status != layers::FacilityStatus::closed) ++counts[f.family];
        for (auto [family, count] : counts)
            rows.push_back({tr("Facilities in the commune (open or planned)"), q(layers::family_info(family).label_fr),
                            QString::number(count), {}, false});
        m_info.setContent(QStringLiteral("commune"), q(c.name), q(c.bassin_name), std::move(rows));
    } else if (m_selectedFacility >= 0) {
        const FacilityRecord& r = m_project->facilities[static_cast<std::size_t>(m_selectedFacility)];
        const geo::db::Facility& f = r.row;
        const QString section = tr("Facility");
        QString status = q(layers::status_label_fr(r.status));
        if (!f.status_note.empty()) status += QStringLiteral(" (") + q(f.status_note) + QStringLiteral(")");
        rows.push_back({section, tr("Status"), status, {}, true});
        if (!f.operator_name.empty()) rows.push_back({section, tr("Operator"), q(f.operator_name), {}, false});
        QString address = q(f.address);
        if (!f.postcode.empty() || !f.commune_name.empty())
            address += (address.isEmpty() ? QString() : QStringLiteral(", ")) + q(f.postcode) +
                       (f.postcode.empty() ? QString() : QStringLiteral(" ")) + q(f.commune_name);
        rows.push_back({section, tr("Address"), address.isEmpty() ? tr("not given") : address, {}, false});
        rows.push_back({section, tr("Capacity"),
                        f.capacity ? tr("%1 places").arg(*f.capacity) : tr("not given by the CTG"), {}, false});
        if (f.count && *f.count > 1) rows.push_back({section, tr("Number of structures"), QString::number(*f.count), {}, false});
        rows.push_back({section, tr("Opening hours"), f.opening_notes.empty() ? tr("not given") : q(f.opening_notes), {}, false});
        const bool approximate = r.precision != layers::LocationPrecision::address;
        rows.push_back({section, tr("Location"),
                        approximate ? tr("located to the commune (approximate position: the commune's main settlement)")
                                    : tr("located at the address"),
                        {}, approximate});
        rows.push_back({tr("Source"), tr("CTG line"),
                        f.source_line ? tr("Convention territoriale globale, line %1").arg(*f.source_line) : tr("not given"),
                        f.other_lines.empty() ? QString() : tr("See also lines %1").arg(q(f.other_lines)), false});
        if (!f.notes.empty()) rows.push_back({tr("Source"), tr("Notes"), q(f.notes), {}, false});
        QString subtitle = q(layers::family_info(r.family).label_fr);
        if (r.subtype != layers::FacilitySubtype::none) subtitle += QStringLiteral(" · ") + q(layers::subtype_label_fr(r.subtype));
        m_info.setContent(QStringLiteral("facility"), q(f.name), subtitle, std::move(rows));
    } else {
        m_info.clear();
    }
}

}  // namespace maillage::app
