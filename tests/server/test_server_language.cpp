// The language of the API and of the e-mails (issue 15), over real HTTP
// against the real server: every reply is worded in the language of the
// request's Accept-Language (French without it); the account's language
// (PUT /api/v1/me/language, the sign-up's language) is stored, returned with
// the user, and chooses the language of every e-mail to that account,
// whatever the language of the request that caused it.
#include <doctest/doctest.h>

#include <string>

#include "applicant_helpers.h"
#include "i18n/catalog.h"

using namespace alin::test;
using alin::i18n::Lang;
using alin::i18n::trIn;

namespace {

constexpr const char* kAnne = "anne.porte@example.fr";
constexpr const char* kAnnePassword = "Logement2026";
constexpr const char* kAdvisor = "conseiller@actionlogement.example";

const httplib::Headers kEnglish{{"Accept-Language", "en"}};

httplib::Headers with(httplib::Headers headers, const std::string& name, const std::string& value) {
    headers.emplace(name, value);
    return headers;
}

bool endsWith(const std::string& text, const std::string& tail) {
    return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// The language an e-mail was worded in, told by its last lines (mail.language.footer).
std::string mailLanguage(const Json& mail) {
    const std::string body = mail["body"];
    if (endsWith(body, trIn(Lang::En, "mail.language.footer"))) return "en";
    if (endsWith(body, trIn(Lang::Fr, "mail.language.footer"))) return "fr";
    return "none";
}

HttpResult putLanguage(const ServerProcess& server, const Json& body, const httplib::Headers& headers) {
    return put(server, "/api/v1/me/language", body, headers);
}

int64_t firstOffer(const ServerProcess& server, const httplib::Headers& me) {
    auto r = server.get("/api/v1/offers?pageSize=10", me);
    REQUIRE_MESSAGE(r.status == 200, r.raw);
    REQUIRE_FALSE(r.body["items"].empty());
    return r.body["items"][0]["id"];
}

}  // namespace

TEST_SUITE("server language") {
    TEST_CASE("the footer keys differ: the tests below can tell the languages apart") {
        CHECK(std::string(trIn(Lang::En, "mail.language.footer")) != trIn(Lang::Fr, "mail.language.footer"));
        CHECK(std::string(trIn(Lang::En, "language.error.invalid")) != trIn(Lang::Fr, "language.error.invalid"));
    }

    TEST_CASE("errors come in the language of Accept-Language, French without it") {
        ServerProcess server;
        server.createActiveAccount("jean@example.fr", kStrongPassword);
        const auto me = signedInAs(server, "jean@example.fr");

        auto french = putLanguage(server, {{"language", "de"}}, me);
        CHECK(french.status == 400);
        CHECK(french.body["code"] == "bad_request");
        CHECK(french.body["field"] == "language");
        CHECK(french.body["message"] == trIn(Lang::Fr, "language.error.invalid"));

        for (const char* header : {"en", "en-GB", "en-US,en;q=0.9,fr;q=0.8"}) {
            CAPTURE(header);
            auto english = putLanguage(server, {{"language", "de"}}, with(me, "Accept-Language", header));
            CHECK(english.status == 400);
            CHECK(english.body["field"] == "language");
            CHECK(english.body["message"] == "Choose a language: French or English.");
        }
        for (const char* header : {"fr", "fr-FR,fr;q=0.9,en;q=0.8", "de", ""}) {
            CAPTURE(header);
            auto other = putLanguage(server, {{"language", "de"}}, with(me, "Accept-Language", header));
            CHECK(other.body["message"] == trIn(Lang::Fr, "language.error.invalid"));
        }
        // Any reply: the router's and the HTTP front's own errors too.
        CHECK(server.get("/api/v1/nowhere", kEnglish).body["message"] == trIn(Lang::En, "error.not_found"));
        CHECK(server.get("/api/v1/nowhere").body["message"] == trIn(Lang::Fr, "error.not_found"));
        auto media = server.postRaw("/api/v1/session", "{}", with(kEnglish, "Content-Type", "text/plain"));
        CHECK(media.status == 415);
        CHECK(media.body["message"] == trIn(Lang::En, "error.http.unsupported_media_type"));
        // The language of one request does not stay with the worker for the next.
        CHECK(putLanguage(server, {{"language", "de"}}, me).body["message"] ==
              trIn(Lang::Fr, "language.error.invalid"));
    }

    TEST_CASE("PUT /me/language persists across a new log-in and appears in the session reply") {
        ServerProcess server;
        server.createActiveAccount("jean@example.fr", kStrongPassword);
        auto login = server.login("jean@example.fr", kStrongPassword);
        REQUIRE(login.status == 200);
        CHECK(login.body["user"]["language"] == "fr");
        const auto me = cookieHeader(sessionCookieValue(login));
        CHECK(server.get("/api/v1/session", me).body["user"]["language"] == "fr");

        auto set = putLanguage(server, {{"language", "en"}}, me);
        REQUIRE_MESSAGE(set.status == 200, set.raw);
        CHECK(set.body["language"] == "en");
        CHECK(set.body["user"]["language"] == "en");
        CHECK(set.body["user"]["email"] == "jean@example.fr");
        CHECK(set.body["message"] == trIn(Lang::En, "language.saved"));  // in the new language
        CHECK(server.get("/api/v1/session", me).body["user"]["language"] == "en");
        CHECK(server.get("/api/v1/me/data", me).body["data"]["account"]["language"] == "en");  // "Mes données"

        REQUIRE(server.del("/api/v1/session", me).status == 200);
        auto again = server.login("jean@example.fr", kStrongPassword);
        REQUIRE(again.status == 200);
        CHECK(again.body["user"]["language"] == "en");
        const auto me2 = cookieHeader(sessionCookieValue(again));

        auto back = putLanguage(server, {{"language", "fr"}}, with(me2, "Accept-Language", "en"));
        REQUIRE(back.status == 200);
        CHECK(back.body["user"]["language"] == "fr");
        CHECK(back.body["message"] == trIn(Lang::Fr, "language.saved"));
        CHECK(server.get("/api/v1/session", me2).body["user"]["language"] == "fr");
    }

    TEST_CASE("PUT /me/language: 400 at field language on anything but fr or en; 401 signed out; 405") {
        ServerProcess server;
        server.createActiveAccount("jean@example.fr", kStrongPassword);
        const auto me = signedInAs(server, "jean@example.fr");
        for (const Json& body : {Json{{"language", "EN"}}, Json{{"language", "en-GB"}}, Json{{"language", ""}},
                                 Json{{"language", 3}}, Json{{"language", nullptr}}, Json{{"other", "en"}},
                                 Json::object(), Json::array({"en"})}) {
            CAPTURE(body.dump());
            auto r = putLanguage(server, body, me);
            CHECK(r.status == 400);
            CHECK(r.body["code"] == "bad_request");
            CHECK(r.body["field"] == "language");
            CHECK(r.body["message"].is_string());
        }
        CHECK(server.get("/api/v1/session", me).body["user"]["language"] == "fr");

        auto signedOut = putLanguage(server, {{"language", "en"}}, {});
        CHECK(signedOut.status == 401);
        auto wrong = server.get("/api/v1/me/language", me);
        CHECK(wrong.status == 405);
        CHECK(wrong.body["allowed"] == Json::array({"PUT"}));
    }

    TEST_CASE("sign-up stores the request's language; the account's e-mails use it whatever the request's") {
        ServerProcess server;
        const Json jane{{"birthName", "Doe"},
                        {"firstName", "Jane"},
                        {"phone", "06 04 50 57 92"},
                        {"email", "jane@example.com"},
                        {"consent", true}};
        auto signup = server.post("/api/v1/accounts", jane, kEnglish);
        REQUIRE_MESSAGE(signup.status == 202, signup.raw);
        Json mails = server.mailbox("jane@example.com");
        REQUIRE(mails.size() == 1);
        CHECK(mailLanguage(mails[0]) == "en");
        // A French request (no header) for this English account: the new link is English.
        REQUIRE(server.post("/api/v1/links/request", {{"email", "jane@example.com"}}).status == 202);
        mails = server.mailbox("jane@example.com");
        REQUIRE(mails.size() == 2);
        CHECK(mailLanguage(mails[0]) == "en");
        REQUIRE(server.setPassword(server.latestLinkToken("jane@example.com"), kStrongPassword).status == 200);
        auto login = server.login("jane@example.com", kStrongPassword);
        REQUIRE(login.status == 200);
        CHECK(login.body["user"]["language"] == "en");

        // A French account signed up in French; a reset asked in English is still French.
        server.createActiveAccount("jean@example.fr", kStrongPassword);
        REQUIRE(server.post("/api/v1/links/request", {{"email", "jean@example.fr"}}, kEnglish).status == 202);
        mails = server.mailbox("jean@example.fr");
        REQUIRE(mails.size() == 2);
        CHECK(mailLanguage(mails[0]) == "fr");
        CHECK(mailLanguage(mails[1]) == "fr");
        // Signing up again (already active) in English: the e-mail keeps the account's language.
        REQUIRE(server.post("/api/v1/accounts", jane, {}).status == 202);
        CHECK(mailLanguage(server.mailbox("jane@example.com")[0]) == "en");
    }

    TEST_CASE("a status change made by a French-speaking advisor mails an English account in English") {
        ServerProcess server(Env{{"ALIN_DEMO_ACCOUNTS", "1"}});
        const auto anne = signedInAs(server, kAnne, kAnnePassword);
        const auto advisor = signedInAs(server, kAdvisor, "Conseiller2026");
        REQUIRE(putLanguage(server, {{"language", "en"}}, anne).status == 200);

        const int64_t offer = firstOffer(server, anne);
        auto applied = server.post("/api/v1/applications", {{"offerId", offer}}, anne);
        REQUIRE_MESSAGE(applied.status == 201, applied.raw);
        const int64_t id = applied.body["application"]["id"];
        const size_t before = server.mailbox(kAnne).size();
        // The advisor's page is French (no Accept-Language, or fr).
        auto validated = server.post("/api/v1/staff/applications/" + std::to_string(id) + "/validate",
                                     Json::object(), with(advisor, "Accept-Language", "fr-FR"));
        REQUIRE_MESSAGE(validated.status == 200, validated.raw);
        Json mails = server.mailbox(kAnne);
        REQUIRE(mails.size() == before + 1);
        CHECK(mailLanguage(mails[0]) == "en");
        CHECK(mails[0]["subject"] != "");
        // Back to French: the advisor's next action, asked in English, mails her in French.
        REQUIRE(putLanguage(server, {{"language", "fr"}}, anne).status == 200);
        auto invalidated =
            server.post("/api/v1/staff/applications/" + std::to_string(id) + "/invalidate",
                        {{"reason", "Pièce manquante"}}, with(advisor, "Accept-Language", "en"));
        REQUIRE_MESSAGE(invalidated.status == 200, invalidated.raw);
        mails = server.mailbox(kAnne);
        REQUIRE(mails.size() == before + 2);
        CHECK(mailLanguage(mails[0]) == "fr");
    }
}
