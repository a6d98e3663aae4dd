#include "app/gui/layer_list_model.h"

#include <QSignalSpy>
#include <gtest/gtest.h>

using namespace maillage::app;

namespace {
std::vector<LayerListModel::Layer> sampleLayers() {
    return {{"family:EAJE", "Accueil du jeune enfant", "facility", true, 1.0, "EAJE", 27},
            {"family:RPE", "Relais petite enfance", "facility", true, 1.0, "RPE", 7},
            {"labels", "Noms", "labels", true, 1.0, {}, 53},
            {"bassins", "Bassins", "polygon", true, 1.0, {}, 4},
            {"communes", "Communes", "polygon", true, 0.8, {}, 53},
            {"context", "Voisines", "polygon", true, 1.0, {}, 120}};
}
}  // namespace

TEST(LayerListModel, ExposesRolesByName) {
    LayerListModel m;
    m.setLayers(sampleLayers());
    ASSERT_EQ(m.rowCount(), 6);
    EXPECT_EQ(m.rowCount(m.index(0)), 0);  // a list: no children
    const auto roles = m.roleNames();
    EXPECT_EQ(roles.value(LayerListModel::NameRole), "name");
    EXPECT_EQ(roles.value(LayerListModel::VisibleRole), "layerVisible");
    EXPECT_EQ(m.data(m.index(1), LayerListModel::FamilyRole).toString(), "RPE");
    EXPECT_EQ(m.data(m.index(1), LayerListModel::CountRole).toInt(), 7);
    EXPECT_DOUBLE_EQ(m.data(m.index(4), LayerListModel::OpacityRole).toDouble(), 0.8);
    EXPECT_FALSE(m.data(m.index(6), LayerListModel::NameRole).isValid());
    EXPECT_FALSE(m.data(m.index(-1), LayerListModel::NameRole).isValid());
}

TEST(LayerListModel, PolygonOrderIsBottomToTop) {
    LayerListModel m;
    m.setLayers(sampleLayers());
    const auto order = m.polygonOrder();
    ASSERT_EQ(order.size(), 3u);
    EXPECT_EQ(order[0].layer, PolygonLayer::Context);
    EXPECT_EQ(order[1].layer, PolygonLayer::Communes);
    EXPECT_EQ(order[2].layer, PolygonLayer::Bassins);
    EXPECT_FLOAT_EQ(order[1].opacity, 0.8f);
    const auto families = m.familyOrder();
    ASSERT_EQ(families.size(), 2u);
    EXPECT_EQ(families[0].family, "RPE");  // drawn first, below EAJE
}

TEST(LayerListModel, VisibilityAndOpacityEditsNotify) {
    LayerListModel m;
    m.setLayers(sampleLayers());
    QSignalSpy changed(&m, &LayerListModel::layersChanged);
    QSignalSpy data(&m, &QAbstractItemModel::dataChanged);
    m.setVisible(4, false);
    m.setOpacity(4, 1.7);  // clamped
    EXPECT_EQ(changed.count(), 2);
    EXPECT_EQ(data.count(), 2);
    EXPECT_FALSE(m.polygonOrder()[1].visible);
    EXPECT_DOUBLE_EQ(m.data(m.index(4), LayerListModel::OpacityRole).toDouble(), 1.0);
    m.setVisible(4, false);  // no change, no signal
    EXPECT_EQ(changed.count(), 2);
    EXPECT_FALSE(m.setData(m.index(0), "x", LayerListModel::NameRole));  // names are read-only
    m.setVisible(2, false);
    EXPECT_FALSE(m.labelsVisible());
}

TEST(LayerListModel, MoveReordersAndRestacks) {
    LayerListModel m;
    m.setLayers(sampleLayers());
    QSignalSpy moved(&m, &QAbstractItemModel::rowsMoved);
    EXPECT_TRUE(m.move(5, 3));  // context above bassins... moved to row 3
    EXPECT_EQ(moved.count(), 1);
    EXPECT_EQ(m.rowOf("context"), 3);
    EXPECT_EQ(m.rowOf("bassins"), 4);
    const auto order = m.polygonOrder();
    EXPECT_EQ(order[0].layer, PolygonLayer::Communes);
    EXPECT_EQ(order[1].layer, PolygonLayer::Bassins);
    EXPECT_EQ(order[2].layer, PolygonLayer::Context);  // now on top of the polygons
    EXPECT_TRUE(m.move(0, 1));
    EXPECT_EQ(m.rowOf("family:RPE"), 0);
    EXPECT_FALSE(m.move(0, 6));
    EXPECT_FALSE(m.move(-1, 0));
    EXPECT_EQ(m.rowOf("nothing"), -1);
}
