#include "app/gui/facility_filter_model.h"

#include <map>

namespace maillage::app {
namespace {
QString q(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }
}  // namespace

FacilityFilterModel::FacilityFilterModel(QObject* parent) : QAbstractListModel(parent) {}

void FacilityFilterModel::setFacilities(const std::vector<FacilityRecord>& facilities) {
    std::map<int, int> statuses, subtypes;
    for (const FacilityRecord& f : facilities) {
        ++statuses[static_cast<int>(f.status)];
        if (f.subtype != layers::FacilitySubtype::none) ++subtypes[static_cast<int>(f.subtype)];
    }
    beginResetModel();
    m_rows.clear();
    for (auto [value, count] : statuses)
        m_rows.push_back({true, value, q(layers::status_label_fr(static_cast<layers::FacilityStatus>(value))), true, count});
    for (auto [value, count] : subtypes)
        m_rows.push_back({false, value, q(layers::subtype_label_fr(static_cast<layers::FacilitySubtype>(value))), true, count});
    endResetModel();
    emit filtersChanged();
}

bool FacilityFilterModel::passes(const FacilityRecord& f) const {
    for (const Row& r : m_rows) {
        if (r.checked) continue;
        if (r.isStatus && r.value == static_cast<int>(f.status)) return false;
        if (!r.isStatus && r.value == static_cast<int>(f.subtype)) return false;
    }
    return true;
}

int FacilityFilterModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant FacilityFilterModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() < 0 || index.row() >= rowCount()) return {};
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case GroupRole: return r.isStatus ? QStringLiteral("status") : QStringLiteral("subtype");
    case KeyRole: return r.value;
    case Qt::DisplayRole:
    case LabelRole: return r.label;
    case CheckedRole: return r.checked;
    case CountRole: return r.count;
    default: return {};
    }
}

bool FacilityFilterModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || role != CheckedRole || index.row() >= rowCount()) return false;
    Row& r = m_rows[static_cast<std::size_t>(index.row())];
    if (r.checked == value.toBool()) return true;
    r.checked = value.toBool();
    emit dataChanged(index, index, {CheckedRole});
    emit filtersChanged();
    return true;
}

Qt::ItemFlags FacilityFilterModel::flags(const QModelIndex& index) const {
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsEditable : Qt::NoItemFlags;
}

QHash<int, QByteArray> FacilityFilterModel::roleNames() const {
    return {{GroupRole, "group"}, {KeyRole, "key"}, {LabelRole, "label"}, {CheckedRole, "filterChecked"}, {CountRole, "count"}};
}

void FacilityFilterModel::setChecked(int row, bool checked) { setData(index(row), checked, CheckedRole); }

}  // namespace maillage::app
