// The language of the API and of the e-mails (issue 15), in process as the
// offline demo runs it: each request is answered in the language of its
// Accept-Language (ApiRequest::acceptLanguage), the thread's language is
// restored after it; PUT /me/language and the user's "language"; every e-mail
// to an account (links, security codes, application status) is worded in the
// account's language, whatever the language of the request that caused it.
#include <doctest/doctest.h>

#include "api/api_router.h"
#include "app/application_service.h"
#include "app/offer_service.h"
#include "app/request_file_service.h"
#include "i18n/catalog.h"
#include "service_fixture.h"

using namespace alin;
using namespace alin::test;
using i18n::Lang;
using i18n::trIn;

namespace {

class FastHasher final : public PasswordHasher {
public:
    std::string hash(const std::string& password) override { return inner.hash(password); }
    bool verify(const std::string& encoded, const std::string& password) override {
        return inner.verify(encoded, password);
    }
    SodiumPasswordHasher inner{1, 8 * 1024};
};

struct LanguageApi {
    ServiceConfig config;
    MemoryStorage storage;
    ManualClock clock{kTestNoon};
    OutboxTransport mail{storage};
    FastHasher hasher;
    AccountService accounts{storage, clock, mail, hasher, config};
    ApiRouter router{accounts, config};
    std::unique_ptr<OfferService> offers;
    std::unique_ptr<ApplicationService> applications;

    LanguageApi() { config.offerCount = 1000; }

    void plug() {
        offers = std::make_unique<OfferService>(storage, clock, config, serviceTestData());
        applications = std::make_unique<ApplicationService>(storage, clock, mail, config, *offers);
        router.setOffers(offers.get());
        router.setApplications(applications.get());
    }

    ApiResponse call(const std::string& method, const std::string& path, Json body = nullptr,
                     const std::string& session = {}, const std::string& acceptLanguage = {}) {
        ApiRequest r;
        r.method = method;
        r.path = path;
        r.body = std::move(body);
        r.sessionToken = session;
        r.clientAddress = "local";
        r.acceptLanguage = acceptLanguage;
        return router.handle(r);
    }

    static Json person(const std::string& email) {
        return {{"birthName", "Doe"}, {"firstName", "Jane"}, {"phone", "06 06 06 06 06"}, {"email", email},
                {"consent", true}};
    }

    std::string lastToken(const std::string& to) {
        auto mails = storage.listMailTo(to);
        REQUIRE_FALSE(mails.empty());
        const std::string url = mails.front().links[0]["url"];
        return url.substr(url.rfind('/') + 1);
    }

    // Signs up (in `language`), activates and logs in; returns the session token.
    std::string account(const std::string& email, const std::string& language = {}) {
        REQUIRE(call("POST", "/api/v1/accounts", person(email), {}, language).status == 202);
        REQUIRE(call("POST", "/api/v1/links/" + lastToken(email) + "/password",
                     {{"password", "Logement2024"}, {"confirmation", "Logement2024"}})
                    .status == 200);
        return login(email, "Logement2024");
    }
    std::string login(const std::string& email, const std::string& password) {
        auto r = call("POST", "/api/v1/session", {{"email", email}, {"password", password}});
        REQUIRE_MESSAGE(r.status == 200, r.body.dump());
        return *r.setSessionToken;
    }
};

bool endsWith(const std::string& text, const std::string& tail) {
    return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// The language a mail was worded in, told by its last lines.
std::string mailLanguage(const MailRecord& mail) {
    if (endsWith(mail.body, trIn(Lang::En, "mail.language.footer"))) return "en";
    if (endsWith(mail.body, trIn(Lang::Fr, "mail.language.footer"))) return "fr";
    return "none";
}

}  // namespace

TEST_SUITE("router: language") {
    TEST_CASE("each request is answered in its Accept-Language; the thread's language is restored") {
        LanguageApi api;
        const std::string jane = api.account("jane@example.com");
        REQUIRE(i18n::language() == Lang::Fr);
        auto english = api.call("PUT", "/api/v1/me/language", {{"language", "de"}}, jane, "en-GB,en;q=0.8");
        CHECK(english.status == 400);
        CHECK(english.body["field"] == "language");
        CHECK(english.body["message"] == "Choose a language: French or English.");
        CHECK(i18n::language() == Lang::Fr);
        auto french = api.call("PUT", "/api/v1/me/language", {{"language", "de"}}, jane);
        CHECK(french.body["message"] == trIn(Lang::Fr, "language.error.invalid"));
        {
            // The request decides, not the thread's language before it.
            i18n::LanguageScope scope(Lang::En);
            CHECK(api.call("PUT", "/api/v1/me/language", {{"language", "de"}}, jane, "fr").body["message"] ==
                  trIn(Lang::Fr, "language.error.invalid"));
            CHECK(i18n::language() == Lang::En);
        }
        CHECK(api.call("GET", "/api/v1/nowhere", nullptr, {}, "en").body["message"] ==
              trIn(Lang::En, "error.not_found"));
    }

    TEST_CASE("PUT /me/language stores the account's language; log-in and session replies carry it") {
        LanguageApi api;
        const std::string jean = api.account("jean@example.fr");
        auto session = api.call("GET", "/api/v1/session", nullptr, jean);
        CHECK(session.body["user"]["language"] == "fr");
        auto set = api.call("PUT", "/api/v1/me/language", {{"language", "en"}}, jean);
        REQUIRE(set.status == 200);
        CHECK(set.body["language"] == "en");
        CHECK(set.body["user"]["language"] == "en");
        CHECK(set.body["message"] == trIn(Lang::En, "language.saved"));
        CHECK(api.storage.findUserByEmail("jean@example.fr")->language == "en");
        CHECK(api.call("GET", "/api/v1/session", nullptr, jean).body["user"]["language"] == "en");
        auto login = api.call("POST", "/api/v1/session", {{"email", "jean@example.fr"}, {"password", "Logement2024"}});
        CHECK(login.body["user"]["language"] == "en");

        for (const Json& body : {Json{{"language", "fr-FR"}}, Json{{"language", true}}, Json::object(), Json(nullptr),
                                 Json::array()}) {
            CAPTURE(body.dump());
            auto r = api.call("PUT", "/api/v1/me/language", body, jean);
            CHECK(r.status == 400);
            CHECK(r.body["code"] == "bad_request");
            CHECK(r.body["field"] == "language");
        }
        CHECK(api.storage.findUserByEmail("jean@example.fr")->language == "en");
        auto out = api.call("PUT", "/api/v1/me/language", {{"language", "en"}}, "not-a-session");
        CHECK(out.status == 401);
        CHECK(out.clearSession);
        CHECK(api.call("POST", "/api/v1/me/language", {{"language", "en"}}, jean).status == 405);
    }

    TEST_CASE("sign-up stores the request's language; link e-mails use the account's") {
        LanguageApi api;
        REQUIRE(api.call("POST", "/api/v1/accounts", LanguageApi::person("jane@example.com"), {}, "en").status == 202);
        CHECK(api.storage.findUserByEmail("jane@example.com")->language == "en");
        CHECK(mailLanguage(api.storage.listMailTo("jane@example.com").front()) == "en");
        REQUIRE(api.call("POST", "/api/v1/links/request", {{"email", "jane@example.com"}}).status == 202);
        CHECK(mailLanguage(api.storage.listMailTo("jane@example.com").front()) == "en");

        REQUIRE(api.call("POST", "/api/v1/accounts", LanguageApi::person("jean@example.fr")).status == 202);
        CHECK(api.storage.findUserByEmail("jean@example.fr")->language == "fr");
        // Signing up again in English does not change the account's language.
        REQUIRE(api.call("POST", "/api/v1/accounts", LanguageApi::person("jean@example.fr"), {}, "en").status == 202);
        CHECK(api.storage.findUserByEmail("jean@example.fr")->language == "fr");
        CHECK(mailLanguage(api.storage.listMailTo("jean@example.fr").front()) == "fr");

        // "Password changed" (an active account's new password), asked in French.
        const std::string jane = api.account("jane2@example.com", "en");
        REQUIRE(api.call("POST", "/api/v1/links/request", {{"email", "jane2@example.com"}}).status == 202);
        REQUIRE(api.call("POST", "/api/v1/links/" + api.lastToken("jane2@example.com") + "/password",
                         {{"password", "Logement2025"}, {"confirmation", "Logement2025"}})
                    .status == 200);
        const auto mails = api.storage.listMailTo("jane2@example.com");
        REQUIRE(mails.size() == 3);
        for (const MailRecord& m : mails) CHECK(mailLanguage(m) == "en");
    }

    TEST_CASE("the request-import code e-mail is in the account's language") {
        LanguageApi api;
        const RegistryRequest porte = guideRequest(kGuideExamplePorteNu);
        api.storage.upsertRegistryRequest(porte.numeroUnique, porte.toJson(), kTestNoon);
        RequestFileService requests(api.storage, api.clock, api.mail, api.config, serviceTestData());
        const int64_t user = addUser(api.storage, "jane@example.com");
        api.storage.setUserLanguage(user, "en");
        {
            i18n::LanguageScope french(Lang::Fr);
            REQUIRE(requests.startImport(user, porte.numeroUnique).ok());
        }
        auto mails = api.storage.listMailTo(std::string(kGuideExamplePorteEmail));
        REQUIRE(mails.size() == 1);
        CHECK(mailLanguage(mails.front()) == "en");
        CHECK(mails.front().codes.size() == 1);
    }

    TEST_CASE("a status change made in French mails an English account in English, and back") {
        LanguageApi api;
        api.plug();
        REQUIRE(api.call("POST", "/api/v1/dev/demo-accounts", Json::object()).status == 200);
        const std::string anne = api.login("anne.porte@example.fr", "Logement2026");
        const std::string advisor = api.login("conseiller@actionlogement.example", "Conseiller2026");
        REQUIRE(api.call("PUT", "/api/v1/me/language", {{"language", "en"}}, anne).status == 200);
        auto page = api.call("GET", "/api/v1/offers", nullptr, anne);
        REQUIRE(page.status == 200);
        const int64_t offer = page.body["items"][0]["id"];
        auto applied = api.call("POST", "/api/v1/applications", {{"offerId", offer}}, anne, "fr");
        REQUIRE_MESSAGE(applied.status == 201, applied.body.dump());
        const int64_t id = applied.body["application"]["id"];
        CHECK(mailLanguage(api.storage.listMailTo("anne.porte@example.fr").front()) == "en");
        auto validated = api.call("POST", "/api/v1/staff/applications/" + std::to_string(id) + "/validate",
                                  Json::object(), advisor, "fr");
        REQUIRE_MESSAGE(validated.status == 200, validated.body.dump());
        auto mails = api.storage.listMailTo("anne.porte@example.fr");
        REQUIRE(mails.size() >= 2);
        CHECK(mailLanguage(mails.front()) == "en");

        REQUIRE(api.call("PUT", "/api/v1/me/language", {{"language", "fr"}}, anne).status == 200);
        auto invalidated = api.call("POST", "/api/v1/staff/applications/" + std::to_string(id) + "/invalidate",
                                    {{"reason", "Document missing"}}, advisor, "en");
        REQUIRE_MESSAGE(invalidated.status == 200, invalidated.body.dump());
        CHECK(mailLanguage(api.storage.listMailTo("anne.porte@example.fr").front()) == "fr");
    }
}
