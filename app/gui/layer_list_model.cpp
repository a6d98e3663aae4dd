#include "app/gui/layer_list_model.h"

#include <algorithm>

namespace maillage::app {

LayerListModel::LayerListModel(QObject* parent) : QAbstractListModel(parent) {}

void LayerListModel::setLayers(std::vector<Layer> layers) {
    beginResetModel();
    m_layers = std::move(layers);
    endResetModel();
    emit layersChanged();
}

int LayerListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_layers.size());
}

QVariant LayerListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() < 0 || index.row() >= rowCount()) return {};
    const Layer& l = m_layers[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return l.name;
    case KeyRole: return l.key;
    case KindRole: return l.kind;
    case VisibleRole: return l.visible;
    case OpacityRole: return l.opacity;
    case FamilyRole: return l.family;
    case CountRole: return l.count;
    default: return {};
    }
}

bool LayerListModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (!index.isValid() || index.row() < 0 || index.row() >= rowCount()) return false;
    Layer& l = m_layers[static_cast<std::size_t>(index.row())];
    if (role == VisibleRole) {
        if (l.visible == value.toBool()) return true;
        l.visible = value.toBool();
    } else if (role == OpacityRole) {
        const double o = std::clamp(value.toDouble(), 0.0, 1.0);
        if (l.opacity == o) return true;
        l.opacity = o;
    } else {
        return false;
    }
    emit dataChanged(index, index, {role});
    emit layersChanged();
    return true;
}

Qt::ItemFlags LayerListModel::flags(const QModelIndex& index) const {
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable : Qt::NoItemFlags;
}

QHash<int, QByteArray> LayerListModel::roleNames() const {
    return {{KeyRole, "key"},         {NameRole, "name"},       {KindRole, "kind"}, {VisibleRole, "layerVisible"},
            {OpacityRole, "layerOpacity"}, {FamilyRole, "family"}, {CountRole, "count"}};
}

void LayerListModel::setVisible(int row, bool visible) { setData(index(row), visible, VisibleRole); }
void LayerListModel::setOpacity(int row, double opacity) { setData(index(row), opacity, OpacityRole); }

bool LayerListModel::move(int from, int to) {
    const int n = rowCount();
    if (from < 0 || from >= n || to < 0 || to >= n) return false;
    if (from == to) return true;
    // beginMoveRows wants the destination as "insert before" in the pre-move numbering.
    if (!beginMoveRows({}, from, from, {}, to > from ? to + 1 : to)) return false;
    Layer moved = std::move(m_layers[static_cast<std::size_t>(from)]);
    m_layers.erase(m_layers.begin() + from);
    m_layers.insert(m_layers.begin() + to, std::move(moved));
    endMoveRows();
    emit layersChanged();
    return true;
}

int LayerListModel::rowOf(const QString& key) const {
    for (std::size_t i = 0; i < m_layers.size(); ++i)
        if (m_layers[i].key == key) return static_cast<int>(i);
    return -1;
}

std::vector<PolygonLayerDraw> LayerListModel::polygonOrder() const {
    std::vector<PolygonLayerDraw> out;
    for (auto it = m_layers.rbegin(); it != m_layers.rend(); ++it) {
        if (it->kind != QLatin1String("polygon")) continue;
        PolygonLayer kind;
        if (it->key == QLatin1String("context")) kind = PolygonLayer::Context;
        else if (it->key == QLatin1String("communes")) kind = PolygonLayer::Communes;
        else if (it->key == QLatin1String("bassins")) kind = PolygonLayer::Bassins;
        else if (it->key == QLatin1String("stress")) kind = PolygonLayer::Stress;
        else continue;
        out.push_back({kind, it->visible, static_cast<float>(it->opacity)});
    }
    return out;
}

std::vector<FamilyDraw> LayerListModel::familyOrder() const {
    std::vector<FamilyDraw> out;
    for (auto it = m_layers.rbegin(); it != m_layers.rend(); ++it)
        if (it->kind == QLatin1String("facility")) out.push_back({it->family, it->visible, static_cast<float>(it->opacity)});
    return out;
}

bool LayerListModel::labelsVisible() const {
    for (const Layer& l : m_layers)
        if (l.kind == QLatin1String("labels")) return l.visible;
    return false;
}

}  // namespace maillage::app
