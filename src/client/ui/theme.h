// DSFR-inspired light theme: "bleu France" #000091 on white, 16 px body text,
// 4.5:1 contrast for every text colour used.
#pragma once
#include "imgui.h"

namespace alin::ui {

namespace color {
inline constexpr ImU32 rgb(unsigned v) {
    return IM_COL32((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF, 0xFF);
}
inline constexpr ImU32 kBlueFrance = rgb(0x000091);  // 15.9:1 on white
inline constexpr ImU32 kBlueHover = rgb(0x1212FF);
inline constexpr ImU32 kBlueActive = rgb(0x2323FF);
inline constexpr ImU32 kBlueLight = rgb(0xE3E3FD);    // secondary hover background
inline constexpr ImU32 kText = rgb(0x161616);         // 17.7:1
inline constexpr ImU32 kTextMention = rgb(0x666666);  // 5.7:1
inline constexpr ImU32 kError = rgb(0xCE0500);        // 5.1:1
inline constexpr ImU32 kSuccess = rgb(0x18753C);      // 5.6:1
inline constexpr ImU32 kBackground = rgb(0xFFFFFF);
inline constexpr ImU32 kBackgroundAlt = rgb(0xF6F6F6);
inline constexpr ImU32 kInputBg = rgb(0xEEEEEE);
inline constexpr ImU32 kInputBorder = rgb(0x3A3A3A);
inline constexpr ImU32 kBorder = rgb(0xDDDDDD);
inline constexpr ImU32 kDisabledBg = rgb(0xE5E5E5);
inline constexpr ImU32 kDisabledText = rgb(0x666666);
inline constexpr ImU32 kWhite = rgb(0xFFFFFF);
inline constexpr ImU32 kRed = rgb(0xE1000F);  // Marianne red, selected tab
inline constexpr ImU32 kInfoBg = rgb(0xE8EDFF);
inline constexpr ImU32 kErrorBg = rgb(0xFFE9E9);
inline constexpr ImU32 kSuccessBg = rgb(0xB8FEC9);
}  // namespace color

struct Fonts {
    ImFont* body = nullptr;   // 16 px
    ImFont* bold = nullptr;   // 16 px bold
    ImFont* small = nullptr;  // 14 px
    ImFont* h1 = nullptr;     // 28 px bold
    ImFont* h2 = nullptr;     // 22 px bold
};

Fonts& fonts();
// (Re)builds the font atlas for the given device pixel ratio: glyphs are
// rasterised at physical size and scaled back, so text is crisp on HiDPI.
void loadFonts(float pixelRatio);
void applyTheme();

}  // namespace alin::ui
