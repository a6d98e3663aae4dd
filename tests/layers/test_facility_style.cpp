// Facility symbology: families, subtypes, statuses and location precision as the database
// stores them (seed values of data/seed/facilities.csv included).
#include "layers/facility_style.h"

#include <gtest/gtest.h>

#include <set>

using namespace maillage::layers;

TEST(FacilityStyle, EveryFamilyHasItsOwnShapeAndColour) {
    std::set<int> shapes;
    std::set<std::uint32_t> colors;
    for (const FamilyInfo& f : all_families()) {
        shapes.insert(static_cast<int>(f.shape));
        colors.insert(f.color.packed());
        EXPECT_FALSE(f.label_fr.empty());
        EXPECT_EQ(family_from_key(f.key), f.family);
        EXPECT_EQ(&family_info(f.family), &f);
    }
    EXPECT_EQ(all_families().size(), 8u);
    EXPECT_EQ(shapes.size(), 8u);
    EXPECT_EQ(colors.size(), 8u);
}

TEST(FacilityStyle, OkabeItoColours) {
    // Okabe & Ito's published values (vermillion 213,94,0; orange 230,159,0; …).
    EXPECT_EQ(family_info(FacilityFamily::EAJE).color.hex(), "#d55e00");
    EXPECT_EQ(family_info(FacilityFamily::RPE).color.hex(), "#e69f00");
    EXPECT_EQ(family_info(FacilityFamily::ALSH).color.hex(), "#009e73");
    EXPECT_EQ(family_info(FacilityFamily::SOCIAL).color.hex(), "#0072b2");
    EXPECT_EQ(family_info(FacilityFamily::MAISON_CAPSO).color.hex(), "#56b4e9");
    EXPECT_EQ(family_info(FacilityFamily::MAISON_CAPSO).shape, MarkerShape::star);
    EXPECT_EQ(family_info(FacilityFamily::MAISON_CAPSO).label_fr, "Maisons de la CAPSO / France Services");
}

TEST(FacilityStyle, ParsesDatabaseValues) {
    EXPECT_EQ(family_from_key("LAEP"), FacilityFamily::LAEP);
    EXPECT_FALSE(family_from_key("laep").has_value());  // keys are upper case in the schema
    EXPECT_EQ(subtype_from_type("MICRO_CRECHE"), FacilitySubtype::micro_creche);
    EXPECT_EQ(subtype_from_type("MAM"), FacilitySubtype::mam);
    EXPECT_EQ(subtype_from_type("EAJE"), FacilitySubtype::multi_accueil);
    EXPECT_EQ(subtype_from_type("ALSH_ADOS"), FacilitySubtype::alsh_ados);
    EXPECT_EQ(subtype_from_type("EVS"), FacilitySubtype::evs);
    EXPECT_EQ(subtype_from_type("RPE"), FacilitySubtype::none);
    // Status strings as written in the seed file.
    EXPECT_EQ(status_from_text("open"), FacilityStatus::open);
    EXPECT_EQ(status_from_text("open (locaux provisoires)"), FacilityStatus::open);
    EXPECT_EQ(status_from_text("closed (fin juin 2025)"), FacilityStatus::closed);
    EXPECT_EQ(status_from_text("closed (agrément EVS non renouvelé au 30/06/2025)"), FacilityStatus::closed);
    EXPECT_EQ(status_from_text("project (réflexion 2026-2027)"), FacilityStatus::project);
    EXPECT_FALSE(status_from_text("").has_value());
    EXPECT_FALSE(status_from_text("opened").has_value());
    EXPECT_EQ(precision_from_text("address"), LocationPrecision::address);
    EXPECT_EQ(precision_from_text("structure_address"), LocationPrecision::address);
    EXPECT_EQ(precision_from_text("commune"), LocationPrecision::commune);
    EXPECT_EQ(precision_from_text("operator_address"), LocationPrecision::unknown);
    EXPECT_EQ(precision_from_text("unknown"), LocationPrecision::unknown);
}

TEST(FacilityStyle, StatusDrivesFillAndStroke) {
    // The LAEP of Fauquembergues, closed at the end of June 2025, located to its commune.
    const MarkerStyle closed = marker_style(FacilityFamily::LAEP, FacilitySubtype::none, FacilityStatus::closed,
                                            LocationPrecision::commune);
    EXPECT_EQ(closed.shape, MarkerShape::triangle);
    EXPECT_FALSE(closed.filled);
    EXPECT_EQ(closed.outline, family_info(FacilityFamily::LAEP).color);  // hollow ring in the family colour
    EXPECT_EQ(closed.stroke, StrokeStyle::solid);
    EXPECT_TRUE(closed.approximate_location);

    const MarkerStyle open = marker_style(FacilityFamily::EAJE, FacilitySubtype::micro_creche, FacilityStatus::open,
                                          LocationPrecision::address);
    EXPECT_TRUE(open.filled);
    EXPECT_EQ(open.fill.hex(), "#d55e00");
    EXPECT_NE(open.outline, open.fill);
    EXPECT_EQ(open.stroke, StrokeStyle::solid);
    EXPECT_FALSE(open.approximate_location);
    EXPECT_EQ(open.badge, "µ");

    const MarkerStyle project = marker_style(FacilityFamily::SOCIAL, FacilitySubtype::evs, FacilityStatus::project,
                                             LocationPrecision::unknown);
    EXPECT_EQ(project.stroke, StrokeStyle::dashed);
    EXPECT_FALSE(project.filled);
    EXPECT_EQ(project.badge, "V");
    EXPECT_TRUE(project.approximate_location);
}

TEST(FacilityStyle, FrenchLabels) {
    EXPECT_EQ(subtype_label_fr(FacilitySubtype::alsh_extrascolaire), "Accueil de loisirs extrascolaire");
    EXPECT_EQ(subtype_label_fr(FacilitySubtype::micro_creche), "Micro-crèche");
    EXPECT_EQ(status_label_fr(FacilityStatus::closed), "Fermé");
    EXPECT_EQ(status_label_fr(FacilityStatus::project), "En projet");
    EXPECT_EQ(precision_label_fr(LocationPrecision::commune), "Localisé à la commune (position approximative)");
}
