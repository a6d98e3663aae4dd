// The choropleth legend: one row per class (label with French-formatted bounds, colour, count)
// and, when some values are missing, a separate "données non disponibles" row.
//
// Contract: a thin Qt view of layers::LegendSpec (layers/legend.h); it formats nothing itself.
// \note QML Type: LegendModel (uncreatable; MapDocument.legend)
#pragma once

#include <QAbstractListModel>
#include <QColor>
#include <QtQml/qqmlregistration.h>

#include "layers/legend.h"

namespace maillage::app {

class LegendModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by MapDocument")
    /// "Revenu médian par unité de consommation"
    Q_PROPERTY(QString title READ title NOTIFY legendChanged)
    Q_PROPERTY(QString unit READ unit NOTIFY legendChanged)
    /// Empty at commune scale; "donnée à l'échelle du bassin de vie" otherwise.
    Q_PROPERTY(QString scopeNote READ scopeNote NOTIFY legendChanged)
    /// "Seuils naturels (Jenks), 5 classes"
    Q_PROPERTY(QString methodNote READ methodNote NOTIFY legendChanged)
    /// "Source : INSEE, Filosofi 2021"
    Q_PROPERTY(QString sourceLine READ sourceLine NOTIFY legendChanged)
    /// What the counts count: "communes" or "bassins".
    Q_PROPERTY(QString countNoun READ countNoun NOTIFY legendChanged)

public:
    enum Role {
        LabelRole = Qt::UserRole + 1,  ///< "20 000 – 21 400 €" or "données non disponibles"
        ColorRole,                     ///< QColor of the swatch
        CountRole,                     ///< places in the row
        NoDataRole,                    ///< true for the missing-values row
        HatchedRole,                   ///< draw the swatch hatched
    };
    Q_ENUM(Role)

    explicit LegendModel(QObject* parent = nullptr);

    void setLegend(const layers::LegendSpec& spec, const QString& countNoun);
    void clear();

    [[nodiscard]] QString title() const { return m_title; }
    [[nodiscard]] QString unit() const { return m_unit; }
    [[nodiscard]] QString scopeNote() const { return m_scopeNote; }
    [[nodiscard]] QString methodNote() const { return m_methodNote; }
    [[nodiscard]] QString sourceLine() const { return m_sourceLine; }
    [[nodiscard]] QString countNoun() const { return m_countNoun; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void legendChanged();

private:
    struct Row {
        QString label;
        QColor color;
        int count = 0;
        bool noData = false;
        bool hatched = false;
    };
    std::vector<Row> m_rows;
    QString m_title, m_unit, m_scopeNote, m_methodNote, m_sourceLine, m_countNoun;
};

}  // namespace maillage::app
