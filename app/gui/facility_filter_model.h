// Facility filters: by status (ouvert / fermé / en projet) and by subtype (multi-accueil,
// micro-crèche, MAM, ALSH extrascolaire / périscolaire / ados, centre social, EVS). A facility
// is shown when its status is checked and, if it has a subtype, that subtype is checked.
// \note QML Type: FacilityFilterModel (uncreatable; MapDocument.facilityFilters)
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <vector>

#include "app/gui/facility_list_model.h"

namespace maillage::app {

class FacilityFilterModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by MapDocument")

public:
    enum Role {
        GroupRole = Qt::UserRole + 1,  ///< "status" or "subtype"
        KeyRole,                       ///< status key or subtype enum value
        LabelRole,                     ///< French label
        CheckedRole,                   ///< bool, editable
        CountRole,                     ///< facilities with this status / subtype
    };
    Q_ENUM(Role)

    explicit FacilityFilterModel(QObject* parent = nullptr);

    /// Builds one row per status and per subtype present in `facilities`, all checked.
    void setFacilities(const std::vector<FacilityRecord>& facilities);
    [[nodiscard]] bool passes(const FacilityRecord& f) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE void setChecked(int row, bool checked);

signals:
    void filtersChanged();

private:
    struct Row {
        bool isStatus = true;
        int value = 0;  ///< FacilityStatus or FacilitySubtype
        QString label;
        bool checked = true;
        int count = 0;
    };
    std::vector<Row> m_rows;
};

}  // namespace maillage::app
