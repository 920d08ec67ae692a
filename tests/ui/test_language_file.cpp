// The browser client carries French only (issue 17, first load): English is the
// file alin-en.json, fetched when English is chosen, or by the loader with the
// wasm for a page that starts in English. Natively English is built in; these
// tests drop it (i18n::forgetLanguage) to go through the browser's path.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "i18n/catalog.h"
#include "ui_harness.h"

using alin::i18n::Lang;
using alin::platform::HttpCallback;
using alin::platform::SemanticEvent;
using alin::test::UiHarness;

namespace {

// English as the web client starts: not at hand. Built in again at the end.
struct WithoutEnglish {
    std::string file = alin::i18n::catalogueJson(Lang::En);  // what the wasm build writes
    WithoutEnglish() { alin::i18n::forgetLanguage(Lang::En); }
    ~WithoutEnglish() {
        alin::i18n::setLanguage(Lang::Fr);
        alin::i18n::loadLanguage(Lang::En, file);
    }
};

// Requests for the language file wait in `pending` until the test answers them;
// the demo's data is served from the source tree.
std::vector<std::pair<std::string, HttpCallback>> pending;
int languageRequests = 0;

void plugHttp(alin::platform::native::Browser& b) {
    pending.clear();
    languageRequests = 0;
    b.http = [](const std::string& method, const std::string& url, const std::string& body, HttpCallback cb) {
        if (url == "alin-en.json") {
            ++languageRequests;
            pending.emplace_back(url, std::move(cb));
            return;
        }
        UiHarness::serveSourceData(method, url, body, std::move(cb));
    };
}

nlohmann::json switchNode(const UiHarness& ui) {
    for (const auto& n : ui.tree())
        if (n.value("i", "") == "header.language") return n;
    return nullptr;
}

}  // namespace

TEST_CASE(
    "language file: English is fetched when chosen; the switch says Chargement… and waits, then the page "
    "changes") {
    WithoutEnglish english;
    REQUIRE_FALSE(alin::i18n::languageLoaded(Lang::En));
    UiHarness ui(true, 375, 720, false, plugHttp);
    ui.go("/connexion");
    auto& b = alin::platform::native::browser();
    CHECK(languageRequests == 0);  // nothing fetched for a French page

    ui.event(SemanticEvent::Kind::Activate, "header.language");
    ui.frames(3);
    CHECK(languageRequests == 1);
    CHECK(alin::i18n::language() == Lang::Fr);  // not before its texts are here
    CHECK(b.documentLanguage == "fr");
    auto sw = switchNode(ui);
    REQUIRE_FALSE(sw.is_null());
    CHECK(sw.value("n", "") == alin::i18n::trIn(Lang::Fr, "app.loading"));
    CHECK(sw.value("d", 0) == 1);
    CHECK(sw.value("lg", "") == "");  // the page's language, not the other one
    CHECK(ui.app->busy());            // the frame loop keeps drawing until it arrives
    // A second press while it is on its way asks for nothing more.
    ui.event(SemanticEvent::Kind::Activate, "header.language");
    ui.frames(3);
    CHECK(languageRequests == 1);

    REQUIRE(pending.size() == 1);
    auto cb = std::move(pending.front().second);
    pending.clear();
    cb(200, english.file);
    ui.frames(3);
    CHECK(alin::i18n::language() == Lang::En);
    CHECK(b.documentLanguage == "en");
    CHECK(b.storage["alin-language"] == "en");
    CHECK(b.announcements.back() == alin::i18n::trIn(Lang::En, "ui.language.changed"));
    CHECK(ui.dump().find(alin::i18n::trIn(Lang::En, "ui.login.password")) != std::string::npos);
    CHECK(switchNode(ui).value("n", "") == "Fran\u00E7ais");
    CHECK_FALSE(ui.app->busy());

    // Back to French and to English again: nothing fetched a second time.
    ui.event(SemanticEvent::Kind::Activate, "header.language");
    ui.frames(3);
    CHECK(alin::i18n::language() == Lang::Fr);
    ui.event(SemanticEvent::Kind::Activate, "header.language");
    ui.frames(3);
    CHECK(alin::i18n::language() == Lang::En);
    CHECK(languageRequests == 1);
}

TEST_CASE("language file: when it cannot be fetched the page stays in French, says so and offers to retry") {
    WithoutEnglish english;
    UiHarness ui(true, 375, 720, false, plugHttp);
    ui.go("/connexion");
    ui.event(SemanticEvent::Kind::Activate, "header.language");
    ui.frames(3);
    REQUIRE(pending.size() == 1);
    auto cb = std::move(pending.front().second);
    pending.clear();
    cb(0, {});  // offline
    ui.frames(3);
    CHECK(alin::i18n::language() == Lang::Fr);
    const std::string failed = alin::i18n::trIn(Lang::Fr, "ui.language.failed");
    CHECK(ui.dump().find(failed) != std::string::npos);
    CHECK(alin::platform::native::browser().announcements.back() == failed);
    CHECK(switchNode(ui).value("n", "") == "English");
    CHECK(switchNode(ui).value("d", 0) == 0);
    // A file that is not a catalogue is refused the same way.
    ui.event(SemanticEvent::Kind::Activate, "header.language");
    ui.frames(3);
    REQUIRE(pending.size() == 1);
    cb = std::move(pending.front().second);
    pending.clear();
    cb(200, "<html>proxy error</html>");
    ui.frames(3);
    CHECK(alin::i18n::language() == Lang::Fr);
    CHECK(languageRequests == 2);
}

TEST_CASE("language file: a page that starts in English gets the file the loader fetched, before its first frame") {
    WithoutEnglish english;
    const std::string file = english.file;
    static std::string preloaded;
    preloaded = file;
    UiHarness ui(true, 375, 720, false, [](alin::platform::native::Browser& b) {
        plugHttp(b);
        b.storage["alin-language"] = "en";
        b.preloadedCatalogues["en"] = preloaded;
    });
    CHECK(alin::i18n::language() == Lang::En);
    CHECK(alin::platform::native::browser().documentLanguage == "en");
    ui.go("/connexion");
    CHECK(ui.dump().find(alin::i18n::trIn(Lang::En, "ui.login.password")) != std::string::npos);
    CHECK(languageRequests == 0);
}

TEST_CASE("language file: without the loader's copy, a page that starts in English shows French until it arrives") {
    WithoutEnglish english;
    UiHarness ui(true, 375, 720, false, [](alin::platform::native::Browser& b) {
        plugHttp(b);
        b.storage["alin-language"] = "en";
    });
    ui.go("/connexion");
    CHECK(alin::i18n::language() == Lang::Fr);
    CHECK(languageRequests == 1);
    REQUIRE(pending.size() == 1);
    auto cb = std::move(pending.front().second);
    pending.clear();
    cb(200, english.file);
    ui.frames(3);
    CHECK(alin::i18n::language() == Lang::En);
    CHECK(alin::platform::native::browser().documentLanguage == "en");
}
