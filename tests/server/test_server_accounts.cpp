// The account journey over real HTTP against the real server (ALIN_ENV=test):
// sign-up, e-mailed link, password rules, log in / out, enumeration, expiry,
// throttling, idle sessions. Argon2id is slow on purpose: log-ins are counted.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <regex>
#include <thread>

#include "server_fixture.h"

using namespace alin::test;

namespace {

bool contains(const Json& array, const std::string& value) {
    return std::find(array.begin(), array.end(), Json(value)) != array.end();
}

// A response body with the e-mail address replaced, to compare the answers
// given for two different addresses.
std::string withoutAddress(const HttpResult& r, const std::string& email) {
    std::string text = r.raw;
    for (size_t at = text.find(email); at != std::string::npos; at = text.find(email)) {
        text.replace(at, email.size(), "<email>");
    }
    return text;
}

}  // namespace

TEST_SUITE("server accounts") {
    TEST_CASE("the whole account journey through the development mailbox") {
        ServerProcess server;
        const std::string email = "dupont.jean@yopmail.com";

        // Sign-up (the address is normalised: spaces and case).
        auto signup = server.post("/api/v1/accounts", {{"birthName", "Dupont"},
                                                       {"firstName", "Jérôme"},
                                                       {"phone", "06 04 50 57 92"},
                                                       {"email", "  Dupont.Jean@YOPmail.com "},
                                                       {"consent", true}});
        REQUIRE_MESSAGE(signup.status == 202, signup.raw);
        CHECK(signup.body["message"].is_string());

        // The e-mail, as the development mailbox shows it.
        Json messages = server.mailbox(email);
        REQUIRE(messages.size() == 1);
        const Json& mail = messages[0];
        CHECK(mail["to"] == email);
        CHECK(!mail["subject"].get<std::string>().empty());
        CHECK(mail["id"].is_number_integer());
        CHECK(mail["createdAt"].is_number_integer());
        CHECK(mail["codes"].is_array());
        REQUIRE(mail["links"].size() >= 1);
        const std::string url = mail["links"][0]["url"];
        CHECK(mail["links"][0]["label"].is_string());
        CHECK(url.rfind("http://127.0.0.1:" + std::to_string(server.port()) + "/#/", 0) == 0);
        CHECK(mail["body"].get<std::string>().find(url) != std::string::npos);
        const std::string token = server.latestLinkToken(email);

        // The link is valid and tells its purpose, with the e-mail masked.
        auto link = server.get("/api/v1/links/" + token);
        REQUIRE_MESSAGE(link.status == 200, link.raw);
        CHECK(link.body["purpose"] == "activation");
        const std::string masked = link.body["email"];
        CHECK(masked != email);
        CHECK(masked.find("***") != std::string::npos);
        CHECK(server.get("/api/v1/links/" + std::string(64, '0')).body["code"] == "link_invalid");
        CHECK(server.get("/api/v1/links/" + std::string(64, '0')).status == 404);

        // A weak password is refused with the rules it breaks.
        auto weak = server.setPassword(token, "abc");
        CHECK(weak.status == 422);
        CHECK(weak.body["code"] == "validation");
        CHECK(weak.body["message"].is_string());
        REQUIRE(weak.body["rules"].is_array());
        CHECK(contains(weak.body["rules"], "min_length"));
        CHECK(contains(weak.body["rules"], "digit"));
        CHECK(contains(weak.body["rules"], "upper"));
        REQUIRE(weak.body["errors"].is_array());
        CHECK(weak.body["errors"][0]["field"] == "password");

        auto mismatch = server.post("/api/v1/links/" + token + "/password",
                                    {{"password", kStrongPassword}, {"confirmation", "Autre2025x"}});
        CHECK(mismatch.status == 422);
        CHECK(contains(mismatch.body["rules"], "confirm"));

        // A strong one is accepted; the link cannot be used twice.
        auto strong = server.setPassword(token, kStrongPassword);
        REQUIRE_MESSAGE(strong.status == 200, strong.raw);
        auto reuse = server.setPassword(token, "Autre2025x");
        CHECK(reuse.status == 410);
        CHECK(reuse.body["code"] == "link_used");
        CHECK(server.get("/api/v1/links/" + token).status == 410);

        // No session yet.
        auto anonymous = server.get("/api/v1/session");
        CHECK(anonymous.status == 401);
        CHECK(anonymous.body["code"].is_string());

        // Log in: an HttpOnly, SameSite=Strict session cookie.
        auto login = server.login(email, kStrongPassword);
        REQUIRE_MESSAGE(login.status == 200, login.raw);
        CHECK(login.body["user"]["email"] == email);
        CHECK(login.body["user"]["firstName"] == "Jérôme");
        CHECK(login.body["user"]["phone"].is_string());
        CHECK(login.body["user"].find("passwordHash") == login.body["user"].end());
        const std::string setCookie = login.header("Set-Cookie");
        CHECK(setCookie.rfind("alin_session=", 0) == 0);
        CHECK(setCookie.find("; Path=/") != std::string::npos);
        CHECK(setCookie.find("; HttpOnly") != std::string::npos);
        CHECK(setCookie.find("; SameSite=Strict") != std::string::npos);
        CHECK(setCookie.find("Secure") == std::string::npos);  // plain http here
        const std::string session = sessionCookieValue(login);
        CHECK(session.size() >= 32);
        CHECK(login.raw.find(session) == std::string::npos);  // never in the body

        auto me = server.get("/api/v1/session", cookieHeader(session));
        REQUIRE(me.status == 200);
        CHECK(me.body["user"]["email"] == email);
        CHECK(server.get("/api/v1/session", cookieHeader("forged" + session)).status == 401);

        // Log out: the cookie is expired and the session is gone server-side.
        auto logout = server.del("/api/v1/session", cookieHeader(session));
        CHECK(logout.status == 200);
        const std::string cleared = logout.header("Set-Cookie");
        CHECK(cleared.rfind("alin_session=;", 0) == 0);
        CHECK(cleared.find("Max-Age=0") != std::string::npos);
        CHECK(server.get("/api/v1/session", cookieHeader(session)).status == 401);

        // A reset link can be asked for; it arrives in the mailbox.
        auto request = server.post("/api/v1/links/request", {{"email", email}});
        CHECK(request.status == 202);
        auto resetToken = server.latestLinkToken(email);
        CHECK(resetToken != token);
        auto resetLink = server.get("/api/v1/links/" + resetToken);
        CHECK(resetLink.status == 200);
        CHECK(resetLink.body["purpose"] == "reset");

        // Secrets never reach the request log.
        const std::string log = server.log();
        CHECK(log.find("POST /api/v1/accounts 202") != std::string::npos);
        CHECK(log.find(token) == std::string::npos);
        CHECK(log.find(resetToken) == std::string::npos);
        CHECK(log.find(session) == std::string::npos);
        CHECK(log.find(kStrongPassword) == std::string::npos);
    }

    TEST_CASE("sign-up and link requests answer the same for new and existing e-mails") {
        ServerProcess server;
        const std::string existing = "dupont@yopmail.com";
        const std::string fresh = "martin@yopmail.com";
        server.createActiveAccount(existing, kStrongPassword);

        auto forExisting = server.signup(existing);
        auto forFresh = server.signup(fresh);
        CHECK(forExisting.status == 202);
        CHECK(forExisting.status == forFresh.status);
        CHECK(withoutAddress(forExisting, existing) == withoutAddress(forFresh, fresh));
        // Same again for an account still waiting for its password.
        auto pendingAgain = server.signup(fresh);
        CHECK(pendingAgain.status == 202);
        CHECK(pendingAgain.raw == forFresh.raw);

        auto requestExisting = server.post("/api/v1/links/request", {{"email", existing}});
        auto requestUnknown = server.post("/api/v1/links/request", {{"email", "inconnu@yopmail.com"}});
        CHECK(requestExisting.status == 202);
        CHECK(requestExisting.status == requestUnknown.status);
        CHECK(withoutAddress(requestExisting, existing) == withoutAddress(requestUnknown, "inconnu@yopmail.com"));
        CHECK(server.mailbox("inconnu@yopmail.com").empty());
    }

    TEST_CASE("validation errors list every invalid field") {
        ServerProcess server;
        auto r = server.post("/api/v1/accounts", {{"birthName", ""},
                                                  {"firstName", "Jean"},
                                                  {"phone", "01 02"},
                                                  {"email", "pas-une-adresse"},
                                                  {"consent", false}});
        CHECK(r.status == 422);
        CHECK(r.body["code"] == "validation");
        CHECK(r.body["field"] == "birthName");
        REQUIRE(r.body["errors"].is_array());
        std::vector<std::string> fields;
        for (const auto& e : r.body["errors"]) {
            fields.push_back(e["field"]);
            CHECK(e["code"].is_string());
            CHECK(e["message"].is_string());
        }
        CHECK(fields == std::vector<std::string>{"birthName", "phone", "email", "consent"});
        CHECK(server.post("/api/v1/accounts", Json::array()).status == 400);
    }

    TEST_CASE("activation links expire after 2 days") {
        ServerProcess server;
        REQUIRE(server.signup("dupont@yopmail.com").status == 202);
        const std::string token = server.latestLinkToken("dupont@yopmail.com");

        server.advanceClock(2 * 24 * 3600 - 1);
        CHECK(server.get("/api/v1/links/" + token).status == 200);

        server.advanceClock(2);  // 2 days + 1 s after sign-up
        auto expired = server.get("/api/v1/links/" + token);
        CHECK(expired.status == 410);
        CHECK(expired.body["code"] == "link_expired");
        CHECK(expired.body["message"].is_string());
        auto set = server.setPassword(token, kStrongPassword);
        CHECK(set.status == 410);
        CHECK(set.body["code"] == "link_expired");

        // A new link can be requested and works.
        REQUIRE(server.post("/api/v1/links/request", {{"email", "dupont@yopmail.com"}}).status == 202);
        const std::string fresh = server.latestLinkToken("dupont@yopmail.com");
        CHECK(fresh != token);
        CHECK(server.get("/api/v1/links/" + fresh).status == 200);
    }

    TEST_CASE("five failed log-ins lock the account, until the lock expires") {
        ServerProcess server;
        const std::string email = "dupont@yopmail.com";
        server.createActiveAccount(email, kStrongPassword);

        for (int i = 0; i < 5; ++i) {
            auto r = server.login(email, "Mauvais2025");
            CHECK(r.status == 401);
            CHECK(r.body["code"] == "invalid_credentials");
            CHECK(sessionCookieValue(r).empty());
        }
        auto locked = server.login(email, kStrongPassword);  // even the right password
        CHECK(locked.status == 429);
        CHECK(locked.body["code"] == "too_many_attempts");
        CHECK(locked.body["message"].is_string());
        CHECK(locked.body["retryAfterSeconds"].get<int64_t>() > 0);
        CHECK(locked.header("Retry-After") == std::to_string(locked.body["retryAfterSeconds"].get<int64_t>()));
        CHECK(sessionCookieValue(locked).empty());

        server.advanceClock(15 * 60 + 1);
        auto allowed = server.login(email, kStrongPassword);
        CHECK_MESSAGE(allowed.status == 200, allowed.raw);
        CHECK(!sessionCookieValue(allowed).empty());
    }

    TEST_CASE("five failed log-ins from one address over different e-mails lock the address") {
        ServerProcess server;
        for (int i = 0; i < 5; ++i) {
            auto r = server.login("inconnu" + std::to_string(i) + "@yopmail.com", "Mauvais2025");
            CHECK(r.status == 401);
            CHECK(r.body["code"] == "invalid_credentials");
        }
        auto locked = server.login("encore-un-autre@yopmail.com", "Mauvais2025");
        CHECK(locked.status == 429);
        CHECK(locked.body["code"] == "too_many_attempts");

        server.advanceClock(15 * 60 + 1);
        auto again = server.login("encore-un-autre@yopmail.com", "Mauvais2025");
        CHECK(again.status == 401);  // judged again, no longer locked
    }

    TEST_CASE("sessions expire after 30 minutes idle; activity keeps them alive") {
        ServerProcess server;
        const std::string email = "dupont@yopmail.com";
        server.createActiveAccount(email, kStrongPassword);
        auto login = server.login(email, kStrongPassword);
        REQUIRE(login.status == 200);
        const std::string session = sessionCookieValue(login);

        server.advanceClock(29 * 60);
        CHECK(server.get("/api/v1/session", cookieHeader(session)).status == 200);  // refreshed
        server.advanceClock(29 * 60);                                               // 58 min after log-in, 29 min idle
        CHECK(server.get("/api/v1/session", cookieHeader(session)).status == 200);

        server.advanceClock(31 * 60);
        auto expired = server.get("/api/v1/session", cookieHeader(session));
        CHECK(expired.status == 401);
        CHECK(expired.body["code"] == "session_expired");
        CHECK(expired.header("Set-Cookie").find("Max-Age=0") != std::string::npos);
    }

    TEST_CASE("ALIN_SESSION_IDLE_SECONDS shortens the idle limit") {
        ServerProcess server(Env{{"ALIN_SESSION_IDLE_SECONDS", "60"}});
        server.createActiveAccount("dupont@yopmail.com", kStrongPassword);
        auto login = server.login("dupont@yopmail.com", kStrongPassword);
        REQUIRE(login.status == 200);
        server.advanceClock(61);
        CHECK(server.get("/api/v1/session", cookieHeader(sessionCookieValue(login))).status == 401);
    }

}  // TEST_SUITE

TEST_CASE("concurrent requests: sign-ups of distinct and identical e-mails all succeed") {
    ServerProcess server;
    constexpr int kThreads = 8, kPerThread = 5;
    std::atomic<int> accepted{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kPerThread; ++i) {
                // Half the requests race on one shared address (unique e-mail constraint).
                const std::string email =
                    i % 2 ? "meme@yopmail.com" : "c" + std::to_string(t) + "-" + std::to_string(i) + "@yopmail.com";
                if (server.signup(email).status == 202) ++accepted;
                server.get("/api/v1/health");
            }
        });
    }
    for (auto& th : threads) th.join();
    CHECK(accepted == kThreads * kPerThread);
    // The shared address gets 3 e-mails an hour at most (the e-mail quota), whatever the sign-ups.
    CHECK(server.mailbox("meme@yopmail.com").size() == 3);
    CHECK(server.mailbox("c3-4@yopmail.com").size() == 1);
    CHECK(server.get("/api/v1/health").status == 200);
}
