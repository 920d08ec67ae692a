// Native UI tests: the real screens, headless, driven through the semantic tree.
#include <doctest/doctest.h>

#include "ui_harness.h"

using alin::platform::SemanticEvent;
using alin::test::UiHarness;

TEST_CASE("home page mirrors its widgets with roles and names") {
    UiHarness ui;
    CHECK(ui.has("heading", "Trouvez un logement social"));
    CHECK(ui.has("button", "Se connecter"));
    CHECK(ui.has("link", "Mode démonstration") == false);  // demo mode: no link to itself
    auto region = ui.find("region", "Accueil");
    REQUIRE_FALSE(region.is_null());
    CHECK(region.value("cl", 0) == 1);
    // Rectangles are inside the viewport and non-empty.
    auto btn = ui.find("button", "Se connecter");
    CHECK(btn["w"].get<int>() > 40);
    CHECK(btn["h"].get<int>() >= 44);
}

TEST_CASE("activating the DOM mirror activates the widget and routes") {
    UiHarness ui;
    ui.click("button", "Se connecter");
    CHECK(ui.route() == "/connexion");
    ui.frames(2);
    CHECK(ui.has("heading", "Connexion"));
    auto email = ui.find("textbox", "Email");
    REQUIRE_FALSE(email.is_null());
    CHECK(email["ac"] == "username");
    CHECK(email["t"] == "email");
    CHECK(ui.has("password", "Mot de passe"));
    CHECK(ui.has("button", "JE ME CONNECTE"));
}

TEST_CASE("text typed in the DOM input reaches the ImGui buffer and back") {
    UiHarness ui;
    ui.click("button", "Se connecter");
    ui.frames(2);
    ui.fill("login.email", "zoé@example.fr");
    CHECK(ui.app->state().login.email == "zoé@example.fr");
    CHECK(ui.find("textbox", "Email")["v"] == "zoé@example.fr");
}

TEST_CASE("sign-up errors appear at their fields with aria state") {
    UiHarness ui;
    alin::platform::native::browser().route = "/creer-mon-compte";
    ui.frames(2);
    ui.fill("signup.phone", "0145678910");
    ui.click("button", "Créer mon compte");
    ui.frames(3);
    auto phone = ui.find("textbox", "Téléphone portable");
    CHECK(phone.value("iv", 0) == 1);
    CHECK(phone.value("e", std::string()).find("portable") != std::string::npos);
    auto consent = ui.find("checkbox", "J'ai compris");
    CHECK(consent.value("iv", 0) == 1);
    // Ticking the box through the DOM updates the state.
    ui.event(SemanticEvent::Kind::Toggle, "signup.consent", {}, true);
    ui.frames(1);
    CHECK(ui.app->state().signup.consent);
    CHECK(ui.find("checkbox", "J'ai compris").value("c", 0) == 1);
}

TEST_CASE("unchanged frames do not resync the DOM tree") {
    UiHarness ui;
    ui.frames(3);
    size_t before = alin::platform::native::browser().syncs;
    ui.frames(10);
    CHECK(alin::platform::native::browser().syncs == before);
}

TEST_CASE("phone width: the column fits 360 px") {
    UiHarness ui(true, 360, 640);
    alin::platform::native::browser().route = "/creer-mon-compte";
    ui.frames(3);
    for (const auto& n : ui.tree()) {
        if (n["r"] == "textbox" || n["r"] == "button") {
            CAPTURE(n.dump());
            CHECK(n["x"].get<int>() >= 0);
            CHECK(n["x"].get<int>() + n["w"].get<int>() <= 360);
        }
    }
}

TEST_CASE("patches rebuild exactly the tree C++ holds, across screens and field errors") {
    UiHarness ui;
    auto same = [&] {
        auto full = nlohmann::json::parse(alin::ui::semantics().serialize());
        CHECK(ui.tree() == full);
    };
    same();
    ui.click("button", "Se connecter");
    ui.frames(2);
    same();
    ui.click("button", "Créer mon compte");
    ui.frames(2);
    same();
    ui.click("button", "Créer mon compte");  // submit empty: errors appear, nodes inserted mid-tree
    ui.frames(3);
    same();
    CHECK(ui.has("text", "obligatoire"));
    ui.click("link", "J'ai déjà un compte");
    ui.frames(2);
    same();
}

TEST_CASE("an unchanged frame sends nothing; one changed label sends one node") {
    UiHarness ui;
    alin::platform::native::browser().route = "/connexion";
    ui.frames(3);
    size_t before = alin::platform::native::browser().syncs;
    ui.fill("login.email", "a");
    auto patch = nlohmann::json::parse(alin::platform::native::browser().lastPatch);
    CHECK(alin::platform::native::browser().syncs == before + 1);
    REQUIRE(patch["u"].size() == 1);
    CHECK(patch["u"][0]["i"] == "login.email");
    CHECK_FALSE(patch.contains("o"));
}

TEST_CASE("kiosk: inactivity warns, then ends the session and wipes what was typed") {
    alin::platform::native::browser() = {};
    UiHarness ui;  // demo mode
    ui.app->state().kiosk = true;
    alin::platform::native::browser().route = "/connexion";
    ui.frames(2);
    ui.fill("login.email", "passant@example.fr");
    double now = alin::platform::nowMs();
    ui.app->noteActivity(now - 121000);
    ui.frames(2);
    CHECK(ui.has("alertdialog", "Votre session va se terminer"));
    CHECK_FALSE(ui.has("button", "JE ME CONNECTE"));  // the page behind is inert
    ui.click("button", "Continuer");
    CHECK_FALSE(ui.has("alertdialog", "Votre session va se terminer"));
    CHECK(ui.app->state().login.email == "passant@example.fr");
    ui.app->noteActivity(now - 151000);
    ui.frames(3);
    CHECK(ui.app->state().login.email.empty());
    CHECK(ui.route() == "/");
    ui.frames(2);
    CHECK(ui.has("heading", "Session terminée"));  // a visible end, not a silent reset
}

namespace {
nlohmann::json nodeById(const nlohmann::json& tree, const std::string& id) {
    for (const auto& n : tree)
        if (n.value("i", "") == id) return n;
    return nullptr;
}
}  // namespace

TEST_CASE("scrolling the content sends its scroll offset; the nodes keep content coordinates") {
    UiHarness ui(true, 1280, 400);  // short window: the sign-up form scrolls
    alin::platform::native::browser().route = "/creer-mon-compte";
    ui.frames(3);
    auto before = ui.tree();
    auto region = nodeById(before, "content");
    REQUIRE_FALSE(region.is_null());
    CHECK(region.value("sy", -1) == 0);
    auto field = nodeById(before, "signup.email");
    REQUIRE_FALSE(field.is_null());

    ui.event(alin::platform::SemanticEvent::Kind::Scroll, "content");
    alin::platform::native::browser().pending.back().delta = 120.f;
    ui.frames(3);
    auto after = ui.tree();
    CHECK(nodeById(after, "content").value("sy", -1) == 120);
    // Each scroll event the offset includes is counted, so the page knows when the
    // app has caught up with the browser's own scrolling.
    CHECK(nodeById(after, "content").value("sq", -1) == 1);
    CHECK(nodeById(after, "signup.email")["y"] == field["y"]);

    // A frame that only scrolls sends one node: the container.
    ui.event(alin::platform::SemanticEvent::Kind::Scroll, "content");
    alin::platform::native::browser().pending.back().delta = 10.f;
    ui.frames(1);
    ui.frames(1);
    auto patch = nlohmann::json::parse(alin::platform::native::browser().lastPatch);
    REQUIRE(patch["u"].size() == 1);
    CHECK(patch["u"][0]["i"] == "content");
}

TEST_CASE("focus from a pointer press never scrolls; keyboard focus reveals the item once") {
    UiHarness ui(true, 1280, 400);
    alin::platform::native::browser().route = "/creer-mon-compte";
    ui.frames(3);
    // The submit button is below the fold of a 400 px window.
    auto button = ui.find("button", "Créer mon compte");
    REQUIRE_FALSE(button.is_null());
    const std::string id = button["i"];
    ui.event(alin::platform::SemanticEvent::Kind::Focus, id, "pointer");
    ui.frames(3);
    CHECK(nodeById(ui.tree(), "content").value("sy", -1) == 0);

    ui.event(alin::platform::SemanticEvent::Kind::Blur, id);
    ui.event(alin::platform::SemanticEvent::Kind::Focus, id);
    ui.frames(3);
    const int revealed = nodeById(ui.tree(), "content").value("sy", -1);
    CHECK(revealed > 0);
    // Once: scrolling back up while it keeps focus is not undone.
    ui.event(alin::platform::SemanticEvent::Kind::Scroll, "content");
    alin::platform::native::browser().pending.back().delta = -static_cast<float>(revealed);
    ui.frames(3);
    CHECK(nodeById(ui.tree(), "content").value("sy", -1) == 0);
}

TEST_CASE("an activation that finds no widget is reported, not silently dropped") {
    UiHarness ui;
    alin::platform::native::browser().warnings.clear();
    ui.event(alin::platform::SemanticEvent::Kind::Activate, "no.such.widget");
    ui.frames(1);
    REQUIRE(alin::platform::native::browser().warnings.size() == 1);
    CHECK(alin::platform::native::browser().warnings[0].find("no.such.widget") != std::string::npos);
}
