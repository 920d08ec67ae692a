// Widgets drawn on their own, outside any screen (review findings on the
// widget set itself).
#include <doctest/doctest.h>

#include <string>

#include "client/ui/layout_probe.h"
#include "client/ui/widgets.h"
#include "client/ui/widgets_internal.h"
#include "ui_harness.h"

namespace {

// Draws `draw` in a bare column of a width x height screen for one frame and returns the semantic
// node `id` it recorded.
template <class F>
alin::ui::SemNode drawAlone(float width, const std::string& id, F draw, float height = 640) {
    using namespace alin;
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(width, height);
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
    const std::string arrow = ui::DisclosureMark(false);  // the closed disclosure's mark
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

namespace {
// The leftmost glyph drawn by the last frame.
float drawnLeft() {
    return alin::ui::measureDrawnText(ImGui::GetDrawData()).minX;
}
}  // namespace

TEST_CASE("a tertiary button's label starts at the column's left edge, as text does (not indented)") {
    using namespace alin;
    test::UiHarness h(true, 1280, 800);
    float columnLeft = 0;
    drawAlone(1280, "t.tertiary", [&] {
        columnLeft = ImGui::GetCursorScreenPos().x;
        ui::Button("t.tertiary", "Annuler", ui::ButtonKind::Tertiary);
    });
    CHECK(drawnLeft() - columnLeft < 4.f);
    // Primary and secondary buttons keep their padding.
    drawAlone(1280, "t.primary", [&] { ui::Button("t.primary", "Valider", ui::ButtonKind::Primary); });
    CHECK(drawnLeft() - columnLeft > 16.f);
}

TEST_CASE("a dialog taller than a 320 px phone fits the screen and scrolls") {
    using namespace alin;
    test::UiHarness h(true, 320, 480);
    for (int frame = 0; frame < 3; ++frame) {
        ui::SemNode d = drawAlone(
            320, "t.dialog",
            [&] {
                if (ui::BeginDialog("t.dialog", "Supprimer ma demande ?")) {
                    for (int i = 0; i < 30; ++i)
                        ui::Paragraph("Une ligne du dialogue, assez longue pour passer \xC3\xA0 la ligne.");
                    ui::EndDialog();
                }
            },
            480);
        if (frame < 2) continue;
        CAPTURE(d.y);
        CAPTURE(d.h);
        CHECK(d.y >= 0.f);
        CHECK(d.y + d.h <= 480.f);
        CHECK(d.w <= 320.f - 32.f + 0.5f);
    }
}

TEST_CASE("wrapped widget labels break only at ordinary spaces: never inside '10,1 %' or an e-mail address") {
    using namespace alin;
    test::UiHarness h(true, 1280, 800);
    const std::string text =
        "Taux d'effort\u00A0: 10,1\u00A0% \xC2\xB7 \xC3\xA9"
        "crivez \xC3\xA0 anne.porte@example.fr";
    drawAlone(1280, "none", [&] {
        for (float w = 200; w <= 420; w += 1) {  // wider than the longest word (the address)
            std::vector<ui::detail::Line> lines = ui::detail::wrapLines(text, w);
            for (size_t i = 0; i + 1 < lines.size(); ++i) {
                // The break after line i: the original text between the two lines is spaces only.
                std::string gap(lines[i].e, lines[i + 1].b);
                CAPTURE(w);
                CAPTURE(std::string(lines[i].b, lines[i].e));
                CHECK(gap.find_first_not_of(' ') == std::string::npos);
                CHECK(!gap.empty());
            }
        }
    });
}

TEST_CASE(
    "a multi-line text area at 320 px: label above, N lines tall, no sideways overflow, error below, newlines kept") {
    using namespace alin;
    test::UiHarness h(true, 320, 640);
    std::string value =
        "Bonjour,\n\nune ligne bien plus longue que la largeur d'un t\xC3\xA9l\xC3\xA9phone de 320 pixels.";
    std::vector<platform::SemanticEvent> events;
    ui::SemNode area, error, label;
    bool changed = false;
    for (int frame = 0; frame < 3; ++frame) {
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(320, 640);
        io.DeltaTime = 1.f / 60.f;
        ui::semantics().beginFrame(std::move(events));
        events.clear();
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::Begin("alone", nullptr, ImGuiWindowFlags_NoDecoration);
        ui::ResetLayout();
        ui::BeginColumn(640.f);
        ui::FieldOptions options;
        options.error =
            "Votre message d\xC3\xA9passe 2\xC2\xA0"
            "000 caract\xC3\xA8res.";
        options.required = true;
        changed = ui::TextArea("t.msg", "Votre message", value, options, 5);
        ui::EndColumn();
        ImGui::End();
        for (size_t i = 0; i < ui::semantics().nodeCount(); ++i) {
            const ui::SemNode& n = ui::semantics().nodeAt(i);
            if (n.id == "t.msg") area = n;
            if (n.id == "t.msg.error") error = n;
        }
        ui::semantics().endFrame();
        ImGui::Render();
        if (frame == 1) {
            // Typed in the DOM <textarea>: Enter gives a '\n' in the value it sends.
            platform::SemanticEvent typed;
            typed.kind = platform::SemanticEvent::Kind::Input;
            typed.id = "t.msg";
            typed.value = "Premi\xC3\xA8re ligne\nDeuxi\xC3\xA8me ligne\n";
            events.push_back(typed);
        }
        if (frame == 0) {
            // Nothing drawn reaches past the screen's right edge (no sideways scrolling).
            ui::DrawnText t = ui::measureDrawnText(ImGui::GetDrawData());
            CHECK(t.maxX <= 320.5f);
            CHECK(t.minX >= -0.5f);
        }
    }
    CHECK(changed);
    CHECK(value == "Premi\xC3\xA8re ligne\nDeuxi\xC3\xA8me ligne\n");  // the line breaks, as typed
    CHECK(area.role == ui::Role::TextBox);
    CHECK(area.inputType == "textarea");  // the DOM mirror is a <textarea> (aria-multiline)
    CHECK(area.name == "Votre message *");
    CHECK(area.value == value);
    CHECK(area.required);
    CHECK(area.invalid);
    CHECK(area.x >= 0.f);
    CHECK(area.x + area.w <= 320.f + 0.5f);
    CHECK(area.h == doctest::Approx(ui::TextAreaHeight(5)));
    CHECK(area.h >= 5 * 19.f);  // five lines of the DOM's 16 px text
    // The error below the box, inside the screen, named by the field's aria-describedby.
    CHECK(error.name == area.error);
    CHECK(error.y >= area.y + area.h);
    CHECK(error.x + error.w <= 320.f + 0.5f);
    // The patch sent to the DOM carries the line breaks and the multi-line type.
    const std::string& patch = ui::semantics().lastPatch();
    CHECK(patch.find("\"t\":\"textarea\"") != std::string::npos);
    CHECK(patch.find("ligne\\nDeuxi") != std::string::npos);
}
