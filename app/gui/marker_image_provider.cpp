#include "app/gui/marker_image_provider.h"

#include "app/gui/facility_symbol.h"

namespace maillage::app {

MarkerImageProvider::MarkerImageProvider() : QQuickImageProvider(QQuickImageProvider::Image) {}

QImage MarkerImageProvider::requestImage(const QString& id, QSize* size, const QSize& requestedSize) {
    const QStringList parts = id.split(QLatin1Char('/'));
    const auto family = layers::family_from_key(parts.value(0).toStdString()).value_or(layers::FacilityFamily::OTHER);
    const auto status = layers::status_from_text(parts.value(1, QStringLiteral("open")).toStdString()).value_or(layers::FacilityStatus::open);
    const auto precision = layers::precision_from_text(parts.value(2, QStringLiteral("address")).toStdString());
    const int px = requestedSize.isValid() && requestedSize.width() > 0 ? requestedSize.width() : 24;
    const QImage img = markerImage(layers::marker_style(family, layers::FacilitySubtype::none, status, precision), px);
    if (size) *size = img.size();
    return img;
}

}  // namespace maillage::app
