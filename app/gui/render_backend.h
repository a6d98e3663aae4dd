// Choice of the Qt Quick scene-graph backend for the map application.
//
// Without a GPU, OpenGL is a CPU rasteriser (Mesa llvmpipe/softpipe, e.g. under Xvfb or a VM):
// it redraws the whole window every frame, which costs 40+ ms for the 1440 × 900 app on two
// cores (bench/RESULTS.md), while Qt's software scene graph repaints only the changed region
// (the map) — 8 ms per pan/zoom frame on the same machine. So by default ("auto") the software
// backend is used when the OpenGL renderer is a CPU rasteriser, the RHI (OpenGL) one otherwise.
//
// MAILLAGE_RENDERER=hardware|software|auto overrides; an explicit QT_QUICK_BACKEND is left alone.
// Call after constructing QGuiApplication and before creating any window.
#pragma once

#include <QString>

namespace maillage::app {

/// Applies the choice; returns a short description ("software (OpenGL is llvmpipe …)").
QString chooseSceneGraphBackend();

/// The OpenGL renderer string (GL_RENDERER) of a throw-away context, empty if there is no
/// OpenGL (e.g. QT_QPA_PLATFORM=offscreen).
[[nodiscard]] QString openGlRenderer();

/// True for Mesa's and others' CPU rasterisers (llvmpipe, softpipe, swrast, SwiftShader).
[[nodiscard]] bool isCpuRasteriser(const QString& glRenderer);

}  // namespace maillage::app
