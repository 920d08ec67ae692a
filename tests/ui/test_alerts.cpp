// "Mes alertes" in the offline demo (issue 14), driven natively through the
// semantic layer at 320 px: "Créer une alerte avec ces critères" on the offers
// screen, the alert in "Mes alertes" (every widget inside the screen), pause;
// a landlord publishes an offer Anne is eligible for (the in-page API): the
// e-mail is in the demo mailbox, "Les offres" shows the "Nouvelles offres"
// badge and the card "Nouveau"; the unsubscribe link works without a session.
#include <doctest/doctest.h>

#include "client/ui/layout_probe.h"
#include "ui_harness.h"

using alin::Json;
using alin::test::UiHarness;

namespace {

// Every node with a size lies within [0, width] horizontally (as tests/ui/test_phones.cpp).
void checkInside(UiHarness& ui, const std::string& where, float width) {
    alin::ui::DrawnText t = alin::ui::measureDrawnText(ImGui::GetDrawData());
    CAPTURE(where);
    CHECK(t.minX >= -0.5f);
    CHECK(t.maxX <= width + 0.5f);
    CHECK(t.cutVertices == 0);
    for (const auto& n : ui.tree()) {
        if (n.value("w", 0.0) <= 0 || n.value("h", 0.0) <= 0) continue;
        double x = n["x"].get<double>(), w = n["w"].get<double>();
        if (x < -0.5 || x + w > width + 0.5) {
            CAPTURE(n.dump());
            CHECK(x >= -0.5);
            CHECK(x + w <= width + 0.5);
        }
    }
}

// One call to the page's API, its reply body (the in-page service answers at once).
Json call(UiHarness& ui, const std::string& method, const std::string& path, const Json& body = nullptr) {
    Json out;
    int status = 0;
    ui.app->api().send(method, path, body, [&](const alin::client::ApiReply& r) {
        status = r.status;
        out = r.body;
    });
    for (int i = 0; i < 20 && status == 0; ++i) ui.frames(1);
    CAPTURE(path);
    CHECK(status >= 200);
    CHECK(status < 300);
    return out;
}

}  // namespace

TEST_CASE("Mes alertes: created from the offers screen, listed at 320 px; a published offer e-mails and marks it") {
    UiHarness ui(true, 320, 740, true);
    ui.frames(5);
    ui.login("anne.porte@example.fr", "Logement2026");
    ui.go("/offres");
    ui.frames(10);
    REQUIRE_MESSAGE(ui.has("button", "Créer une alerte avec ces critères"), ui.dump());
    ui.click("button", "Créer une alerte avec ces critères");
    ui.frames(5);
    CHECK(ui.has("link", "Gérer mes alertes"));

    ui.go("/alertes");
    ui.frames(6);
    REQUIRE_MESSAGE(ui.has("heading", "Mes alertes"), ui.dump());
    CHECK(ui.has("button", "Mettre en pause"));
    CHECK(ui.has("button", "Supprimer"));
    checkInside(ui, "/alertes", 320);
    ui.click("button", "Mettre en pause");
    ui.frames(5);
    CHECK(ui.has("button", "Réactiver"));
    ui.click("button", "Réactiver");
    ui.frames(5);
    CHECK(ui.has("button", "Mettre en pause"));

    // An offer like Anne's first one, published by Paris Habitat.
    const Json found = call(ui, "GET", "/api/v1/offers?tab=requested");
    REQUIRE(!found["items"].empty());
    const Json card = found["items"][0];
    call(ui, "DELETE", "/api/v1/session");
    call(ui, "POST", "/api/v1/session", {{"email", "bailleur@parishabitat.example"}, {"password", "Bailleur2026"}});
    const Json added = call(ui, "POST", "/api/v1/offers",
                            {{"insee", card["insee"]},
                             {"street", "3 rue des Alertes"},
                             {"typology", card["rooms"]},
                             {"surface", 48},
                             {"funding", card["funding"]},
                             {"kind", card["kindCode"]},
                             {"rentCents", card["rentCents"]},
                             {"chargesCents", card["chargesCents"]}});
    const int64_t offerId = added["offer"]["id"].get<int64_t>();
    const Json mailbox = call(ui, "GET", "/api/v1/dev/mailbox?to=anne.porte@example.fr");
    Json alertMail;
    for (const Json& m : mailbox["messages"])
        if (m.value("subject", "").find("Nouvelle offre") != std::string::npos) alertMail = m;
    REQUIRE_MESSAGE(!alertMail.is_null(), mailbox.dump());
    CHECK(alertMail["links"][0]["url"].get<std::string>().find("#/offre/" + std::to_string(offerId)) !=
          std::string::npos);

    // Back as Anne (signed out through the header first): the badge and the "Nouveau" card.
    ui.click("button", "Se déconnecter");
    ui.frames(5);
    ui.login("anne.porte@example.fr", "Logement2026");
    ui.go("/offres");
    ui.frames(10);
    ui.click("radio", "Nouveautés");  // the offer of the day first
    ui.click("button", "Afficher");
    ui.frames(10);
    ui.click("button", "Menu");  // the nav is behind "Menu" at 320 px
    ui.frames(2);
    bool badge = false, fresh = false;
    for (const auto& n : ui.tree()) {
        const std::string name = n.value("n", "");
        badge = badge || name.find("Nouvelles offres (1)") != std::string::npos;
        fresh = fresh || name.rfind("Nouveau – ", 0) == 0;
    }
    CHECK_MESSAGE(badge, ui.dump());
    CHECK_MESSAGE(fresh, ui.dump());

    // The unsubscribe link of the e-mail, without a session.
    const std::string page = alertMail["links"][1]["url"].get<std::string>();
    const std::string route = page.substr(page.find('#') + 1);
    call(ui, "DELETE", "/api/v1/session");
    ui.app->state().user.reset();
    ui.go(route);
    ui.frames(6);
    bool done = false;
    for (const auto& n : ui.tree()) done = done || n.value("n", "").find("C'est fait") != std::string::npos;
    CHECK_MESSAGE(done, ui.dump());
    checkInside(ui, "unsubscribe", 320);
}
