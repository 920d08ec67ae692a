// SqliteStorage on a real temporary database file: every Storage method,
// transactions (commit, rollback, nesting), migrations, constraints, threads.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "migrations.h"
#include "sqlite_storage.h"

using alin::MailRecord;
using alin::OneTimeTokenRecord;
using alin::SessionRecord;
using alin::UserRecord;
using alin::server::SqliteStorage;
using alin::server::StorageError;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "alin-sqlite-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    std::string db() const { return (path / "alin.db").string(); }
};

UserRecord sampleUser(const std::string& email = "dupont.jean@yopmail.com") {
    UserRecord u;
    u.email = email;
    u.birthName = "Dupont-Lefèvre";
    u.firstName = "Jérôme";
    u.phone = "+33604505792";
    u.createdAt = 1'700'000'000;
    u.consentAt = 1'700'000'000;
    return u;
}

// Runs one SQL query on its own connection and returns the first column of the first row.
std::string rawQuery(const std::string& dbPath, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(dbPath.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    std::string out;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0)) {
        out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

}  // namespace

TEST_SUITE("SqliteStorage") {
    TEST_CASE("users: insert, find by e-mail and id, update") {
        TempDir dir;
        SqliteStorage db(dir.db());

        CHECK_FALSE(db.findUserByEmail("dupont.jean@yopmail.com"));
        CHECK_FALSE(db.findUserById(1));

        const int64_t id = db.insertUser(sampleUser());
        CHECK(id > 0);
        const int64_t id2 = db.insertUser(sampleUser("autre@yopmail.com"));
        CHECK(id2 != id);

        auto u = db.findUserByEmail("dupont.jean@yopmail.com");
        REQUIRE(u);
        CHECK(u->id == id);
        CHECK(u->birthName == "Dupont-Lefèvre");
        CHECK(u->firstName == "Jérôme");
        CHECK(u->phone == "+33604505792");
        CHECK(u->passwordHash.empty());
        CHECK_FALSE(u->active);
        CHECK(u->role == alin::domain::Role::Applicant);
        CHECK(u->createdAt == 1'700'000'000);
        CHECK(u->consentAt == 1'700'000'000);

        u->passwordHash = "$argon2id$v=19$m=65536,t=2,p=1$abc$def";
        u->active = true;
        u->firstName = "Jean";
        db.updateUser(*u);
        auto again = db.findUserById(id);
        REQUIRE(again);
        CHECK(again->active);
        CHECK(again->passwordHash == u->passwordHash);
        CHECK(again->firstName == "Jean");
        CHECK(db.findUserById(id2)->firstName == "Jérôme");  // the other row is untouched
    }

    TEST_CASE("users: the e-mail is UNIQUE") {
        TempDir dir;
        SqliteStorage db(dir.db());
        db.insertUser(sampleUser());
        try {
            db.insertUser(sampleUser());
            FAIL("a duplicate e-mail was accepted");
        } catch (const StorageError& e) {
            CHECK(e.constraint);
        }
        auto other = sampleUser("autre@yopmail.com");
        other.id = db.insertUser(other);
        other.email = "dupont.jean@yopmail.com";
        CHECK_THROWS_AS(db.updateUser(other), StorageError);
        CHECK(db.findUserById(other.id)->email == "autre@yopmail.com");
        CHECK(rawQuery(dir.db(), "SELECT COUNT(*) FROM users") == "2");
    }

    TEST_CASE("one-time tokens: insert, find, mark used, revoke") {
        TempDir dir;
        SqliteStorage db(dir.db());
        const int64_t user = db.insertUser(sampleUser());
        const int64_t other = db.insertUser(sampleUser("autre@yopmail.com"));

        auto token = [&](const std::string& hash, int64_t userId, const std::string& purpose) {
            OneTimeTokenRecord t;
            t.tokenHash = hash;
            t.purpose = purpose;
            t.userId = userId;
            t.createdAt = 100;
            t.expiresAt = 100 + 172800;
            db.insertToken(t);
        };
        token("aa", user, "activation");
        token("bb", user, "activation");
        token("cc", user, "reset");
        token("dd", other, "activation");

        CHECK_FALSE(db.findToken("zz"));
        auto t = db.findToken("aa");
        REQUIRE(t);
        CHECK(t->purpose == "activation");
        CHECK(t->userId == user);
        CHECK(t->createdAt == 100);
        CHECK(t->expiresAt == 172900);
        CHECK(t->usedAt == 0);

        db.markTokenUsed("aa", 500);
        CHECK(db.findToken("aa")->usedAt == 500);

        db.revokeTokens(user, "activation", 600);
        CHECK(db.findToken("aa")->usedAt == 500);  // already used: kept
        CHECK(db.findToken("bb")->usedAt == 600);
        CHECK(db.findToken("cc")->usedAt == 0);  // other purpose
        CHECK(db.findToken("dd")->usedAt == 0);  // other user

        CHECK_THROWS_AS(token("aa", user, "activation"), StorageError);  // hash is the key
    }

    TEST_CASE("sessions: insert, find, touch, delete, delete all of a user") {
        TempDir dir;
        SqliteStorage db(dir.db());
        const int64_t user = db.insertUser(sampleUser());
        const int64_t other = db.insertUser(sampleUser("autre@yopmail.com"));
        auto session = [&](const std::string& hash, int64_t userId) {
            SessionRecord s;
            s.tokenHash = hash;
            s.userId = userId;
            s.createdAt = 10;
            s.lastSeenAt = 10;
            db.insertSession(s);
        };
        session("s1", user);
        session("s2", user);
        session("s3", other);

        auto s = db.findSession("s1");
        REQUIRE(s);
        CHECK(s->userId == user);
        CHECK(s->createdAt == 10);
        CHECK(s->lastSeenAt == 10);
        db.touchSession("s1", 99);
        CHECK(db.findSession("s1")->lastSeenAt == 99);
        CHECK(db.findSession("s1")->createdAt == 10);

        CHECK_THROWS_AS(session("s1", user), StorageError);  // unique by token hash

        db.deleteSession("s1");
        CHECK_FALSE(db.findSession("s1"));
        CHECK(db.findSession("s2"));
        db.deleteSessionsOfUser(user);
        CHECK_FALSE(db.findSession("s2"));
        CHECK(db.findSession("s3"));
    }

    TEST_CASE("foreign keys are enforced") {
        TempDir dir;
        SqliteStorage db(dir.db());
        SessionRecord s;
        s.tokenHash = "orphan";
        s.userId = 4242;
        try {
            db.insertSession(s);
            FAIL("a session of an unknown user was accepted");
        } catch (const StorageError& e) {
            CHECK(e.constraint);
        }
    }

    TEST_CASE("login failures: record, count since, latest, clear") {
        TempDir dir;
        SqliteStorage db(dir.db());
        const std::string key = "email:dupont.jean@yopmail.com";
        CHECK(db.countLoginFailuresSince(key, 0) == 0);
        CHECK(db.latestLoginFailure(key) == 0);

        db.recordLoginFailure(key, 100);
        db.recordLoginFailure(key, 200);
        db.recordLoginFailure(key, 200);  // same second twice counts twice
        db.recordLoginFailure(key, 300);
        db.recordLoginFailure("ip:127.0.0.1", 400);

        CHECK(db.countLoginFailuresSince(key, 0) == 4);
        CHECK(db.countLoginFailuresSince(key, 200) == 3);  // inclusive bound
        CHECK(db.countLoginFailuresSince(key, 301) == 0);
        CHECK(db.latestLoginFailure(key) == 300);
        CHECK(db.latestLoginFailure("ip:127.0.0.1") == 400);

        db.clearLoginFailures(key);
        CHECK(db.countLoginFailuresSince(key, 0) == 0);
        CHECK(db.latestLoginFailure(key) == 0);
        CHECK(db.countLoginFailuresSince("ip:127.0.0.1", 0) == 1);
    }

    TEST_CASE("outbox: insert and list by recipient, newest first") {
        TempDir dir;
        SqliteStorage db(dir.db());
        MailRecord m;
        m.to = "dupont.jean@yopmail.com";
        m.subject = "Action Logement Services – Demande d'accès";
        m.body = "Bonjour Jérôme,\nCe lien expire dans 2 jour(s).";
        m.links = nlohmann::json::array({{{"label", "Créer mon mot de passe"}, {"url", "http://x/#/lien/abc"}}});
        m.codes = nlohmann::json::array({"4F7K2Q"});
        m.createdAt = 1000;
        const int64_t first = db.insertMail(m);
        m.subject = "Deuxième";
        m.links = nlohmann::json::array();
        m.codes = nlohmann::json::array();
        m.createdAt = 2000;
        const int64_t second = db.insertMail(m);
        m.to = "autre@yopmail.com";
        db.insertMail(m);
        CHECK(second > first);

        auto mails = db.listMailTo("dupont.jean@yopmail.com");
        REQUIRE(mails.size() == 2);
        CHECK(mails[0].id == second);
        CHECK(mails[0].subject == "Deuxième");
        CHECK(mails[1].id == first);
        CHECK(mails[1].subject == "Action Logement Services – Demande d'accès");
        CHECK(mails[1].body == "Bonjour Jérôme,\nCe lien expire dans 2 jour(s).");
        CHECK(mails[1].links.size() == 1);
        CHECK(mails[1].links[0]["label"] == "Créer mon mot de passe");
        CHECK(mails[1].links[0]["url"] == "http://x/#/lien/abc");
        CHECK(mails[1].codes == nlohmann::json::array({"4F7K2Q"}));
        CHECK(mails[1].createdAt == 1000);
        CHECK(db.listMailTo("personne@yopmail.com").empty());
        CHECK(db.listMailTo("autre@yopmail.com").size() == 1);
    }

    TEST_CASE("transaction commits together, rolls back on exception") {
        TempDir dir;
        SqliteStorage db(dir.db());

        db.transaction([&] {
            db.insertUser(sampleUser("a@yopmail.com"));
            db.insertUser(sampleUser("b@yopmail.com"));
            // Visible inside the transaction already.
            CHECK(db.findUserByEmail("a@yopmail.com"));
        });
        CHECK(db.findUserByEmail("b@yopmail.com"));

        CHECK_THROWS_WITH_AS(db.transaction([&] {
            db.insertUser(sampleUser("c@yopmail.com"));
            db.recordLoginFailure("k", 1);
            throw std::runtime_error("boom");
        }),
                             "boom", std::runtime_error);
        CHECK_FALSE(db.findUserByEmail("c@yopmail.com"));
        CHECK(db.countLoginFailuresSince("k", 0) == 0);

        // A failing statement inside rolls back the earlier writes too.
        CHECK_THROWS_AS(db.transaction([&] {
            db.insertUser(sampleUser("d@yopmail.com"));
            db.insertUser(sampleUser("a@yopmail.com"));  // duplicate
        }),
                        StorageError);
        CHECK_FALSE(db.findUserByEmail("d@yopmail.com"));

        // The connection is usable afterwards.
        db.transaction([&] { db.insertUser(sampleUser("e@yopmail.com")); });
        CHECK(db.findUserByEmail("e@yopmail.com"));
    }

    TEST_CASE("nested transactions join the outer one") {
        TempDir dir;
        SqliteStorage db(dir.db());

        SUBCASE("inner writes commit with the outer transaction") {
            db.transaction([&] {
                db.insertUser(sampleUser("outer@yopmail.com"));
                db.transaction([&] { db.insertUser(sampleUser("inner@yopmail.com")); });
            });
            CHECK(db.findUserByEmail("outer@yopmail.com"));
            CHECK(db.findUserByEmail("inner@yopmail.com"));
        }
        SUBCASE("an outer failure also undoes the inner writes") {
            CHECK_THROWS(db.transaction([&] {
                db.transaction([&] { db.insertUser(sampleUser("inner@yopmail.com")); });
                throw std::runtime_error("outer fails");
            }));
            CHECK_FALSE(db.findUserByEmail("inner@yopmail.com"));
        }
        SUBCASE("an inner failure caught by the outer fn undoes only the inner writes") {
            db.transaction([&] {
                db.insertUser(sampleUser("outer@yopmail.com"));
                try {
                    db.transaction([&] {
                        db.insertUser(sampleUser("inner@yopmail.com"));
                        throw std::runtime_error("inner fails");
                    });
                } catch (const std::runtime_error&) {
                }
                db.insertUser(sampleUser("after@yopmail.com"));
            });
            CHECK(db.findUserByEmail("outer@yopmail.com"));
            CHECK_FALSE(db.findUserByEmail("inner@yopmail.com"));
            CHECK(db.findUserByEmail("after@yopmail.com"));
        }
    }

    TEST_CASE("migrations: applied once, idempotent on reopen, data kept") {
        TempDir dir;
        const auto all = alin::server::migrations();
        REQUIRE(!all.empty());
        for (size_t i = 1; i < all.size(); ++i) CHECK(all[i].version > all[i - 1].version);
        {
            SqliteStorage db(dir.db());
            CHECK(db.schemaVersion() == all.back().version);
            db.insertUser(sampleUser());
        }
        {
            SqliteStorage db(dir.db());  // second open: nothing to apply
            CHECK(db.schemaVersion() == all.back().version);
            CHECK(db.findUserByEmail("dupont.jean@yopmail.com"));
        }
        CHECK(rawQuery(dir.db(), "SELECT COUNT(*) FROM schema_version") == std::to_string(all.size()));
        CHECK(rawQuery(dir.db(), "PRAGMA journal_mode") == "wal");
    }

    TEST_CASE("migrations: a database newer than the binary is refused") {
        TempDir dir;
        { SqliteStorage db(dir.db()); }
        rawQuery(dir.db(), "INSERT INTO schema_version (version, name, applied_at) VALUES (9999, 'future', 0)");
        CHECK_THROWS_AS(SqliteStorage(dir.db()), StorageError);
    }

    TEST_CASE("migrations: embedded SQL is identical to server-stub/migrations/*.sql") {
        const fs::path folder = fs::path(ALIN_SOURCE_DIR) / "server-stub" / "migrations";
        size_t files = 0;
        for (const auto& entry : fs::directory_iterator(folder)) {
            if (entry.path().extension() == ".sql") ++files;
        }
        CHECK(files == alin::server::migrations().size());
        for (const auto& m : alin::server::migrations()) {
            CAPTURE(m.name);
            std::ifstream in(folder / (std::string(m.name) + ".sql"), std::ios::binary);
            REQUIRE(in);
            std::stringstream text;
            text << in.rdbuf();
            CHECK(text.str() == m.sql);
            CHECK(std::stoi(std::string(m.name).substr(0, 4)) == m.version);
        }
    }

    TEST_CASE("an unusable path is reported") {
        CHECK_THROWS_AS(SqliteStorage("/nonexistent-folder/x/alin.db"), StorageError);
    }

    TEST_CASE("concurrent transactions from several threads") {
        TempDir dir;
        SqliteStorage db(dir.db());
        const int64_t user = db.insertUser(sampleUser());
        constexpr int kThreads = 4, kPerThread = 50;
        std::vector<std::thread> threads;
        std::atomic<int> mismatches{0};
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < kPerThread; ++i) {
                    const std::string key = "ip:" + std::to_string(t);
                    db.transaction([&] {
                        // Read-modify-write inside the transaction: no interleaving.
                        int before = db.countLoginFailuresSince("shared", 0);
                        db.recordLoginFailure("shared", i);
                        if (db.countLoginFailuresSince("shared", 0) != before + 1) ++mismatches;
                        db.recordLoginFailure(key, i);
                    });
                    db.touchSession("none", i);
                    CHECK_FALSE(db.findToken("none"));
                    (void)user;
                }
            });
        }
        for (auto& th : threads) th.join();
        CHECK(mismatches == 0);
        CHECK(db.countLoginFailuresSince("shared", 0) == kThreads * kPerThread);
        for (int t = 0; t < kThreads; ++t)
            CHECK(db.countLoginFailuresSince("ip:" + std::to_string(t), 0) == kPerThread);
    }

    TEST_CASE("two connections on one file: a writer waits for the other (busy_timeout)") {
        TempDir dir;
        SqliteStorage a(dir.db());
        SqliteStorage b(dir.db());
        std::atomic<bool> inside{false};
        std::thread holder([&] {
            a.transaction([&] {
                a.recordLoginFailure("k", 1);
                inside = true;
                std::this_thread::sleep_for(std::chrono::milliseconds(200));
            });
        });
        while (!inside) std::this_thread::yield();
        b.recordLoginFailure("k", 2);  // blocks until a commits, then succeeds
        holder.join();
        CHECK(b.countLoginFailuresSince("k", 0) == 2);
        CHECK(a.countLoginFailuresSince("k", 0) == 2);
    }

}  // TEST_SUITE
