#include "app/gui/map_raster_worker.h"

#include <QMetaObject>

namespace maillage::app {

MapRasterWorker::MapRasterWorker(Receiver receiver, QObject* parent)
    : QObject(parent), m_receiver(std::move(receiver)) {
    m_pool.setMaxThreadCount(1);
}

MapRasterWorker::~MapRasterWorker() {
    cancel();
    m_pool.clear();
    m_pool.waitForDone();
}

void MapRasterWorker::cancel() {
    if (m_cancel) m_cancel->store(true);
    m_cancel.reset();
}

void MapRasterWorker::request(MapScenePtr scene, MapStyle style, MapView view, qreal dpr, RasterFrame previous) {
    cancel();
    auto flag = std::make_shared<std::atomic<bool>>(false);
    m_cancel = flag;
    ++m_pending;
    m_pool.start([this, flag, scene = std::move(scene), style = std::move(style), view, dpr,
                  previous = std::move(previous)]() mutable {
        RasterFrame frame;
        if (!flag->load()) frame = renderRasterFrame(scene, style, view, dpr, previous, flag.get());
        // Queued to the owner's thread; dropped if the worker is gone by then. A frame finished
        // just before a newer request is still delivered: it is closer to the view than the last.
        QMetaObject::invokeMethod(this, [this, frame = std::move(frame)]() mutable {
            --m_pending;
            if (!frame.isNull()) m_receiver(std::move(frame));
        }, Qt::QueuedConnection);
    });
}

}  // namespace maillage::app
