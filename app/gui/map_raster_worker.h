// Renders raster frames (map_raster.h) on a background thread for the progressive map: the map
// item asks for the frame of each new view; a newer request cancels the one being painted.
//
// Contract: request() and the receiver run on the owner's (GUI) thread; frames are delivered in
// request order through a queued call, and only frames painted to completion. One background
// thread; the destructor cancels and waits for it, and no delivery happens afterwards.
#pragma once

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>

#include "app/gui/map_raster.h"

namespace maillage::app {

class MapRasterWorker : public QObject {
public:
    using Receiver = std::function<void(RasterFrame)>;
    explicit MapRasterWorker(Receiver receiver, QObject* parent = nullptr);
    ~MapRasterWorker() override;

    /// Paints `view` (see renderRasterFrame; `previous` allows the pan shortcut). Cancels the
    /// request in progress, if any.
    void request(MapScenePtr scene, MapStyle style, MapView view, qreal dpr, RasterFrame previous);
    /// Cancels the request in progress, if any.
    void cancel();
    /// True while a request is queued or being painted.
    [[nodiscard]] bool busy() const { return m_pending > 0; }

private:
    Receiver m_receiver;
    QThreadPool m_pool;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    int m_pending = 0;  ///< requests not yet finished (GUI thread only)
};

}  // namespace maillage::app
