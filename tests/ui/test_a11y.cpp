// Native checks of what the canvas draws for accessibility (issue 10): contrast
// of the tracker and the scrollbar thumb, the forced-colours palette.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "client/ui/forced_colors.h"
#include "client/ui/widgets.h"
#include "ui_harness.h"

namespace {

double luminance(ImU32 c) {
    auto lin = [](unsigned v) {
        double s = v / 255.0;
        return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * lin((c >> IM_COL32_R_SHIFT) & 0xFF) + 0.7152 * lin((c >> IM_COL32_G_SHIFT) & 0xFF) +
           0.0722 * lin((c >> IM_COL32_B_SHIFT) & 0xFF);
}

double contrastOnWhite(ImU32 c) {
    return 1.05 / (luminance(c) + 0.05);
}

// The opaque colours drawn by `draw` in a window of its own.
template <typename F>
std::set<ImU32> coloursDrawnBy(F draw) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(800, 600);
    io.DeltaTime = 1.f / 60.f;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(800, 600));
    ImGui::Begin("##probe", nullptr, ImGuiWindowFlags_NoDecoration);
    alin::ui::BeginColumn(600);
    draw();
    alin::ui::EndColumn();
    ImGui::End();
    ImGui::Render();
    std::set<ImU32> out;
    ImDrawData* d = ImGui::GetDrawData();
    for (int l = 0; l < d->CmdListsCount; ++l)
        for (const ImDrawVert& v : d->CmdLists[l]->VtxBuffer)
            if (((v.col >> IM_COL32_A_SHIFT) & 0xFF) == 0xFF) out.insert(v.col);
    return out;
}

}  // namespace

TEST_CASE("tracker: every step number and label reaches 4.5:1 on white (upcoming steps were #929292, 3.1:1)") {
    alin::test::UiHarness ui;
    std::vector<std::string> steps = {"Déposée", "Examinée", "Transmise", "Visite", "Commission", "Décision", "Bail"};
    auto colours = coloursDrawnBy([&] { alin::ui::Stepper("probe.steps", "Suivi", steps, 2, false); });
    for (ImU32 c : colours) {
        if (c == alin::ui::color::kWhite || c == alin::ui::color::kBackground) continue;
        if (c == alin::ui::color::kBorder) continue;  // the connector between steps: decoration
        CHECK_MESSAGE(contrastOnWhite(c) >= 4.5, "colour 0x" << std::hex << c << " at " << contrastOnWhite(c) << ":1");
    }
}

TEST_CASE("scrollbar thumb: at least 3:1 on white (was 2.85:1)") {
    alin::test::UiHarness ui;
    const ImGuiStyle& s = ImGui::GetStyle();
    for (ImGuiCol col : {ImGuiCol_ScrollbarGrab, ImGuiCol_ScrollbarGrabHovered, ImGuiCol_ScrollbarGrabActive}) {
        ImVec4 v = s.Colors[col];
        CHECK(v.w == doctest::Approx(1.f));
        CHECK(contrastOnWhite(ImGui::ColorConvertFloat4ToU32(v)) >= 3.0);
    }
}

TEST_CASE("forced colours: light surfaces become Canvas, text CanvasText, blue LinkText") {
    alin::platform::ContrastPalette p;
    p.canvas = 0x000000;
    p.canvasText = 0xFFFFFF;
    p.linkText = 0xFFFF00;
    p.highlight = 0x00FFFF;
    alin::ui::setForcedColors(&p);
    using namespace alin::ui::color;
    CHECK(alin::ui::forcedColor(kWhite) == IM_COL32(0, 0, 0, 255));
    CHECK(alin::ui::forcedColor(kInputBg) == IM_COL32(0, 0, 0, 255));
    CHECK(alin::ui::forcedColor(kText) == IM_COL32(255, 255, 255, 255));
    CHECK(alin::ui::forcedColor(kTextMention) == IM_COL32(255, 255, 255, 255));
    CHECK(alin::ui::forcedColor(kBlueFrance) == IM_COL32(255, 255, 0, 255));
    CHECK(alin::ui::forcedColor(kError) == IM_COL32(0, 255, 255, 255));
    alin::ui::setForcedColors(nullptr);
    CHECK_FALSE(alin::ui::forcedColorsActive());
}
