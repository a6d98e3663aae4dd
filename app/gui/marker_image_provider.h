// image://marker/<FAMILY>[/<status>[/<precision>]] — facility markers for QML (layer panel,
// facility legend), drawn by the same code as the map (facility_symbol.h).
// Example: image://marker/LAEP/closed/commune
#pragma once

#include <QQuickImageProvider>

namespace maillage::app {

class MarkerImageProvider : public QQuickImageProvider {
public:
    MarkerImageProvider();
    QImage requestImage(const QString& id, QSize* size, const QSize& requestedSize) override;
};

}  // namespace maillage::app
