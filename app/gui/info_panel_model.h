// The info panel: the selected commune or facility as labelled rows ("Population",
// "Revenu médian par UC" with commune / bassin / CAPSO / département values...).
//
// Contract: rows are grouped by `section` (displayed as headers); every figure row carries its
// source in `note` so that each number shown is traceable.
// \note QML Type: InfoPanelModel (uncreatable; MapDocument.info)
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace maillage::app {

class InfoPanelModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by MapDocument")
    Q_PROPERTY(QString title READ title NOTIFY contentChanged)
    Q_PROPERTY(QString subtitle READ subtitle NOTIFY contentChanged)
    /// "commune", "facility" or "" (nothing selected)
    Q_PROPERTY(QString kind READ kind NOTIFY contentChanged)

public:
    enum Role {
        SectionRole = Qt::UserRole + 1,
        LabelRole,
        ValueRole,
        NoteRole,       ///< source and vintage of the figure
        EmphasisRole,   ///< the selected place's own value
        SectionStartRole,  ///< first row of its section (draw the header)
    };
    Q_ENUM(Role)

    struct Row {
        QString section;
        QString label;
        QString value;
        QString note;
        bool emphasis = false;  ///< the selected place's own value (vs comparisons)
    };

    explicit InfoPanelModel(QObject* parent = nullptr);

    void setContent(const QString& kind, const QString& title, const QString& subtitle, std::vector<Row> rows);
    void clear();
    [[nodiscard]] const std::vector<Row>& rows() const { return m_rows; }
    /// The value of the first row with this label, or an empty string.
    [[nodiscard]] QString valueOf(const QString& label) const;

    [[nodiscard]] QString title() const { return m_title; }
    [[nodiscard]] QString subtitle() const { return m_subtitle; }
    [[nodiscard]] QString kind() const { return m_kind; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void contentChanged();

private:
    QString m_kind, m_title, m_subtitle;
    std::vector<Row> m_rows;
};

}  // namespace maillage::app
