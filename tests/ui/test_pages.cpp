// Footer pages, help centre and first-connection tutorial (issue 14 parts 2, 4),
// natively through the semantic tree.
#include <doctest/doctest.h>

#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "domain/utf8.h"
#include "ui_harness.h"

using alin::platform::SemanticEvent;
using alin::test::UiHarness;

namespace {

int countRole(const nlohmann::json& tree, const std::string& role, int level = 0) {
    int n = 0;
    for (const auto& node : tree)
        if (node.value("r", "") == role && (level == 0 || node.value("l", 0) == level)) ++n;
    return n;
}

std::vector<std::string> slugsOf(const std::string& query) {
    std::vector<std::string> out;
    for (const auto* e : alin::client::MatchingHelpEntries(query)) out.emplace_back(e->slug);
    return out;
}

void allowTutorial() {
    alin::platform::native::browser().storage.erase("alin-tuto-off");
}

}  // namespace

TEST_CASE("footer: on every screen, signed in or not; each link opens its page with one h1") {
    UiHarness ui(true, 375, 667, true);
    const std::pair<const char*, const char*> pages[] = {
        {"Mentions légales", "/mentions-legales"},
        {"Accessibilité\u00A0: partiellement conforme", "/accessibilite"},
        {"Données personnelles", "/donnees-personnelles"},
        {"Cookies", "/cookies"},
        {"Conditions générales d'utilisation", "/cgu"},
        {"Aide", "/aide"},
        {"Contact", "/contact"},
    };
    auto footer = ui.find("group", "Informations sur le site");
    REQUIRE_FALSE(footer.is_null());
    CHECK(footer["i"] == "footer");
    for (const auto& [name, route] : pages) {
        CAPTURE(name);
        auto link = ui.find("link", name);
        REQUIRE_FALSE(link.is_null());
        CHECK(link.value("p", "") == "footer");
        CHECK(link["x"].get<float>() + link["w"].get<float>() <= 375.f);  // wrapped, not cut
        ui.click("link", name);
        CHECK(ui.route() == route);
        ui.frames(2);
        CHECK(countRole(ui.tree(), "heading", 1) == 1);
        CHECK(countRole(ui.tree(), "heading", 2) >= 1);
    }
    // Deep links, typed in the address bar.
    ui.go("/cgu");
    CHECK(ui.has("heading", "Classement des candidatures"));
    CHECK(ui.has("text", "les situations prioritaires"));
    ui.go("/accessibilite");
    CHECK(ui.has("heading", "Déclaration d'accessibilité"));
    CHECK(ui.has("text", "Défenseur des droits"));
    ui.go("/nulle-part");
    CHECK(ui.has("heading", "Page introuvable"));
    CHECK(ui.has("group", "Informations sur le site"));
    // Signed in: the footer, and "Vous avez une question ?" to the help centre.
    ui.login("anne.porte@example.fr", "Logement2026");
    CHECK(ui.has("group", "Informations sur le site"));
    ui.click("link", "Vous avez une question");
    CHECK(ui.route() == "/aide");
}

TEST_CASE("help centre: search ignores accents and case, an empty result says so") {
    CHECK(slugsOf("").size() == alin::i18n::helpEntries().size());
    CHECK(slugsOf("numero") == slugsOf("NUMÉRO"));
    CHECK(slugsOf("Numéro Unique") == slugsOf("numero  unique"));
    CHECK_FALSE(slugsOf("numero").empty());
    CHECK(slugsOf("numero")[0] == "numero-unique");
    CHECK(slugsOf("zzzz").empty());
    // "pieces" finds "pièces", "securite" finds "sécurité", several words must all appear.
    CHECK(std::ranges::count(slugsOf("pieces justificatives"), "pieces-justificatives") == 1);
    CHECK(std::ranges::count(slugsOf("code securite"), "code-de-securite") == 1);
    CHECK(slugsOf("annuler bail zzzz").empty());

    UiHarness ui(true, 375, 667);
    ui.go("/aide");
    CHECK(ui.has("heading", "Centre d'aide"));
    const int all = static_cast<int>(alin::i18n::helpEntries().size());
    ui.fill("help.search", "numero");
    ui.frames(1);
    CHECK(ui.has("button", "Qu'est-ce que le Numéro Unique"));
    CHECK_FALSE(ui.has("button", "Comment annuler ma candidature"));
    CHECK(ui.has("text", "correspond"));
    ui.fill("help.search", "xqzw");
    ui.frames(1);
    CHECK(ui.has("text", "Aucune question ne correspond"));
    ui.fill("help.search", "");
    ui.frames(1);
    int questions = 0;
    for (const auto& n : ui.tree())
        if (n.value("i", "").rfind("help.q.", 0) == 0 && n.value("r", "") == "button") ++questions;
    CHECK(questions == all);
}

TEST_CASE("help centre: each answer is a disclosure with its own deep link") {
    UiHarness ui(true, 375, 667);
    ui.go("/aide");
    auto q = ui.find("button", "Comment annuler ma candidature");
    REQUIRE_FALSE(q.is_null());
    CHECK_FALSE(q.contains("ex"));
    CHECK_FALSE(ui.has("text", "tant que votre dossier n'a pas été transmis"));
    ui.click("button", "Comment annuler ma candidature");
    CHECK(ui.find("button", "Comment annuler ma candidature").value("ex", 0) == 1);
    CHECK(ui.has("text", "tant que votre dossier n'a pas été transmis"));
    auto link = ui.find("link", "Lien vers cette réponse");
    REQUIRE_FALSE(link.is_null());
    CHECK(link["hr"] == "#/aide/annuler-ma-candidature");
    // Opened from the address bar, with a search typed that would hide it.
    ui.fill("help.search", "onglets");
    ui.frames(1);
    CHECK_FALSE(ui.has("button", "Je n'ai pas reçu le code"));
    ui.go("/aide/code-de-securite");
    CHECK(ui.has("text", "Il est actif pendant 24"));
    CHECK(ui.find("button", "Je n'ai pas reçu le code").value("ex", 0) == 1);
    // The phone number, through the app's external-link path.
    CHECK(ui.find("link", "Appeler le 0970")["hr"] == "tel:+33970800800");
}

TEST_CASE("tutorial: shown once per account on this browser, skippable at any time, seen again from the help") {
    UiHarness ui(true, 375, 667, true);
    allowTutorial();
    ui.login("anne.porte@example.fr", "Logement2026");
    auto dialog = ui.find("dialog", "Tutoriel");
    REQUIRE_FALSE(dialog.is_null());
    CHECK(ui.has("text", "Étape 1 sur 6"));
    CHECK(ui.has("button", "X Passer les étapes"));
    CHECK_FALSE(ui.has("button", "Précédent"));
    CHECK_FALSE(ui.has("link", "Les offres"));  // the page behind is inert
    ui.click("button", "Suivant");
    CHECK(ui.has("text", "Étape 2 sur 6"));
    CHECK(ui.has("button", "Précédent"));
    ui.click("button", "Précédent");
    CHECK(ui.has("text", "Étape 1 sur 6"));
    ui.click("button", "X Passer les étapes");
    CHECK_FALSE(ui.has("dialog", "Tutoriel"));
    // Remembered under a hash of the account id, not the id itself.
    const int64_t id = ui.app->state().user->id;
    const std::string key = alin::client::TutorialStorageKey(id);
    CHECK(alin::platform::native::browser().storage.count(key) == 1);
    CHECK(key.size() == std::string("alin-tuto-").size() + 16);
    CHECK(key != alin::client::TutorialStorageKey(id + 1));
    // Signed in again: not shown.
    ui.click("button", "Se déconnecter");
    ui.frames(5);
    ui.login("anne.porte@example.fr", "Logement2026");
    CHECK_FALSE(ui.has("dialog", "Tutoriel"));
    // "Revoir le tutoriel"; Escape closes it too.
    ui.go("/aide");
    ui.click("button", "Revoir le tutoriel");
    REQUIRE(ui.has("dialog", "Tutoriel"));
    for (int i = 0; i < 5; ++i) ui.click("button", "Suivant");
    CHECK(ui.has("text", "Étape 6 sur 6"));
    CHECK(ui.has("button", "Terminer"));
    ui.event(SemanticEvent::Kind::Key, "tuto", "Escape");
    ui.frames(3);
    CHECK_FALSE(ui.has("dialog", "Tutoriel"));
}

TEST_CASE("tutorial: a kiosk keeps nothing and shows it at each sign-in") {
    alin::platform::native::browser() = {};
    UiHarness ui(true, 375, 667, true);
    allowTutorial();
    ui.app->state().kiosk = true;
    ui.login("anne.porte@example.fr", "Logement2026");
    REQUIRE(ui.has("dialog", "Tutoriel"));
    ui.click("button", "X Passer les étapes");
    CHECK_FALSE(ui.has("dialog", "Tutoriel"));
    for (const auto& [key, value] : alin::platform::native::browser().storage)
        CHECK_MESSAGE(key.rfind("alin-tuto-", 0) != 0, key);  // nothing remembered
    // The next sign-in on the terminal (a kiosk's logout wipes the demo's accounts:
    // signing in again over the session stands for it).
    ui.login("anne.porte@example.fr", "Logement2026");
    REQUIRE(ui.app->state().user);
    CHECK(ui.has("dialog", "Tutoriel"));
}

TEST_CASE("a disclosure's mark is a glyph of the shipped font, not the fallback \"?\"") {
    UiHarness ui(true, 375, 667);
    for (bool expanded : {false, true}) {
        const std::string mark = alin::ui::DisclosureMark(expanded);
        CAPTURE(mark);
        size_t i = 0;
        while (i < mark.size()) {
            const auto d = alin::domain::utf8::decodeAt(mark, i);
            i += d.length;
            CHECK(ImGui::GetIO().Fonts->Fonts[0]->FindGlyphNoFallback(static_cast<ImWchar>(d.cp)) != nullptr);
        }
    }
}
