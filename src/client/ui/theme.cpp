#include "client/ui/theme.h"

#include <cstddef>

extern const unsigned char kFontRegular[];
extern const std::size_t kFontRegular_size;
extern const unsigned char kFontBold[];
extern const std::size_t kFontBold_size;

namespace alin::ui {

Fonts& fonts() {
    static Fonts f;
    return f;
}

void loadFonts(float pixelRatio) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    // Latin-1, Œ œ Ÿ, dashes, quotes, …, €, •, ✓, ✗, ▲, ▼ (the subset shipped in the font).
    static const ImWchar ranges[] = {
        0x0020, 0x00FF, 0x0152, 0x0153, 0x0178, 0x0178, 0x2013, 0x2014, 0x2019, 0x2019, 0x201C, 0x201D, 0x2022, 0x2022,
        0x2026, 0x2026, 0x20AC, 0x20AC, 0x2713, 0x2713, 0x2717, 0x2717, 0x25B2, 0x25B2, 0x25BC, 0x25BC, 0,
    };
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // the data is static
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    auto add = [&](const unsigned char* data, std::size_t size, float px) {
        return io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(data), static_cast<int>(size), px * pixelRatio,
                                              &cfg, ranges);
    };
    Fonts& f = fonts();
    f.body = add(kFontRegular, kFontRegular_size, 16.f);
    f.bold = add(kFontBold, kFontBold_size, 16.f);
    f.small = add(kFontRegular, kFontRegular_size, 14.f);
    f.h1 = add(kFontBold, kFontBold_size, 28.f);
    f.h2 = add(kFontBold, kFontBold_size, 22.f);
    io.FontDefault = f.body;
    io.FontGlobalScale = 1.f / pixelRatio;
    io.Fonts->Build();
}

void applyTheme() {
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
