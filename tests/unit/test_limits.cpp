// Limits that hold under concurrency (issue 9): the service rules built on the
// storage's atomic steps (those steps themselves, and their pruning, are in the
// storage contract suite, test_storage_contract.cpp) -
// log-in attempts counted before the Argon2id verification, one-time links
// consumed before the hash, e-mail quotas, the rule of one per Numéro Unique,
// demo accounts disabled in production, the clamped test clock, and the
// depth-limited body parser.
#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

#include "api/api_router.h"
#include "app/account_service.h"
#include "demo_data/demo_accounts.h"
#include "sqlite_storage.h"
#include "storage/memory_storage.h"

using namespace alin;
namespace fs = std::filesystem;

namespace {

struct TempDb {
    fs::path dir;
    TempDb() {
        std::string pattern = (fs::temp_directory_path() / "alin-limits-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        dir = pattern;
    }
    ~TempDb() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

template <class Fn>
void onThreads(int count, Fn fn) {
    std::vector<std::thread> threads;
    for (int i = 0; i < count; ++i) threads.emplace_back([&fn, i] { fn(i); });
    for (auto& t : threads) t.join();
}

// Argon2id at its cheapest, counting, and slow enough (a yield loop) that
// concurrent log-ins overlap.
class CountingHasher final : public PasswordHasher {
public:
    std::string hash(const std::string& password) override {
        ++hashes;
        return inner.hash(password);
    }
    bool verify(const std::string& encoded, const std::string& password) override {
        ++verifies;
        for (int i = 0; i < 1000; ++i) std::this_thread::yield();
        return inner.verify(encoded, password);
    }
    SodiumPasswordHasher inner{1, 8 * 1024};
    std::atomic<int> hashes{0}, verifies{0};
};

struct Accounts {
    ServiceConfig config;
    std::unique_ptr<Storage> storage;
    ManualClock clock{1'750'000'000};
    std::unique_ptr<OutboxTransport> mail;
    CountingHasher hasher;
    std::unique_ptr<AccountService> accounts;
    explicit Accounts(std::unique_ptr<Storage> s) : storage(std::move(s)) {
        mail = std::make_unique<OutboxTransport>(*storage);
        accounts = std::make_unique<AccountService>(*storage, clock, *mail, hasher, config);
    }
    static SignupInput jean(const std::string& email = "jean@yopmail.com", const std::string& client = "10.0.0.1") {
        SignupInput in;
        in.birthName = "Dupont";
        in.firstName = "Jean";
        in.phone = "06 06 06 06 06";
        in.email = email;
        in.consent = true;
        in.clientAddress = client;
        return in;
    }
    std::string lastToken(const std::string& to) {
        auto mails = accounts->mailbox(to);
        REQUIRE_FALSE(mails.empty());
        const std::string url = mails.front().links[0]["url"].get<std::string>();
        return url.substr(url.rfind('/') + 1);
    }
    void activeJean() {
        REQUIRE(accounts->signup(jean()).ok());
        REQUIRE(accounts->setPassword(lastToken("jean@yopmail.com"), "Logement2024", "Logement2024").ok());
    }
};

}  // namespace

TEST_SUITE("limits under concurrency") {
    TEST_CASE("log-in: 50 concurrent wrong passwords get at most 5 verifications, the right one then 429") {
        for (bool sqlite : {false, true}) {
            CAPTURE(sqlite);
            TempDb tmp;
            std::unique_ptr<Storage> storage;
            if (sqlite)
                storage = std::make_unique<server::SqliteStorage>((tmp.dir / "alin.db").string());
            else
                storage = std::make_unique<MemoryStorage>();
            Accounts f(std::move(storage));
            f.activeJean();
            f.hasher.verifies = 0;
            std::atomic<int> unauthorized{0}, tooMany{0};
            onThreads(50, [&](int) {
                auto r = f.accounts->login("jean@yopmail.com", "Mauvais2024", "10.0.0.9");
                (r.error && r.error->status == 401 ? unauthorized : tooMany)++;
            });
            MESSAGE("50 concurrent wrong passwords: " << f.hasher.verifies.load() << " verifications");
            CHECK(f.hasher.verifies <= 5);
            CHECK(unauthorized == f.hasher.verifies);
            CHECK(tooMany == 50 - unauthorized);
            auto right = f.accounts->login("jean@yopmail.com", "Logement2024", "10.0.0.10");
            REQUIRE_FALSE(right.ok());
            CHECK(right.error->status == 429);
        }
    }

    TEST_CASE("log-in and e-mail throttles on the test clock: old rows are pruned, the limits still hold") {
        for (bool sqlite : {false, true}) {
            CAPTURE(sqlite);
            TempDb tmp;
            std::unique_ptr<Storage> storage;
            if (sqlite)
                storage = std::make_unique<server::SqliteStorage>((tmp.dir / "alin.db").string());
            else
                storage = std::make_unique<MemoryStorage>();
            Accounts f(std::move(storage));
            // 40 clients, one wrong log-in and one link request each: 80 failure rows, 80 quota events.
            for (int i = 0; i < 40; ++i) {
                const std::string client = "198.51.100." + std::to_string(i);
                REQUIRE(f.accounts->login("x" + std::to_string(i) + "@yopmail.com", "Mauvais2024", client).error);
                REQUIRE(f.accounts->requestLink("x" + std::to_string(i) + "@yopmail.com", client).ok());
            }
            CHECK(f.storage->countLimitRows().loginFailures == 80);
            CHECK(f.storage->countLimitRows().quotaEvents == 80);
            // Past every window, new activity takes the old rows away.
            f.clock.advance(f.config.loginWindowSeconds + f.config.loginLockSeconds + kMailQuotaWindowSeconds);
            REQUIRE(f.accounts->login("y@yopmail.com", "Mauvais2024", "203.0.113.1").error->status == 401);
            REQUIRE(f.accounts->requestLink("y@yopmail.com", "203.0.113.1").ok());
            CHECK(f.storage->countLimitRows().loginFailures == 2);
            CHECK(f.storage->countLimitRows().quotaEvents == 2);
            // The limits hold as before.
            for (int i = 1; i < f.config.loginMaxFailures; ++i)
                CHECK(f.accounts->login("y@yopmail.com", "Mauvais2024", "203.0.113.1").error->status == 401);
            CHECK(f.accounts->login("y@yopmail.com", "Mauvais2024", "203.0.113.2").error->status == 429);
        }
    }

    TEST_CASE("log-in: successes give back the client address's slot (an office logs in all morning)") {
        Accounts f(std::make_unique<MemoryStorage>());
        f.activeJean();
        for (int i = 0; i < 20; ++i) REQUIRE(f.accounts->login("jean@yopmail.com", "Logement2024", "10.0.0.1").ok());
        CHECK(f.storage->countLoginFailuresSince("ip:10.0.0.1", 0) == 0);
    }

    TEST_CASE("password links: of 20 concurrent uses of one link, one sets the password with one hash") {
        Accounts f(std::make_unique<MemoryStorage>());
        REQUIRE(f.accounts->signup(Accounts::jean()).ok());
        const std::string token = f.lastToken("jean@yopmail.com");
        f.hasher.hashes = 0;
        std::atomic<int> ok{0}, used{0};
        onThreads(20, [&](int) {
            auto r = f.accounts->setPassword(token, "Logement2024", "Logement2024");
            if (r.ok()) ++ok;
            if (r.error && r.error->code == "link_used") ++used;
        });
        CHECK(ok == 1);
        CHECK(used == 19);
        CHECK(f.hasher.hashes == 1);
        // A password breaking the rules does not consume the link.
        REQUIRE(f.accounts->requestLink("jean@yopmail.com", "10.0.0.1").ok());
        const std::string reset = f.lastToken("jean@yopmail.com");
        CHECK_FALSE(f.accounts->setPassword(reset, "faible", "faible").ok());
        CHECK(f.accounts->setPassword(reset, "Logement2025", "Logement2025").ok());
    }

    TEST_CASE("e-mail quota: 3 per address and hour, 30 per client, the same answers") {
        Accounts f(std::make_unique<MemoryStorage>());
        f.activeJean();  // 1 e-mail
        std::atomic<int> ok{0};
        onThreads(40, [&](int i) {
            if ((i % 2 ? f.accounts->signup(Accounts::jean()) : f.accounts->requestLink("jean@yopmail.com", "10.0.0.1"))
                    .ok())
                ++ok;
        });
        CHECK(ok == 40);
        CHECK(f.accounts->mailbox("jean@yopmail.com").size() == kMailsPerAddressPerHour);
        // Per client, over different addresses.
        for (int i = 0; i < 50; ++i)
            CHECK(f.accounts->signup(Accounts::jean("n" + std::to_string(i) + "@yopmail.com", "10.0.0.2")).ok());
        size_t sent = 0;
        for (int i = 0; i < 50; ++i) sent += f.accounts->mailbox("n" + std::to_string(i) + "@yopmail.com").size();
        CHECK(sent == kMailsPerClientPerHour);
        // An hour later: room again.
        f.clock.advance(kMailQuotaWindowSeconds);
        REQUIRE(f.accounts->requestLink("jean@yopmail.com", "10.0.0.1").ok());
        CHECK(f.accounts->mailbox("jean@yopmail.com").size() == kMailsPerAddressPerHour + 1);
    }

    TEST_CASE("production: the demo accounts are disabled, sessions ended, and named") {
        Accounts f(std::make_unique<MemoryStorage>());
        seedDemoAccounts(*f.storage, f.hasher, f.clock.now());
        auto session = f.accounts->login("conseiller@actionlogement.example", "Conseiller2026", "10.0.0.1");
        REQUIRE(session.ok());
        f.accounts->signup(Accounts::jean());  // a real account is left alone
        const std::vector<std::string> disabled = f.accounts->disableDemoAccounts();
        CHECK(disabled.size() == std::size(kDemoAccounts));
        CHECK_FALSE(f.accounts->authenticate(session.value->token).ok());
        for (const DemoAccount& d : kDemoAccounts)
            CHECK_FALSE(f.accounts->login(std::string(d.email), std::string(d.password), "10.0.0.3").ok());
        CHECK(f.accounts->disableDemoAccounts().empty());  // idempotent
        CHECK(f.storage->findUserByEmail("jean@yopmail.com").has_value());
    }
}

TEST_SUITE("request bodies and test clock") {
    TEST_CASE("parseBody: 64 levels are read, 65 and 100 000 are refused without building them") {
        auto nested = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
        CHECK_FALSE(parseBody(nested(64)).error);
        const ParsedBody deep = parseBody(nested(65));
        REQUIRE(deep.error);
        CHECK(deep.error->status == 400);
        CHECK(deep.error->body["code"] == "too_deep");
        CHECK(deep.error->body["message"] == "Le corps de la requête est trop imbriqué (64 niveaux au maximum).");
        CHECK(deep.body.is_null());
        std::string objects;
        for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
        objects += "1" + std::string(100000, '}');
        CHECK(parseBody(objects).error->body["code"] == "too_deep");
        CHECK(parseBody(nested(100000)).error->body["code"] == "too_deep");
        CHECK(parseBody(R"({"a":)").error->body["code"] == "bad_request");
        CHECK(parseBody("").body.is_null());
        CHECK(parseBody(R"({"email":"x"})").body["email"] == "x");
    }

    TEST_CASE("test clock: advanceClamped stays within year 1970..9999") {
        OffsetClock clock;
        clock.advanceClamped(INT64_MAX);
        CHECK(clock.now() == kTestClockMax);
        clock.advanceClamped(INT64_MAX);
        CHECK(clock.now() == kTestClockMax);
        clock.advanceClamped(INT64_MIN);
        CHECK(clock.now() == kTestClockMin);
        clock.advanceClamped(86400);
        CHECK(clock.now() == kTestClockMin + 86400);
    }
}
