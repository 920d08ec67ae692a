// English (issue 15 part 1), natively through the semantic tree: the header's
// language switch on every screen (named in its own language, with its lang),
// what a switch changes at once, what is remembered where, the account's
// language; and at 375 px no label of a fixed-width widget (button, tab, chip,
// badge, nav item) more than 40 % wider in English than in French.
#include <doctest/doctest.h>

#include <cfloat>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "client/ui/theme.h"
#include "i18n/catalog.h"
#include "ui_harness.h"

using alin::i18n::Lang;
using alin::platform::SemanticEvent;
using alin::test::UiHarness;

namespace {

nlohmann::json byId(const UiHarness& ui, const std::string& id) {
    for (const auto& n : ui.tree())
        if (n.value("i", "") == id) return n;
    return nullptr;
}

void pressSwitch(UiHarness& ui) {
    ui.event(SemanticEvent::Kind::Activate, "header.language");
    ui.frames(12);  // the switch, then what is asked again in the new language
}

void setLanguage(UiHarness& ui, Lang lang) {
    if (alin::i18n::language() != lang) pressSwitch(ui);
    REQUIRE(alin::i18n::language() == lang);
}

// The switch names the other language in that language, with its lang attribute.
void checkSwitch(const UiHarness& ui, const std::string& where) {
    CAPTURE(where);
    const auto n = byId(ui, "header.language");
    REQUIRE_FALSE(n.is_null());
    CHECK(n.value("r", "") == "button");
    const bool french = alin::i18n::language() == Lang::Fr;
    CHECK(n.value("n", "") == (french ? "English" : "Fran\u00E7ais"));
    CHECK(n.value("lg", "") == (french ? "en" : "fr"));
    CHECK(n.value("p", "") == "header");
    CHECK(n.value("w", 0.0) >= 44);
    CHECK(n.value("h", 0.0) >= 44);
    CHECK(n.value("x", -1.0) >= 0);
    CHECK(n.value("x", 0.0) + n.value("w", 0.0) <= alin::platform::native::browser().input.width + 0.5);
    // Nothing else of the header overlaps it.
    for (const auto& o : ui.tree()) {
        if (o.value("p", "") != "header" || o.value("i", "") == "header.language" || o.value("i", "") == "header.skip")
            continue;
        const double ox = o.value("x", 0.0), oy = o.value("y", 0.0), ow = o.value("w", 0.0), oh = o.value("h", 0.0);
        const bool apart = ox + ow <= n.value("x", 0.0) + 0.5 || n.value("x", 0.0) + n.value("w", 0.0) <= ox + 0.5 ||
                           oy + oh <= n.value("y", 0.0) + 0.5 || n.value("y", 0.0) + n.value("h", 0.0) <= oy + 0.5;
        CHECK_MESSAGE(apart, std::string(o.dump() + " / " + n.dump()));
    }
}

const std::vector<std::string> kSignedOut = {"/",     "/connexion",        "/creer-mon-compte", "/mot-de-passe-oublie",
                                             "/aide", "/mentions-legales", "/boite-mail"};
const std::vector<std::string> kSignedIn = {"/tableau-de-bord", "/offres", "/candidatures", "/mes-donnees"};

void login(UiHarness& ui) {
    ui.go("/connexion");
    ui.fill("login.email", "anne.porte@example.fr");
    ui.fill("login.password", "Logement2026");
    ui.event(SemanticEvent::Kind::Activate, "login.submit");
    ui.frames(12);
    REQUIRE(ui.app->state().user);
}

// The French key of a French label ("" when the label is built from several).
std::string frenchKeyOf(const std::string& label) {
    struct Ctx {
        const std::string* label;
        std::string key;
    } ctx{&label, {}};
    alin::i18n::forEachEntry(
        [](const char* key, const char* text, void* p) {
            auto* c = static_cast<Ctx*>(p);
            if (c->key.empty() && *c->label == text) c->key = key;
        },
        &ctx);
    return ctx.key;
}

bool isChip(const std::string& id) {
    for (const char* prefix : {"offers.rooms", "offers.house", "offers.apartment", "offers.pmr", "offers.sort.",
                               "staff.decision", "staff.rank"})
        if (id.rfind(prefix, 0) == 0) return true;
    return false;
}

// The fixed-width widgets of the screen shown: id -> label.
std::map<std::string, std::string> fixedWidthLabels(const UiHarness& ui) {
    std::map<std::string, std::string> out;
    for (const auto& n : ui.tree()) {
        const std::string role = n.value("r", ""), id = n.value("i", ""), parent = n.value("p", "");
        const bool fixed = role == "button" || role == "tab" || (role == "status" && parent == "header") ||
                           (role == "link" && parent == "nav") ||
                           ((role == "checkbox" || role == "radio") && isChip(id));
        if (fixed && !n.value("n", "").empty()) out[id] = n.value("n", "");
    }
    return out;
}

// Measured outside a frame: straight from the font (PushFont needs a window).
float labelWidth(const std::string& label) {
    ImFont* bold = alin::ui::fonts().bold;
    return bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0.f, label.c_str()).x;
}

// The phone menu shown, so the nav items are measured too.
void openMenu(UiHarness& ui) {
    const auto menu = byId(ui, "nav.menu");
    if (!menu.is_null() && menu.value("ex", 0) != 1) {
        ui.event(SemanticEvent::Kind::Activate, "nav.menu");
        ui.frames(3);
    }
}

// Closed again: the menu's state outlives a harness (widgets_navigation.cpp).
void closeMenu(UiHarness& ui) {
    const auto menu = byId(ui, "nav.menu");
    if (!menu.is_null() && menu.value("ex", 0) == 1) {
        ui.event(SemanticEvent::Kind::Activate, "nav.menu");
        ui.frames(3);
    }
}

struct Widths {
    std::vector<std::string> problems;
    int compared = 0;
};

void compareScreen(UiHarness& ui, const std::string& route, Widths& out) {
    setLanguage(ui, Lang::Fr);
    ui.go(route);
    ui.frames(8);
    openMenu(ui);
    const auto french = fixedWidthLabels(ui);
    closeMenu(ui);
    setLanguage(ui, Lang::En);
    ui.frames(8);
    openMenu(ui);
    const auto english = fixedWidthLabels(ui);
    closeMenu(ui);
    for (const auto& [id, fr] : french) {
        if (id == "header.language") continue;  // a language's own name, not a translation
        const auto it = english.find(id);
        if (it == english.end()) continue;
        ++out.compared;
        const float wf = labelWidth(fr), we = labelWidth(it->second);
        if (we > wf * 1.4f + 0.5f) {
            const std::string key = frenchKeyOf(fr);
            out.problems.push_back(route + " " + id + (key.empty() ? "" : " [" + key + "]") + ": \"" + it->second +
                                   "\" " + std::to_string(static_cast<int>(we)) + " px vs \"" + fr + "\" " +
                                   std::to_string(static_cast<int>(wf)) + " px");
        }
    }
}

}  // namespace

TEST_CASE("language switch: on every screen at 320, 375 and 1280 px, named in its own language, with lang") {
    for (float width : {320.f, 375.f, 1280.f}) {
        CAPTURE(width);
        UiHarness ui(true, width, 720, true);
        ui.frames(5);
        for (Lang lang : {Lang::Fr, Lang::En}) {
            setLanguage(ui, lang);
            for (const auto& route : kSignedOut) {
                ui.go(route);
                checkSwitch(ui, route);
            }
        }
        setLanguage(ui, Lang::Fr);
        login(ui);
        for (Lang lang : {Lang::Fr, Lang::En}) {
            setLanguage(ui, lang);
            for (const auto& route : kSignedIn) {
                ui.go(route);
                ui.frames(5);
                checkSwitch(ui, route);
            }
        }
        setLanguage(ui, Lang::Fr);
    }
}

TEST_CASE("language switch: the whole page at once, <html lang>, the title, remembered in this browser") {
    auto& b = alin::platform::native::browser();
    {
        UiHarness ui(true, 375, 720, true);
        ui.go("/connexion");
        CHECK(b.documentLanguage == "fr");
        const std::string frenchTitle = b.title;
        CHECK(frenchTitle.find("Connexion") != std::string::npos);
        const std::string frenchDump = ui.dump();
        pressSwitch(ui);
        CHECK(alin::i18n::language() == Lang::En);
        CHECK(b.documentLanguage == "en");
        CHECK(b.title != frenchTitle);
        CHECK(b.title == alin::i18n::trf("ui.title.window", {alin::i18n::trIn(Lang::En, "ui.title.login")}));
        CHECK(b.storage["alin-language"] == "en");
        CHECK(ui.dump() != frenchDump);
        // Every catalogue label of the login screen is the English one, none left in French.
        for (const char* key : {"ui.title.login", "ui.login.email", "ui.login.password"}) {
            CAPTURE(key);
            const std::string en = alin::i18n::trIn(Lang::En, key), fr = alin::i18n::trIn(Lang::Fr, key);
            if (en == fr) continue;  // the same word in both languages
            CHECK(ui.dump().find(en) != std::string::npos);
            CHECK(ui.dump().find("\"" + fr + "\"") == std::string::npos);
        }
        CHECK(b.announcements.back() == alin::i18n::trIn(Lang::En, "ui.language.changed"));
    }

    // A new page in this browser starts in English; the switch brings French back
    // (one harness at a time: each owns the ImGui context).
    UiHarness again(true, 375, 720, true,
                    [](alin::platform::native::Browser& nb) { nb.storage["alin-language"] = "en"; });
    again.go("/");
    CHECK(alin::i18n::language() == Lang::En);
    CHECK(b.documentLanguage == "en");
    checkSwitch(again, "restored");
    pressSwitch(again);
    CHECK(alin::i18n::language() == Lang::Fr);
    CHECK(b.storage["alin-language"] == "fr");
    checkSwitch(again, "back to French");
}

TEST_CASE("language switch: a kiosk remembers nothing; ending the session or the idle wipe brings French back") {
    UiHarness ui(true, 1080, 1920);  // portrait kiosk
    ui.app->state().kiosk = true;
    ui.frames(2);
    auto& b = alin::platform::native::browser();
    pressSwitch(ui);
    CHECK(alin::i18n::language() == Lang::En);
    CHECK(b.storage.count("alin-language") == 0);
    checkSwitch(ui, "kiosk");
    ui.event(SemanticEvent::Kind::Activate, "header.endSession");
    ui.frames(3);
    CHECK(alin::i18n::language() == Lang::Fr);
    CHECK(b.documentLanguage == "fr");
    checkSwitch(ui, "kiosk after the end");

    pressSwitch(ui);
    REQUIRE(alin::i18n::language() == Lang::En);
    ui.app->noteActivity(alin::platform::nowMs() - 151000);  // walked away
    ui.frames(3);
    CHECK(alin::i18n::language() == Lang::Fr);
    CHECK(b.storage.count("alin-language") == 0);
}

TEST_CASE("language: every request says the page's language; signed in, the account keeps it; a session adopts it") {
    struct Seen {
        std::string method, url, body;
    };
    static std::vector<Seen> seen;
    static std::string accountLanguage;
    seen.clear();
    accountLanguage = "en";
    // A fake server: a saved session whose account is in English.
    UiHarness ui(false, 375, 720, false, [](alin::platform::native::Browser& b) {
        b.http = [](const std::string& method, const std::string& url, const std::string& body,
                    alin::platform::HttpCallback cb) {
            seen.push_back({method, url, body});
            nlohmann::json user = {{"id", 7},
                                   {"email", "a@example.fr"},
                                   {"birthName", "PORTE"},
                                   {"firstName", "Anne"},
                                   {"role", "applicant"},
                                   {"language", accountLanguage}};
            if (url.find("/api/v1/session") != std::string::npos && method == "GET")
                return cb(200, nlohmann::json{{"user", user}}.dump());
            if (url.find("/api/v1/me/language") != std::string::npos) {
                accountLanguage = nlohmann::json::parse(body).value("language", "");
                user["language"] = accountLanguage;
                return cb(200, nlohmann::json{{"language", accountLanguage}, {"user", user}}.dump());
            }
            cb(404, R"({"code":"not_found","message":"?"})");
        };
    });
    auto& b = alin::platform::native::browser();
    ui.frames(5);
    REQUIRE(ui.app->state().user);
    CHECK(alin::i18n::language() == Lang::En);  // the account's language
    CHECK(b.documentLanguage == "en");
    CHECK(b.storage["alin-language"] == "en");
    ui.go("/tableau-de-bord");
    ui.frames(3);
    REQUIRE_FALSE(b.acceptLanguages.empty());
    CHECK(b.acceptLanguages.back() == "en");

    pressSwitch(ui);
    CHECK(alin::i18n::language() == Lang::Fr);
    CHECK(accountLanguage == "fr");  // PUT /api/v1/me/language {"language":"fr"}
    bool put = false;
    for (const Seen& s : seen)
        if (s.method == "PUT" && s.url.find("/api/v1/me/language") != std::string::npos)
            put = nlohmann::json::parse(s.body) == nlohmann::json{{"language", "fr"}};
    CHECK(put);
    ui.go("/offres");
    ui.frames(3);
    CHECK(b.acceptLanguages.back() == "fr");
    setLanguage(ui, Lang::Fr);
}

TEST_CASE("language: a language chosen on this visit before signing in is kept and saved to the account") {
    // The demo's applicant account is in French; the visitor picks English first.
    UiHarness ui(true, 375, 720, true);
    setLanguage(ui, Lang::Fr);
    ui.go("/connexion");
    pressSwitch(ui);
    REQUIRE(alin::i18n::language() == Lang::En);
    ui.fill("login.email", "anne.porte@example.fr");
    ui.fill("login.password", "Logement2026");
    ui.event(SemanticEvent::Kind::Activate, "login.submit");
    ui.frames(15);
    REQUIRE(ui.app->state().user);
    CHECK(alin::i18n::language() == Lang::En);      // not switched back to the account's French
    CHECK(ui.app->state().user->language == "en");  // and the account keeps the choice
    setLanguage(ui, Lang::Fr);
}

TEST_CASE("English labels of fixed-width widgets are at most 40 % wider than the French ones at 375 px") {
    UiHarness ui(true, 375, 720, true);
    ui.frames(5);
    Widths w;
    for (const auto& route : kSignedOut) compareScreen(ui, route, w);
    setLanguage(ui, Lang::Fr);
    login(ui);
    for (const auto& route : kSignedIn) compareScreen(ui, route, w);
    // The first offer's detail ("Je postule").
    setLanguage(ui, Lang::Fr);
    ui.go("/offres");
    ui.frames(10);
    std::string firstOffer;
    for (const auto& n : ui.tree())
        if (n.value("i", "").rfind("offers.card", 0) == 0) {
            firstOffer = n.value("i", "").substr(std::string("offers.card").size());
            break;
        }
    REQUIRE_FALSE(firstOffer.empty());
    compareScreen(ui, "/offre/" + firstOffer, w);
    setLanguage(ui, Lang::Fr);
    std::string all;
    for (const std::string& p : w.problems) all += "\n  " + p;
    CHECK(w.compared > 40);
    CHECK_MESSAGE(w.problems.empty(), w.problems.size() << " label(s) more than 40 % wider in English:" << all);
}
