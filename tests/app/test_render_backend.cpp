// The automatic scene-graph backend choice recognises CPU rasterisers by their GL_RENDERER
// strings (as reported by Mesa and SwiftShader) and leaves real GPUs on the RHI path.
#include <gtest/gtest.h>

#include "app/gui/render_backend.h"

using maillage::app::isCpuRasteriser;

TEST(RenderBackend, RecognisesCpuRasterisers) {
    EXPECT_TRUE(isCpuRasteriser("llvmpipe (LLVM 15.0.6, 256 bits)"));
    EXPECT_TRUE(isCpuRasteriser("softpipe"));
    EXPECT_TRUE(isCpuRasteriser("Software Rasterizer"));
    EXPECT_TRUE(isCpuRasteriser("Google SwiftShader"));
    EXPECT_FALSE(isCpuRasteriser("Mesa Intel(R) UHD Graphics 620 (KBL GT2)"));
    EXPECT_FALSE(isCpuRasteriser("NVIDIA GeForce RTX 3060/PCIe/SSE2"));
    EXPECT_FALSE(isCpuRasteriser("AMD Radeon RX 6600 (navi23, LLVM 15.0.6, DRM 3.49, 6.1.0-13-amd64)"));
    EXPECT_FALSE(isCpuRasteriser(""));
}
