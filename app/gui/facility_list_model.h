// Facilities (family services with a place) as a list model: what the info panel, the search
// and the facility list show, plus whether each one passes the current filters.
//
// Contract: row i is facility i of MapScene::facilities (database order, by uid). Text roles
// are French. `shown` is false when the status/subtype filters (FacilityFilterModel) or the
// family's layer visibility hide the facility.
// \note QML Type: FacilityListModel (uncreatable; MapDocument.facilities)
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <optional>
#include <vector>

#include "geo/db/project_db.h"
#include "layers/facility_style.h"

namespace maillage::app {

struct FacilityRecord {
    geo::db::Facility row;
    layers::FacilityFamily family = layers::FacilityFamily::OTHER;
    layers::FacilitySubtype subtype = layers::FacilitySubtype::none;
    layers::FacilityStatus status = layers::FacilityStatus::open;
    layers::LocationPrecision precision = layers::LocationPrecision::unknown;

    static FacilityRecord from(geo::db::Facility f);
};

class FacilityListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by MapDocument")

public:
    enum Role {
        UidRole = Qt::UserRole + 1,
        NameRole,
        FamilyRole,          ///< key: EAJE, RPE, ...
        FamilyLabelRole,     ///< "Établissements d'accueil du jeune enfant (EAJE)" ...
        SubtypeLabelRole,    ///< "Micro-crèche", ... or empty
        StatusRole,          ///< open, closed, project
        StatusLabelRole,     ///< "Ouvert", "Fermé", "En projet"
        CommuneRole,
        AddressRole,
        OperatorRole,
        CapacityRole,        ///< int, or undefined when unknown
        HoursRole,           ///< opening notes as the CTG writes them
        PrecisionLabelRole,  ///< "Localisé à l'adresse", "Localisé à la commune (...)"
        ApproximateRole,     ///< bool: located only to the commune
        SourceLineRole,      ///< int line of the CTG document, or undefined
        ShownRole,           ///< passes filters and layer visibility
    };
    Q_ENUM(Role)

    explicit FacilityListModel(QObject* parent = nullptr);

    void setFacilities(std::vector<FacilityRecord> facilities);
    [[nodiscard]] const std::vector<FacilityRecord>& facilities() const { return m_facilities; }
    void setShown(const std::vector<bool>& shown);
    [[nodiscard]] const std::vector<bool>& shown() const { return m_shown; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    std::vector<FacilityRecord> m_facilities;
    std::vector<bool> m_shown;
};

}  // namespace maillage::app
