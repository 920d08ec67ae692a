// Retention of inactive accounts (issue 14 part 3; app/retention_service.h)
// with a manual clock, on every storage: the warning e-mail at two years
// without a log-in and not before, once however often the job runs (and when
// two servers run it at once); the deletion 30 days after the warning through
// the "Mes données" path; a log-in after the warning cancels the deletion.
#include <doctest/doctest.h>

#include <thread>

#include "app/clock.h"
#include "app/crypto.h"
#include "app/mail.h"
#include "app/retention_service.h"
#include "i18n/catalog.h"
#include "support/storage_backends.h"

using namespace alin;

namespace {

constexpr int64_t kStart = 1'700'000'000;  // 2023-11-14
constexpr int64_t kDay = 24 * 3600;

struct Retention {
    Storage& db;
    ManualClock clock{kStart};
    ServiceConfig config;
    OutboxTransport mail{db};
    SodiumPasswordHasher hasher;
    MyDataService myData{db, clock, hasher, config};
    RetentionService service{db, clock, mail, config, myData};

    explicit Retention(Storage& storage) : db(storage) { config.publicBaseUrl = "http://alin.test/"; }
    RetentionReport run() { return service.run(nullptr); }
};

int64_t addAccount(Storage& db, const std::string& email, int64_t createdAt,
                   domain::Role role = domain::Role::Applicant) {
    UserRecord u;
    u.email = email;
    u.birthName = "PORTE";
    u.firstName = "Anne";
    u.phone = "+33604505792";
    u.active = true;
    u.role = role;
    u.createdAt = u.consentAt = createdAt;
    return db.insertUser(u);
}

}  // namespace

TEST_CASE_TEMPLATE("retention: warned at two years without a log-in, not before, and once", B, ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Retention r(b.db());
    const ServiceConfig& c = r.config;
    CHECK(c.retentionInactiveSeconds == 730 * kDay);
    CHECK(c.retentionGraceSeconds == 30 * kDay);
    const int64_t anne = addAccount(r.db, "anne@example.fr", kStart);
    r.db.insertLogin({0, anne, kStart + 10 * kDay, "Firefox"});
    addAccount(r.db, "never@example.fr", kStart);  // never logged in: counted from its creation
    addAccount(r.db, "conseiller@example.fr", kStart, domain::Role::Advisor);  // staff: never touched

    r.clock.set(kStart + c.retentionInactiveSeconds - 1);
    CHECK(r.run().warned == 0);
    r.clock.set(kStart + c.retentionInactiveSeconds);
    RetentionReport first = r.run();
    CHECK(first.warned == 1);
    REQUIRE(r.db.listMailTo("never@example.fr").size() == 1);
    CHECK(r.db.listMailTo("anne@example.fr").empty());  // her log-in was 10 days later
    CHECK(r.db.listMailTo("conseiller@example.fr").empty());

    r.clock.set(kStart + 10 * kDay + c.retentionInactiveSeconds);
    CHECK(r.run().warned == 1);
    const auto mails = r.db.listMailTo("anne@example.fr");
    REQUIRE(mails.size() == 1);
    const MailRecord& m = mails[0];
    CHECK(m.subject == tr("jobs.retention.subject"));
    // Last log-in 24/11/2023; warned 23/11/2025; deletion 30 days later.
    CHECK(m.body.find("24/11/2023") != std::string::npos);
    CHECK(m.body.find("23/12/2025") != std::string::npos);
    CHECK(m.body.find("http://alin.test/#/connexion") != std::string::npos);
    CHECK(m.links[0]["url"] == "http://alin.test/#/connexion");

    // Idempotent: running again (the next hour, the next day) sends nothing more.
    CHECK(r.run().warned == 0);
    r.clock.advance(kDay);
    CHECK(r.run().warned == 0);
    CHECK(r.db.listMailTo("anne@example.fr").size() == 1);
    CHECK(r.db.listMailTo("never@example.fr").size() == 1);
    CHECK(r.db.listMailTo("conseiller@example.fr").empty());
}

TEST_CASE_TEMPLATE("retention: deleted 30 days after the warning, through the Mes données deletion", B, ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Retention r(b.db());
    const int64_t anne = addAccount(r.db, "anne@example.fr", kStart);
    const int64_t jules = addAccount(r.db, "jules@example.fr", kStart);
    r.db.insertSession({"session-anne", anne, kStart, kStart});
    r.db.insertLogin({0, jules, kStart + 100 * kDay, "Safari"});  // active later: kept
    const int64_t warnedAt = kStart + r.config.retentionInactiveSeconds;
    r.clock.set(warnedAt);
    REQUIRE(r.run().warned == 1);

    r.clock.set(warnedAt + r.config.retentionGraceSeconds - 1);
    CHECK(r.run().deleted == 0);
    CHECK(r.db.findUserById(anne));
    r.clock.set(warnedAt + r.config.retentionGraceSeconds);
    const RetentionReport report = r.run();
    CHECK(report.deleted == 1);
    CHECK_FALSE(r.db.findUserById(anne));
    CHECK_FALSE(r.db.findUserByEmail("anne@example.fr"));
    CHECK_FALSE(r.db.findSession("session-anne"));                  // every session ended
    CHECK(r.db.listMailTo("anne@example.fr").empty());              // the outbox rows to her went too
    CHECK(r.db.findUserById(jules));                                // nobody else's
    CHECK(r.run().deleted == 0);                                    // nothing left to do
    CHECK(addAccount(r.db, "anne@example.fr", r.clock.now()) > 0);  // the e-mail is free again
}

TEST_CASE_TEMPLATE("retention: a log-in after the warning cancels the deletion", B, ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Retention r(b.db());
    const int64_t anne = addAccount(r.db, "anne@example.fr", kStart);
    const int64_t warnedAt = kStart + r.config.retentionInactiveSeconds;
    r.clock.set(warnedAt);
    REQUIRE(r.run().warned == 1);
    const int64_t comeback = warnedAt + 12 * kDay;
    r.db.insertLogin({0, anne, comeback, "Firefox"});

    r.clock.set(warnedAt + r.config.retentionGraceSeconds);
    RetentionReport report = r.run();
    CHECK(report.deleted == 0);
    CHECK(report.resumed == 1);
    CHECK(r.db.findUserById(anne));
    CHECK(r.run().warned == 0);
    // Two years after that log-in, a new warning (and only one).
    r.clock.set(comeback + r.config.retentionInactiveSeconds);
    CHECK(r.run().warned == 1);
    CHECK(r.run().warned == 0);
    CHECK(r.db.listMailTo("anne@example.fr").size() == 2);
}

TEST_CASE_TEMPLATE("retention: two servers running the job at once send one warning", B, ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    std::unique_ptr<Storage> other = b.second();
    Retention one(b.db());
    Retention two(other ? *other : b.db());
    for (int i = 0; i < 20; ++i) addAccount(one.db, "u" + std::to_string(i) + "@example.fr", kStart);
    const int64_t at = kStart + one.config.retentionInactiveSeconds;
    one.clock.set(at);
    two.clock.set(at);
    RetentionReport a, c;
    std::thread t1([&] { a = one.run(); });
    std::thread t2([&] { c = two.run(); });
    t1.join();
    t2.join();
    CHECK(a.warned + c.warned == 20);
    for (int i = 0; i < 20; ++i) CHECK(one.db.listMailTo("u" + std::to_string(i) + "@example.fr").size() == 1);
}

TEST_CASE_TEMPLATE("retention: the warning is worded in the account's language", B, ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Retention r(b.db());
    const int64_t jane = addAccount(r.db, "jane@example.fr", kStart);
    r.db.setUserLanguage(jane, "en");
    addAccount(r.db, "anne@example.fr", kStart);
    r.clock.set(kStart + 731 * kDay);
    r.run();
    const auto english = r.db.listMailTo("jane@example.fr");
    const auto french = r.db.listMailTo("anne@example.fr");
    REQUIRE(english.size() == 1);
    REQUIRE(french.size() == 1);
    CHECK(english[0].subject == alin::i18n::trIn(alin::i18n::Lang::En, "jobs.retention.subject"));
    CHECK(french[0].subject == alin::i18n::trIn(alin::i18n::Lang::Fr, "jobs.retention.subject"));
    CHECK(english[0].subject != french[0].subject);
    CHECK(english[0].body.find(alin::i18n::trIn(alin::i18n::Lang::En, "mail.language.footer")) != std::string::npos);
}
