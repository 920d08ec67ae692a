// The text scale of the fonts (ui::loadFonts): 1 everywhere but on a kiosk
// screen (1.25: body text of 20 px on 30 px lines, kiosk::beginFrame decides).
// A change takes effect at the next loadFonts, which the platform calls between
// frames when the atlas is stale (fonts cannot be rebuilt inside a frame).
#pragma once

namespace alin::ui {

void setTextScale(float scale);
float textScale();
bool fontsStale();

}  // namespace alin::ui
