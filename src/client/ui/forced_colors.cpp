#include "client/ui/forced_colors.h"

#include <algorithm>
#include <cmath>

namespace alin::ui {

namespace {

bool gActive = false;
platform::ContrastPalette gPalette;

ImU32 fromRgb(unsigned rgb, unsigned alpha) {
    return IM_COL32((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, alpha);
}

float linear(unsigned c) {
    float v = static_cast<float>(c) / 255.f;
    return v <= 0.03928f ? v / 12.92f : std::pow((v + 0.055f) / 1.055f, 2.4f);
}

}  // namespace

void setForcedColors(const platform::ContrastPalette* palette) {
    gActive = palette != nullptr;
    if (palette) gPalette = *palette;
}

bool forcedColorsActive() {
    return gActive;
}

ImU32 forcedColor(ImU32 c) {
    unsigned r = (c >> IM_COL32_R_SHIFT) & 0xFF, g = (c >> IM_COL32_G_SHIFT) & 0xFF, b = (c >> IM_COL32_B_SHIFT) & 0xFF,
             a = (c >> IM_COL32_A_SHIFT) & 0xFF;
    float lum = 0.2126f * linear(r) + 0.7152f * linear(g) + 0.0722f * linear(b);
    unsigned hi = std::max({r, g, b}), lo = std::min({r, g, b});
    float sat = hi == 0 ? 0.f : static_cast<float>(hi - lo) / static_cast<float>(hi);
    // Light surfaces, and translucent dimming layers, become the background.
    if (lum > 0.5f || (a < 255 && sat < 0.25f)) return fromRgb(gPalette.canvas, a);
    if (sat < 0.25f) return fromRgb(gPalette.canvasText, a);
    if (r > b && r > g) return fromRgb(gPalette.highlight, a);
    return fromRgb(gPalette.linkText, a);
}

void applyForcedColors(ImDrawData* data) {
    if (!gActive || !data) return;
    for (int l = 0; l < data->CmdListsCount; ++l) {
        ImDrawList* list = data->CmdLists[l];
        // Consecutive vertices mostly share a colour: remember the last mapping.
        ImU32 lastIn = 0, lastOut = forcedColor(0);
        for (ImDrawVert& v : list->VtxBuffer) {
            if (v.col != lastIn) {
                lastIn = v.col;
                lastOut = forcedColor(v.col);
            }
            v.col = lastOut;
        }
    }
}

void clearColor(float rgb[3]) {
    unsigned c = gActive ? gPalette.canvas : 0xFFFFFF;
    rgb[0] = static_cast<float>((c >> 16) & 0xFF) / 255.f;
    rgb[1] = static_cast<float>((c >> 8) & 0xFF) / 255.f;
    rgb[2] = static_cast<float>(c & 0xFF) / 255.f;
}

}  // namespace alin::ui
