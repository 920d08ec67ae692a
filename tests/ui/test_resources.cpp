// "Ressources et aides au logement" on the dashboard (issue 12 item 7b) in the
// offline demo at 320 px: the section, its two fields and the CAF simulator
// link inside the screen; a bad amount gets its French error at the field; a
// good one is saved (the same router in the page) and the offers reload.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "client/ui/layout_probe.h"
#include "ui_harness.h"

using alin::test::UiHarness;

namespace {

constexpr const char* kMonthly = "Ressources nettes mensuelles du ménage (en euros)";
constexpr const char* kAid = "Aide au logement attendue par mois (APL ou AL, en euros)";
constexpr const char* kSimulator = "Estimer mon aide au logement sur le simulateur de la CAF";
constexpr const char* kCaf = "https://www.caf.fr/allocataires/mes-services-en-ligne/faire-une-simulation";

// Every node with a size, and every glyph drawn, lies within [0, width].
void checkInside(UiHarness& ui, float width) {
    const alin::ui::DrawnText t = alin::ui::measureDrawnText(ImGui::GetDrawData());
    CHECK(t.minX >= -0.5f);
    CHECK(t.maxX <= width + 0.5f);
    CHECK(t.cutVertices == 0);
    for (const auto& n : ui.tree()) {
        if (n.value("w", 0.0) <= 0 || n.value("h", 0.0) <= 0) continue;
        const double x = n["x"].get<double>(), w = n["w"].get<double>();
        CAPTURE(n.dump());
        CHECK(x >= -0.5);
        CHECK(x + w <= width + 0.5);
    }
}

}  // namespace

TEST_CASE("resources: the dashboard's section at 320 px, errors at the field, saved in the demo") {
    UiHarness ui(true, 320, 640, true);
    ui.frames(5);  // the reference data arrives, the demo accounts are made
    ui.login("anne.porte@example.fr", "Logement2026");
    REQUIRE(ui.app->state().user);
    ui.go("/tableau-de-bord");
    ui.frames(10);
    REQUIRE(ui.has("heading", "Ressources et aides au logement"));
    REQUIRE(ui.has("textbox", kMonthly));
    REQUIRE(ui.has("textbox", kAid));
    REQUIRE(ui.has("link", kSimulator));
    CHECK(ui.find("textbox", kMonthly).value("v", std::string()).empty());  // nothing declared yet
    checkInside(ui, 320);

    // A bad amount: the error at its field, in French; nothing saved.
    ui.fill("file.resources.monthly", "deux mille");
    ui.click("button", "Enregistrer mes ressources");
    ui.frames(10);
    auto monthly = ui.find("textbox", kMonthly);
    CHECK(monthly.value("iv", 0) == 1);
    CHECK(monthly.value("e", std::string()).find("Indiquez vos ressources mensuelles en euros") == 0);
    REQUIRE(ui.app->state().request.file);
    CHECK_FALSE(ui.app->state().request.file->resources.declared);
    checkInside(ui, 320);

    // Typing clears the error; a French amount and the aid are saved.
    ui.fill("file.resources.monthly", "2 400,00");
    ui.frames(1);
    CHECK(ui.find("textbox", kMonthly).value("iv", 0) == 0);
    ui.fill("file.resources.aid", "350");
    ui.click("button", "Enregistrer mes ressources");
    ui.frames(10);
    REQUIRE(ui.app->state().request.file);
    const auto& resources = ui.app->state().request.file->resources;
    CHECK(resources.monthlyResourcesCents == 240000);
    CHECK(resources.housingAidCents == 35000);
    CHECK(ui.has("status",
                 "Vos ressources et votre aide au logement sont enregistrées\u00A0: les offres et votre "
                 "éligibilité en tiennent compte."));
    CHECK(ui.app->state().offers.reload);
    // The field shows the amount as saved; the eligibility line uses it.
    CHECK(ui.find("textbox", kMonthly).value("v", std::string()) == "2\u00A0400");
    const auto lines = ui.texts();
    CHECK(std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
        return l.find("350\u00A0€ d'aide au logement") != std::string::npos;
    }));
    checkInside(ui, 320);

    // The simulator opens in a new tab (a QR code on a kiosk: same path).
    ui.click("link", kSimulator);
    ui.frames(2);
    const auto& opened = alin::platform::native::browser().opened;
    CHECK(std::find(opened.begin(), opened.end(), kCaf) != opened.end());
}

TEST_CASE("resources: on a kiosk the CAF simulator is a QR code, the fields are touch-sized") {
    UiHarness ui(true, 1080, 1920, true);  // demo mode, portrait kiosk
    ui.app->state().kiosk = true;
    ui.frames(5);
    ui.login("anne.porte@example.fr", "Logement2026");
    REQUIRE(ui.app->state().user);
    ui.go("/tableau-de-bord");
    ui.frames(10);
    for (const char* name : {kMonthly, kAid}) {
        const auto field = ui.find("textbox", name);
        REQUIRE_FALSE(field.is_null());
        CHECK(field.value("h", 0.f) >= 44.f);
    }
    CHECK(ui.find("link", kSimulator).value("h", 0.f) >= 44.f);
    ui.click("link", kSimulator);
    ui.frames(3);
    CHECK(ui.has("dialog", "À ouvrir sur votre téléphone"));
    CHECK(ui.has("text", std::string("Code QR de l'adresse ") + kCaf));
    CHECK(alin::platform::native::browser().opened.empty());  // nothing leaves the kiosk
    // Closed again: the kiosk's QR dialog is the UI module's own state, shared by the next tests.
    ui.click("button", "Fermer");
    CHECK_FALSE(ui.has("dialog", "À ouvrir sur votre téléphone"));
}
