// Native UI tests: the real screens, headless, driven through the semantic tree.
#include <doctest/doctest.h>

#include <regex>

#include "client/ui/text_wrap.h"
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
    auto email = ui.find("textbox", "E-mail");
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
    CHECK(ui.find("textbox", "E-mail")["v"] == "zoé@example.fr");
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
    CHECK(ui.has("status", "Session terminée"));               // a visible end, not a silent reset
    CHECK(ui.has("heading", "Borne en libre-service AL'in"));  // back to the kiosk home
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

TEST_CASE("keyboard focus the browser scrolled into view keeps the browser's scroll (no reveal on top)") {
    UiHarness ui(true, 1280, 400);
    alin::platform::native::browser().route = "/creer-mon-compte";
    ui.frames(3);
    auto button = ui.find("button", "Créer mon compte");
    REQUIRE_FALSE(button.is_null());
    const auto region = nodeById(ui.tree(), "content");
    // The browser scrolled the focused button just into view, near the bottom edge,
    // and both events reach the app in the same frame (focus, then the scroll).
    const int delta = button.value("y", 0) + button.value("h", 0) - (region.value("y", 0) + region.value("h", 0)) + 10;
    REQUIRE(delta > 0);
    REQUIRE(delta <= region.value("sm", 0));
    const std::string id = button["i"];
    ui.event(alin::platform::SemanticEvent::Kind::Focus, id);
    ui.event(alin::platform::SemanticEvent::Kind::Scroll, "content");
    alin::platform::native::browser().pending.back().delta = static_cast<float>(delta);
    ui.frames(3);
    // Where the browser put it: revealing it again (at 40 % of the view) would move
    // its mirror a frame later, under a pointer about to click it.
    CHECK(nodeById(ui.tree(), "content").value("sy", -1) == delta);
}

TEST_CASE("an activation that finds no widget is reported, not silently dropped") {
    UiHarness ui;
    alin::platform::native::browser().warnings.clear();
    ui.event(alin::platform::SemanticEvent::Kind::Activate, "no.such.widget");
    ui.frames(1);
    REQUIRE(alin::platform::native::browser().warnings.size() == 1);
    CHECK(alin::platform::native::browser().warnings[0].find("no.such.widget") != std::string::npos);
}

// ---------------------------------------------------------------- issue 11: what the screens say

TEST_CASE("employer space: the shared request is shown, in the guide's order, phone formatted") {
    UiHarness ui(true, 1280, 800, true);
    ui.login("employeur@entreprise.example", "Employeur2026");
    ui.go("/espace-professionnel");
    ui.frames(5);
    const std::string all = ui.dump();
    CHECK(all.find("Une erreur inattendue") == std::string::npos);
    CHECK(ui.has("heading", "Espace employeur"));
    const auto texts = ui.texts();
    const int nom = ui.indexOf(texts, "Nom\u00A0: PORTE");
    const int prenom = ui.indexOf(texts, "Prénom\u00A0: Anne");
    REQUIRE_MESSAGE(nom >= 0, all);
    REQUIRE(prenom >= 0);
    CHECK(prenom == nom + 1);  // "Prénom" right under "Nom"
    CHECK(ui.indexOf(texts, "06 04 50 57 92") >= 0);
    CHECK(all.find("+33604505792") == std::string::npos);
    CHECK(ui.indexOf(texts, "Typologies souhaitées\u00A0: T") >= 0);
}

TEST_CASE("the font draws U+202F; lines break only at ordinary spaces, never inside an e-mail address") {
    UiHarness ui;
    ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    CHECK(font->FindGlyphNoFallback(0x202F) != nullptr);
    CHECK(font->FindGlyphNoFallback(0x00A0) != nullptr);
    const std::string text =
        "Ouvrez l'e-mail envoyé à anne.porte@example.fr puis cliquez sur «\u202FMot de passe oublié\u202F?\u202F» "
        "depuis Boulogne-Billancourt ou Saint-Rémy-lès-Chevreuse\u00A0: 24\u00A0h au plus.";
    for (float width : {90.f, 140.f, 200.f, 260.f, 320.f}) {
        CAPTURE(width);
        const std::string lines = alin::ui::BreakFrenchLines(text, width, font, font->FontSize);
        std::vector<std::string> split;
        std::size_t from = 0;
        for (std::size_t nl; (nl = lines.find('\n', from)) != std::string::npos; from = nl + 1)
            split.push_back(lines.substr(from, nl - from));
        split.push_back(lines.substr(from));
        CHECK(split.size() > 1);
        std::string joined;
        for (const std::string& l : split) {
            CAPTURE(l);
            // Each break replaced an ordinary space: no word is cut, nothing starts a
            // line that must stay with the word before it.
            CHECK(l.rfind("\u202F", 0) != 0);
            CHECK(l.rfind("\u00A0", 0) != 0);
            CHECK(l.rfind("?", 0) != 0);
            CHECK(l.rfind(":", 0) != 0);
            CHECK(l.rfind("»", 0) != 0);
            joined += (joined.empty() ? "" : " ") + l;
        }
        CHECK(joined == text);
        CHECK(lines.find("anne.porte@example.fr") != std::string::npos);
        CHECK(lines.find("Boulogne-Billancourt") != std::string::npos);
    }
}

TEST_CASE("applicant: typologies read as text; the offer already applied to says so and links to it") {
    UiHarness ui(true, 1280, 800, true);
    ui.login("anne.porte@example.fr", "Logement2026");
    ui.go("/tableau-de-bord");
    ui.frames(5);
    ui.click("button", "Consulter ma demande");
    const auto texts = ui.texts();
    const int typos = ui.indexOf(texts, "Typologies souhaitées");
    REQUIRE_MESSAGE(typos >= 0, ui.dump());
    CHECK(texts[typos] == "Typologies souhaitées\u00A0: T3, T4");

    // Apply to the first offer, then open it again.
    ui.go("/offres");
    ui.frames(10);
    auto card = ui.find("link", " - ");
    REQUIRE_MESSAGE(!card.is_null(), ui.dump());
    ui.click("link", card["n"].get<std::string>());
    ui.frames(5);
    const std::string offerRoute = ui.route();
    CHECK(offerRoute.rfind("/offre/", 0) == 0);
    ui.click("button", "Je postule");
    ui.frames(5);
    ui.go("/candidatures");
    ui.go(offerRoute);
    ui.frames(5);
    CHECK(ui.has("status", "Vous avez postulé à ce logement"));
    CHECK(ui.has("link", "Voir ma candidature"));
    CHECK_FALSE(ui.has("button", "Je postule"));
    CHECK(ui.dump().find("Annulez-la pour postuler") == std::string::npos);
}

TEST_CASE("offer cards tell offers apart; rooms filter says 5 pièces et plus") {
    UiHarness ui(true, 1280, 800, true);
    ui.login("anne.porte@example.fr", "Logement2026");
    ui.go("/offres");
    ui.frames(10);
    CHECK(ui.has("checkbox", "5\u00A0pièces et plus"));
    CHECK(ui.has("checkbox", "1\u00A0pièce"));
    auto card = ui.find("link", " - ");
    REQUIRE_MESSAGE(!card.is_null(), ui.dump());
    const std::string name = card["n"];
    CAPTURE(name);
    // Place with its postcode, rent and charges apart with the total, floor, dates.
    CHECK(std::regex_search(name, std::regex("\\([0-9]{5}\\)")));
    CHECK(name.find("Loyer ") != std::string::npos);
    CHECK(name.find("+ charges ") != std::string::npos);
    CHECK(name.find("Disponible le ") != std::string::npos);
    CHECK(name.find("Date limite") != std::string::npos);
    CHECK(name.find("(s)") == std::string::npos);
}

TEST_CASE("stale messages: a corrected field loses its error at once") {
    UiHarness ui;
    ui.go("/creer-mon-compte");
    ui.fill("signup.phone", "0145678910");
    ui.click("button", "Créer mon compte");
    ui.frames(3);
    REQUIRE(ui.find("textbox", "Téléphone portable").value("iv", 0) == 1);
    REQUIRE(ui.find("checkbox", "J'ai compris").value("iv", 0) == 1);
    // Still wrong while being corrected: re-validated, not just cleared.
    ui.fill("signup.phone", "01 45");
    ui.frames(1);
    CHECK(ui.find("textbox", "Téléphone portable").value("iv", 0) == 1);
    ui.fill("signup.phone", "06 04 50 57 92");
    ui.frames(1);
    CHECK(ui.find("textbox", "Téléphone portable").value("iv", 0) == 0);
    CHECK(ui.find("textbox", "Téléphone portable").value("e", std::string()).empty());  // no error text left
    ui.event(SemanticEvent::Kind::Toggle, "signup.consent", {}, true);
    ui.frames(2);
    CHECK(ui.find("checkbox", "J'ai compris").value("iv", 0) == 0);
}

TEST_CASE("department search: accents and case ignored, says when nothing matches, forgets a stale site") {
    UiHarness ui(true, 1280, 800, true);
    ui.login("anne.porte@example.fr", "Logement2026");
    ui.go("/tableau-de-bord");
    ui.frames(5);
    ui.app->state().request.file.reset();  // the import screen (no request imported yet)
    ui.frames(2);
    ui.click("button", "pas de numéro unique");
    ui.frames(5);
    REQUIRE_MESSAGE(ui.has("combobox", "département"), ui.dump());
    ui.fill("import.department", "herault");
    ui.frames(2);
    CHECK(ui.has("option", "Hérault"));
    ui.fill("import.department", "zzzz");
    ui.frames(2);
    CHECK(ui.dump().find("Aucun département ne correspond") != std::string::npos);
}

TEST_CASE("logging out, or a protected page while logged out, says so; login brings back the page asked for") {
    UiHarness ui(true, 1280, 800, true);
    ui.go("/candidatures");
    ui.frames(5);
    CHECK(ui.route() == "/connexion");
    CHECK(ui.has("status", "Connectez-vous pour accéder à cette page"));
    ui.fill("login.email", "anne.porte@example.fr");
    ui.fill("login.password", "Logement2026");
    ui.click("button", "JE ME CONNECTE");
    ui.frames(10);
    CHECK(ui.route() == "/candidatures");
    ui.click("button", "Se déconnecter");
    ui.frames(5);
    CHECK(ui.route() == "/connexion");
    CHECK(ui.has("status", "Vous êtes déconnecté(e)"));
}

TEST_CASE("a household housed by a signed lease: no 'en cours', no offers") {
    UiHarness ui(true, 1280, 800, true);
    ui.login("anne.porte@example.fr", "Logement2026");
    ui.go("/candidatures");
    ui.frames(5);
    auto& st = ui.app->state().applications;
    REQUIRE(st.loaded);
    alin::client::ApplicationView housed;
    housed.stage = "lease_signed";
    housed.step = 7;
    housed.offerTitle = "T3 - Paris 20e (75020)";
    housed.statusText = "Bail signé";
    st.active = housed;
    ui.frames(2);
    CHECK(ui.has("heading", "Mes candidatures"));
    CHECK_FALSE(ui.has("heading", "en cours"));
    ui.go("/offres");
    ui.frames(5);
    CHECK(ui.has("status", "Votre bail est signé"));
    CHECK_FALSE(ui.has("button", "Afficher"));
}

TEST_CASE("panel 2: the ticked person's SIRET at once; no stale 'Votre entreprise est validée.'") {
    UiHarness ui(true, 1280, 800, true);
    ui.login("anne.porte@example.fr", "Logement2026");
    ui.go("/tableau-de-bord");
    ui.frames(5);
    ui.click("button", "Consulter ma demande");
    ui.click("button", "Étape suivante");
    ui.frames(2);
    REQUIRE_MESSAGE(ui.has("radio", "Denis GIGI"), ui.dump());
    CHECK(ui.indexOf(ui.texts(), "82454114802432") >= 0);
    CHECK(ui.has("status", "Votre entreprise est validée"));  // as saved
    ui.click("radio", "Denis GIGI");
    ui.frames(2);
    CHECK(ui.indexOf(ui.texts(), "7913082750001") >= 0);
    CHECK(ui.indexOf(ui.texts(), "82454114802432") < 0);
    ui.fill("file.employerName", "");
    ui.frames(2);
    CHECK_FALSE(ui.has("status", "Votre entreprise est validée"));
}

TEST_CASE("landlord: step 4 is optional and its note is free text") {
    static std::string sentPath, sentBody;
    sentPath.clear();
    sentBody.clear();
    UiHarness ui(false, 1280, 800, false, [](alin::platform::native::Browser& b) {
        b.http = [](const std::string& method, const std::string& url, const std::string& body,
                    alin::platform::HttpCallback cb) {
            if (url.find("/api/v1/session") != std::string::npos && method == "GET")
                return cb(200, R"({"user":{"id":3,"email":"bailleur@parishabitat.example","role":"landlord",)"
                               R"("organisation":"Paris Habitat"}})");
            if (url.find("/api/v1/staff/landlord/offers") != std::string::npos)
                return cb(200, R"j({"offers":[{"id":1,"title":"T3 - Paris 20e (75020)","candidates":[)j"
                               R"j({"applicationId":42,"name":"Anne PORTE","stage":"sent_to_landlord",)j"
                               R"j("statusText":"Transmise au bailleur"}]}]})j");
            if (method == "POST" && url.find("/api/v1/staff/") != std::string::npos) {
                sentPath = url;
                sentBody = body;
                return cb(200, R"({"message":"Contact enregistré."})");
            }
            cb(404, R"({"code":"not_found","message":"?"})");
        };
    });
    ui.go("/espace-professionnel");
    ui.frames(5);
    CHECK(ui.has("textbox", "Message au candidat"));
    CHECK(ui.has("button", "Enregistrer le contact et la visite"));
    CHECK(ui.has("button", "Présenter en commission CALEOL"));
    ui.fill("staff.note42", "Visite jeudi à 18\u00A0h");
    ui.click("button", "Enregistrer le contact et la visite");
    // The action was sent with the landlord's own words.
    CHECK(sentPath.find("/api/v1/staff/applications/42/contact") != std::string::npos);
    CHECK(nlohmann::json::parse(sentBody)["note"] == "Visite jeudi à 18\u00A0h");
}

TEST_CASE("Mon éligibilité: the sentence that matters first, then a table loan x ceiling x income") {
    UiHarness ui(true, 1280, 800, true);
    ui.login("anne.porte@example.fr", "Logement2026");
    ui.go("/tableau-de-bord");
    ui.frames(5);
    const auto texts = ui.texts();
    const int summary = ui.indexOf(texts, "Vous pouvez candidater aux logements");
    REQUIRE_MESSAGE(summary >= 0, ui.dump());
    CHECK(texts[summary].find("PLUS") != std::string::npos);
    auto row = ui.find("listitem", "PLUS\u00A0: plafond");
    REQUIRE(!row.is_null());
    CHECK(row["n"].get<std::string>().find("vos revenus") != std::string::npos);
    CHECK(ui.indexOf(texts, "PLAI (prêt locatif aidé d'intégration)") > summary);
    // No more eight near-identical sentences.
    CHECK(ui.indexOf(texts, "Vos revenus sont sous ce plafond") < 0);
}

TEST_CASE("desktop offers: the filters in a side column, results on the first screen; phones keep filters above") {
    {
        UiHarness ui(true, 1280, 800, true);
        ui.login("anne.porte@example.fr", "Logement2026");
        ui.go("/offres");
        ui.frames(10);
        auto card = ui.find("link", " - ");
        auto chip = ui.find("checkbox", "1\u00A0pièce");
        REQUIRE_MESSAGE(!card.is_null(), ui.dump());
        REQUIRE(!chip.is_null());
        CAPTURE(card.dump());
        CAPTURE(chip.dump());
        // The first card is whole on the first screen (800 px), right of the filters.
        CHECK(card["y"].get<float>() + card["h"].get<float>() <= 800.f);
        CHECK(chip["x"].get<float>() + 200.f < card["x"].get<float>());
        // The side column starts at the left edge of the page's h1.
        auto h1 = ui.find("heading", "Les offres");
        auto group = ui.find("group", "Nombre de pièces");
        REQUIRE(!h1.is_null());
        REQUIRE(!group.is_null());
        CHECK(h1["x"].get<float>() == doctest::Approx(group["x"].get<float>()).epsilon(0.01));
        // Everything in the side column starts at its left edge and stays inside it.
        CHECK(chip["x"].get<float>() == doctest::Approx(group["x"].get<float>()).epsilon(0.01));
        for (const auto& n : ui.tree()) {
            const std::string id = n.value("i", "");
            if (id.rfind("offers.price", 0) != 0 && id.rfind("offers.rooms", 0) != 0) continue;
            CAPTURE(id);
            CHECK(n.value("x", 0.f) + n.value("w", 0.f) <= h1["x"].get<float>() + 288.f + 0.5f);
        }
    }
    {
        UiHarness ui(true, 375, 667, true);
        ui.login("anne.porte@example.fr", "Logement2026");
        ui.go("/offres");
        ui.frames(10);
        auto card = ui.find("link", " - ");
        auto chip = ui.find("checkbox", "1\u00A0pièce");
        REQUIRE_MESSAGE(!card.is_null(), ui.dump());
        REQUIRE(!chip.is_null());
        CHECK(chip["y"].get<float>() < card["y"].get<float>());
        CHECK(chip["x"].get<float>() == doctest::Approx(card["x"].get<float>()));
    }
}

TEST_CASE("alignment: the nav and the content share one left edge at 1280 px") {
    UiHarness ui(true, 1280, 800, true);
    ui.login("anne.porte@example.fr", "Logement2026");
    for (const char* route : {"/tableau-de-bord", "/candidatures", "/offres"}) {
        CAPTURE(route);
        ui.go(route);
        ui.frames(6);
        auto nav = ui.find("link", "Ma situation");
        REQUIRE_MESSAGE(!nav.is_null(), ui.dump());
        float h1x = -1;
        for (const auto& n : ui.tree())
            if (n.value("r", "") == "heading" && n.value("l", 0) == 1) h1x = n.value("x", -1.f);
        CHECK(h1x == doctest::Approx(nav["x"].get<float>()).epsilon(0.01));
    }
}
