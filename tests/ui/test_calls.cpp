// One call path for every request (issue 12 item 5, src/client/app_call.cpp),
// driven natively against a scripted fake service: a 401 on any signed-in
// request ends the session (login page, "Session terminée", the page to come
// back to), a 5xx shows the unavailable banner whose "Réessayer" sends the
// request again, a refused request puts its messages at their fields and
// clears the busy state.
#include <doctest/doctest.h>

#include <tuple>
#include <vector>

#include "ui_harness.h"

using alin::test::UiHarness;

namespace {

// The fake service: the first rule whose method matches and whose path the URL
// starts with answers; anything else is a 404. Counts the requests per path.
struct FakeService {
    struct Rule {
        std::string method, path;
        int status;
        std::string body;
    };
    std::vector<Rule> rules;
    std::vector<std::string> requests;  // "METHOD url"
    void on(const std::string& method, const std::string& path, int status, const std::string& body) {
        // A later rule for the same request replaces the earlier one.
        for (Rule& r : rules)
            if (r.method == method && r.path == path) {
                r.status = status;
                r.body = body;
                return;
            }
        rules.push_back({method, path, status, body});
    }
    int count(const std::string& method, const std::string& path) const {
        int n = 0;
        for (const std::string& r : requests)
            if (r == method + " " + path) ++n;
        return n;
    }
};

FakeService* fake = nullptr;

constexpr const char* kUser =
    R"({"user":{"id":7,"email":"anne.porte@example.fr","firstName":"Anne","birthName":"PORTE","role":"applicant"}})";
constexpr const char* kValidatedFile =
    R"({"file":{"numeroUnique":"1110920621114ACLOG","validated":true,"step":4,"registry":{},"alin":{}}})";

// A signed-in applicant with a validated file; every other request of the
// screens is answered with an empty list.
void signedIn(FakeService& f) {
    f.on("GET", "/api/v1/session", 200, kUser);
    f.on("GET", "/api/v1/request", 200, kValidatedFile);
    f.on("GET", "/api/v1/applications", 200, R"({"active":null,"history":[],"unread":0})");
    f.on("GET", "/api/v1/alerts/news", 200, R"({"offerIds":[]})");
    f.on("GET", "/api/v1/alerts", 200, R"({"alerts":[]})");
    f.on("GET", "/api/v1/contact/messages", 200,
         R"({"messages":[],"subjects":[{"code":"file","label":"Ma demande"}],"maxLength":2000,"perDay":5})");
    f.on("GET", "/api/v1/offers", 200, R"({"tabs":[{"count":0},{"count":0},{"count":0}],"total":0,"items":[]})");
}

struct Fixture {
    FakeService service;
    UiHarness ui;
    Fixture()
        : ui(false, 375, 740, false, [this](alin::platform::native::Browser& b) {
              fake = &service;
              signedIn(service);
              b.http = [](const std::string& method, const std::string& url, const std::string&,
                          alin::platform::HttpCallback cb) {
                  fake->requests.push_back(method + " " + url);
                  for (const auto& r : fake->rules) {
                      if (r.method != method || url.rfind(r.path, 0) != 0) continue;
                      // "/api/v1/alerts" must not answer "/api/v1/alerts/news": the path ends there.
                      const char next = url.size() > r.path.size() ? url[r.path.size()] : '\0';
                      if (next != '\0' && next != '?') continue;
                      return cb(r.status, r.body);
                  }
                  cb(404, R"({"code":"not_found","message":"Introuvable"})");
              };
          }) {}
    ~Fixture() { fake = nullptr; }
};

bool shows(UiHarness& ui, const std::string& part) {
    return ui.dump().find(part) != std::string::npos;
}

// The session ended: the login page says so and remembers the page to come back to.
void checkSessionEnded(UiHarness& ui, alin::client::Screen from) {
    ui.frames(4);
    CHECK(ui.route() == "/connexion");
    CHECK_FALSE(ui.app->state().user);
    CHECK_MESSAGE(shows(ui, "Session terminée"), ui.dump());
    REQUIRE(ui.app->state().login.afterLogin);
    CHECK(ui.app->state().login.afterLogin->screen == from);
}

constexpr const char* kExpired = R"({"code":"unauthenticated","message":"Connectez-vous."})";

}  // namespace

TEST_CASE("calls: a 401 on the offers list ends the session and comes back to the offers after login") {
    Fixture f;
    f.service.on("GET", "/api/v1/offers", 401, kExpired);
    f.ui.go("/offres");
    checkSessionEnded(f.ui, alin::client::Screen::Offers);
    // Signed in again: back on the offers.
    f.service.on("POST", "/api/v1/session", 200, kUser);
    f.service.on("GET", "/api/v1/offers", 200,
                 R"({"tabs":[{"count":0},{"count":0},{"count":0}],"total":0,"items":[]})");
    f.ui.fill("login.email", "anne.porte@example.fr");
    f.ui.fill("login.password", "Logement2026");
    f.ui.click("button", "JE ME CONNECTE");
    f.ui.frames(6);
    CHECK(f.ui.route() == "/offres");
}

TEST_CASE("calls: a 401 on Mes alertes ends the session and remembers Mes alertes") {
    Fixture f;
    f.service.on("GET", "/api/v1/alerts", 401, kExpired);
    f.ui.go("/alertes");
    checkSessionEnded(f.ui, alin::client::Screen::Alerts);
}

TEST_CASE("calls: a 401 on sending a contact message ends the session and remembers Mes messages") {
    Fixture f;
    f.ui.go("/mes-messages");
    f.ui.frames(3);
    REQUIRE_MESSAGE(f.ui.has("radio", "Ma demande"), f.ui.dump());
    f.service.on("POST", "/api/v1/contact/messages", 401, kExpired);
    f.ui.click("radio", "Ma demande");
    f.ui.fill("contact.message", "Bonjour");
    f.ui.click("button", "Envoyer mon message");
    checkSessionEnded(f.ui, alin::client::Screen::Messages);
    CHECK_FALSE(f.ui.app->state().contact.sending);
}

TEST_CASE("calls: a 401 on the ranking explanation or the departments list ends the session") {
    {
        Fixture f;
        f.ui.go("/candidatures");
        f.service.on("GET", "/api/v1/applications/ranking", 401, kExpired);
        f.ui.app->state().applications.rankingRequested = true;
        checkSessionEnded(f.ui, alin::client::Screen::Applications);
    }
    {
        Fixture f;
        f.service.on("GET", "/api/v1/request", 404, R"({"code":"not_found","message":"Aucune demande"})");
        f.service.on("GET", "/api/v1/departments", 401, kExpired);
        f.ui.go("/tableau-de-bord");
        f.ui.app->state().request.departmentsRequested = true;
        checkSessionEnded(f.ui, alin::client::Screen::Dashboard);
    }
}

TEST_CASE("calls: a 503 shows the unavailable banner; Réessayer sends the request again") {
    Fixture f;
    f.service.on("GET", "/api/v1/alerts", 503, R"({"code":"unavailable","message":"Service indisponible."})");
    f.ui.go("/alertes");
    f.ui.frames(3);
    CHECK(f.ui.route() == "/alertes");
    CHECK_MESSAGE(shows(f.ui, "Service indisponible."), f.ui.dump());
    CHECK_FALSE(f.ui.app->state().alerts.busy);
    const int before = f.service.count("GET", "/api/v1/alerts");
    f.service.on("GET", "/api/v1/alerts", 200, R"({"alerts":[]})");
    f.ui.click("button", "Réessayer");
    f.ui.frames(3);
    CHECK(f.service.count("GET", "/api/v1/alerts") == before + 1);
    CHECK_FALSE(shows(f.ui, "Service indisponible."));
}

TEST_CASE("calls: a 422 puts the message at its field and clears the busy state") {
    Fixture f;
    f.ui.go("/mes-messages");
    f.ui.frames(3);
    REQUIRE_MESSAGE(f.ui.has("radio", "Ma demande"), f.ui.dump());
    f.service.on("POST", "/api/v1/contact/messages", 422,
                 R"({"code":"validation","field":"message","message":"Votre message est trop long."})");
    f.ui.click("radio", "Ma demande");
    f.ui.fill("contact.message", "Bonjour");
    f.ui.click("button", "Envoyer mon message");
    f.ui.frames(2);
    CHECK(f.ui.route() == "/mes-messages");
    CHECK(f.ui.app->state().contact.errors.at("message") == "Votre message est trop long.");
    CHECK_MESSAGE(shows(f.ui, "Votre message est trop long."), f.ui.dump());
    CHECK_FALSE(f.ui.app->state().contact.sending);
    // The text typed is kept.
    CHECK(f.ui.app->state().contact.message == "Bonjour");
}

TEST_CASE("calls: the import's confirmation keeps a message about the number where it is seen") {
    Fixture f;
    f.service.on("GET", "/api/v1/request", 404, R"({"code":"not_found","message":"Aucune demande"})");
    f.service.on("POST", "/api/v1/request/import", 200, R"({"maskedEmail":"a***@example.fr"})");
    f.ui.go("/tableau-de-bord");
    f.ui.frames(3);
    f.ui.fill("import.nu", "1110920621114ACLOG");
    f.ui.app->state().request.submitNu = true;
    f.ui.frames(3);
    REQUIRE(f.ui.app->state().request.codeSent);
    // The number was taken by another account meanwhile: the message is about the number.
    f.service.on("POST", "/api/v1/request/import/confirm", 409,
                 R"({"code":"nu_taken","field":"numeroUnique","message":"Ce numéro est déjà rattaché."})");
    f.ui.fill("import.code", "123456");
    f.ui.app->state().request.submitCode = true;
    f.ui.frames(3);
    CHECK_FALSE(f.ui.app->state().request.busy);
    CHECK_MESSAGE(shows(f.ui, "Ce numéro est déjà rattaché."), f.ui.dump());
}

TEST_CASE("calls: a wrong password on deleting the account is the field's error, not the session's end") {
    Fixture f;
    f.service.on("GET", "/api/v1/me/data", 200, R"({"data":{"account":{"email":"anne.porte@example.fr"}}})");
    f.service.on("POST", "/api/v1/me/delete", 401,
                 R"({"code":"wrong_password","field":"password","message":"Mot de passe incorrect."})");
    f.ui.go("/mes-donnees");
    f.ui.frames(3);
    f.ui.app->state().myData.password = "faux";
    f.ui.app->state().myData.doDelete = true;
    f.ui.frames(3);
    CHECK(f.ui.route() == "/mes-donnees");
    CHECK(f.ui.app->state().user);
    CHECK(f.ui.app->state().myData.deleteErrors.at("password") == "Mot de passe incorrect.");
    CHECK_FALSE(f.ui.app->state().myData.deleting);
}
