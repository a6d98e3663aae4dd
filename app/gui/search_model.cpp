#include "app/gui/search_model.h"

#include "app/gui/text_fold.h"

namespace maillage::app {

SearchModel::SearchModel(QObject* parent) : QAbstractListModel(parent) {}

void SearchModel::setEntries(std::vector<Entry> entries) {
    m_entries = std::move(entries);
    m_folded.clear();
    for (const Entry& e : m_entries) m_folded.push_back(foldForSearch(e.name));
    refresh();
}

void SearchModel::setQuery(const QString& query) {
    if (query == m_query) return;
    m_query = query;
    refresh();
    emit queryChanged();
}

void SearchModel::refresh() {
    beginResetModel();
    m_results.clear();
    const QString folded = foldForSearch(m_query);
    if (!folded.isEmpty()) {
        // Three passes: names starting with the query, then a word starting with it, then any
        // inner match; communes before facilities within a pass.
        const auto rank = [&](std::size_t i) {
            const qsizetype at = m_folded[i].indexOf(folded);
            if (at < 0) return -1;
            if (at == 0) return 0;
            return m_folded[i][at - 1] == QLatin1Char(' ') ? 1 : 2;
        };
        for (int pass = 0; pass < 3; ++pass)
            for (const char* kind : {"commune", "facility"})
                for (std::size_t i = 0; i < m_entries.size(); ++i) {
                    if (m_entries[i].kind != QLatin1String(kind) || rank(i) != pass) continue;
                    if (static_cast<int>(m_results.size()) < kMaxResults) m_results.push_back(static_cast<int>(i));
                }
    }
    endResetModel();
}

int SearchModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_results.size());
}

const SearchModel::Entry* SearchModel::result(int row) const {
    if (row < 0 || row >= rowCount()) return nullptr;
    return &m_entries[static_cast<std::size_t>(m_results[static_cast<std::size_t>(row)])];
}

QVariant SearchModel::data(const QModelIndex& index, int role) const {
    const Entry* e = result(index.isValid() ? index.row() : -1);
    if (!e) return {};
    switch (role) {
    case KindRole: return e->kind;
    case IndexRole: return e->index;
    case Qt::DisplayRole:
    case NameRole: return e->name;
    case DetailRole: return e->detail;
    default: return {};
    }
}

QHash<int, QByteArray> SearchModel::roleNames() const {
    return {{KindRole, "kind"}, {IndexRole, "entryIndex"}, {NameRole, "name"}, {DetailRole, "detail"}};
}

}  // namespace maillage::app
