// The page's language (French or English): chosen at start (this browser's
// choice, never on a kiosk), switched from the header, adopted from the account
// at log-in and when a saved session is restored, and saved to the account.
#include <string>

#include "client/app.h"
#include "i18n/catalog.h"
#include "platform/platform.h"

namespace alin::client {

namespace {

constexpr const char* kLanguageKey = "alin-language";  // localStorage

// Messages already worded in the previous language: said again by the next
// action, in the new one, rather than shown in the old.
void forgetMessages(AppState& s) {
    s.banner = {};
    s.login.errors.clear();
    s.login.notice.clear();
    s.signup.errors.clear();
    s.password.errors.clear();
    s.forgot.errors.clear();
    s.mailbox.error.clear();
    s.request.error.clear();
    s.request.notice.clear();
    s.request.importErrors.clear();
    s.request.employerErrors.clear();
    s.request.legacyErrors.clear();
    s.request.identityMismatch.clear();
    s.offers.filterErrors.clear();
    s.offers.error.clear();
    s.offers.detailError.clear();
    s.offers.applyError.clear();
    s.applications.error.clear();
    s.applications.notice.clear();
    s.staff.error.clear();
    s.staff.notice.clear();
    s.myData.error.clear();
    s.myData.deleteErrors.clear();
}

}  // namespace

void App::initLanguage() {
    i18n::Lang lang = i18n::Lang::Fr;
    // A kiosk starts every session in French and remembers nothing.
    if (!state_.kiosk)
        if (auto saved = platform::storageGet(kLanguageKey)) lang = i18n::parseLanguage(*saved, i18n::Lang::Fr);
    // The browser client carries French only; the loader fetched the language
    // chosen on an earlier visit alongside the wasm (shell/alin-loader.js).
    if (!i18n::languageLoaded(lang))
        if (auto text = platform::takePreloadedCatalogue(i18n::languageTag(lang))) i18n::loadLanguage(lang, *text);
    wantedLanguage_ = lang;
    if (!i18n::languageLoaded(lang)) {
        // Not at hand (the loader could not fetch it): French until it arrives.
        i18n::setLanguage(i18n::Lang::Fr);
        platform::setDocumentLanguage(i18n::languageTag(i18n::Lang::Fr));
        changeLanguage(lang, LanguageChange::Start);
        return;
    }
    i18n::setLanguage(lang);
    platform::setDocumentLanguage(i18n::languageTag(lang));
}

void App::changeLanguage(i18n::Lang lang, LanguageChange why) {
    wantedLanguage_ = lang;
    if (i18n::languageLoaded(lang)) {
        applyLanguage(lang, why);
        return;
    }
    wantedChange_ = why;
    if (languageLoading_) return;  // already on its way
    // Fetched first (the web client's English, alin-en.json); the switch says
    // "Chargement…" meanwhile, and the page changes once the texts are here.
    languageLoading_ = true;
    if (why == LanguageChange::Switch) state_.announce = tr("app.loading");
    const std::string url = platform::catalogueUrl(i18n::languageTag(lang));
    platform::httpRequest("GET", url, "", [this, lang](int status, const std::string& body) {
        languageLoading_ = false;
        const bool loaded = status == 200 && i18n::loadLanguage(lang, body);
        if (wantedLanguage_ != lang) return;  // another language was asked for since
        if (loaded) {
            applyLanguage(lang, wantedChange_);
            return;
        }
        platform::logWarning("language file " + std::string(i18n::languageTag(lang)) + ": HTTP " +
                             std::to_string(status));
        wantedLanguage_ = i18n::language();
        if (wantedChange_ == LanguageChange::Start) return;  // the page simply stays in French
        state_.banner.text = tr("ui.language.failed");
        state_.banner.isError = true;
        state_.banner.retryable = true;
        state_.announce = state_.banner.text;
        const LanguageChange why = wantedChange_;
        retry_ = [this, lang, why] { changeLanguage(lang, why); };
    });
}

void App::applyLanguage(i18n::Lang lang, LanguageChange why) {
    setPageLanguage(lang);
    if (why != LanguageChange::Switch) return;
    languageChosen_ = true;
    state_.announce = tr("ui.language.changed");
    saveAccountLanguage();
}

void App::setPageLanguage(i18n::Lang lang) {
    wantedLanguage_ = lang;
    const bool changed = lang != i18n::language();
    i18n::setLanguage(lang);
    platform::setDocumentLanguage(i18n::languageTag(lang));
    if (!state_.kiosk) platform::storageSet(kLanguageKey, i18n::languageTag(lang));
    if (!changed) return;
    updateTitle();
    forgetMessages(state_);
    // What the service worded or the client formatted once, in the old language,
    // is asked for again (offer cards, the file's texts, applications, the mailbox).
    if (state_.user) {
        if (state_.request.loaded && !state_.request.busy) loadRequest();
        state_.offers.reload = true;
        if (state_.route.screen == Screen::OfferDetail) state_.offers.loadDetail = true;
        if (state_.applications.loaded) state_.applications.reload = true;
        state_.applications.ranking.reset();
        state_.staff.reload = true;
        if (state_.route.screen == Screen::MyData) state_.myData.reload = true;
    }
    if (state_.route.screen == Screen::Mailbox) state_.mailbox.refresh = true;
}

void App::switchLanguage() {
    if (languageLoading_) return;  // the switch waits for the texts already asked for
    const i18n::Lang next = i18n::language() == i18n::Lang::En ? i18n::Lang::Fr : i18n::Lang::En;
    changeLanguage(next, LanguageChange::Switch);
}

void App::saveAccountLanguage() {
    if (!state_.user) return;
    // Signed in: the account keeps it (its e-mails are written in it).
    const i18n::Lang next = i18n::language();
    state_.user->language = i18n::languageTag(next);
    // The page shows the language whatever the answer: a failure is not worth a message.
    call({.method = "PUT",
          .path = "/api/v1/me/language",
          .body = Json{{"language", i18n::languageTag(next)}},
          .replies = Call::Replies::Quiet},
         [this](const ApiReply& r) {
             if (state_.user && r.body.contains("user")) *state_.user = UserFromJson(r.body["user"]);
         });
}

void App::adoptAccountLanguage() {
    if (!state_.user || state_.user->language.empty()) return;
    const i18n::Lang account = i18n::parseLanguage(state_.user->language, i18n::language());
    if (account == i18n::language()) return;
    // A language the visitor chose on this visit, before signing in, is what they
    // read: the page keeps it and the account takes it, rather than switching back.
    if (languageChosen_) {
        saveAccountLanguage();
        return;
    }
    changeLanguage(account, LanguageChange::Account);
}

}  // namespace alin::client
