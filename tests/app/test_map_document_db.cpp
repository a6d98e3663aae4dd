// MapDocument and its models on the real project database (fixture capso_db).
#include "app/gui/map_document.h"

#include <QSignalSpy>
#include <gtest/gtest.h>

#include "app_test_support.h"
#include "layers/format.h"

using namespace maillage;
using namespace maillage::app;

namespace {
QColor qc(layers::Rgb c) { return QColor(c.r, c.g, c.b); }

class MapDocumentDb : public ::testing::Test {
protected:
    void SetUp() override {
        path = test::testDatabase();
        ASSERT_FALSE(path.empty());
        ASSERT_TRUE(doc.loadBlocking(QString::fromStdString(path))) << doc.errorMessage().toStdString();
    }
    std::string path;
    MapDocument doc;
};
}  // namespace

TEST_F(MapDocumentDb, LoadsTheCapsoAndItsLayers) {
    const auto db = geo::db::ProjectDatabase::open(path);
    ASSERT_EQ(doc.project()->communes.size(), 53u);
    ASSERT_TRUE(doc.scene());
    EXPECT_EQ(doc.scene()->communes->features.size(), 53u);
    EXPECT_EQ(doc.scene()->bassins->features.size(), 4u);
    EXPECT_EQ(doc.facilities()->rowCount(), static_cast<int>(db.facilities().size()));
    for (const char* key : {"communes", "bassins", "context", "labels", "family:EAJE", "family:RPE", "family:LAEP",
                            "family:ALSH", "family:SOCIAL", "family:MAISON_CAPSO"})
        EXPECT_GE(doc.layers()->rowOf(key), 0) << key;
    // Every commune has a triangulated fill and an anchor inside it.
    for (std::size_t i = 0; i < 53; ++i) {
        EXPECT_GT(doc.scene()->communes->features[i].triangleVertexCount, 0u);
        EXPECT_EQ(doc.scene()->communes->featureAt(doc.scene()->communeAnchors[i]), static_cast<int>(i));
    }
}

// The colour of every commune is the class colour that an independent classification of the
// database values gives (CTG income classes), and missing values get the no-data grey.
TEST_F(MapDocumentDb, CommuneColoursFollowTheCtgIncomeClasses) {
    doc.setIndicator("revenu_median_uc");
    doc.setMethod("manual");
    ASSERT_TRUE(doc.choroplethError().isEmpty()) << doc.choroplethError().toStdString();
    const auto db = geo::db::ProjectDatabase::open(path);
    const auto communes = db.communes();
    const auto values = test::communeValues(db, communes, "revenu_median_uc");
    const auto expected = layers::classify_manual(values, layers::ctg_income_breaks());
    const auto colors = layers::ramp(layers::scheme_from_name(doc.scheme().toStdString()).value(), 4);
    std::set<std::size_t> classesSeen;
    for (std::size_t i = 0; i < communes.size(); ++i) {
        if (const auto k = expected.class_of[i]) {
            EXPECT_EQ(doc.style().communeFill[i], qc(colors[*k])) << communes[i].name;
            EXPECT_FALSE(doc.style().communeNoData[i]);
            classesSeen.insert(*k);
        } else {
            EXPECT_TRUE(doc.style().communeNoData[i]) << communes[i].name;
        }
    }
    EXPECT_GE(classesSeen.size(), 3u);
    // The legend shows the same classes, bounds and counts.
    const auto labels = layers::class_labels(expected, {"€", 0});
    for (int r = 0; r < 4; ++r) {
        EXPECT_EQ(doc.legend()->data(doc.legend()->index(r), LegendModel::LabelRole).toString().toStdString(), labels[static_cast<std::size_t>(r)]);
        EXPECT_EQ(doc.legend()->data(doc.legend()->index(r), LegendModel::CountRole).toInt(),
                  static_cast<int>(expected.classes[static_cast<std::size_t>(r)].count));
    }
    EXPECT_EQ(doc.legend()->rowCount(), expected.missing_count ? 5 : 4);
}

TEST_F(MapDocumentDb, EveryIndicatorHasALegendWithSource) {
    const QVariantList indicators = doc.indicators();
    ASSERT_GE(indicators.size(), 5);
    // The CTG's three indicators come first.
    EXPECT_TRUE(indicators[0].toMap()["key"].toString().startsWith("indice_jeunesse"));
    EXPECT_TRUE(indicators[1].toMap()["key"].toString().startsWith("taux_motorisation"));
    EXPECT_TRUE(indicators[2].toMap()["key"].toString().startsWith("revenu_median_uc"));
    for (const QVariant& v : indicators) {
        const QString key = v.toMap()["key"].toString();
        for (const char* method : {"jenks", "quantiles", "equal_intervals"}) {
            doc.setMethod(method);
            doc.setIndicator(key);
            EXPECT_TRUE(doc.choroplethError().isEmpty()) << key.toStdString() << " " << method;
            EXPECT_GE(doc.legend()->rowCount(), 1) << key.toStdString();
            EXPECT_FALSE(doc.legend()->title().isEmpty());
            EXPECT_TRUE(doc.legend()->sourceLine().startsWith("Source")) << key.toStdString();
            if (doc.choropleth()->scope != layers::Scope::commune) {
                EXPECT_FALSE(doc.legend()->scopeNote().isEmpty());
            }
        }
    }
}

TEST_F(MapDocumentDb, ClassCountAndSchemeChangeTheMap) {
    doc.setIndicator("taux_motorisation");
    doc.setMethod("quantiles");
    QSignalSpy style(&doc, &MapDocument::styleChanged);
    for (int k = 3; k <= 7; ++k) {
        doc.setClassCount(k);
        EXPECT_EQ(doc.choropleth()->classification.class_count(), static_cast<std::size_t>(k));
        std::set<QRgb> distinct;
        for (std::size_t i = 0; i < 53; ++i)
            if (!doc.style().communeNoData[i]) distinct.insert(doc.style().communeFill[i].rgb());
        EXPECT_EQ(distinct.size(), static_cast<std::size_t>(k));  // quantiles: no empty class
    }
    EXPECT_GE(style.count(), 4);
    doc.setScheme("Greens");
    EXPECT_EQ(doc.style().communeFill[0].green() >= doc.style().communeFill[0].red(), true);
}

TEST_F(MapDocumentDb, SearchIsAccentInsensitive) {
    doc.search()->setQuery("eperlecques");
    ASSERT_GE(doc.search()->rowCount(), 1);
    EXPECT_EQ(doc.search()->data(doc.search()->index(0), SearchModel::NameRole).toString(), QString::fromUtf8("Éperlecques"));
    EXPECT_EQ(doc.search()->data(doc.search()->index(0), SearchModel::KindRole).toString(), "commune");
    QSignalSpy zoom(&doc, &MapDocument::zoomRequested);
    doc.activateSearchResult(0);
    EXPECT_EQ(zoom.count(), 1);
    EXPECT_EQ(doc.info()->title(), QString::fromUtf8("Éperlecques"));
}

// The info panel compares the commune with its bassin and the CAPSO, with the database values.
TEST_F(MapDocumentDb, InfoPanelComparesCommuneBassinAndCapso) {
    doc.setIndicator("taux_motorisation");
    const int so = doc.communeIndex("62765");  // Saint-Omer
    ASSERT_GE(so, 0);
    doc.selectCommune(so);
    EXPECT_EQ(doc.info()->kind(), "commune");
    EXPECT_EQ(doc.info()->title(), "Saint-Omer");
    const auto db = geo::db::ProjectDatabase::open(path);
    const auto defs = db.indicator_definitions();
    const auto def = std::find_if(defs.begin(), defs.end(), [](auto& d) { return d.indicator == "taux_motorisation"; });
    ASSERT_NE(def, defs.end());
    std::map<std::string, double> byScope;
    for (const auto& v : db.indicators("taux_motorisation"))
        if (v.value && v.origin != "ctg" && ((v.scope == "commune" && v.place_code == "62765") || (v.scope == "bassin" && v.place_code == "urbain") ||
                        v.scope == "capso"))
            byScope[v.scope] = *v.value;
    ASSERT_TRUE(byScope.count("commune"));
    bool communeRow = false, bassinRow = false, capsoRow = false;
    for (const auto& r : doc.info()->rows()) {
        if (r.label == "Saint-Omer" && r.emphasis) {
            communeRow = true;
            EXPECT_EQ(r.value.toStdString(), layers::format_value(byScope["commune"], def->unit, def->decimals));
            EXPECT_FALSE(r.note.isEmpty());  // source and year
            EXPECT_TRUE(r.note.contains("CTG document")) << r.note.toStdString();  // 69,4 % as printed
        }
        if (r.label == "Bassin urbain") bassinRow = true;
        if (r.label == "CAPSO") capsoRow = true;
    }
    EXPECT_TRUE(communeRow);
    EXPECT_EQ(bassinRow, byScope.count("bassin") == 1);
    EXPECT_EQ(capsoRow, byScope.count("capso") == 1);
    doc.clearSelection();
    EXPECT_EQ(doc.info()->rowCount(), 0);
}

// A facility located only to its commune says so; a closed LAEP is drawn hollow; the CTG line
// is shown.
TEST_F(MapDocumentDb, FacilityInfoAndSymbology) {
    const auto& facilities = doc.project()->facilities;
    int approx = -1, closedLaep = -1;
    for (std::size_t i = 0; i < facilities.size(); ++i) {
        if (approx < 0 && facilities[i].precision == layers::LocationPrecision::commune) approx = static_cast<int>(i);
        if (closedLaep < 0 && facilities[i].family == layers::FacilityFamily::LAEP &&
            facilities[i].status == layers::FacilityStatus::closed)
            closedLaep = static_cast<int>(i);
    }
    ASSERT_GE(approx, 0);
    ASSERT_GE(closedLaep, 0) << "the CTG lists LAEP closed in 2025 (Fauquembergues, Enquin)";
    doc.selectFacility(approx);
    EXPECT_EQ(doc.info()->kind(), "facility");
    EXPECT_TRUE(doc.info()->valueOf("Location").contains("located to the commune"));
    EXPECT_TRUE(doc.info()->valueOf("CTG line").contains("line")) << doc.info()->valueOf("CTG line").toStdString();
    EXPECT_TRUE(doc.scene()->facilities[static_cast<std::size_t>(approx)].marker.approximate_location);
    EXPECT_FALSE(doc.scene()->facilities[static_cast<std::size_t>(closedLaep)].marker.filled);
    doc.selectFacility(closedLaep);
    EXPECT_TRUE(doc.info()->valueOf("Status").startsWith(QString::fromUtf8("Fermé")));
}

TEST_F(MapDocumentDb, StatusFilterHidesClosedFacilities) {
    FacilityFilterModel* filters = doc.facilityFilters();
    int closedRow = -1;
    for (int r = 0; r < filters->rowCount(); ++r)
        if (filters->data(filters->index(r), FacilityFilterModel::GroupRole) == "status" &&
            filters->data(filters->index(r), FacilityFilterModel::KeyRole).toInt() == static_cast<int>(layers::FacilityStatus::closed))
            closedRow = r;
    ASSERT_GE(closedRow, 0);
    filters->setChecked(closedRow, false);
    const auto& facilities = doc.project()->facilities;
    for (std::size_t i = 0; i < facilities.size(); ++i) {
        const bool closed = facilities[i].status == layers::FacilityStatus::closed;
        EXPECT_EQ(doc.style().facilityVisible[i], !closed);
        if (closed) {
            EXPECT_FALSE(doc.facilities()->data(doc.facilities()->index(static_cast<int>(i)), FacilityListModel::ShownRole).toBool());
        }
    }
}

TEST(MapDocument, MissingDatabaseIsAnErrorNotACrash) {
    MapDocument doc;
    EXPECT_FALSE(doc.loadBlocking("/nonexistent/capso.gpkg"));
    EXPECT_FALSE(doc.loaded());
    EXPECT_TRUE(doc.errorMessage().contains("capso.gpkg")) << doc.errorMessage().toStdString();
}
