#include "client/ui/theme.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>

#include "client/ui/font_scale.h"

extern const unsigned char kFontRegular[];
extern const std::size_t kFontRegular_size;
extern const unsigned char kFontBold[];
extern const std::size_t kFontBold_size;

namespace alin::ui {

namespace {

uint16_t be16(const unsigned char* p) {
    return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

// The font's em square and its line box (hhea ascender - descender), in font
// units, read from the TrueType tables. ImGui sizes a font by its line box
// (stbtt_ScaleForPixelHeight); CSS sizes it by its em (font-size: 16px means
// 16 px per em): the ratio converts one into the other.
float lineBoxPerEm(const unsigned char* data, std::size_t size) {
    if (size < 12) return 1.f;
    unsigned tables = be16(data + 4);
    int unitsPerEm = 0, lineBox = 0;
    for (unsigned i = 0; i < tables && 12 + 16 * (i + 1) <= size; ++i) {
        const unsigned char* rec = data + 12 + 16 * i;
        std::size_t off = (std::size_t(rec[8]) << 24) | (std::size_t(rec[9]) << 16) | (rec[10] << 8) | rec[11];
        if (std::memcmp(rec, "head", 4) == 0 && off + 20 <= size) unitsPerEm = be16(data + off + 18);
        if (std::memcmp(rec, "hhea", 4) == 0 && off + 8 <= size)
            lineBox = int16_t(be16(data + off + 4)) - int16_t(be16(data + off + 6));
    }
    return unitsPerEm > 0 && lineBox > 0 ? float(lineBox) / float(unitsPerEm) : 1.f;
}

}  // namespace

Fonts& fonts() {
    static Fonts f;
    return f;
}

namespace {
float gTextScale = 1.f, gLoadedScale = 1.f;
}

void setTextScale(float scale) {
    gTextScale = scale;
}
float textScale() {
    return gTextScale;
}
bool fontsStale() {
    return gTextScale != gLoadedScale;
}

void loadFonts(float pixelRatio) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    // Latin-1, Œ œ Ÿ, dashes, quotes, …, U+202F (narrow no-break space), €, •, ✓, ✗,
    // ▲, ▼ (the subset shipped in the font, scripts/setup.sh).
    static const ImWchar ranges[] = {
        0x0020, 0x00FF, 0x0152, 0x0153, 0x0178, 0x0178, 0x2013, 0x2014, 0x2019, 0x2019,
        0x201C, 0x201D, 0x2022, 0x2022, 0x2026, 0x2026, 0x202F, 0x202F, 0x20AC, 0x20AC,
        0x2713, 0x2713, 0x2717, 0x2717, 0x25B2, 0x25B2, 0x25BC, 0x25BC, 0,
    };
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // the data is static
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    // Sized like the browser's CSS px: `cssPx` per em (so 16 px text has the
    // same cap and x-height as a 16 px DOM text), drawn in a line box of
    // `lineHeight` with the extra space split above and below the glyphs, as
    // CSS half-leading does. Glyphs are rasterised at physical size.
    const float k = gTextScale;
    gLoadedScale = gTextScale;
    auto add = [&](const unsigned char* data, std::size_t size, float cssPx, float lineHeight) {
        cssPx *= k;
        lineHeight *= k;
        float glyphBox = cssPx * lineBoxPerEm(data, size);
        ImFontConfig c = cfg;
        c.GlyphOffset.y = std::round(std::max(0.f, (lineHeight - glyphBox) * 0.5f) * pixelRatio);
        ImFont* font = io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(data), static_cast<int>(size),
                                                      glyphBox * pixelRatio, &c, ranges);
        return std::pair<ImFont*, float>(font, std::max(lineHeight, glyphBox) * pixelRatio);
    };
    Fonts& f = fonts();
    // DSFR: body 16/24, small 14/24, headings with tighter lines.
    auto body = add(kFontRegular, kFontRegular_size, 16.f, 24.f);
    auto bold = add(kFontBold, kFontBold_size, 16.f, 24.f);
    auto small = add(kFontRegular, kFontRegular_size, 14.f, 24.f);
    auto h1 = add(kFontBold, kFontBold_size, 28.f, 36.f);
    auto h2 = add(kFontBold, kFontBold_size, 22.f, 28.f);
    f.body = body.first;
    f.bold = bold.first;
    f.small = small.first;
    f.h1 = h1.first;
    f.h2 = h2.first;
    io.FontDefault = f.body;
    io.FontGlobalScale = 1.f / pixelRatio;
    io.Fonts->Build();
    // ImGui advances lines by FontSize: the line height, set once the glyphs
    // are baked (their offsets already include the half-leading).
    for (auto [font, line] : {body, bold, small, h1, h2}) font->FontSize = line;
}

void applyTheme() {
    gTextScale = 1.f;  // until a kiosk screen asks for larger text
    ImGuiStyle& s = ImGui::GetStyle();
    s = ImGuiStyle();
    ImGui::StyleColorsLight(&s);
    s.WindowPadding = ImVec2(0, 0);
    s.WindowRounding = 0;
    s.WindowBorderSize = 0;
    s.FrameRounding = 4;
    s.FramePadding = ImVec2(12, 8);
    s.ItemSpacing = ImVec2(8, 8);
    s.ScrollbarSize = 12;
    s.ScrollbarRounding = 6;
    s.PopupRounding = 4;
    s.ChildBorderSize = 0;
    s.PopupBorderSize = 1;
    ImVec4* c = s.Colors;
    c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(color::kText);
    c[ImGuiCol_TextDisabled] = ImGui::ColorConvertU32ToFloat4(color::kTextMention);
    c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(color::kBackground);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = ImGui::ColorConvertU32ToFloat4(color::kBackground);
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.09f, 0.09f, 0.09f, 0.55f);
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    // Scrollbar thumb at 4.5:1 on white (WCAG 1.4.11 asks 3:1; was 0.6 grey, 2.85:1).
    c[ImGuiCol_ScrollbarGrab] = ImGui::ColorConvertU32ToFloat4(color::rgb(0x767676));
    c[ImGuiCol_ScrollbarGrabHovered] = ImGui::ColorConvertU32ToFloat4(color::rgb(0x5C5C5C));
    c[ImGuiCol_ScrollbarGrabActive] = ImGui::ColorConvertU32ToFloat4(color::rgb(0x3A3A3A));
    c[ImGuiCol_Border] = ImGui::ColorConvertU32ToFloat4(color::kBorder);
}

}  // namespace alin::ui
