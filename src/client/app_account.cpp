// Controller for the account screens: login, sign-up, the e-mailed links,
// password, forgotten password, the demo mailbox and logout.
#include <string>

#include "client/app.h"
#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "domain/format.h"
#include "i18n/catalog.h"
#include "platform/platform.h"

namespace alin::client {

namespace {

PasswordForm::LinkState linkState(const std::string& code) {
    return code == "link_expired" ? PasswordForm::LinkState::Expired
           : code == "link_used"  ? PasswordForm::LinkState::Used
                                  : PasswordForm::LinkState::Invalid;
}

}  // namespace

void App::submitLogin() {
    LoginForm& f = state_.login;
    if (f.busy) return;
    f.errors.clear();
    // Comfort checks; the server decides.
    if (f.email.empty()) f.errors.byField["email"] = tr("error.email.required");
    if (f.password.empty()) f.errors.byField["password"] = tr("ui.login.password_required");
    if (!f.errors.empty()) {
        ui::semantics().requestFocus(f.email.empty() ? "login.email" : "login.password");
        return;
    }
    // A 401 here is a wrong e-mail or password, never the end of a session.
    call(
        {.method = "POST",
         .path = "/api/v1/session",
         .body = Json{{"email", f.email}, {"password", f.password}},
         .busy = &f.busy,
         .errors = &f.errors,
         .retry = [this] { state_.login.submit = true; },
         .on401 = Call::On401::Refused},
        [this](const ApiReply& r) {
            LoginForm& f = state_.login;
            state_.user = UserFromJson(r.body.value("user", Json::object()));
            adoptAccountLanguage();  // before the next page is drawn and titled
            const std::optional<Route> asked = f.afterLogin;
            f = LoginForm{};
            // Back to the page asked for, when it is one of this role's pages.
            const bool staffPage = asked && asked->screen == Screen::Staff;
            if (asked && staffPage == state_.user->staff())
                Navigate(state_, asked->screen, asked->param);
            else
                Navigate(state_, state_.user->staff() ? Screen::Staff : Screen::Dashboard);
            if (!state_.user->staff()) state_.applications.reload = true;  // the badge
            StartTutorialAfterLogin(state_);                               // the first time on this browser
        },
        [this](const ApiReply&) {
            state_.login.password.clear();
            ui::semantics().bumpValue("login.password");
        });
}

void App::submitSignup() {
    SignupForm& f = state_.signup;
    if (f.busy) return;
    f.errors.clear();
    Json body{{"birthName", f.birthName},
              {"firstName", f.firstName},
              {"phone", f.phone},
              {"email", f.email},
              {"consent", f.consent}};
    call(
        {.method = "POST",
         .path = "/api/v1/accounts",
         .body = std::move(body),
         .busy = &f.busy,
         .errors = &f.errors,
         .retry = [this] { state_.signup.submit = true; },
         .on401 = Call::On401::Refused},
        [this](const ApiReply&) {
            SignupForm& f = state_.signup;
            f.sentTo = f.email;
            state_.mailbox.address = f.email;
            Navigate(state_, Screen::SignupSent);
        },
        [this](const ApiReply&) {
            SignupForm& f = state_.signup;
            // Focus the first field in error, in form order.
            for (const char* field : {"birthName", "firstName", "phone", "email", "consent"}) {
                if (!f.errors.at(field).empty()) {
                    ui::semantics().requestFocus(std::string("signup.") + field);
                    break;
                }
            }
            state_.announce = tr("ui.signup.errors_announce");
        });
}

void App::checkLink() {
    PasswordForm& f = state_.password;
    f.link = PasswordForm::LinkState::Checking;
    call(
        {.method = "GET",
         .path = "/api/v1/links/" + f.token,
         .errors = &f.errors,
         .retry = [this] { checkLink(); },
         .on401 = Call::On401::Refused},
        [this](const ApiReply& r) {
            PasswordForm& f = state_.password;
            f.link = PasswordForm::LinkState::Valid;
            f.purpose = r.body.value("purpose", "activation");
            f.maskedEmail = r.body.value("email", "");
            f.email = r.body.value("userName", "");
            if (f.purpose == "reset") f.confirmedEmail = true;
        },
        [this](const ApiReply& r) { state_.password.link = linkState(r.errorCode()); });
}

void App::submitPassword() {
    PasswordForm& f = state_.password;
    if (f.busy) return;
    f.errors.clear();
    call(
        {.method = "POST",
         .path = "/api/v1/links/" + f.token + "/password",
         .body = Json{{"password", f.password}, {"confirmation", f.confirmation}},
         .busy = &f.busy,
         .errors = &f.errors,
         .retry = [this] { state_.password.submit = true; },
         .on401 = Call::On401::Refused},
        [this](const ApiReply&) {
            state_.password = PasswordForm{};
            Navigate(state_, Screen::AccountCreated);
        },
        [this](const ApiReply& r) {
            // The link went out of use meanwhile: the screen says which way.
            const std::string code = r.errorCode();
            if (code == "link_expired" || code == "link_used" || code == "link_invalid")
                state_.password.link = linkState(code);
        });
}

void App::submitForgot() {
    ForgotForm& f = state_.forgot;
    if (f.busy) return;
    f.errors.clear();
    if (f.email.empty()) {
        f.errors.byField["email"] = tr("error.email.required");
        ui::semantics().requestFocus("forgot.email");
        return;
    }
    call({.method = "POST",
          .path = "/api/v1/links/request",
          .body = Json{{"email", f.email}},
          .busy = &f.busy,
          .errors = &f.errors,
          .retry = [this] { state_.forgot.submit = true; },
          .on401 = Call::On401::Refused},
         [this](const ApiReply&) {
             ForgotForm& f = state_.forgot;
             f.sent = true;
             state_.mailbox.address = f.email;
             state_.announce = tr("ui.forgot.sent");
         });
}

void App::loadMailbox() {
    MailboxState& m = state_.mailbox;
    if (m.address.empty()) {
        m.messages.clear();
        m.loaded = true;
        return;
    }
    std::string addr;
    for (char c : m.address) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') {
            addr.push_back(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
            addr += buf;
        }
    }
    // The development mailbox says its own errors in place, unavailability included.
    call({.method = "GET",
          .path = "/api/v1/dev/mailbox?to=" + addr,
          .busy = &m.busy,
          .on401 = Call::On401::Refused,
          .replies = Call::Replies::All},
         [this](const ApiReply& r) {
             MailboxState& m = state_.mailbox;
             m.loaded = true;
             m.messages.clear();
             if (!r.ok()) {
                 m.error = r.errorMessage();
                 return;
             }
             m.error.clear();
             for (const auto& msg : r.body.value("messages", Json::array())) {
                 MailView v;
                 v.subject = msg.value("subject", "");
                 v.body = msg.value("body", "");
                 v.createdAt = domain::formatDateTime(msg.value("createdAt", int64_t{0}));
                 for (const auto& l : msg.value("links", Json::array()))
                     v.links.emplace_back(l.value("label", ""), l.value("url", ""));
                 for (const auto& c : msg.value("codes", Json::array()))
                     if (c.is_string()) v.codes.push_back(c);
                 m.messages.push_back(std::move(v));
             }
             state_.announce = trn("ui.mailbox.count", static_cast<long long>(m.messages.size()),
                                   {std::to_string(m.messages.size())});
         });
}

void App::logout() {
    // Whatever the answer, the client forgets the user.
    call({.method = "DELETE", .path = "/api/v1/session", .replies = Call::Replies::All}, [this](const ApiReply&) {
        forgetUser();
        state_.login.notice = tr("ui.announce.logged_out");
        state_.announce = state_.login.notice;
        Navigate(state_, Screen::Login);
    });
}

void App::forgetUser() {
    state_.user.reset();
    // Nothing personal survives: forms, mailbox view, messages.
    state_.login = LoginForm{};
    state_.signup = SignupForm{};
    state_.password = PasswordForm{};
    state_.forgot = ForgotForm{};
    state_.mailbox = MailboxState{};
    state_.request = RequestFileState{};
    state_.offers = OffersState{};
    state_.applications = ApplicationsState{};
    state_.staff = StaffState{};
    state_.myData = MyDataState{};
    state_.contact = ContactState{};
    state_.alerts = AlertsState{};
    state_.pages = PagesState{};  // the help search typed, the tutorial
    if (state_.kiosk) api_->wipe();
}

}  // namespace alin::client
