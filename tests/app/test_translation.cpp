// The UI is in French through Qt's translation machinery: English source strings, a complete
// French catalogue compiled into the resources and installed by default.
#include <QCoreApplication>
#include <QFile>
#include <QTranslator>

#include <gtest/gtest.h>

#include "app/gui/app_window.h"

TEST(Translation, FrenchCatalogueIsCompiledAndUsed) {
    QTranslator translator;
    ASSERT_TRUE(maillage::app::AppWindow::installTranslator(translator, "fr"));
    EXPECT_EQ(QCoreApplication::translate("maillage::app::MapDocument", "Neighbouring communes"), "Communes voisines");
    EXPECT_EQ(QCoreApplication::translate("LegendPanel", "Legend"), QString::fromUtf8("Légende"));
    EXPECT_EQ(QCoreApplication::translate("SearchBox", "Search a commune or a facility…"),
              QString::fromUtf8("Rechercher une commune ou un équipement…"));
    QCoreApplication::removeTranslator(&translator);
}

TEST(Translation, EveryStringHasAFrenchTranslation) {
    QFile ts(MAILLAGE_SOURCE_DIR "/app/gui/i18n/maillage_fr.ts");
    ASSERT_TRUE(ts.open(QIODevice::ReadOnly));
    const QByteArray text = ts.readAll();
    EXPECT_GT(text.count("<source>"), 50);
    EXPECT_EQ(text.count("type=\"unfinished\""), 0) << "run the maillage_gui_lupdate target and translate";
    EXPECT_EQ(text.count("type=\"vanished\""), 0);
}
