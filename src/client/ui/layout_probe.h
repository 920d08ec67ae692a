// What the last frame drew, for layout tests (phones: nothing beyond the
// screen's right edge, no text cut by a clip rectangle). Reads ImGui's draw
// data after ImGui::Render(); used by the browser's test hook
// (src/platform/main_web.cpp, window.__alinLayoutProbe) and the native UI tests.
#pragma once
#include "imgui.h"

namespace alin::ui {

struct DrawnText {
    int glyphVertices = 0;  // vertices of glyph quads shown (inside their clip rectangle vertically)
    float minX = 0, maxX = 0;
    int cutVertices = 0;  // glyph vertices outside their clip rectangle horizontally: text cut off
};

DrawnText measureDrawnText(const ImDrawData* drawData);

}  // namespace alin::ui
