// Test table: revenu médian par unité de consommation (euros) of the 53 CAPSO communes.
// Source: INSEE, Filosofi 2019, commune level, variable MED19 (file cc_filosofi_2019_COM.CSV,
// rows CODGEO 62xxx), copied by hand from /work/shared/data/raw/filosofi_2019_communes_59_62.csv
// for the INSEE codes of the CTG's commune list. Kept here so the tests need no database.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <vector>

namespace maillage::layers::test {

struct CommuneIncome {
    std::string_view insee;
    std::string_view name;
    double med19_eur;
};

inline constexpr std::array<CommuneIncome, 53> kCapsoMed19{{
    {"62014", "Aire-sur-la-Lys", 19500}, {"62040", "Arques", 18520},
    {"62053", "Audincthun", 19790}, {"62067", "Avroult", 20860},
    {"62087", "Bayenghem-lès-Éperlecques", 21200}, {"62095", "Beaumetz-lès-Aire", 16900},
    {"62139", "Blendecques", 19220}, {"62153", "Bomy", 18710},
    {"62205", "Campagne-lès-Wardrecques", 22580}, {"62225", "Clairmarais", 23410},
    {"62254", "Coyecques", 20240}, {"62265", "Delettes", 21000},
    {"62267", "Dennebrœucq", 18920}, {"62288", "Ecques", 22200},
    {"62295", "Enquin-lez-Guinegatte", 19190}, {"62297", "Éperlecques", 20070},
    {"62304", "Erny-Saint-Julien", 18880}, {"62325", "Fauquembergues", 16790},
    {"62327", "Febvin-Palfart", 19040}, {"62336", "Fléchin", 18230},
    {"62403", "Hallines", 19210}, {"62423", "Helfaut", 21660},
    {"62452", "Heuringhem", 23800}, {"62458", "Houlle", 20630},
    {"62471", "Bellinghem", 21100}, {"62485", "Laires", 18120},
    {"62525", "Longuenesse", 18400}, {"62543", "Mametz", 20320},
    {"62567", "Mentque-Nortbécourt", 20990}, {"62569", "Merck-Saint-Liévin", 19040},
    {"62592", "Moringhem", 20610}, {"62595", "Moulle", 22660},
    {"62618", "Nordausques", 20960}, {"62622", "Nort-Leulinghem", 20170},
    {"62681", "Quiestède", 21940}, {"62684", "Racquinghem", 20600},
    {"62691", "Saint-Augustin", 22020}, {"62696", "Reclinghem", 18150},
    {"62704", "Renty", 20620}, {"62721", "Roquetoire", 21910},
    {"62757", "Saint-Martin-lez-Tatinghem", 20940}, {"62760", "Saint-Martin-d'Hardinghem", 21080},
    {"62765", "Saint-Omer", 17230}, {"62772", "Salperwick", 21450},
    {"62792", "Serques", 21870}, {"62811", "Thérouanne", 20290},
    {"62812", "Thiembronne", 19490}, {"62819", "Tilques", 23220},
    {"62827", "Tournehem-sur-la-Hem", 19550}, {"62875", "Wardrecques", 21150},
    {"62901", "Wittes", 20990}, {"62902", "Wizernes", 19220},
    {"62904", "Zouafques", 21020},
}};

inline std::vector<std::optional<double>> capso_med19_values() {
    std::vector<std::optional<double>> v;
    for (const auto& c : kCapsoMed19) v.emplace_back(c.med19_eur);
    return v;
}

/// Index of a commune in kCapsoMed19 by INSEE code (the test fails loudly if absent).
inline std::size_t capso_index(std::string_view insee) {
    for (std::size_t i = 0; i < kCapsoMed19.size(); ++i) {
        if (kCapsoMed19[i].insee == insee) return i;
    }
    return kCapsoMed19.size();
}

}  // namespace maillage::layers::test
