#include "app/gui/info_panel_model.h"

namespace maillage::app {

InfoPanelModel::InfoPanelModel(QObject* parent) : QAbstractListModel(parent) {}

void InfoPanelModel::setContent(const QString& kind, const QString& title, const QString& subtitle,
                                std::vector<Row> rows) {
    beginResetModel();
    m_kind = kind;
    m_title = title;
    m_subtitle = subtitle;
    m_rows = std::move(rows);
    endResetModel();
    emit contentChanged();
}

void InfoPanelModel::clear() { setContent({}, {}, {}, {}); }

QString InfoPanelModel::valueOf(const QString& label) const {
    for (const Row& r : m_rows)
        if (r.label == label) return r.value;
    return {};
}

int InfoPanelModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant InfoPanelModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() < 0 || index.row() >= rowCount()) return {};
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case SectionRole: return r.section;
    case Qt::DisplayRole:
    case LabelRole: return r.label;
    case ValueRole: return r.value;
    case NoteRole: return r.note;
    case EmphasisRole: return r.emphasis;
    case SectionStartRole: return index.row() == 0 || m_rows[static_cast<std::size_t>(index.row() - 1)].section != r.section;
    default: return {};
    }
}

QHash<int, QByteArray> InfoPanelModel::roleNames() const {
    return {{SectionRole, "section"}, {LabelRole, "label"}, {ValueRole, "value"}, {NoteRole, "note"}, {EmphasisRole, "emphasis"}, {SectionStartRole, "sectionStart"}};
}

}  // namespace maillage::app
