// The layer panel: every map layer with its visibility, opacity and place in the stack.
//
// Contract: row 0 is drawn on top (as in QGIS). Polygon layers stack among themselves, facility
// layers among themselves; labels and facility symbols always sit above polygons (a map read
// by non-specialists must never hide a crèche under a fill). move() therefore accepts any
// permutation, and drawing order is derived per kind with polygonOrder()/familyOrder().
// \note QML Type: LayerListModel (uncreatable; MapDocument.layers)
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include <vector>

#include "app/gui/map_style.h"

namespace maillage::app {

class LayerListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by MapDocument")

public:
    enum Role {
        KeyRole = Qt::UserRole + 1,  ///< stable key: "communes", "context", "bassins", "labels", "family:EAJE", "stress"
        NameRole,                    ///< French display name
        KindRole,                    ///< "polygon", "labels" or "facility"
        VisibleRole,                 ///< bool, editable
        OpacityRole,                 ///< 0..1, editable
        FamilyRole,                  ///< facility family key, empty for other kinds
        CountRole,                   ///< features in the layer (facilities of the family)
    };
    Q_ENUM(Role)

    struct Layer {
        QString key;
        QString name;
        QString kind;
        bool visible = true;
        double opacity = 1.0;
        QString family;
        int count = 0;
    };

    explicit LayerListModel(QObject* parent = nullptr);

    /// Replaces all layers (top first).
    void setLayers(std::vector<Layer> layers);
    [[nodiscard]] const std::vector<Layer>& layers() const { return m_layers; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QHash<int, QByteArray> roleNames() const override;

    Q_INVOKABLE void setVisible(int row, bool visible);
    Q_INVOKABLE void setOpacity(int row, double opacity);
    /// Moves a layer from row `from` to row `to`; returns false when either is out of range.
    Q_INVOKABLE bool move(int from, int to);
    /// Row of a layer key, or -1.
    Q_INVOKABLE int rowOf(const QString& key) const;

    /// Polygon layers bottom to top, with visibility and opacity.
    [[nodiscard]] std::vector<PolygonLayerDraw> polygonOrder() const;
    /// Facility families bottom to top.
    [[nodiscard]] std::vector<FamilyDraw> familyOrder() const;
    [[nodiscard]] bool labelsVisible() const;

signals:
    /// Any visibility, opacity or order change (the map restyles).
    void layersChanged();

private:
    std::vector<Layer> m_layers;
};

}  // namespace maillage::app
