// "Mes données" in the offline demo, driven natively through the semantic
// layer: the sections, "Télécharger mes données" through the platform layer
// (a file with the JSON export), and in kiosk mode no download but the reason.
#include <doctest/doctest.h>

#include "ui_harness.h"

using alin::test::UiHarness;

TEST_CASE("Mes données: sections, the JSON download; a kiosk says why there is none") {
    UiHarness ui(true, 375, 740, true);
    ui.login("anne.porte@example.fr", "Logement2026");
    // A saved alert ("Mes alertes") is among the data held.
    int created = 0;
    ui.app->api().send("POST", "/api/v1/alerts",
                       nlohmann::json{{"tab", "requested"}, {"frequency", "daily"}, {"digestHour", 9}},
                       [&](const alin::client::ApiReply& r) { created = r.status; });
    ui.frames(3);
    REQUIRE(created == 201);
    ui.go("/mes-donnees");
    ui.frames(5);
    REQUIRE_MESSAGE(ui.has("heading", "Mes données"), ui.dump());
    for (const char* h :
         {"Mon compte", "Ma demande de logement social", "Mes choix de partage des données", "E-mails envoyés",
          "Connexions récentes", "Mes messages", "Mes alertes", "Supprimer mon compte"})
        CHECK_MESSAGE(ui.has("heading", h), h);
    CHECK_MESSAGE(ui.has("text", "1\u00A0alerte enregistrée"), ui.dump());
    CHECK_MESSAGE(ui.has("text", "un résumé par jour à 9\u00A0h"), ui.dump());
    // The phone as French people write it, never +33604505792 (the export keeps E.164).
    bool phone = false;
    for (const auto& n : ui.tree()) {
        const std::string text = n.value("n", "");
        CHECK(text.find("+33604505792") == std::string::npos);
        phone = phone || text.find("06 04 50 57 92") != std::string::npos;
    }
    CHECK(phone);
    ui.click("button", "Télécharger mes données");
    ui.frames(2);
    const auto& downloads = alin::platform::native::browser().downloads;
    REQUIRE(downloads.size() == 1);
    CHECK(downloads[0].first == "mes-donnees-alin.json");
    const auto exported = nlohmann::json::parse(downloads[0].second);
    CHECK(exported["account"]["email"] == "anne.porte@example.fr");
    CHECK(exported["requestFile"]["numeroUnique"] == "1110920621114ACLOG");

    ui.app->state().kiosk = true;
    ui.frames(2);
    CHECK_FALSE(ui.has("button", "Télécharger mes données"));
    bool reason = false;
    for (const auto& n : ui.tree())
        reason = reason || n.value("n", "").find("Sur une borne en libre-service") != std::string::npos;
    CHECK(reason);
    ui.app->state().kiosk = false;
}
