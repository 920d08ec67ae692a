#include "client/app_state.h"

#include "i18n/pages.h"

namespace alin::client {

namespace {
struct RouteName {
    Screen screen;
    const char* path;
};
// Paths in French, as users see them in the address bar.
constexpr RouteName kRoutes[] = {
    {Screen::Home, "/"},
    {Screen::Login, "/connexion"},
    {Screen::Signup, "/creer-mon-compte"},
    {Screen::SignupSent, "/compte/email-envoye"},
    {Screen::Activation, "/activation"},
    {Screen::SetPassword, "/reinitialisation"},
    {Screen::AccountCreated, "/compte-cree"},
    {Screen::ForgotPassword, "/mot-de-passe-oublie"},
    {Screen::LinkProblem, "/lien-invalide"},
    {Screen::Dashboard, "/tableau-de-bord"},
    {Screen::Mailbox, "/boite-mail"},
    {Screen::DataProtection, "/donnees-personnelles"},
    {Screen::Bench, "/banc-d-essai"},
    {Screen::Offers, "/offres"},
    {Screen::Applications, "/candidatures"},
    {Screen::OfferDetail, "/offre"},
    {Screen::Staff, "/espace-professionnel"},
    {Screen::Help, "/aide"},
    {Screen::MyData, "/mes-donnees"},
    {Screen::Messages, "/mes-messages"},
    {Screen::AlertUnsubscribe, "/alertes/desabonnement"},
    {Screen::Alerts, "/alertes"},
};
}  // namespace

Route parseRoute(const std::string& fragment) {
    std::string path = fragment.empty() ? "/" : fragment;
    if (path[0] != '/') path = "/" + path;
    auto q = path.find('?');
    if (q != std::string::npos) path.resize(q);
    if (path.size() > 1 && path.back() == '/') path.pop_back();
    for (const auto& r : kRoutes) {
        std::string p = r.path;
        if (path == p) return Route{r.screen, {}};
        if (p != "/" && path.rfind(p + "/", 0) == 0) {
            std::string param = path.substr(p.size() + 1);
            if (r.screen == Screen::Activation || r.screen == Screen::SetPassword || r.screen == Screen::OfferDetail ||
                r.screen == Screen::Help || r.screen == Screen::AlertUnsubscribe)
                return Route{r.screen, param};
        }
    }
    // The footer's pages: "/mentions-legales", "/cgu", ... (src/i18n/pages.cpp).
    if (const i18n::InfoPage* page = i18n::findInfoPage(std::string_view(path).substr(1)))
        return Route{Screen::InfoPage, std::string(page->slug)};
    return Route{Screen::NotFound, {}};
}

std::string routePath(const Route& route) {
    if (route.screen == Screen::InfoPage) return "/" + route.param;
    for (const auto& r : kRoutes) {
        if (r.screen == route.screen) {
            std::string p = r.path;
            if (!route.param.empty()) p += "/" + route.param;
            return p;
        }
    }
    return "/";
}

bool needsLogin(Screen s) {
    return s == Screen::Dashboard || s == Screen::Offers || s == Screen::OfferDetail || s == Screen::Applications ||
           s == Screen::Staff || s == Screen::MyData || s == Screen::Messages || s == Screen::Alerts;
}

const std::string& FieldErrorMap::at(const std::string& field) const {
    static const std::string empty;
    auto it = byField.find(field);
    return it == byField.end() ? empty : it->second;
}

void FieldErrorMap::fromReply(const Json& body) {
    clear();
    if (!body.is_object()) return;
    if (body.contains("errors") && body["errors"].is_array()) {
        for (const auto& e : body["errors"]) {
            if (e.is_object() && e.value("field", "") != "" && e.contains("message"))
                byField[e["field"].get<std::string>()] = e["message"].get<std::string>();
        }
    }
    std::string field = body.value("field", "");
    std::string message = body.value("message", "");
    if (!field.empty() && !byField.count(field)) byField[field] = message;
    if (field.empty()) general = message;
}

UserView UserFromJson(const Json& j) {
    UserView u;
    if (!j.is_object()) return u;
    u.id = j.value("id", int64_t{0});
    u.email = j.value("email", "");
    u.birthName = j.value("birthName", "");
    u.firstName = j.value("firstName", "");
    u.phone = j.value("phone", "");
    u.role = domain::parseRole(j.value("role", "")).value_or(domain::Role::Applicant);
    u.organisation = j.value("organisation", "");
    u.language = j.value("language", "");
    return u;
}

}  // namespace alin::client
