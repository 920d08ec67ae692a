// Abuse probes over real HTTP (issue 9): what an attacker or a busy Monday
// morning does. A body nested 100 000 levels deep; fifty parallel wrong
// passwords; a flood of requests that send e-mails; two accounts on one Numéro
// Unique; production started on a development database; the test clock pushed
// past what dates can hold; SIGKILL during concurrent acknowledged writes.
// No timings: every check counts or compares.
#include <doctest/doctest.h>
#include <signal.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "applicant_helpers.h"

using namespace alin::test;

namespace {

constexpr const char* kPorte = "1110920621114ACLOG";
constexpr const char* kPorteMail = "anne.porte@example.fr";

// "[[[...]]]" (arrays) or {"a":{"a":...1}} (objects), `depth` levels.
std::string nested(int depth, bool objects) {
    std::string s;
    s.reserve(static_cast<size_t>(depth) * 6 + 1);
    for (int i = 0; i < depth; ++i) s += objects ? "{\"a\":" : "[";
    s += "1";
    for (int i = 0; i < depth; ++i) s += objects ? "}" : "]";
    return s;
}

HttpResult putRaw(const ServerProcess& server, const std::string& path, const std::string& body,
                  const httplib::Headers& headers = {}) {
    auto c = server.client();
    auto res = c.Put(path, headers, body, "application/json");
    HttpResult r;
    if (!res) return r;
    r.status = res->status;
    r.raw = res->body;
    r.body = Json::parse(res->body, nullptr, false);
    return r;
}

Json stats(const ServerProcess& server) {
    auto r = server.get("/api/v1/dev/stats");
    REQUIRE_MESSAGE(r.status == 200, "GET /api/v1/dev/stats: " << r.raw);
    return r.body;
}

void checkTooDeep(const HttpResult& r) {
    CHECK_MESSAGE(r.status == 400, r.raw);
    CHECK(r.body["code"] == "too_deep");
    CHECK(r.body["message"] == "Le corps de la requête est trop imbriqué (64 niveaux au maximum).");
}

// Offers the signed-in applicant may apply to, all tabs, up to `count`.
std::vector<int64_t> eligibleOfferIds(const ServerProcess& server, const httplib::Headers& me, size_t count) {
    std::vector<int64_t> out;
    for (const char* tab : {"requested", "neighbours", "others"}) {
        auto r = server.get(std::string("/api/v1/offers?pageSize=100&tab=") + tab, me);
        REQUIRE_MESSAGE(r.status == 200, r.raw);
        for (const Json& item : r.body["items"])
            if (out.size() < count) out.push_back(item["id"]);
    }
    REQUIRE(out.size() == count);
    return out;
}

// Runs `count` calls of `fn(i)` on `threads` threads at once.
template <class Fn>
void parallel(int count, int threads, Fn fn) {
    std::atomic<int> next{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&] {
            for (int i = next++; i < count; i = next++) fn(i);
        });
    for (auto& th : pool) th.join();
}

}  // namespace

TEST_SUITE("server abuse") {
    TEST_CASE("a body nested 100 000 levels deep is refused with 400, and the server stays up") {
        ServerProcess server;
        const auto applicant = newApplicant(server, "profond@yopmail.com");
        for (bool objects : {false, true}) {
            CAPTURE(objects);
            const std::string deep = nested(100000, objects);
            // Any signed-in account on a staff route (the body used to be copied before the role check).
            checkTooDeep(server.postRaw("/api/v1/staff/applications/1/invalidate", deep, applicant));
            // Anonymously, the registry stand-in outside production.
            checkTooDeep(putRaw(server, std::string("/api/v1/registry/requests/") + kPorte, deep));
            checkTooDeep(server.postRaw("/api/v1/accounts", deep));
            REQUIRE(server.get("/api/v1/health").status == 200);
        }
        // The limit: 64 levels are read (and judged by the route), 65 are not.
        const std::string padded64 =
            R"({"email":"x@yopmail.com","password":"Mauvais2025","pad":)" + nested(63, false) + "}";
        const std::string padded65 =
            R"({"email":"x@yopmail.com","password":"Mauvais2025","pad":)" + nested(64, false) + "}";
        CHECK(server.postRaw("/api/v1/session", padded64).status == 401);
        checkTooDeep(server.postRaw("/api/v1/session", padded65));
        // An applicant never reaches a staff route's body.
        auto forbidden = server.post("/api/v1/staff/applications/1/invalidate", {{"reason", 1}}, applicant);
        CHECK(forbidden.status == 403);
        CHECK(forbidden.body["code"] == "forbidden");
        CHECK(server.process().running());
    }

    TEST_CASE("fifty parallel wrong passwords: at most five verifications, then 429; the right one is refused") {
        ServerProcess server;
        const std::string email = "cible@yopmail.com";
        server.createActiveAccount(email, kStrongPassword);
        const int64_t before = stats(server)["passwordVerifications"];

        std::atomic<int> unauthorized{0}, tooMany{0}, other{0};
        std::atomic<bool> rightLoggedIn{false};
        std::atomic<int> rightStatus{0};
        std::thread right;
        std::vector<std::thread> burst;
        for (int i = 0; i < 50; ++i)
            burst.emplace_back([&] {
                const int status = server.login(email, "Mauvais2025").status;
                (status == 401 ? unauthorized : status == 429 ? tooMany : other)++;
            });
        // The right password, sent while the burst is being judged: once five
        // verifications have begun, the account is locked whatever is in flight.
        while (stats(server)["passwordVerifications"].get<int64_t>() - before < 5 &&
               tooMany + unauthorized + other < 50)
            std::this_thread::yield();
        right = std::thread([&] {
            auto r = server.login(email, kStrongPassword);
            rightStatus = r.status;
            rightLoggedIn = !sessionCookieValue(r).empty();
        });
        for (auto& th : burst) th.join();
        right.join();

        const int64_t verifications = stats(server)["passwordVerifications"].get<int64_t>() - before;
        MESSAGE("50 parallel wrong passwords: " << verifications << " verifications, " << unauthorized.load()
                                                << " x 401, " << tooMany.load() << " x 429");
        CHECK(verifications <= 5);
        CHECK(unauthorized <= 5);
        CHECK(tooMany >= 45);
        CHECK(other == 0);
        CHECK(rightStatus == 429);
        CHECK_FALSE(rightLoggedIn);
        // Still locked afterwards, and unlocked when the lock ends.
        CHECK(server.login(email, kStrongPassword).status == 429);
        server.advanceClock(15 * 60 + 1);
        CHECK(server.login(email, kStrongPassword).status == 200);
    }

    TEST_CASE("twenty parallel uses of one password link: one password set, one Argon2id hash") {
        ServerProcess server;
        const std::string email = "lien@yopmail.com";
        REQUIRE(server.signup(email).status == 202);
        const std::string token = server.latestLinkToken(email);
        const int64_t before = stats(server)["passwordHashes"];
        std::atomic<int> done{0}, used{0};
        parallel(20, 20, [&](int i) {
            auto r = server.setPassword(token, "Logement20" + std::to_string(10 + i));
            if (r.status == 200) ++done;
            if (r.status == 410 && r.body["code"] == "link_used") ++used;
        });
        const int64_t hashes = stats(server)["passwordHashes"].get<int64_t>() - before;
        MESSAGE("20 parallel uses of one link: " << hashes << " Argon2id hashes");
        CHECK(done == 1);
        CHECK(used == 19);
        CHECK(hashes == 1);
    }

    TEST_CASE("a flood of requests that send e-mails: at most 3 per address and hour, the same answers") {
        ServerProcess server;
        const std::string victim = "victime@yopmail.com";
        server.createActiveAccount(victim, kStrongPassword);  // 1 e-mail (activation)
        std::set<std::string> signupAnswers, linkAnswers;
        std::mutex m;
        parallel(100, 10, [&](int) {
            auto r = server.signup(victim);
            std::lock_guard lock(m);
            signupAnswers.insert(std::to_string(r.status) + " " + r.raw);
        });
        parallel(100, 10, [&](int) {
            auto r = server.post("/api/v1/links/request", {{"email", victim}});
            std::lock_guard lock(m);
            linkAnswers.insert(std::to_string(r.status) + " " + r.raw);
        });
        const size_t mails = server.mailbox(victim).size();
        MESSAGE("100 sign-ups + 100 link requests for one address: " << mails << " e-mails");
        CHECK(mails <= 3);
        // One answer each, whether the limit was hit or not (no enumeration).
        CHECK(signupAnswers.size() == 1);
        CHECK(linkAnswers.size() == 1);
        CHECK(signupAnswers.begin()->rfind("202 ", 0) == 0);
        CHECK(linkAnswers.begin()->rfind("202 ", 0) == 0);
        // Unknown addresses are answered the same way.
        auto unknown = server.post("/api/v1/links/request", {{"email", "inconnu@yopmail.com"}});
        CHECK(unknown.status == 202);

        // Per client: 100 sign-ups of different addresses from one client send at most 30.
        std::atomic<int> accepted{0};
        parallel(100, 10, [&](int i) {
            if (server.signup("flot" + std::to_string(i) + "@yopmail.com").status == 202) ++accepted;
        });
        size_t flood = 0;
        for (int i = 0; i < 100; ++i) flood += server.mailbox("flot" + std::to_string(i) + "@yopmail.com").size();
        MESSAGE("100 sign-ups of different addresses from one client: " << flood << " e-mails");
        CHECK(accepted == 100);
        CHECK(flood <= 30);

        // An hour later the owner can ask again.
        server.advanceClock(3601);
        REQUIRE(server.post("/api/v1/links/request", {{"email", victim}}).status == 202);
        CHECK(server.mailbox(victim).size() == mails + 1);
    }

    TEST_CASE("import codes: at most 3 e-mails per hour to the request's address, whatever the accounts") {
        ServerProcess server;
        std::vector<httplib::Headers> accounts;
        for (int i = 0; i < 3; ++i)
            accounts.push_back(newApplicant(server, "code" + std::to_string(i) + "@yopmail.com"));
        std::atomic<int> accepted{0};
        parallel(30, 10, [&](int i) {
            auto r = server.post("/api/v1/request/import", {{"numeroUnique", kPorte}}, accounts[i % 3]);
            if (r.status == 202) ++accepted;
        });
        const size_t mails = server.mailbox(kPorteMail).size();
        MESSAGE("30 import requests for one Numéro Unique from 3 accounts: " << mails << " e-mails");
        CHECK(accepted == 30);
        CHECK(mails <= 3);
    }

    TEST_CASE("twenty parallel wrong import codes: five counted, then even the right code is refused") {
        ServerProcess server;
        const auto me = newApplicant(server, "essais@yopmail.com");
        REQUIRE(server.post("/api/v1/request/import", {{"numeroUnique", kPorte}}, me).status == 202);
        const Json mails = server.mailbox(kPorteMail);
        REQUIRE(mails.size() == 1);
        const std::string code = mails[0]["codes"][0];
        std::atomic<int> invalid{0};
        std::mutex m;
        std::set<int> attemptsLeft;
        parallel(20, 20, [&](int) {
            auto r = server.post("/api/v1/request/import/confirm", {{"numeroUnique", kPorte}, {"code", "ZZZZZZ"}}, me);
            if (r.status == 422 && r.body["code"] == "code_invalid") ++invalid;
            std::lock_guard lock(m);
            attemptsLeft.insert(r.body["attemptsLeft"].get<int>());
        });
        CHECK(invalid == 20);
        // Each wrong entry was counted once, atomically: 4, 3, 2, 1, 0, then 0 for the rest.
        CHECK(attemptsLeft == std::set<int>{0, 1, 2, 3, 4});
        auto right = server.post("/api/v1/request/import/confirm", {{"numeroUnique", kPorte}, {"code", code}}, me);
        CHECK(right.status == 422);
        CHECK(server.get("/api/v1/request", me).status == 404);
    }

    TEST_CASE("two accounts, one Numéro Unique: never two active applications") {
        ServerProcess server;
        const auto first = newApplicant(server, "premier@yopmail.com");
        importRequest(server, first, kPorte, kPorteMail);
        const std::vector<int64_t> offers = eligibleOfferIds(server, first, 2);
        const int64_t offerA = offers[0], offerB = offers[1];
        auto applied = server.post("/api/v1/applications", {{"offerId", offerA}}, first);
        REQUIRE_MESSAGE(applied.status == 201, applied.raw);

        // "Supprimer ma demande" ends the active application, and says so.
        auto removed = server.del("/api/v1/request", first);
        REQUIRE_MESSAGE(removed.status == 200, removed.raw);
        CHECK(removed.body["applicationCancelled"] == true);
        CHECK(removed.body["message"].get<std::string>().find("candidature en cours a été annulée") !=
              std::string::npos);
        auto mine = server.get("/api/v1/applications", first);
        REQUIRE(mine.status == 200);
        CHECK(mine.body["active"].is_null());

        // A second account imports the same request and applies: the only active one.
        const auto second = newApplicant(server, "second@yopmail.com");
        importRequest(server, second, kPorte, kPorteMail);
        auto again = server.post("/api/v1/applications", {{"offerId", offerB}}, second);
        CHECK_MESSAGE(again.status == 201, again.raw);
        CHECK(server.get("/api/v1/applications", first).body["active"].is_null());
    }

    TEST_CASE("production started on a development database: the demo accounts cannot log in") {
        TempDir dir;
        const std::string db = (dir.path / "alin.db").string();
        {
            ServerProcess dev(Env{{"ALIN_ENV", "development"}, {"ALIN_DEMO_ACCOUNTS", "1"}, {"ALIN_DB", db}});
            REQUIRE(dev.login("conseiller@actionlogement.example", "Conseiller2026").status == 200);
        }
        ServerProcess production(Env{{"ALIN_ENV", "production"}, {"ALIN_DB", db}});
        for (const auto& [email, password] :
             std::vector<std::pair<std::string, std::string>>{{"conseiller@actionlogement.example", "Conseiller2026"},
                                                              {"bailleur@parishabitat.example", "Bailleur2026"},
                                                              {"employeur@entreprise.example", "Employeur2026"},
                                                              {"anne.porte@example.fr", "Logement2026"}}) {
            CAPTURE(email);
            auto r = production.login(email, password);
            CHECK(r.status == 401);
            CHECK(sessionCookieValue(r).empty());
            CHECK(production.log().find("demo account " + email + " disabled") != std::string::npos);
        }
    }

    TEST_CASE("the test clock is clamped: no overflow of the civil-date conversion") {
        ServerProcess server;
        const auto me = newApplicant(server, "horloge@yopmail.com");
        for (int64_t step : {INT64_MAX, INT64_MIN, INT64_MAX}) {
            auto r = server.post("/api/v1/dev/clock", {{"advanceSeconds", step}});
            REQUIRE_MESSAGE(r.status == 200, r.raw);
            CHECK(r.body["now"].get<int64_t>() >= 0);
            CHECK(r.body["now"].get<int64_t>() <= 253402300799);  // 9999-12-31T23:59:59Z
            // Dates are computed from it (offers, sessions): still answered.
            CHECK(server.get("/api/v1/health").status == 200);
            CHECK(server.login("horloge@yopmail.com", kStrongPassword).status == 200);
        }
        auto huge = server.postRaw("/api/v1/dev/clock", R"({"advanceSeconds":18446744073709551615})");
        CHECK(huge.status == 200);
        CHECK(server.process().running());
    }

    TEST_CASE("SIGKILL during concurrent acknowledged writes: every acknowledged write is there after restart") {
        TempDir dir;
        const Env env{{"ALIN_DB", (dir.path / "alin.db").string()}};
        auto server = std::make_unique<ServerProcess>(env);
        const std::string anne = "durable@yopmail.com";
        const auto me = newApplicant(*server, anne);
        importRequest(*server, me, kPorte, kPorteMail);
        const std::vector<int64_t> offerIds = eligibleOfferIds(*server, me, 20);

        std::atomic<bool> stop{false};
        std::mutex m;
        std::vector<std::string> signedUp;        // acknowledged sign-ups
        int lastChoice = 0, pendingChoice = 0;    // acknowledged / in flight "sharing" saves
        std::vector<int64_t> applied, cancelled;  // acknowledged applications / cancellations
        std::atomic<int> signups{0}, saves{0}, applications{0}, finished{0};
        std::vector<std::thread> writers;
        writers.emplace_back([&] {  // sign-ups (under the per-client e-mail quota: 25)
            for (int i = 0; i < 25 && !stop; ++i) {
                const std::string email = "durable" + std::to_string(i) + "@yopmail.com";
                if (server->signup(email).status != 202) break;
                std::lock_guard lock(m);
                signedUp.push_back(email);
                ++signups;
            }
            ++finished;
        });
        writers.emplace_back([&] {  // saves of the request file
            for (int i = 0; !stop; ++i) {
                const int choice = 1 + i % 3;
                {
                    std::lock_guard lock(m);
                    pendingChoice = choice;
                }
                if (put(*server, "/api/v1/request/sharing", {{"choice", choice}}, me).status != 200) break;
                std::lock_guard lock(m);
                lastChoice = choice;
                ++saves;
            }
            ++finished;
        });
        writers.emplace_back([&] {  // "Je postule", then cancel
            for (size_t i = 0; !stop && i < offerIds.size(); ++i) {
                auto r = server->post("/api/v1/applications", {{"offerId", offerIds[i]}}, me);
                if (r.status != 201) break;
                const int64_t id = r.body["application"]["id"];
                {
                    std::lock_guard lock(m);
                    applied.push_back(id);
                }
                ++applications;
                if (server->del("/api/v1/applications/" + std::to_string(id), me).status != 200) break;
                std::lock_guard lock(m);
                cancelled.push_back(id);
            }
            ++finished;
        });
        // Kill once every writer has had acknowledged writes, while they keep writing.
        while ((signups < 10 || saves < 10 || applications < 3) && finished == 0) std::this_thread::yield();
        CHECK(finished == 0);  // killed while all three were writing
        REQUIRE(server->process().stop(SIGKILL) != -1);
        stop = true;
        for (auto& th : writers) th.join();
        MESSAGE("killed after " << signups.load() << " sign-ups, " << saves.load() << " saves, " << applications.load()
                                << " applications acknowledged");
        server.reset();

        ServerProcess restarted(env);
        for (const std::string& email : signedUp) {
            CAPTURE(email);
            CHECK(restarted.mailbox(email).size() == 1);
        }
        const auto again = signedInAs(restarted, anne);
        auto file = restarted.get("/api/v1/request", again);
        REQUIRE(file.status == 200);
        const int choice = file.body["file"]["alin"]["sharingChoice"];
        CHECK((choice == lastChoice || choice == pendingChoice));
        auto mine = restarted.get("/api/v1/applications", again);
        REQUIRE(mine.status == 200);
        std::map<int64_t, std::string> stages;
        if (mine.body["active"].is_object()) stages[mine.body["active"]["id"]] = mine.body["active"]["stage"];
        for (const Json& a : mine.body["history"]) stages[a["id"]] = a["stage"];
        for (int64_t id : applied) {
            CAPTURE(id);
            CHECK(stages.count(id) == 1);
        }
        for (int64_t id : cancelled) {
            CAPTURE(id);
            CHECK(stages[id] == "cancelled");
        }
    }
}
