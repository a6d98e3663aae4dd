// Search results for the search box: communes and facilities whose folded name contains the
// folded query (accent- and case-insensitive, see text_fold.h), communes first, names starting
// with the query before names merely containing it.
// \note QML Type: SearchModel (uncreatable; MapDocument.search)
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace maillage::app {

class SearchModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by MapDocument")
    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY queryChanged)

public:
    enum Role { KindRole = Qt::UserRole + 1, IndexRole, NameRole, DetailRole };
    Q_ENUM(Role)

    struct Entry {
        QString kind;    ///< "commune" or "facility"
        int index = -1;  ///< commune or facility index in the document
        QString name;
        QString detail;  ///< "Bassin urbain" / "EAJE · Arques"
    };

    explicit SearchModel(QObject* parent = nullptr);

    /// The searchable entries (folded once here).
    void setEntries(std::vector<Entry> entries);
    [[nodiscard]] QString query() const { return m_query; }
    void setQuery(const QString& query);
    /// At most this many results are listed.
    static constexpr int kMaxResults = 12;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] const Entry* result(int row) const;

signals:
    void queryChanged();

private:
    void refresh();
    std::vector<Entry> m_entries;
    std::vector<QString> m_folded;
    std::vector<int> m_results;
    QString m_query;
};

}  // namespace maillage::app
