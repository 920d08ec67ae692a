// Several stateless servers on one PostgreSQL database (issue 13): what a load
// balancer in front of them relies on. Two real alin_server processes share a
// fresh database on the throwaway PostgreSQL of ALIN_TEST_PG (scripts/test.sh):
// a session opened on one works on the other, THE RULE OF ONE holds for fifty
// concurrent "Je postule" split across both, the login throttle counts the
// failures made on either. And a server whose database goes away answers 503
// (JSON, Retry-After) instead of hanging, then recovers by itself. Behind nginx
// (the configuration of scripts/cluster.sh), one server killed with SIGKILL
// during acknowledged writes loses none of them, and the other takes over.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <thread>
#include <vector>

#include "applicant_helpers.h"
#include "support/pg_test_db.h"

using namespace alin::test;

namespace {

constexpr const char* kAnne = "anne.porte@example.fr";
constexpr const char* kAnnePassword = "Logement2026";

std::string shell(const std::string& command) {
    std::string out;
    FILE* p = popen(command.c_str(), "r");
    REQUIRE(p != nullptr);
    char buffer[512];
    while (fgets(buffer, sizeof buffer, p)) out += buffer;
    const int status = pclose(p);
    REQUIRE_MESSAGE(status == 0, command << " failed: " << out);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

}  // namespace

TEST_SUITE("server cluster (PostgreSQL)") {
    TEST_CASE("two servers on one database: sessions, THE RULE OF ONE and the login throttle are shared") {
        PgTestDatabase db("cluster");
        if (!db.available()) return;
        // One after the other: the first creates the schema and the demo accounts.
        ServerProcess a({{"ALIN_DB", db.url()}, {"ALIN_DEMO_ACCOUNTS", "1"}});
        ServerProcess b({{"ALIN_DB", db.url()}, {"ALIN_DEMO_ACCOUNTS", "1"}});

        // A session opened on A is valid on B; a log-out on B ends it on A.
        const auto anneOnA = signedInAs(a, kAnne, kAnnePassword);
        auto seen = b.get("/api/v1/session", anneOnA);
        REQUIRE_MESSAGE(seen.status == 200, seen.raw);
        CHECK(seen.body["user"]["email"] == kAnne);

        // Fifty concurrent "Je postule" of one applicant, alternately on A and
        // on B: exactly one accepted, whichever server answered.
        const std::vector<Json> offers = eligibleOffers(a, anneOnA, 50);
        REQUIRE(offers.size() == 50);
        std::atomic<int> created{0}, alreadyActive{0}, other{0};
        std::atomic<bool> go{false};
        std::vector<std::thread> threads;
        for (int i = 0; i < 50; ++i)
            threads.emplace_back([&, i] {
                while (!go) std::this_thread::yield();
                const ServerProcess& server = i % 2 == 0 ? a : b;
                HttpResult r = server.post("/api/v1/applications", {{"offerId", offers[i]["id"]}}, anneOnA);
                if (r.status == 201)
                    ++created;
                else if (r.status == 409 && r.body["code"] == "already_active")
                    ++alreadyActive;
                else
                    ++other;
            });
        go = true;
        for (auto& t : threads) t.join();
        CHECK(created == 1);
        CHECK(alreadyActive == 49);
        CHECK(other == 0);
        auto onB = b.get("/api/v1/applications", anneOnA);
        REQUIRE(onB.status == 200);
        CHECK(onB.body["active"].is_object());
        auto onA = a.get("/api/v1/applications", anneOnA);
        CHECK(onA.body["active"]["id"] == onB.body["active"]["id"]);

        // An offer published through A is listed by B within a second or so
        // (B follows the database twice a second): measured, printed, and
        // required within 10 s (no timed assertion on a shared machine).
        const auto landlord = signedInAs(a, "bailleur@parishabitat.example", "Bailleur2026");
        const Json offerBody = {{"insee", "75056"},    {"street", "8 rue de la Py"}, {"typology", "T3"},
                                {"surface", 60},       {"funding", "PLUS"},          {"rentCents", 52000},
                                {"chargesCents", 9000}};
        auto added = a.post("/api/v1/offers", offerBody, landlord);
        REQUIRE_MESSAGE(added.status == 201, added.raw);
        const int64_t offerId = added.body["offer"]["id"];
        const auto published = std::chrono::steady_clock::now();
        int seenStatus = 0;
        double seenAfterMs = 0;
        while (true) {
            seenStatus = b.get("/api/v1/offers/" + std::to_string(offerId), anneOnA).status;
            seenAfterMs =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - published).count();
            if (seenStatus == 200 || seenAfterMs > 10000) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        CHECK(seenStatus == 200);
        MESSAGE("offer published on server A, seen on server B after " << seenAfterMs << " ms");

        // The login throttle: five wrong passwords spread over both servers
        // lock the account on both; the right password is then refused too.
        a.createActiveAccount("jean.cluster@example.fr", kStrongPassword);
        for (int i = 0; i < 5; ++i) {
            auto wrong = (i % 2 == 0 ? a : b).login("jean.cluster@example.fr", "Mauvais2026x");
            CHECK(wrong.status == 401);
        }
        CHECK(a.login("jean.cluster@example.fr", kStrongPassword).status == 429);
        CHECK(b.login("jean.cluster@example.fr", kStrongPassword).status == 429);

        // Log-out on B ends the session everywhere.
        CHECK(b.del("/api/v1/session", anneOnA).status / 100 == 2);
        CHECK(a.get("/api/v1/session", anneOnA).status == 401);
    }

    TEST_CASE("the database restarts under load: 503 with Retry-After at once, then the server recovers by itself") {
        PgTestDatabase probe("probe");  // only to know whether PostgreSQL tests run here
        if (!probe.available()) return;
        TempDir dir;
        // The throwaway server runs as another user (postgres) when tests run as root.
        fs::permissions(dir.path, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                      fs::perms::others_read | fs::perms::others_exec);
        const std::string script = std::string(ALIN_SOURCE_DIR) + "/scripts/pg-throwaway.sh";
        const std::string pgDir = (dir.path / "pg").string();
        const std::string url = shell("bash " + script + " start " + pgDir);
        struct Stop {
            std::string cmd;
            ~Stop() { (void)std::system(cmd.c_str()); }
        } stopAtEnd{"bash " + script + " stop " + pgDir};

        ServerProcess server({{"ALIN_DB", url}, {"ALIN_DEMO_ACCOUNTS", "1"}});
        const auto anne = signedInAs(server, kAnne, kAnnePassword);
        REQUIRE(server.get("/api/v1/health").status == 200);

        // Load throughout the stop and the restart: four clients reading their
        // session. Every answer is 200 or the JSON 503, none hangs (the client
        // gives up after 60 s, which would show as status 0).
        std::atomic<bool> loadOn{true};
        std::atomic<int> ok{0}, unavailable{0}, other{0};
        std::vector<std::thread> load;
        for (int i = 0; i < 4; ++i)
            load.emplace_back([&] {
                while (loadOn) {
                    const HttpResult r = server.get("/api/v1/session", anne);
                    if (r.status == 200)
                        ++ok;
                    else if (r.status == 503 && r.body.is_object() && r.body["code"] == "database_unavailable")
                        ++unavailable;
                    else
                        ++other;
                }
            });
        const auto stopLoad = [&] {
            loadOn = false;
            for (auto& t : load) t.join();
            load.clear();
        };
        struct JoinAtExit {  // a failed REQUIRE below must not leave the threads running
            std::function<void()> stop;
            ~JoinAtExit() { stop(); }
        } joinAtExit{stopLoad};

        shell("bash " + script + " stop " + pgDir);
        auto health = server.get("/api/v1/health");
        CHECK(health.status == 503);
        CHECK(health.body["code"] == "database_unavailable");
        CHECK(health.header("Retry-After") == "5");
        auto session = server.get("/api/v1/session", anne);
        CHECK(session.status == 503);
        CHECK(session.body["code"] == "database_unavailable");
        CHECK(session.body["message"] ==
              "Le service est momentanément indisponible. Réessayez dans quelques instants.");

        CHECK(shell("bash " + script + " start " + pgDir) == url);  // same port
        auto back = server.get("/api/v1/session", anne);
        CHECK_MESSAGE(back.status == 200, back.raw);
        CHECK(server.get("/api/v1/health").status == 200);
        const int okBefore = ok;
        for (int i = 0; i < 2000 && ok < okBefore + 20; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        stopLoad();
        MESSAGE("under load: " << ok.load() << " answered, " << unavailable.load()
                               << " refused with 503 while PostgreSQL was down");
        CHECK(ok >= okBefore + 20);  // the load's own requests succeed again
        CHECK(unavailable > 0);
        CHECK(other == 0);
    }
}

namespace {

// nginx (Debian's, installed by scripts/setup.sh) in front of the given servers,
// with the configuration of scripts/cluster.sh (scripts/nginx-conf.sh writes both).
class LoadBalancer {
public:
    explicit LoadBalancer(const std::vector<int>& upstreamPorts) : port_(freeLoopbackPort()) {
        // nginx's workers run as an unprivileged user when the tests run as root.
        fs::permissions(dir_.path, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                       fs::perms::others_read | fs::perms::others_exec);
        const std::string nginxDir = (dir_.path / "nginx").string();
        std::string command =
            "bash " + std::string(ALIN_SOURCE_DIR) + "/scripts/nginx-conf.sh " + nginxDir + " " + std::to_string(port_);
        for (int upstream : upstreamPorts) command += " " + std::to_string(upstream);
        const std::string conf = shell(command);
        ChildProcess::Options options;
        options.argv = {fs::exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx", "-c", conf, "-p", nginxDir};
        options.stderrFile = dir_.path / "nginx.stderr";
        child_ = std::make_unique<ChildProcess>(options);
        REQUIRE_MESSAGE(waitForTcp(port_, 10000), "nginx did not start: " << readTextFile(options.stderrFile));
    }
    ~LoadBalancer() { child_->stop(SIGTERM, 10000); }
    LoadBalancer(const LoadBalancer&) = delete;
    LoadBalancer& operator=(const LoadBalancer&) = delete;

    HttpResult post(const std::string& path, const Json& body, const httplib::Headers& headers) const {
        return toResult(client().Post(path, headers, body.dump(), "application/json"));
    }
    HttpResult get(const std::string& path, const httplib::Headers& headers = {}) const {
        return toResult(client().Get(path, headers));
    }

private:
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port_);
        c.set_connection_timeout(5);
        c.set_read_timeout(30);
        return c;
    }
    TempDir dir_;
    int port_;
    std::unique_ptr<ChildProcess> child_;
};

}  // namespace

TEST_SUITE("server cluster (PostgreSQL)") {
    TEST_CASE("behind nginx, kill -9 of one server during acknowledged writes: the other answers, nothing is lost") {
        PgTestDatabase db("lb");
        if (!db.available()) return;
        const std::map<std::string, std::string> env = {
            {"ALIN_DB", db.url()}, {"ALIN_DEMO_ACCOUNTS", "1"}, {"ALIN_TRUSTED_PROXIES", "127.0.0.1"}};
        ServerProcess a(env);
        ServerProcess b(env);
        const LoadBalancer lb({a.port(), b.port()});
        REQUIRE(lb.get("/api/v1/health").status == 200);

        auto login =
            lb.post("/api/v1/session", {{"email", "bailleur@parishabitat.example"}, {"password", "Bailleur2026"}}, {});
        REQUIRE_MESSAGE(login.status == 200, login.raw);
        const auto landlord = cookieHeader(sessionCookieValue(login));

        // Six writers publish offers through nginx; once 30 are acknowledged,
        // server A is killed (SIGKILL: no goodbye, connections cut mid-request).
        constexpr int kWriters = 6, kPerWriter = 25;
        using Clock = std::chrono::steady_clock;
        struct Outcome {
            int status = 0;
            std::string code;
            int64_t offerId = 0;
            Clock::time_point sent;
        };
        std::vector<std::vector<Outcome>> outcomes(kWriters);
        std::atomic<int> acknowledged{0};
        Clock::time_point killedAt;
        std::vector<std::thread> writers;
        for (int w = 0; w < kWriters; ++w)
            writers.emplace_back([&, w] {
                for (int i = 0; i < kPerWriter; ++i) {
                    const Json body = {
                        {"insee", "75056"},    {"street", std::to_string(w * 100 + i + 1) + " rue de la Py"},
                        {"typology", "T3"},    {"surface", 60},
                        {"funding", "PLUS"},   {"rentCents", 52000},
                        {"chargesCents", 9000}};
                    Outcome o;
                    o.sent = Clock::now();
                    const HttpResult r = lb.post("/api/v1/offers", body, landlord);
                    o.status = r.status;
                    if (r.body.is_object() && r.body.contains("code")) o.code = r.body["code"].get<std::string>();
                    if (r.status == 201) {
                        o.offerId = r.body["offer"]["id"].get<int64_t>();
                        ++acknowledged;
                    }
                    outcomes[w].push_back(o);
                }
            });
        while (acknowledged < 30) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        killedAt = Clock::now();
        a.process().stop(SIGKILL, 5000);
        for (auto& t : writers) t.join();

        // Only requests that were in flight at the kill may fail, and they fail
        // with the API's JSON shape ("service unavailable"), never a hang or HTML;
        // a request sent a second after the kill is answered by B.
        int failures = 0, acknowledgedAfterKill = 0;
        std::vector<int64_t> ids;
        for (const auto& list : outcomes)
            for (const Outcome& o : list) {
                if (o.status == 201) {
                    ids.push_back(o.offerId);
                    if (o.sent > killedAt) ++acknowledgedAfterKill;
                    continue;
                }
                ++failures;
                CHECK_MESSAGE(o.status == 503, "status " << o.status);
                CHECK(o.code == "service_unavailable");
                CHECK_MESSAGE(o.sent < killedAt + std::chrono::seconds(1), "a request sent after the kill failed");
            }
        MESSAGE(ids.size() << " writes acknowledged (" << acknowledgedAfterKill << " after the kill), " << failures
                           << " refused while server A died");
        CHECK(failures <= 2 * kWriters);
        CHECK(acknowledgedAfterKill >= 30);
        CHECK(ids.size() + failures == static_cast<size_t>(kWriters * kPerWriter));

        // Every acknowledged write is there, read through nginx (so on B).
        const auto anne = [&] {
            auto r = lb.post("/api/v1/session", {{"email", kAnne}, {"password", kAnnePassword}}, {});
            REQUIRE_MESSAGE(r.status == 200, r.raw);
            return cookieHeader(sessionCookieValue(r));
        }();
        // Server B learns offers written by A from the database (its follower reads
        // it every half second): each acknowledged offer must be listed within a
        // bounded time (10 s, far above the follower's period; no timed assertion).
        std::vector<int64_t> missing = ids;
        const auto start = Clock::now();
        while (!missing.empty() && Clock::now() - start < std::chrono::seconds(10)) {
            std::vector<int64_t> still;
            for (int64_t id : missing)
                if (lb.get("/api/v1/offers/" + std::to_string(id), anne).status != 200) still.push_back(id);
            missing = std::move(still);
            if (!missing.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        MESSAGE("every acknowledged offer listed by server B after "
                << std::chrono::duration<double, std::milli>(Clock::now() - start).count() << " ms");
        CHECK_MESSAGE(missing.empty(), missing.size() << " acknowledged offers never listed, first id "
                                                      << (missing.empty() ? 0 : missing.front()));
    }
}
