// "Mes messages" and the advisors' contact inbox (issue 14 part 2), and the
// printable "Mes données", in the offline demo driven natively through the
// semantic layer, at 320 and 375 px wide: the form's errors at their fields,
// the message sent and listed, the demo advisor answers in the professional
// space, the applicant reads the answer; the printable page holds the
// person's name and nobody else's; a kiosk offers no printing and says why.
#include <doctest/doctest.h>

#include "client/ui/layout_probe.h"
#include "ui_harness.h"

using alin::test::UiHarness;

namespace {

// Every mirrored node with a size lies within [0, width] horizontally, and no
// glyph drawn is cut or outside the screen.
void checkInside(UiHarness& ui, const std::string& where, float width) {
    alin::ui::DrawnText t = alin::ui::measureDrawnText(ImGui::GetDrawData());
    CAPTURE(where);
    CHECK(t.minX >= -0.5f);
    CHECK(t.maxX <= width + 0.5f);
    CHECK(t.cutVertices == 0);
    for (const auto& n : ui.tree()) {
        if (n.value("w", 0.0) <= 0 || n.value("h", 0.0) <= 0) continue;
        const double x = n["x"].get<double>(), w = n["w"].get<double>();
        if (x < -0.5 || x + w > width + 0.5) {
            CAPTURE(n.dump());
            CHECK(x >= -0.5);
            CHECK(x + w <= width + 0.5);
        }
    }
}

bool textContains(UiHarness& ui, const std::string& part) {
    for (const auto& n : ui.tree())
        if (n.value("n", "").find(part) != std::string::npos) return true;
    return false;
}

void logout(UiHarness& ui) {
    ui.app->state().logout = true;
    ui.frames(6);
}

}  // namespace

TEST_CASE("Mes messages at 320 and 375 px: errors at the fields, sent, answered by the demo advisor, read") {
    for (const float width : {320.f, 375.f}) {
        CAPTURE(width);
        UiHarness ui(true, width, 740, true);
        ui.login("anne.porte@example.fr", "Logement2026");
        REQUIRE(ui.app->state().user);
        // Reached from "Vous avez une question ?" at the end of a signed-in screen.
        ui.go("/tableau-de-bord");
        ui.frames(5);
        REQUIRE_MESSAGE(ui.has("link", "Écrire à un conseiller"), ui.dump());
        ui.click("link", "Écrire à un conseiller");
        ui.frames(6);
        CHECK(ui.route() == "/mes-messages");
        REQUIRE_MESSAGE(ui.has("heading", "Mes messages"), ui.dump());
        REQUIRE(ui.has("radio", "Ma demande de logement et mon dossier"));
        checkInside(ui, "form", width);

        // Nothing chosen, nothing written: the two errors at their fields, nothing sent.
        ui.click("button", "Envoyer mon message");
        ui.frames(4);
        CHECK(textContains(ui, "Choisissez le sujet de votre message dans la liste."));
        CHECK(textContains(ui, "Écrivez votre message avant de l'envoyer."));
        CHECK(textContains(ui, "Vous n'avez encore envoyé aucun message."));
        checkInside(ui, "errors", width);

        ui.click("radio", "Ma demande de logement et mon dossier");
        ui.fill("contact.message", "Bonjour, mon dossier est-il complet ?");
        CHECK(textContains(ui, "37\u00A0caractères sur 2\u00A0000"));
        ui.click("button", "Envoyer mon message");
        ui.frames(6);
        CHECK(textContains(ui, "Votre message a été envoyé."));
        CHECK(textContains(ui, "Bonjour, mon dossier est-il complet ?"));
        CHECK(textContains(ui, "En attente de réponse"));
        CHECK(ui.app->state().contact.message.empty());
        checkInside(ui, "sent", width);
        logout(ui);

        // The demo advisor answers from the professional space.
        ui.login("conseiller@actionlogement.example", "Conseiller2026");
        ui.go("/espace-professionnel");
        ui.frames(8);
        REQUIRE_MESSAGE(ui.has("heading", "Messages des demandeurs"), ui.dump());
        CHECK(textContains(ui, "Anne PORTE (anne.porte@example.fr)"));
        CHECK(textContains(ui, "Bonjour, mon dossier est-il complet ?"));
        REQUIRE(ui.app->state().contact.inbox);
        REQUIRE_FALSE(ui.app->state().contact.inbox->empty());
        const int64_t id = ui.app->state().contact.inbox->front().id;
        ui.fill("inbox.answer" + std::to_string(id), "Oui, votre dossier est complet.");
        ui.click("button", "Envoyer la réponse");
        ui.frames(8);
        CHECK(textContains(ui, "Réponse envoyée"));
        checkInside(ui, "inbox", width);
        logout(ui);

        ui.login("anne.porte@example.fr", "Logement2026");
        ui.go("/mes-messages");
        ui.frames(6);
        CHECK(textContains(ui, "Réponse du conseiller, le "));
        CHECK(textContains(ui, "Oui, votre dossier est complet."));
        CHECK_FALSE(textContains(ui, "En attente de réponse"));
        checkInside(ui, "answered", width);
    }
}

TEST_CASE("Mes données: the printable version holds the person's data and nobody else's; none on a kiosk") {
    UiHarness ui(true, 375, 740, true);
    ui.login("anne.porte@example.fr", "Logement2026");
    ui.go("/mes-messages");
    ui.frames(6);
    ui.click("radio", "Autre question");
    ui.fill("contact.message", "Une question <b>importante</b>");
    ui.click("button", "Envoyer mon message");
    ui.frames(6);
    ui.go("/mes-donnees");
    ui.frames(6);
    REQUIRE_MESSAGE(ui.has("button", "Version imprimable"), ui.dump());
    CHECK(ui.has("heading", "Mes messages"));
    ui.click("button", "Version imprimable");
    ui.frames(2);
    const auto& documents = alin::platform::native::browser().documents;
    REQUIRE(documents.size() == 1);
    const std::string& html = documents[0];
    CHECK(html.find("<html lang=\"fr\">") != std::string::npos);
    CHECK(html.find("<title>Mes données AL'in\u00A0: Anne PORTE</title>") != std::string::npos);
    CHECK(html.find("anne.porte@example.fr") != std::string::npos);
    CHECK(html.find("1110920621114ACLOG") != std::string::npos);
    CHECK(html.find("06 04 50 57 92") != std::string::npos);
    CHECK(html.find("Une question &lt;b&gt;importante&lt;/b&gt;") != std::string::npos);  // escaped
    CHECK(html.find("<b>") == std::string::npos);
    CHECK(html.find("@media print") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    // Nobody else's: the other demo accounts.
    for (const char* other : {"DURAND", "LEFEBVRE", "BERNARD", "conseiller@", "bailleur@", "employeur@"})
        CHECK_MESSAGE(html.find(other) == std::string::npos, other);
    CHECK(textContains(ui, "La version imprimable de vos données s'est ouverte"));

    ui.app->state().kiosk = true;
    ui.frames(2);
    CHECK_FALSE(ui.has("button", "Version imprimable"));
    CHECK(textContains(ui, "l'impression n'est pas proposée"));
    ui.app->state().kiosk = false;
}
