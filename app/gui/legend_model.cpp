#include "app/gui/legend_model.h"

namespace maillage::app {
namespace {
QColor toQColor(layers::Rgb c) { return QColor(c.r, c.g, c.b); }
QString q(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

LegendModel::LegendModel(QObject* parent) : QAbstractListModel(parent) {}

void LegendModel::setLegend(const layers::LegendSpec& spec, const QString& countNoun) {
    beginResetModel();
    m_rows.clear();
    for (const layers::LegendEntry& e : spec.entries)
        m_rows.push_back({q(e.label), toQColor(e.color), static_cast<int>(e.count), false, e.hatched});
    if (spec.no_data)
        m_rows.push_back({q(spec.no_data->label), toQColor(spec.no_data->color), static_cast<int>(spec.no_data->count),
                          true, spec.no_data->hatched});
    m_title = q(spec.title);
    m_unit = q(spec.unit);
    m_scopeNote = q(spec.scope_note);
    m_methodNote = q(spec.method_note);
    m_sourceLine = q(spec.source_line);
    m_countNoun = countNoun;
    endResetModel();
    emit legendChanged();
}

void LegendModel::clear() {
    beginResetModel();
    m_rows.clear();
    m_title = m_unit = m_scopeNote = m_methodNote = m_sourceLine = m_countNoun = QString();
    endResetModel();
    emit legendChanged();
}

int LegendModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant LegendModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() < 0 || index.row() >= rowCount()) return {};
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case LabelRole: return r.label;
    case ColorRole: return r.color;
    case CountRole: return r.count;
    case NoDataRole: return r.noData;
    case HatchedRole: return r.hatched;
    default: return {};
    }
}

QHash<int, QByteArray> LegendModel::roleNames() const {
    return {{LabelRole, "label"}, {ColorRole, "swatchColor"}, {CountRole, "count"}, {NoDataRole, "noData"},
            {HatchedRole, "hatched"}};
}

}  // namespace maillage::app
