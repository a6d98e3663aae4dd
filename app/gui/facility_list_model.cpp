#include "app/gui/facility_list_model.h"

namespace maillage::app {
namespace {
QString q(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }
}  // namespace

FacilityRecord FacilityRecord::from(geo::db::Facility f) {
    FacilityRecord r;
    r.family = layers::family_from_key(f.family).value_or(layers::FacilityFamily::OTHER);
    r.subtype = layers::subtype_from_type(f.type);
    r.status = layers::status_from_text(f.status).value_or(layers::FacilityStatus::open);
    r.precision = layers::precision_from_text(f.location_precision);
    r.row = std::move(f);
    return r;
}

FacilityListModel::FacilityListModel(QObject* parent) : QAbstractListModel(parent) {}

void FacilityListModel::setFacilities(std::vector<FacilityRecord> facilities) {
    beginResetModel();
    m_facilities = std::move(facilities);
    m_shown.assign(m_facilities.size(), true);
    endResetModel();
}

void FacilityListModel::setShown(const std::vector<bool>& shown) {
    if (shown == m_shown || shown.size() != m_facilities.size()) return;
    m_shown = shown;
    if (!m_facilities.empty()) emit dataChanged(index(0), index(rowCount() - 1), {ShownRole});
}

int FacilityListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_facilities.size());
}

QVariant FacilityListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() < 0 || index.row() >= rowCount()) return {};
    const auto i = static_cast<std::size_t>(index.row());
    const FacilityRecord& r = m_facilities[i];
    const geo::db::Facility& f = r.row;
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return q(f.name);
    case UidRole: return q(f.uid);
    case FamilyRole: return q(layers::family_info(r.family).key);
    case FamilyLabelRole: return q(layers::family_info(r.family).label_fr);
    case SubtypeLabelRole: return q(layers::subtype_label_fr(r.subtype));
    case StatusRole: return q(f.status.substr(0, f.status.find(' ')));
    case StatusLabelRole: return q(layers::status_label_fr(r.status));
    case CommuneRole: return q(f.commune_name);
    case AddressRole: return q(f.address);
    case OperatorRole: return q(f.operator_name);
    case CapacityRole: return f.capacity ? QVariant(static_cast<int>(*f.capacity)) : QVariant();
    case HoursRole: return q(f.opening_notes);
    case PrecisionLabelRole: return q(layers::precision_label_fr(r.precision));
    case ApproximateRole: return r.precision != layers::LocationPrecision::address;
    case SourceLineRole: return f.source_line ? QVariant(static_cast<int>(*f.source_line)) : QVariant();
    case ShownRole: return i < m_shown.size() ? m_shown[i] : true;
    default: return {};
    }
}

QHash<int, QByteArray> FacilityListModel::roleNames() const {
    return {{UidRole, "uid"},
            {NameRole, "name"},
            {FamilyRole, "family"},
            {FamilyLabelRole, "familyLabel"},
            {SubtypeLabelRole, "subtypeLabel"},
            {StatusRole, "status"},
            {StatusLabelRole, "statusLabel"},
            {CommuneRole, "commune"},
            {AddressRole, "address"},
            {OperatorRole, "operatorName"},
            {CapacityRole, "capacity"},
            {HoursRole, "hours"},
            {PrecisionLabelRole, "precisionLabel"},
            {ApproximateRole, "approximate"},
            {SourceLineRole, "sourceLine"},
            {ShownRole, "shown"}};
}

}  // namespace maillage::app
