#include "app/gui/search_model.h"
#include "app/gui/text_fold.h"

#include <gtest/gtest.h>

using namespace maillage::app;

TEST(TextFold, RemovesAccentsCaseAndPunctuation) {
    EXPECT_EQ(foldForSearch(QString::fromUtf8("Éperlecques")), "eperlecques");
    EXPECT_EQ(foldForSearch(QString::fromUtf8("Saint-Martin-lez-Tatinghem")), "saint martin lez tatinghem");
    EXPECT_EQ(foldForSearch(QString::fromUtf8("Campagne-lès-Wardrecques")), "campagne les wardrecques");
    EXPECT_EQ(foldForSearch(QString::fromUtf8("  L'Œuvre  ")), "l oeuvre");
    EXPECT_EQ(foldForSearch(QString()), "");
}

TEST(SearchModel, AccentInsensitiveCommunesFirstThenFacilities) {
    SearchModel m;
    m.setEntries({{"facility", 0, QString::fromUtf8("La Forêt Enchantée"), "EAJE · Éperlecques"},
                  {"commune", 3, QString::fromUtf8("Éperlecques"), "Bassin Nord"},
                  {"commune", 4, "Saint-Omer", "Bassin urbain"},
                  {"facility", 1, QString::fromUtf8("Relais d'Éperlecques"), "RPE · Éperlecques"}});
    m.setQuery("eperlecques");
    ASSERT_EQ(m.rowCount(), 2);
    EXPECT_EQ(m.data(m.index(0), SearchModel::NameRole).toString(), QString::fromUtf8("Éperlecques"));
    EXPECT_EQ(m.data(m.index(0), SearchModel::KindRole).toString(), "commune");
    EXPECT_EQ(m.data(m.index(0), SearchModel::IndexRole).toInt(), 3);
    EXPECT_EQ(m.data(m.index(1), SearchModel::KindRole).toString(), "facility");
    m.setQuery(QString::fromUtf8("FORET"));
    ASSERT_EQ(m.rowCount(), 1);
    EXPECT_EQ(m.result(0)->index, 0);
    m.setQuery("saint omer");
    ASSERT_EQ(m.rowCount(), 1);
    m.setQuery("");
    EXPECT_EQ(m.rowCount(), 0);
    EXPECT_EQ(m.result(0), nullptr);
}
