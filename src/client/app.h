// The client application: header, screen dispatch and the controller that
// turns the screens' intents into service calls.
#pragma once
#include <functional>
#include <memory>
#include <vector>

#include "client/api_client.h"
#include "client/app_state.h"
#include "i18n/catalog.h"
#include "platform/platform.h"

namespace alin::client {

using ReplyHandler = std::function<void(const ApiReply&)>;

// One request to the service and what its reply means to the client
// (app_call.cpp, App::call). By default a reply is handled in one place: the
// busy flag is cleared, a 401 ends the session (login page, then back to the
// page), a 5xx or no answer shows the "service unavailable" banner with
// "Réessayer", a refused request (4xx) puts its messages at their fields and in
// the screen's error, and is announced. Only a success (and the statuses
// listed) reaches the caller's handler.
struct Call {
    enum class On401 {
        EndSession,      // the session is over (every signed-in request)
        FieldWhenNamed,  // a 401 naming a field is that field's error (a wrong password); else the session's end
        Refused          // a refused request like any other (log-in, pages without a session)
    };
    enum class Replies {
        Handled,  // as above
        All,      // every reply reaches the handler as it is (session check, log-out)
        Quiet     // only a success reaches the handler; a failure is dropped (badges, "seen" marks)
    };
    std::string method;
    std::string path;
    Json body = nullptr;
    bool* busy = nullptr;                   // true while the request is in flight
    int* inFlight = nullptr;                // counts the requests in flight (saves that keep a screen's ticks)
    FieldErrorMap* errors = nullptr;        // a refused request: the fields' messages, and the general one
    std::string* error = nullptr;           // a refused request: its message (the general one when errors is given)
    std::function<void()> retry = nullptr;  // what "Réessayer" does on the unavailable banner
    std::vector<int> statuses = {};         // refusals handed to the handler too (404 "no file", 409 ...)
    On401 on401 = On401::EndSession;
    Replies replies = Replies::Handled;
    std::function<bool()> current = nullptr;  // false: the reply is stale (the query changed), dropped
};

struct AppOptions {
    bool demo = false;
    bool kiosk = false;
    bool bench = false;    // ?bench=1: benchmark screen and hooks
    std::string apiBase;   // "" = same origin
    std::string pageBase;  // page URL without fragment (links in demo e-mails)
};

class App {
public:
    explicit App(const AppOptions& options);
    // Draws one frame (between ImGui::NewFrame and ImGui::Render).
    void frame(float scrollDelta);
    // A frame stopped by an exception (malformed data): the UI stays alive and says so.
    void recoverFromError(const char* what);
    // One whole frame as the browser and the native UI harness run it
    // (app_frame.cpp): the semantic layer's frame around ImGui's, frame() with
    // error recovery. `backendNewFrame`: the renderer's NewFrame (null natively).
    // The caller calls ImGui::Render() after. Returns the semantic layer's
    // endFrame time (ms).
    double runFrame(std::vector<platform::SemanticEvent> events, float scrollDelta,
                    void (*backendNewFrame)() = nullptr);
    AppState& state() { return state_; }
    ApiClient& api() { return *api_; }
    bool busy() const { return inFlight() > 0; }
    // Requests on their way: the service's and a language file's (the frame loop
    // keeps drawing until they have arrived).
    size_t inFlight() const { return api_->inFlight() + (languageLoading_ ? 1 : 0); }
    // Kiosk terminals: any input resets the inactivity timer.
    void noteActivity(double nowMs) { lastActivityMs_ = nowMs; }
    static constexpr double kKioskWarnMs = 120000;  // show "Votre session va se terminer"
    static constexpr double kKioskEndMs = 150000;   // then end it and wipe everything
    // Browser tests shorten both (?kioskIdle=<seconds>, never longer than the default).
    double kioskWarnMs() const { return kioskWarnMs_; }
    // The inactivity timer can change what is shown (the warning is due or open).
    bool kioskTimerDue(double nowMs) const {
        return kioskWarned_ || lastActivityMs_ == 0 || nowMs - lastActivityMs_ >= kioskWarnMs_ - 1500;
    }

private:
    void drawHeader();   // app_header.cpp
    void updateTitle();  // the window's title: the route's, in the page's language
    void drawBanner();
    void drawNav();
    void drawScreen();
    void syncRoute();
    void onEnter(const Route& route);
    void processIntents();

    void checkSession();
    void submitLogin();
    void submitSignup();
    void checkLink();
    void submitPassword();
    void submitForgot();
    void loadMailbox();
    void logout();
    void forgetUser();  // signed out: nothing personal survives in the client state
    void switchToDemo();
    void reportUnavailable(const ApiReply& reply, std::function<void()> retry);
    // Sends a request; `done` gets its success (app_call.cpp). `refused`: after a
    // refused request's messages are stored (to move the focus, clear a password).
    void call(Call c, ReplyHandler done = nullptr, ReplyHandler refused = nullptr);
    void kioskWatch();
    // Kiosk mode (app_kiosk.cpp): its home screen, the QR code of an external address.
    void drawKioskHome();
    void drawKioskQr();
    // Request file (app_request.cpp).
    void loadRequest();
    void applyFile(const Json& file);
    void fileCall(Call c, const char* successKey, ReplyHandler done = nullptr, ReplyHandler refused = nullptr);
    void processRequestIntents();
    void sessionExpired();
    void askLogin(const Route& asked);
    // Offers (app_offers.cpp).
    void fetchOffersPage(int page);
    void processOffersIntents();
    // Applications and staff (app_applications.cpp).
    void loadApplications();
    void processApplicationIntents();
    void processMyDataIntents();   // app_my_data.cpp
    void processContactIntents();  // app_contact.cpp
    // "Mes alertes" (app_alerts.cpp).
    void loadAlerts();
    void processAlertsIntents();
    void endKioskSession();
    // The page's language (app_language.cpp): at start, the header's switch, the account's.
    // A language whose texts are not at hand (the web client's English) is fetched
    // first (alin-en.json), then applied as `why` says.
    enum class LanguageChange { Start, Switch, Account };
    void initLanguage();
    void changeLanguage(i18n::Lang lang, LanguageChange why);
    void applyLanguage(i18n::Lang lang, LanguageChange why);
    void setPageLanguage(i18n::Lang lang);
    void switchLanguage();
    void adoptAccountLanguage();
    void saveAccountLanguage();  // signed in: PUT the page's language to the account

    AppOptions options_;
    std::unique_ptr<ApiClient> api_;
    AppState state_;
    std::string lastFragment_ = "\x01";
    uint32_t scrollSeqApplied_ = 0;  // DOM scroll events folded into the content scroll
    std::function<void()> retry_;
    std::string lastAnnounced_;
    double lastActivityMs_ = 0;
    double kioskWarnMs_ = kKioskWarnMs, kioskEndMs_ = kKioskEndMs;
    bool kioskWarned_ = false;  // the warning is open (announced once)
    bool kioskEnded_ = false;   // "Session terminée" shown until the next route
    // The visitor pressed the language switch on this visit: at log-in that
    // choice wins over the account's language (and is saved to it).
    bool languageChosen_ = false;
    bool kioskEndRequested_ = false;      // "Terminer ma session" pressed: wipe at the end of the frame
    bool languageSwitchPressed_ = false;  // the header's switch: the next frame is in the other language
    bool languageLoading_ = false;        // a language file is on its way (the switch says "Chargement…")
    i18n::Lang wantedLanguage_ = i18n::Lang::Fr;
    LanguageChange wantedChange_ = LanguageChange::Start;
};

}  // namespace alin::client
