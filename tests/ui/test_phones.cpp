// Phones (issue 10 items 1 and 3): the applicant's screens at 320 px wide (a
// 1280 px screen at 400 % zoom) keep every widget inside the screen, the nav
// collapses behind "Menu", and text is laid out in CSS px with a 1.5 line.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "client/ui/layout_probe.h"
#include "client/ui/theme.h"
#include "ui_harness.h"

using alin::test::UiHarness;

namespace {

// The demo mode's reference data (data/geo.bin, data/*.json), read from the
// source tree (tests run from the build folder or the checkout).
void serveDemoData(alin::platform::native::Browser& b) {
    b.http = [](const std::string&, const std::string& url, const std::string&, alin::platform::HttpCallback cb) {
        std::string name = url.substr(url.rfind('/') + 1);
        std::string rel = name == "geo.bin" ? "build-assets/geo/geo.bin" : "assets/data/" + name;
        for (const char* root : {".", "..", "../.."}) {
            std::ifstream in(std::string(root) + "/" + rel, std::ios::binary);
            if (!in) continue;
            std::stringstream ss;
            ss << in.rdbuf();
            cb(200, ss.str());
            return;
        }
        cb(404, {});
    };
}

// Every node with a size lies within [0, width] horizontally, and so does every
// glyph drawn, none of them cut by a clip rectangle.
void checkInside(UiHarness& ui, const std::string& where, float width) {
    alin::ui::DrawnText t = alin::ui::measureDrawnText(ImGui::GetDrawData());
    CAPTURE(where);
    CHECK(t.glyphVertices > 0);
    CHECK(t.minX >= -0.5f);
    CHECK(t.maxX <= width + 0.5f);
    CHECK(t.cutVertices == 0);
    int nodes = 0;
    for (const auto& n : ui.tree()) {
        if (n.value("w", 0.0) <= 0 || n.value("h", 0.0) <= 0) continue;
        ++nodes;
        double x = n["x"].get<double>(), w = n["w"].get<double>();
        if (x < -0.5 || x + w > width + 0.5) {
            CAPTURE(n.dump());
            CHECK(x >= -0.5);
            CHECK(x + w <= width + 0.5);
        }
    }
    CHECK(nodes > 5);
}

}  // namespace

TEST_CASE("phones: at 320 px every widget of the applicant's journey stays inside the screen") {
    UiHarness ui(true, 320, 640, false, serveDemoData);
    ui.frames(5);  // the reference data arrives, the demo accounts are made
    auto& b = alin::platform::native::browser();
    for (const char* route : {"/", "/connexion", "/creer-mon-compte"}) {
        b.route = route;
        ui.frames(3);
        checkInside(ui, route, 320);
    }
    b.route = "/connexion";
    ui.frames(2);
    ui.fill("login.email", "anne.porte@example.fr");
    ui.fill("login.password", "Logement2026");
    ui.click("button", "JE ME CONNECTE");
    ui.frames(10);
    REQUIRE(ui.app->state().user);

    // The nav does not fit: it collapses behind a "Menu" disclosure button.
    CHECK(ui.has("button", "Menu"));
    CHECK_FALSE(ui.has("link", "Les offres"));
    ui.click("button", "Menu");
    ui.frames(2);
    CHECK(ui.find("button", "Menu").value("ex", 0) == 1);
    REQUIRE(ui.has("link", "Les offres"));
    checkInside(ui, "menu open", 320);
    ui.click("link", "Les offres");
    ui.frames(10);
    CHECK(ui.route() == "/offres");
    CHECK_FALSE(ui.has("link", "Mes candidatures"));  // closed again after choosing
    checkInside(ui, "/offres", 320);
    // The longest filter chip is whole and inside the screen.
    auto pmr = ui.find("checkbox", "Adapté aux personnes à mobilité réduite");
    REQUIRE_FALSE(pmr.is_null());
    CHECK(pmr["x"].get<double>() + pmr["w"].get<double>() <= 320 - 16 + 0.5);

    ui.click("link", "Date limite");  // the first offer card
    ui.frames(10);
    REQUIRE(ui.has("button", "Je postule"));
    checkInside(ui, "offer detail", 320);
    // Key/value rows stack when narrow: the label's line then the value's, not
    // the value squeezed into what is left of the label's line.
    auto pmrRow = ui.find("text", "Adapté aux personnes à mobilité réduite\u00A0: ");
    REQUIRE_FALSE(pmrRow.is_null());
    CHECK(pmrRow["h"].get<double>() >= 48);
    CHECK(pmrRow["h"].get<double>() <= 96);

    for (const char* route : {"/tableau-de-bord", "/candidatures"}) {
        b.route = route;
        ui.frames(10);
        checkInside(ui, route, 320);
    }
}

TEST_CASE("phones: body text has a 24 px line (16 px at line height 1.5), headings their own") {
    UiHarness ui(true, 375, 667);
    const auto& f = alin::ui::fonts();
    CHECK(f.body->FontSize == doctest::Approx(24.f));
    CHECK(f.bold->FontSize == doctest::Approx(24.f));
    CHECK(f.small->FontSize == doctest::Approx(24.f));
    CHECK(f.h1->FontSize == doctest::Approx(36.f));
    CHECK(f.h2->FontSize == doctest::Approx(28.f));
    // CSS px: DejaVu Sans's "H" is 1493/2048 em tall, 11.7 px at 16 px (13.7 px fonts made it 10).
    const ImFontGlyph* h = f.body->FindGlyph('H');
    REQUIRE(h != nullptr);
    CHECK(h->Y1 - h->Y0 >= 11.f);
    CHECK(h->Y1 - h->Y0 <= 13.f);
}
