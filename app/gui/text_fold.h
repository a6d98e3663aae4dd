// Accent- and case-insensitive matching for the search box: "eperlecques" finds "Éperlecques",
// "st omer" does not (no abbreviation expansion) but "saint omer" finds "Saint-Omer".
#pragma once

#include <QString>

namespace maillage::app {

/// Lower case, diacritics removed (Unicode NFD minus combining marks), œ/æ expanded,
/// hyphens/apostrophes/punctuation turned into single spaces, trimmed.
[[nodiscard]] QString foldForSearch(const QString& text);

}  // namespace maillage::app
