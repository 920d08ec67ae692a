// The whole client state, passed by reference to the screens (one file per
// screen in screens/). Screens draw from it and record intents in it; the
// controller (app.cpp) turns intents into service calls and replies into state.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "service/api_types.h"

namespace alin::client {

enum class Screen {
    Home, Login, Signup, SignupSent, Activation, SetPassword, AccountCreated, ForgotPassword,
    LinkProblem, Dashboard, Mailbox, DataProtection, NotFound, Bench
};

struct Route {
    Screen screen = Screen::Home;
    std::string param;   // token for activation / reset links
};

// Parses "/connexion", "/activation/<token>", ... (the URL fragment).
Route parseRoute(const std::string& fragment);
std::string routePath(const Route& route);

struct FieldErrorMap {
    std::map<std::string, std::string> byField;   // field -> French message
    std::string general;                           // banner-level message
    void clear() { byField.clear(); general.clear(); }
    const std::string& at(const std::string& field) const;
    bool empty() const { return byField.empty() && general.empty(); }
    void fromReply(const Json& body);
};

struct LoginForm {
    std::string email, password;
    FieldErrorMap errors;
    bool submit = false, busy = false;
};

struct SignupForm {
    std::string birthName, firstName, phone, email;
    bool consent = false;
    FieldErrorMap errors;
    bool submit = false, busy = false;
    std::string sentTo;   // e-mail shown on the confirmation screen
};

struct PasswordForm {
    std::string token;
    enum class LinkState { Unknown, Checking, Valid, Expired, Used, Invalid } link = LinkState::Unknown;
    std::string purpose;       // "activation" or "reset"
    std::string email;         // the user name, for the "not identical" rule
    std::string maskedEmail;   // as displayed
    bool confirmedEmail = false;   // "Cliquez ici" pressed on the activation step
    std::string password, confirmation;
    FieldErrorMap errors;
    bool submit = false, busy = false;
};

struct ForgotForm {
    std::string email;
    FieldErrorMap errors;
    bool submit = false, busy = false, sent = false;
};

struct MailView {
    std::string subject, body, createdAt;
    std::vector<std::pair<std::string, std::string>> links;   // label, url
    std::vector<std::string> codes;
};

struct MailboxState {
    std::string address;
    std::vector<MailView> messages;
    bool refresh = false, busy = false, loaded = false;
    std::string error;
};

struct BenchState {
    std::string fields[100];
    bool checks[100] = {};
    int animate = 0;   // 0 idle, 1 redraw every frame, 2 also change one label, 3 scroll (all nodes move)
    int tick = 0;
};

struct UserView {
    int64_t id = 0;
    std::string email, birthName, firstName, phone, role;
};

struct Banner {
    std::string text;
    bool isError = false;
    bool retryable = false;
};

struct AppState {
    Route route;
    bool demo = false;      // offline demo mode (service in the page)
    bool kiosk = false;     // shared terminal: nothing personal survives a session
    bool devMailbox = false; // the service exposes its development mailbox (not in production)
    bool sessionChecked = false;
    std::optional<UserView> user;
    Banner banner;
    std::string announce;   // next live-region announcement

    LoginForm login;
    SignupForm signup;
    PasswordForm password;
    ForgotForm forgot;
    MailboxState mailbox;
    BenchState bench;

    // Intents recorded by screens, executed by the controller after the frame.
    std::optional<Route> navigateTo;
    bool logout = false;
    bool retry = false;
    bool enterDemo = false;
    std::string openExternal;
};

}  // namespace alin::client
