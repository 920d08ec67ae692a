// Forced colours (Windows contrast themes, `forced-colors: active`): the DOM
// overlay keeps its transparent text (forced-color-adjust: none in the shell)
// and the canvas is drawn with the user's system colours instead of the theme's.
#pragma once
#include "imgui.h"
#include "platform/platform.h"

namespace alin::ui {

// The palette to draw with, or nullptr for the normal theme.
void setForcedColors(const platform::ContrastPalette* palette);
bool forcedColorsActive();
// Maps one theme colour to the system colour of its kind: light surfaces to
// Canvas, text and neutral lines to CanvasText, blue (links, buttons) to LinkText,
// red marks to Highlight. The alpha is kept.
ImU32 forcedColor(ImU32 themeColor);
// Rewrites the vertex colours of a frame about to be rendered (no-op when inactive).
void applyForcedColors(ImDrawData* data);
// Background clear colour (r, g, b in 0..1).
void clearColor(float rgb[3]);

}  // namespace alin::ui
