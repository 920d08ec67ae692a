// Widgets drawn on their own, outside any screen (review findings on the
// widget set itself).
#include <doctest/doctest.h>

#include <string>

#include "client/ui/widgets.h"
#include "ui_harness.h"

namespace {

// Draws `draw` in a bare 320 px column for one frame and returns the semantic
// node `id` it recorded.
template <class F>
alin::ui::SemNode drawAlone(float width, const std::string& id, F draw) {
    using namespace alin;
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(width, 640);
    io.DeltaTime = 1.f / 60.f;
    ui::semantics().beginFrame({});
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("alone", nullptr, ImGuiWindowFlags_NoDecoration);
    ui::ResetLayout();
    ui::BeginColumn(640.f);
    draw();
    ui::EndColumn();
    ImGui::End();
    ui::SemNode found;
    for (size_t i = 0; i < ui::semantics().nodeCount(); ++i)
        if (ui::semantics().nodeAt(i).id == id) found = ui::semantics().nodeAt(i);
    ui::semantics().endFrame();
    ImGui::Render();
    return found;
}

}  // namespace

TEST_CASE("a disclosure button is drawn as the link with the same text: same wrapped lines, same touch height") {
    using namespace alin;
    test::UiHarness h(true, 320, 640);
    const std::string arrow = "\xE2\x96\xB8 ";  // ▸, the closed disclosure's mark
    for (std::string label :
         {std::string("Aide"), std::string("Je n'ai pas de num\xC3\xA9ro unique mais j'ai d\xC3\xA9j\xC3\xA0 fait une "
                                           "demande de logement social en \xC3\x8Ele-de-France")}) {
        CAPTURE(label);
        ui::SemNode link = drawAlone(320, "t.link", [&] { ui::Link("t.link", arrow + label, "#"); });
        ui::SemNode disc = drawAlone(320, "t.disc", [&] { ui::Disclosure("t.disc", label, false); });
        REQUIRE(link.id == "t.link");
        REQUIRE(disc.id == "t.disc");
        CHECK(disc.x == doctest::Approx(link.x));
        CHECK(disc.w == doctest::Approx(link.w));
        CHECK(disc.h == doctest::Approx(link.h));
        CHECK(disc.h >= 32.f);        // touch target
        CHECK(disc.w <= 320.f - 32);  // wrapped inside the column
        CHECK(disc.role == ui::Role::Button);
        CHECK(disc.expandable);
    }
}
