#include "client/app.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "client/screens/screens.h"
#include "client/ui/font_scale.h"
#include "client/ui/kiosk_ui.h"
#include "client/ui/widgets.h"
#include "domain/format.h"
#include "i18n/catalog.h"
#include "i18n/pages.h"
#include "imgui.h"
#include "platform/platform.h"

namespace alin::client {

namespace {

const char* screenTitleKey(Screen s) {
    switch (s) {
        case Screen::Home:
            return "ui.title.home";
        case Screen::Login:
            return "ui.title.login";
        case Screen::Signup:
            return "ui.title.signup";
        case Screen::SignupSent:
            return "ui.title.signup_sent";
        case Screen::Activation:
            return "ui.title.activation";
        case Screen::SetPassword:
            return "ui.title.reset";
        case Screen::AccountCreated:
            return "ui.title.account_created";
        case Screen::ForgotPassword:
            return "ui.title.forgot";
        case Screen::LinkProblem:
            return "ui.title.activation";
        case Screen::Dashboard:
            return "ui.title.dashboard";
        case Screen::Mailbox:
            return "ui.title.mailbox";
        case Screen::DataProtection:
            return "ui.title.data_protection";
        case Screen::NotFound:
            return "notfound.title";
        case Screen::Bench:
            return "ui.title.bench";
        case Screen::Offers:
            return "ui.nav.offers";
        case Screen::OfferDetail:
            return "ui.title.offer";
        case Screen::Applications:
            return "ui.nav.applications";
        case Screen::Staff:
            return "ui.staff.space";
        case Screen::InfoPage:
            return "page.legal.title";
        case Screen::Help:
            return "help.title";
        case Screen::MyData:
            return "mydata.title";
        case Screen::Messages:
            return "contact.title";
        case Screen::Alerts:
            return "ui.alerts.title";
        case Screen::AlertUnsubscribe:
            return "ui.alerts.unsubscribe_title";
    }
    return "ui.title.home";
}

// The title of a route: a footer page's own title, else its screen's.
const char* routeTitle(const Route& route) {
    if (route.screen == Screen::InfoPage)
        if (const i18n::InfoPage* page = i18n::findInfoPage(route.param)) return tr(page->title);
    return tr(screenTitleKey(route.screen));
}

}  // namespace

App::App(const AppOptions& options) : options_(options) {
    state_.demo = options.demo;
    state_.kiosk = options.kiosk;
    if (options.demo) {
        std::string persist = options.kiosk ? "" : "alin-demo-v1";
        api_ = makeLocalApiClient(persist, options.pageBase);
    }
    if (!api_) {  // the regular build has no in-page service: talk to the server
        state_.demo = false;
        api_ = makeHttpApiClient(options.apiBase);
    }
    if (options.kiosk) {
        platform::kioskSetup();
        auto idle = platform::queryParam("kioskIdle");
        double warn = idle ? std::atof(idle->c_str()) * 1000.0 : kKioskWarnMs;
        if (warn >= 1000.0 && warn < kKioskWarnMs) {
            kioskWarnMs_ = warn;
            // Same proportion, with a warning of at least 3 s (the timer is checked once a second).
            kioskEndMs_ = std::max(warn * kKioskEndMs / kKioskWarnMs, warn + 3000.0);
        }
    }
    initLanguage();
    state_.devMailbox = options.demo;
    call({.method = "GET", .path = "/api/v1/health", .on401 = Call::On401::Refused, .replies = Call::Replies::Quiet},
         [this](const ApiReply& r) { state_.devMailbox = r.body.value("environment", "production") != "production"; });
    checkSession();
}

void App::switchToDemo() {
    // Demo mode is a separate page URL (?demo=1) so a reload stays in it.
    std::string base = options_.pageBase;
    auto q = base.find('?');
    if (q != std::string::npos) base.resize(q);
    platform::openUrl(base + "?demo=1#/", false);
}

void App::recoverFromError(const char* what) {
    ui::ResetLayout();
    state_.banner.text = tr("ui.error.unexpected");
    state_.banner.isError = true;
    state_.banner.retryable = false;
    state_.announce = state_.banner.text;
    (void)what;  // kept out of the UI: it may name internals
}

void App::frame(float scrollDelta) {
    ui::ResetLayout();
    api_->poll();
    syncRoute();
    // What a route change asked for (a reload, a detail to fetch) takes effect
    // before drawing, so a new route never shows the previous screen's data.
    processIntents();
    ui::kiosk::setEnabled(state_.kiosk);
    ui::kiosk::beginFrame();

    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("##root", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    drawHeader();

    ImVec2 contentPos = ImGui::GetCursorScreenPos();
    ImVec2 contentSize = ImGui::GetContentRegionAvail();
    // The kiosk's on-screen keyboard takes the bottom of the screen: the content shrinks above it.
    float keyboardH = ui::kiosk::keyboardHeight(io.DisplaySize.x);
    contentSize.y = std::max(80.f, contentSize.y - keyboardH);
    auto& sem = ui::semantics();
    ui::SemNode& region = sem.add("content", ui::Role::Region, routeTitle(state_.route));
    region.x = contentPos.x;
    region.y = contentPos.y;
    region.w = contentSize.x;
    region.h = contentSize.y;
    region.clip = true;
    ImGui::BeginChild("##content", contentSize, false, ImGuiWindowFlags_NoScrollWithMouse);
    // The scroll this frame is laid out with, and the DOM scroll events it includes
    // (those taken last frame: SetScrollY applies at the next Begin).
    region.scrollY = ImGui::GetScrollY();
    region.scrollMax = ImGui::GetScrollMaxY();
    region.scrollSeq = scrollSeqApplied_;
    if (state_.scrollTop) {
        state_.scrollTop = false;
        ImGui::SetScrollY(0.f);
    }
    float delta = scrollDelta + sem.takeScroll();
    scrollSeqApplied_ = sem.scrollEventsReceived();
    if (delta != 0.f) ImGui::SetScrollY(std::clamp(ImGui::GetScrollY() + delta, 0.f, ImGui::GetScrollMaxY()));
    sem.pushContainer("content");
    if (state_.user) drawNav();
    // The main landmark: the screen, after the navigation (which stays outside it).
    ImVec2 mainPos = ImGui::GetCursorScreenPos();
    ui::SemNode& mainNode = sem.add("main", ui::Role::Main, {});
    size_t mainIndex = sem.nodeCount() - 1;
    mainNode.x = mainPos.x;
    mainNode.y = mainPos.y;
    mainNode.w = contentSize.x;
    sem.pushContainer("main");
    ui::Spacer(24);
    drawBanner();
    if (state_.kiosk && (kioskEnded_ || state_.route.screen == Screen::Home))
        drawKioskHome();
    else
        drawScreen();
    DrawQuestionLink(state_);
    DrawTutorial(state_);
    ui::Spacer(48);
    sem.popContainer();
    sem.nodeAt(mainIndex).h = std::max(0.f, ImGui::GetCursorScreenPos().y - mainPos.y);
    DrawFooter(state_);
    sem.popContainer();
    ImGui::EndChild();
    ImGui::End();

    if (state_.kiosk) {
        drawKioskQr();
        kioskWatch();
        if (kioskEndRequested_) {
            kioskEndRequested_ = false;
            endKioskSession();
        }
    }
    // The on-screen keyboard, in front of everything: a dialog's fields type on it too.
    if (keyboardH > 0) ui::kiosk::drawKeyboard(ImVec2(0, io.DisplaySize.y - keyboardH), io.DisplaySize.x);
    processIntents();
    if (!state_.announce.empty() && state_.announce != lastAnnounced_) {
        platform::announce(state_.announce);
        lastAnnounced_ = state_.announce;
    }
}

// "Ma situation" | "Les offres" | "Mes candidatures" (guide §5, §6).
void App::drawNav() {
    ui::Spacer(8);
    ui::BeginColumn(960);
    if (state_.user->staff()) {
        static const std::vector<std::string> hrefs = {"#/espace-professionnel", "#/mes-donnees"};
        std::vector<std::string> labels = {tr("ui.staff.space"), tr("mydata.title")};
        const int clickedStaff = ui::NavBar("nav", labels, hrefs, state_.route.screen == Screen::MyData ? 1 : 0);
        if (clickedStaff == 0) {
            state_.staff.reload = true;
            if (state_.route.screen == Screen::MyData) Navigate(state_, Screen::Staff);
        }
        if (clickedStaff == 1) Navigate(state_, Screen::MyData);
        ui::EndColumn();
        return;
    }
    static const std::vector<std::string> hrefs = {"#/tableau-de-bord", "#/offres", "#/alertes", "#/candidatures",
                                                   "#/mes-donnees"};
    std::string apps = tr("ui.nav.applications");
    // The badge of "Mes candidatures": status changes not seen yet.
    if (state_.applications.unread > 0) apps += " (" + std::to_string(state_.applications.unread) + ")";
    // The badge of "Les offres": offers of the alerts not seen yet ("Nouvelles offres").
    std::string offers = tr("ui.nav.offers");
    if (!state_.alerts.newOfferIds.empty())
        offers = trf("ui.alerts.nav_badge", {offers, std::to_string(state_.alerts.newOfferIds.size())});
    std::vector<std::string> labels = {tr("ui.nav.situation"), offers, tr("ui.alerts.title"), apps, tr("mydata.title")};
    Screen here = state_.route.screen;
    int current = here == Screen::Dashboard                               ? 0
                  : here == Screen::Offers || here == Screen::OfferDetail ? 1
                  : here == Screen::Alerts                                ? 2
                  : here == Screen::Applications                          ? 3
                  : here == Screen::MyData                                ? 4
                                                                          : -1;
    int clicked = ui::NavBar("nav", labels, hrefs, current, tr("ui.nav.menu"));
    if (clicked == 0) Navigate(state_, Screen::Dashboard);
    if (clicked == 1) Navigate(state_, Screen::Offers);
    if (clicked == 2) Navigate(state_, Screen::Alerts);
    if (clicked == 3) Navigate(state_, Screen::Applications);
    if (clicked == 4) Navigate(state_, Screen::MyData);
    ui::EndColumn();
}

void App::drawBanner() {
    if (state_.banner.text.empty()) return;
    ui::BeginColumn();
    ui::Notice("banner", state_.banner.text, state_.banner.isError ? ui::Tone::Error : ui::Tone::Normal);
    ui::BeginButtonGroup();
    if (state_.banner.retryable) {
        if (ui::Button("banner.retry", tr("banner.retry"), ui::ButtonKind::Secondary)) state_.retry = true;
    }
    if (ui::Button("banner.close", tr("banner.close"), ui::ButtonKind::Tertiary)) state_.banner = {};
    ui::EndButtonGroup();
    ui::Spacer(8);
    ui::EndColumn();
}

void App::drawScreen() {
    switch (state_.route.screen) {
        case Screen::Home:
            DrawHome(state_);
            break;
        case Screen::Login:
            DrawLogin(state_);
            break;
        case Screen::Signup:
            DrawSignup(state_);
            break;
        case Screen::SignupSent:
            DrawSignupSent(state_);
            break;
        case Screen::Activation:
        case Screen::SetPassword:
        case Screen::LinkProblem:
            DrawActivation(state_);
            break;
        case Screen::AccountCreated:
            DrawAccountCreated(state_);
            break;
        case Screen::ForgotPassword:
            DrawForgotPassword(state_);
            break;
        case Screen::Dashboard:
            DrawDashboard(state_);
            break;
        case Screen::Mailbox:
            DrawMailbox(state_);
            break;
        case Screen::DataProtection:
            DrawDataProtection(state_);
            break;
        case Screen::NotFound:
            DrawNotFound(state_);
            break;
        case Screen::Bench:
            if (options_.bench)
                DrawBench(state_);
            else
                DrawNotFound(state_);
            break;
        case Screen::Offers:
            DrawOffers(state_);
            break;
        case Screen::OfferDetail:
            DrawOfferDetail(state_);
            break;
        case Screen::Applications:
            DrawApplications(state_);
            break;
        case Screen::Staff:
            DrawStaff(state_);
            break;
        case Screen::InfoPage:
            DrawInfoPage(state_, state_.route.param);
            break;
        case Screen::Help:
            DrawHelp(state_);
            break;
        case Screen::MyData:
            DrawMyData(state_);
            break;
        case Screen::Messages:
            DrawMessages(state_);
            break;
        case Screen::Alerts:
            DrawAlerts(state_);
            break;
        case Screen::AlertUnsubscribe:
            DrawAlertUnsubscribe(state_);
            break;
    }
}

void App::syncRoute() {
    std::string fragment = platform::currentRoute();
    if (fragment == lastFragment_) return;
    lastFragment_ = fragment;
    Route r = parseRoute(fragment);
    state_.route = r;
    onEnter(r);
}

void App::updateTitle() {
    platform::setTitle(trf("ui.title.window", {routeTitle(state_.route)}));
}

void App::onEnter(const Route& route) {
    platform::setTitle(trf("ui.title.window", {routeTitle(route)}));
    state_.announce = trf("ui.announce.page", {routeTitle(route)});
    state_.banner = {};
    state_.scrollTop = !(route.screen == Screen::Offers && state_.offers.restoreScroll);
    if (route.screen != Screen::Home) kioskEnded_ = false;
    // After "Supprimer mon compte": the signed-out home says it was done.
    if (route.screen == Screen::Home && !state_.myData.deletedNotice.empty()) {
        state_.banner.text = std::move(state_.myData.deletedNotice);
        state_.myData.deletedNotice.clear();
        state_.announce = state_.banner.text;
    }
    switch (route.screen) {
        case Screen::Activation:
        case Screen::SetPassword:
            state_.password = PasswordForm{};
            state_.password.token = route.param;
            checkLink();
            break;
        case Screen::Mailbox:
            state_.mailbox.refresh = true;
            if (state_.mailbox.address.empty()) {
                state_.mailbox.address = !state_.signup.sentTo.empty() ? state_.signup.sentTo
                                         : state_.user                 ? state_.user->email
                                                                       : state_.forgot.email;
            }
            break;
        case Screen::Login:
            ui::semantics().requestFocus("login.email");
            break;
        case Screen::Dashboard:
            if (state_.user) loadRequest();
            break;
        case Screen::Offers:
            if (state_.user && !state_.request.loaded) loadRequest();
            // A household housed by a signed lease is offered nothing more.
            if (state_.user && !state_.applications.loaded) state_.applications.reload = true;
            state_.alerts.newsRequested = true;  // the "Nouveau" marks
            break;
        case Screen::Applications:
            state_.applications.reload = true;
            break;
        case Screen::Staff:
            state_.staff.reload = true;
            state_.contact.inboxReload = true;  // advisors: the contact inbox
            break;
        case Screen::MyData:
            state_.myData.reload = true;
            state_.myData.data.reset();
            state_.myData.exported = nullptr;
            break;
        case Screen::Messages:
            state_.contact.reload = true;
            state_.contact.notice.clear();
            // The application picker lists the applicant's applications.
            if (state_.user && !state_.user->staff() && !state_.applications.loaded) state_.applications.reload = true;
            break;
        case Screen::Alerts:
            state_.alerts.reload = true;
            state_.alerts.notice.clear();
            state_.alerts.error.clear();
            break;
        case Screen::AlertUnsubscribe:
            state_.alerts.unsubscribeToken = route.param;
            state_.alerts.unsubscribeSent = state_.alerts.unsubscribeDone = false;
            state_.alerts.unsubscribeMessage.clear();
            break;
        case Screen::OfferDetail:
            if (state_.user && !state_.request.loaded) loadRequest();
            state_.offers.detailId = std::atoll(route.param.c_str());
            state_.offers.loadDetail = true;
            // Never draw the previous offer's detail (and its "Je postule") under the new route.
            state_.offers.detail.reset();
            state_.offers.detailError.clear();
            state_.offers.applyError.clear();
            state_.offers.appliedDialog = false;
            break;
        case Screen::Signup:
            ui::semantics().requestFocus("signup.birthName");
            break;
        case Screen::Help:
            OpenHelpAnswer(state_, route.param);
            break;
        default:
            break;
    }
    if (needsLogin(route.screen) && state_.sessionChecked && !state_.user) askLogin(route);
}

// A protected page opened while logged out: say why the login page shows, and
// come back to the page after login.
void App::askLogin(const Route& asked) {
    state_.login.afterLogin = asked;
    if (state_.login.notice.empty()) state_.login.notice = tr("ui.login.login_required");
    state_.announce = state_.login.notice;
    Navigate(state_, Screen::Login);
}

void App::processIntents() {
    if (languageSwitchPressed_) {
        languageSwitchPressed_ = false;
        switchLanguage();
    }
    if (state_.enterDemo) {
        state_.enterDemo = false;
        switchToDemo();
    }
    if (!state_.openExternal.empty()) {
        // Nothing leaves a kiosk: the address is shown as a QR code. Elsewhere a
        // phone number dials from the page itself; web sites open in a new tab.
        if (state_.kiosk)
            ui::kiosk::showExternal(state_.openExternal);
        else
            platform::openUrl(state_.openExternal, state_.openExternal.rfind("tel:", 0) != 0);
        state_.openExternal.clear();
    }
    if (state_.retry) {
        state_.retry = false;
        state_.banner = {};
        if (retry_) {
            auto r = std::move(retry_);
            retry_ = nullptr;
            r();
        }
    }
    if (state_.login.submit) {
        state_.login.submit = false;
        submitLogin();
    }
    if (state_.signup.submit) {
        state_.signup.submit = false;
        submitSignup();
    }
    if (state_.password.submit) {
        state_.password.submit = false;
        submitPassword();
    }
    if (state_.forgot.submit) {
        state_.forgot.submit = false;
        submitForgot();
    }
    if (state_.mailbox.refresh) {
        state_.mailbox.refresh = false;
        loadMailbox();
    }
    processRequestIntents();
    processOffersIntents();
    processApplicationIntents();
    processMyDataIntents();
    processContactIntents();
    processAlertsIntents();
    if (state_.logout) {
        state_.logout = false;
        logout();
    }
    if (state_.navigateTo) {
        Route r = *state_.navigateTo;
        state_.navigateTo.reset();
        // A kiosk keeps no browser history to go back into: routes replace each other.
        platform::setRoute(routePath(r), state_.kiosk);
    }
}

void App::checkSession() {
    // Signed in or not: every answer says which.
    call({.method = "GET", .path = "/api/v1/session", .replies = Call::Replies::All}, [this](const ApiReply& r) {
        state_.sessionChecked = true;
        if (r.ok()) {
            state_.user = UserFromJson(r.body.value("user", Json::object()));
            adoptAccountLanguage();  // a saved session: the account's language
            if (state_.route.screen == Screen::Dashboard || state_.route.screen == Screen::Offers ||
                state_.route.screen == Screen::OfferDetail)
                loadRequest();
            if (state_.route.screen == Screen::OfferDetail) state_.offers.loadDetail = true;
        } else {
            state_.user.reset();
            if (needsLogin(state_.route.screen)) askLogin(state_.route);
        }
    });
}

void Navigate(AppState& s, Screen screen, std::string param) {
    s.navigateTo = Route{screen, std::move(param)};
}

}  // namespace alin::client
