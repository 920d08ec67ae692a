// The /api/v1 router shared by the HTTP server and the offline demo: status
// codes, body shapes, cookies instructions.
#include <doctest/doctest.h>

#include <stdexcept>

#include "api/api_router.h"
#include "storage/memory_storage.h"

using namespace alin;

namespace {

class FastHasher final : public PasswordHasher {
public:
    std::string hash(const std::string& password) override {
        if (failHash) throw std::runtime_error("secret detail that must not leak");
        return inner.hash(password);
    }
    bool verify(const std::string& encoded, const std::string& password) override {
        return inner.verify(encoded, password);
    }
    SodiumPasswordHasher inner{1, 8 * 1024};
    bool failHash = false;
};

struct Api {
    ServiceConfig config;
    MemoryStorage storage;
    ManualClock clock{1'750'000'000};
    OutboxTransport mail{storage};
    FastHasher hasher;
    AccountService accounts{storage, clock, mail, hasher, config};
    ApiRouter router{accounts, config};

    ApiResponse call(const std::string& method, const std::string& path, Json body = nullptr,
                     const std::string& cookie = {}, std::map<std::string, std::string> query = {}) {
        ApiRequest r;
        r.method = method;
        r.path = path;
        r.body = std::move(body);
        r.sessionToken = cookie;
        r.clientAddress = "192.0.2.1";
        r.query = std::move(query);
        return router.handle(r);
    }

    static Json jean() {
        return {{"birthName", "Dupont"},
                {"firstName", "Jean"},
                {"phone", "06 06 06 06 06"},
                {"email", "dupontjean@yopmail.com"},
                {"consent", true}};
    }

    std::string lastToken(const std::string& to = "dupontjean@yopmail.com") {
        auto r = call("GET", "/api/v1/dev/mailbox", nullptr, {}, {{"to", to}});
        REQUIRE(r.status == 200);
        REQUIRE_FALSE(r.body["messages"].empty());
        const std::string url = r.body["messages"][0]["links"][0]["url"];
        return url.substr(url.rfind('/') + 1);
    }

    // Signs up, activates and logs in Jean; returns the session token.
    std::string session() {
        REQUIRE(call("POST", "/api/v1/accounts", jean()).status == 202);
        REQUIRE(call("POST", "/api/v1/links/" + lastToken() + "/password",
                     {{"password", "Logement2024"}, {"confirmation", "Logement2024"}})
                    .status == 200);
        auto r = call("POST", "/api/v1/session", {{"email", "dupontjean@yopmail.com"}, {"password", "Logement2024"}});
        REQUIRE(r.status == 200);
        REQUIRE(r.setSessionToken);
        return *r.setSessionToken;
    }
};

void checkErrorShape(const ApiResponse& r, int status, const std::string& code) {
    CHECK(r.status == status);
    REQUIRE(r.body.is_object());
    CHECK(r.body.value("code", std::string()) == code);
    REQUIRE(r.body.contains("message"));
    REQUIRE(r.body.at("message").is_string());
    const std::string message = r.body.at("message");
    CHECK_FALSE(message.empty());
    CHECK(message.find("error.") != 0);  // a French text, not a catalogue key
    CHECK(message.find("account.") != 0);
    CHECK(message.find("api.") != 0);
}

}  // namespace

TEST_CASE("router: health") {
    Api api;
    api.config.environment = "test";
    auto r = api.call("GET", "/api/v1/health");
    CHECK(r.status == 200);
    CHECK(r.body == Json{{"status", "ok"}, {"environment", "test"}});
}

TEST_CASE("router: unknown routes, wrong methods and bodies") {
    Api api;
    checkErrorShape(api.call("GET", "/api/v1/nope"), 404, "not_found");
    checkErrorShape(api.call("GET", "/api/v1"), 404, "not_found");
    checkErrorShape(api.call("GET", "/api/v10/health"), 404, "not_found");
    checkErrorShape(api.call("GET", "/health"), 404, "not_found");
    checkErrorShape(api.call("GET", "/api/v1/links/a/b/c"), 404, "not_found");
    CHECK(api.call("GET", "/api/v1/health/").status == 200);  // trailing slash tolerated

    checkErrorShape(api.call("POST", "/api/v1/health", Json::object()), 405, "method_not_allowed");
    checkErrorShape(api.call("GET", "/api/v1/accounts"), 405, "method_not_allowed");
    checkErrorShape(api.call("PUT", "/api/v1/session", Json::object()), 405, "method_not_allowed");
    checkErrorShape(api.call("GET", "/api/v1/links/request"), 405, "method_not_allowed");
    CHECK(api.call("PATCH", "/api/v1/session").body["allowed"] == Json{"GET", "POST", "DELETE"});

    for (const Json& body : {Json(), Json::array(), Json("texte"), Json(3)}) {
        CAPTURE(body.dump());
        checkErrorShape(api.call("POST", "/api/v1/accounts", body), 400, "bad_request");
        checkErrorShape(api.call("POST", "/api/v1/session", body), 400, "bad_request");
        checkErrorShape(api.call("POST", "/api/v1/links/request", body), 400, "bad_request");
        checkErrorShape(api.call("POST", "/api/v1/links/" + randomHex(32) + "/password", body), 400, "bad_request");
    }
    Json wrongType = Api::jean();
    wrongType["phone"] = 606060606;
    auto r = api.call("POST", "/api/v1/accounts", wrongType);
    checkErrorShape(r, 400, "bad_request");
    CHECK(r.body["field"] == "phone");
    wrongType = Api::jean();
    wrongType["consent"] = "oui";
    CHECK(api.call("POST", "/api/v1/accounts", wrongType).body["field"] == "consent");
}

TEST_CASE("router: sign-up validation errors, all at once") {
    Api api;
    auto r = api.call("POST", "/api/v1/accounts", Json::object());
    checkErrorShape(r, 422, "validation");
    CHECK(r.body["field"] == "birthName");
    REQUIRE(r.body["errors"].is_array());
    std::vector<std::string> fields;
    for (const Json& e : r.body["errors"]) {
        fields.push_back(e["field"]);
        CHECK(e["code"] == "required");
        CHECK(e["message"].is_string());
    }
    CHECK(fields == std::vector<std::string>{"birthName", "firstName", "phone", "email", "consent"});

    Json bad = Api::jean();
    bad["email"] = "dupont@@yopmail";
    bad["phone"] = "01 02 03 04 05";
    r = api.call("POST", "/api/v1/accounts", bad);
    CHECK(r.status == 422);
    CHECK(r.body["field"] == "phone");
    CHECK(r.body["errors"].size() == 2);
    CHECK(r.body["errors"][1]["field"] == "email");
}

TEST_CASE("router: sign-up answers the same for a new and a registered address") {
    Api api;
    auto first = api.call("POST", "/api/v1/accounts", Api::jean());
    CHECK(first.status == 202);
    CHECK(first.body["message"].get<std::string>().find("dupontjean@yopmail.com") != std::string::npos);
    auto again = api.call("POST", "/api/v1/accounts", Api::jean());
    CHECK(again.status == first.status);
    CHECK(again.body == first.body);

    api.session();  // now active
    Json shouted = Api::jean();
    shouted["email"] = "DUPONTJEAN@yopmail.com";
    auto active = api.call("POST", "/api/v1/accounts", shouted);
    CHECK(active.status == first.status);
    CHECK(active.body == first.body);
    CHECK_FALSE(active.setSessionToken);
}

TEST_CASE("router: links") {
    Api api;
    REQUIRE(api.call("POST", "/api/v1/accounts", Api::jean()).status == 202);
    const std::string token = api.lastToken();

    auto info = api.call("GET", "/api/v1/links/" + token);
    CHECK(info.status == 200);
    CHECK(info.body ==
          Json{{"purpose", "activation"}, {"email", "du***@yopmail.com"}, {"userName", "dupontjean@yopmail.com"}});

    checkErrorShape(api.call("GET", "/api/v1/links/" + randomHex(32)), 404, "link_invalid");
    checkErrorShape(api.call("GET", "/api/v1/links/pas-un-lien"), 404, "link_invalid");

    auto weak = api.call("POST", "/api/v1/links/" + token + "/password",
                         {{"password", "motdepasse"}, {"confirmation", "motdepasse"}});
    checkErrorShape(weak, 422, "validation");
    CHECK(weak.body["field"] == "password");
    CHECK(weak.body["rules"] == Json{"digit", "upper"});
    CHECK(weak.body["errors"][0]["field"] == "password");

    auto mismatch = api.call("POST", "/api/v1/links/" + token + "/password",
                             {{"password", "Logement2024"}, {"confirmation", "Logement2042"}});
    CHECK(mismatch.status == 422);
    CHECK(mismatch.body["field"] == "confirmation");
    CHECK(mismatch.body["rules"] == Json{"confirm"});

    auto done = api.call("POST", "/api/v1/links/" + token + "/password",
                         {{"password", "Logement2024"}, {"confirmation", "Logement2024"}});
    CHECK(done.status == 200);
    CHECK(done.body["message"].get<std::string>().find("Votre compte est activé") == 0);

    auto used = api.call("POST", "/api/v1/links/" + token + "/password",
                         {{"password", "Logement2024"}, {"confirmation", "Logement2024"}});
    checkErrorShape(used, 410, "link_used");
    checkErrorShape(api.call("GET", "/api/v1/links/" + token), 410, "link_used");

    // Expiry, through a reset link.
    REQUIRE(api.call("POST", "/api/v1/links/request", {{"email", "dupontjean@yopmail.com"}}).status == 202);
    const std::string reset = api.lastToken();
    CHECK(api.call("GET", "/api/v1/links/" + reset).body["purpose"] == "reset");
    api.clock.advance(2 * 24 * 3600);
    auto expired = api.call("GET", "/api/v1/links/" + reset);
    checkErrorShape(expired, 410, "link_expired");
    CHECK(expired.body["message"] == "Ce lien a expiré. Demandez un nouveau lien ci-dessous.");
}

TEST_CASE("router: link requests always answer the same") {
    Api api;
    REQUIRE(api.call("POST", "/api/v1/accounts", Api::jean()).status == 202);
    auto known = api.call("POST", "/api/v1/links/request", {{"email", "dupontjean@yopmail.com"}});
    auto unknown = api.call("POST", "/api/v1/links/request", {{"email", "personne@yopmail.com"}});
    CHECK(known.status == 202);
    CHECK(unknown.status == 202);
    CHECK(known.body.size() == unknown.body.size());
    CHECK(known.body["message"].get<std::string>().find("Si un compte correspond") == 0);
    checkErrorShape(api.call("POST", "/api/v1/links/request", {{"email", ""}}), 422, "validation");
}

TEST_CASE("router: session lifecycle and cookie instructions") {
    Api api;
    const std::string token = api.session();
    CHECK(token.size() == 64);

    auto me = api.call("GET", "/api/v1/session", nullptr, token);
    CHECK(me.status == 200);
    CHECK(me.body["user"]["email"] == "dupontjean@yopmail.com");
    CHECK(me.body["user"]["birthName"] == "Dupont");
    CHECK(me.body["user"]["firstName"] == "Jean");
    CHECK(me.body["user"]["phone"] == "+33606060606");
    CHECK(me.body["user"]["role"] == "applicant");
    CHECK(me.body["user"]["id"].is_number_integer());
    CHECK_FALSE(me.body["user"].contains("passwordHash"));
    CHECK_FALSE(me.clearSession);

    auto out = api.call("DELETE", "/api/v1/session", nullptr, token);
    CHECK(out.status == 200);
    CHECK(out.clearSession);
    auto after = api.call("GET", "/api/v1/session", nullptr, token);
    checkErrorShape(after, 401, "session_expired");
    CHECK(after.clearSession);

    auto anonymous = api.call("GET", "/api/v1/session");
    checkErrorShape(anonymous, 401, "unauthenticated");
    CHECK(anonymous.clearSession);

    // Idle expiry through the router.
    const std::string second =
        *api.call("POST", "/api/v1/session", {{"email", "dupontjean@yopmail.com"}, {"password", "Logement2024"}})
             .setSessionToken;
    api.clock.advance(api.config.sessionIdleSeconds);
    CHECK(api.call("GET", "/api/v1/session", nullptr, second).status == 401);
}

TEST_CASE("router: log-in errors") {
    Api api;
    api.session();
    auto wrong = api.call("POST", "/api/v1/session", {{"email", "dupontjean@yopmail.com"}, {"password", "Faux2024"}});
    checkErrorShape(wrong, 401, "invalid_credentials");
    CHECK(wrong.body["message"] == "Identifiant ou mot de passe incorrect.");
    CHECK_FALSE(wrong.setSessionToken);
    auto unknown = api.call("POST", "/api/v1/session", {{"email", "qui@yopmail.com"}, {"password", "Faux2024"}});
    CHECK(unknown.body == wrong.body);

    auto empty = api.call("POST", "/api/v1/session", {{"email", ""}, {"password", ""}});
    checkErrorShape(empty, 422, "validation");
    CHECK(empty.body["errors"].size() == 2);

    for (int i = 0; i < 3; ++i)
        api.call("POST", "/api/v1/session", {{"email", "dupontjean@yopmail.com"}, {"password", "Faux2024"}});
    auto blocked =
        api.call("POST", "/api/v1/session", {{"email", "dupontjean@yopmail.com"}, {"password", "Logement2024"}});
    checkErrorShape(blocked, 429, "too_many_attempts");
    CHECK(blocked.body["retryAfterSeconds"] == 15 * 60);
    CHECK(blocked.body["message"].get<std::string>().find("15\u00A0minutes") != std::string::npos);
}

TEST_CASE("router: development mailbox only when enabled") {
    Api api;
    REQUIRE(api.call("POST", "/api/v1/accounts", Api::jean()).status == 202);
    auto box = api.call("GET", "/api/v1/dev/mailbox", nullptr, {}, {{"to", "DupontJean@yopmail.com"}});
    CHECK(box.status == 200);
    REQUIRE(box.body["messages"].size() == 1);
    const Json& m = box.body["messages"][0];
    for (const char* key : {"id", "to", "subject", "body", "links", "codes", "createdAt"}) CHECK(m.contains(key));
    CHECK(m["subject"] == "Action Logement Services – Demande d'accès");
    CHECK(m["links"][0]["label"] == "Cliquez ici");
    CHECK(m["codes"] == Json::array());
    checkErrorShape(api.call("GET", "/api/v1/dev/mailbox"), 400, "bad_request");

    api.config.devMailbox = false;
    checkErrorShape(api.call("GET", "/api/v1/dev/mailbox", nullptr, {}, {{"to", "dupontjean@yopmail.com"}}), 404,
                    "not_found");
}

TEST_CASE("router: test clock only when enabled and provided") {
    Api api;
    checkErrorShape(api.call("POST", "/api/v1/dev/clock", {{"advanceSeconds", 60}}), 404, "not_found");
    api.config.testClock = true;
    checkErrorShape(api.call("POST", "/api/v1/dev/clock", {{"advanceSeconds", 60}}), 404, "not_found");

    ServiceConfig config;
    config.testClock = true;
    MemoryStorage storage;
    OffsetClock clock;
    OutboxTransport mail(storage);
    FastHasher hasher;
    AccountService accounts(storage, clock, mail, hasher, config);
    ApiRouter router(accounts, config, &clock);
    ApiRequest r;
    r.method = "POST";
    r.path = "/api/v1/dev/clock";
    r.body = {{"advanceSeconds", 3 * 24 * 3600}};
    const int64_t before = clock.now();
    auto advanced = router.handle(r);
    CHECK(advanced.status == 200);
    CHECK(advanced.body["now"].get<int64_t>() >= before + 3 * 24 * 3600);
    CHECK(clock.now() >= before + 3 * 24 * 3600);
    r.body = {{"advanceSeconds", "beaucoup"}};
    checkErrorShape(router.handle(r), 400, "bad_request");
    config.testClock = false;
    r.body = {{"advanceSeconds", 1}};
    checkErrorShape(router.handle(r), 404, "not_found");
}

TEST_CASE("router: an internal failure is a 500 with a French message, no detail") {
    Api api;
    REQUIRE(api.call("POST", "/api/v1/accounts", Api::jean()).status == 202);
    api.hasher.failHash = true;
    auto r = api.call("POST", "/api/v1/links/" + api.lastToken() + "/password",
                      {{"password", "Logement2024"}, {"confirmation", "Logement2024"}});
    checkErrorShape(r, 500, "internal");
    CHECK(r.body.dump().find("secret detail") == std::string::npos);
    CHECK(r.body["message"] == "Une erreur interne est survenue. Réessayez plus tard.");
}
