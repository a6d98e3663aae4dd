#include "app/gui/text_fold.h"

namespace maillage::app {

QString foldForSearch(const QString& text) {
    const QString decomposed = text.normalized(QString::NormalizationForm_D);
    QString out;
    out.reserve(decomposed.size());
    bool lastSpace = true;
    for (QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing) continue;
        if (c.isLetterOrNumber()) {
            const QChar lower = c.toLower();
            if (lower == QChar(0x0153)) out += QStringLiteral("oe");
            else if (lower == QChar(0x00E6)) out += QStringLiteral("ae");
            else out += lower;
            lastSpace = false;
        } else if (!lastSpace) {
            out += QLatin1Char(' ');
            lastSpace = true;
        }
    }
    return out.trimmed();
}

}  // namespace maillage::app
