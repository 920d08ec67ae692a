// The storage contract (src/storage/storage.h), one suite run against every
// implementation: the in-memory storage (offline demo), SQLite (the server's
// default) and PostgreSQL (several servers; a fresh database per test case on
// the server named by ALIN_TEST_PG, which scripts/test.sh starts - see
// tests/support/pg_test_db.h).
// Every method, the uniqueness, foreign-key and CHECK constraints of the SQL
// schema (server-stub/migrations/*.sql) and the error type (StorageError with
// constraint = true).
#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "pg_storage.h"
#include "sqlite_storage.h"
#include "storage/memory_storage.h"
#include "support/storage_backends.h"

using namespace alin;
namespace fs = std::filesystem;

namespace {

UserRecord user(const std::string& email, domain::Role role = domain::Role::Applicant) {
    UserRecord u;
    u.email = email;
    u.birthName = "PORTE";
    u.firstName = "Anne";
    u.phone = "+33604505792";
    u.role = role;
    u.createdAt = u.consentAt = 1'700'000'000;
    return u;
}

RequestFileRecord file(int64_t userId, const std::string& nu) {
    RequestFileRecord f;
    f.userId = userId;
    f.numeroUnique = nu;
    f.snapshot = {{"numeroUnique", nu}};
    f.importedAt = f.refreshedAt = 1'700'000'000;
    return f;
}

VerificationCodeRecord code(int64_t userId, const std::string& purpose, int64_t at) {
    VerificationCodeRecord c;
    c.userId = userId;
    c.purpose = purpose;
    c.numeroUnique = "1110920621114ACLOG";
    c.codeHash = "h" + std::to_string(at);
    c.sentTo = "anne.porte@example.fr";
    c.createdAt = at;
    c.expiresAt = at + 86400;
    return c;
}

ApplicationRecord application(int64_t userId, int64_t offerId, const std::string& nu = "1110920621114ACLOG") {
    ApplicationRecord a;
    a.userId = userId;
    a.requestFileId = 1;
    a.numeroUnique = nu;
    a.offerId = offerId;
    a.createdAt = a.updatedAt = a.requestCreatedAt = 1'700'000'000;
    return a;
}

// Runs fn(i) on `count` threads at once.
template <class Fn>
void onThreads(int count, Fn fn) {
    std::vector<std::thread> threads;
    for (int i = 0; i < count; ++i) threads.emplace_back([&fn, i] { fn(i); });
    for (auto& t : threads) t.join();
}

// Runs fn and returns true when it threw a StorageError marked as a constraint.
template <class F>
bool constraintError(F&& fn) {
    try {
        fn();
    } catch (const StorageError& e) {
        return e.constraint;
    }
    return false;
}

}  // namespace

TEST_CASE_TEMPLATE("storage contract: users, unique e-mail, role codes", B, ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    const int64_t a = db.insertUser(user("anne@example.fr"));
    const int64_t c = db.insertUser(user("claire@example.fr", domain::Role::Advisor));
    CHECK(a > 0);
    CHECK(c > a);
    REQUIRE(db.findUserByEmail("claire@example.fr"));
    CHECK(db.findUserByEmail("claire@example.fr")->role == domain::Role::Advisor);
    CHECK(db.findUserById(a)->email == "anne@example.fr");
    CHECK_FALSE(db.findUserById(9999));
    CHECK_FALSE(db.findUserByEmail("nobody@example.fr"));

    UserRecord changed = *db.findUserById(a);
    changed.active = true;
    changed.passwordHash = "$argon2id$...";
    changed.role = domain::Role::Employer;
    changed.organisation = "Entreprise Exemple";
    changed.siret = "82454114802432";
    db.updateUser(changed);
    const UserRecord back = *db.findUserById(a);
    CHECK(back.active);
    CHECK(back.passwordHash == "$argon2id$...");
    CHECK(back.role == domain::Role::Employer);
    CHECK(back.organisation == "Entreprise Exemple");
    CHECK(back.siret == "82454114802432");

    CHECK(constraintError([&] { db.insertUser(user("anne@example.fr")); }));
    changed.email = "claire@example.fr";
    CHECK(constraintError([&] { db.updateUser(changed); }));
    CHECK(db.findUserById(a)->email == "anne@example.fr");
}

TEST_CASE_TEMPLATE("storage contract: the account language, 'fr' by default, 'fr' or 'en' only (issue 15)", B,
                   ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    const int64_t a = db.insertUser(user("anne@example.fr"));
    CHECK(db.findUserById(a)->language == "fr");
    UserRecord english = user("john@example.com");
    english.language = "en";
    const int64_t j = db.insertUser(english);
    CHECK(db.findUserByEmail("john@example.com")->language == "en");

    db.setUserLanguage(a, "en");
    CHECK(db.findUserById(a)->language == "en");
    CHECK(db.findUserById(j)->language == "en");
    db.setUserLanguage(j, "fr");
    CHECK(db.findUserById(j)->language == "fr");
    CHECK(db.findUserById(a)->language == "en");  // only that account
    db.setUserLanguage(9999, "en");               // nobody: nothing happens
    CHECK_FALSE(db.findUserById(9999));

    // updateUser keeps (writes back) the language it was given.
    UserRecord changed = *db.findUserById(a);
    changed.firstName = "Annie";
    db.updateUser(changed);
    CHECK(db.findUserById(a)->language == "en");

    // CHECK (language IN ('fr', 'en')).
    for (const char* bad : {"", "de", "EN", "en-GB"}) {
        CAPTURE(bad);
        CHECK(constraintError([&] { db.setUserLanguage(a, bad); }));
        UserRecord other = user(std::string("x") + bad + "@example.fr");
        other.language = bad;
        CHECK(constraintError([&] { db.insertUser(other); }));
        changed.language = bad;
        CHECK(constraintError([&] { db.updateUser(changed); }));
    }
    CHECK(db.findUserById(a)->language == "en");
}

TEST_CASE_TEMPLATE("storage contract: transactions commit together or not at all", B, ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    db.transaction([&] {
        db.insertUser(user("one@example.fr"));
        db.insertUser(user("two@example.fr"));
    });
    CHECK(db.findUserByEmail("two@example.fr"));
    CHECK_THROWS_AS(db.transaction([&] {
        db.insertUser(user("three@example.fr"));
        db.insertUser(user("one@example.fr"));  // UNIQUE: the whole transaction goes
    }),
                    StorageError);
    CHECK_FALSE(db.findUserByEmail("three@example.fr"));
    CHECK_THROWS_AS(db.transaction([&] {
        db.insertUser(user("four@example.fr"));
        throw std::runtime_error("caller failure");
    }),
                    std::runtime_error);
    CHECK_FALSE(db.findUserByEmail("four@example.fr"));
}

TEST_CASE_TEMPLATE("storage contract: one-time tokens and sessions", B, ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    const int64_t u = db.insertUser(user("anne@example.fr"));
    OneTimeTokenRecord t{"hash1", "activation", u, 100, 200, 0};
    db.insertToken(t);
    db.insertToken({"hash2", "activation", u, 110, 210, 0});
    db.insertToken({"hash3", "reset", u, 120, 220, 0});
    CHECK(db.findToken("hash1")->expiresAt == 200);
    CHECK_FALSE(db.findToken("nope"));
    db.markTokenUsed("hash1", 150);
    CHECK(db.findToken("hash1")->usedAt == 150);
    db.revokeTokens(u, "activation", 160);
    CHECK(db.findToken("hash1")->usedAt == 150);  // already used: kept
    CHECK(db.findToken("hash2")->usedAt == 160);
    CHECK(db.findToken("hash3")->usedAt == 0);                                           // other purpose
    CHECK(constraintError([&] { db.insertToken(t); }));                                  // PRIMARY KEY
    CHECK(constraintError([&] { db.insertToken({"hash9", "reset", 9999, 1, 2, 0}); }));  // FOREIGN KEY

    db.insertSession({"s1", u, 100, 100});
    db.insertSession({"s2", u, 100, 100});
    CHECK(db.findSession("s1")->lastSeenAt == 100);
    db.touchSession("s1", 130);
    CHECK(db.findSession("s1")->lastSeenAt == 130);
    db.deleteSession("s1");
    CHECK_FALSE(db.findSession("s1"));
    CHECK(db.findSession("s2"));
    db.deleteSessionsOfUser(u);
    CHECK_FALSE(db.findSession("s2"));
    db.insertSession({"s3", u, 1, 1});
    CHECK(constraintError([&] { db.insertSession({"s3", u, 2, 2}); }));     // PRIMARY KEY
    CHECK(constraintError([&] { db.insertSession({"s4", 9999, 2, 2}); }));  // FOREIGN KEY
}

TEST_CASE_TEMPLATE("storage contract: login failures and the outbox", B, ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    CHECK(db.latestLoginFailure("email:a") == 0);
    db.recordLoginFailure("email:a", 100);
    db.recordLoginFailure("email:a", 200);
    db.recordLoginFailure("ip:1", 300);
    CHECK(db.countLoginFailuresSince("email:a", 0) == 2);
    CHECK(db.countLoginFailuresSince("email:a", 150) == 1);
    CHECK(db.latestLoginFailure("email:a") == 200);
    db.clearLoginFailures("email:a");
    CHECK(db.countLoginFailuresSince("email:a", 0) == 0);
    CHECK(db.countLoginFailuresSince("ip:1", 0) == 1);

    MailRecord m;
    m.to = "anne@example.fr";
    m.subject = "first";
    m.body = "body";
    m.links = nlohmann::json::array({{{"label", "Activer"}, {"url", "http://x/#/a"}}});
    m.codes = nlohmann::json::array({"A1B2C3"});
    m.createdAt = 1;
    const int64_t first = db.insertMail(m);
    m.subject = "second";
    m.createdAt = 2;
    const int64_t second = db.insertMail(m);
    m.to = "other@example.fr";
    db.insertMail(m);
    CHECK(second > first);
    const auto mails = db.listMailTo("anne@example.fr");
    REQUIRE(mails.size() == 2);
    CHECK(mails[0].subject == "second");  // newest first
    CHECK(mails[1].links[0]["label"] == "Activer");
    CHECK(mails[1].codes[0] == "A1B2C3");
    CHECK(db.listMailTo("nobody@example.fr").empty());
}

TEST_CASE_TEMPLATE("storage contract: the registry stand-in", B, ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    CHECK(db.countRegistryRequests() == 0);
    db.upsertRegistryRequest("B00000000000000002", {{"numeroUnique", "B00000000000000002"}, {"v", 1}}, 1);
    db.upsertRegistryRequest("A00000000000000001", {{"numeroUnique", "A00000000000000001"}}, 1);
    db.upsertRegistryRequest("B00000000000000002", {{"numeroUnique", "B00000000000000002"}, {"v", 2}}, 2);
    CHECK(db.countRegistryRequests() == 2);
    CHECK((*db.findRegistryRequest("B00000000000000002"))["v"] == 2);
    CHECK_FALSE(db.findRegistryRequest("C00000000000000003"));
    const auto page = db.listRegistryRequests(0, 10);
    REQUIRE(page.size() == 2);
    CHECK(page[0]["numeroUnique"] == "A00000000000000001");  // Numéro Unique order
    const auto second = db.listRegistryRequests(1, 1);
    REQUIRE(second.size() == 1);
    CHECK(second[0]["numeroUnique"] == "B00000000000000002");
}

TEST_CASE_TEMPLATE("storage contract: request files, one per user and per Numéro Unique, checked values", B,
                   ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    const int64_t anne = db.insertUser(user("anne@example.fr"));
    const int64_t jules = db.insertUser(user("jules@example.fr"));
    const int64_t id = db.insertRequestFile(file(anne, "1110920621114ACLOG"));
    CHECK(id > 0);
    CHECK(db.findRequestFileOfUser(anne)->id == id);
    CHECK(db.findRequestFileByNumero("1110920621114ACLOG")->userId == anne);
    CHECK_FALSE(db.findRequestFileOfUser(jules));

    RequestFileRecord f = *db.findRequestFileOfUser(anne);
    f.employerName = "Entreprise Exemple";
    f.cdii = "yes";
    f.attachTo = "coApplicant";
    f.sharingChoice = 3;
    f.docIdentity = f.docResources = f.docTaxNotices = f.docMotive = true;
    f.validatedAt = 5;
    f.numeroUnique = "ZZZZZZZZZZZZZZZZZZ";  // kept: never changed by an update
    db.updateRequestFile(f);
    const RequestFileRecord back = *db.findRequestFileOfUser(anne);
    CHECK(back.numeroUnique == "1110920621114ACLOG");
    CHECK(back.employerName == "Entreprise Exemple");
    CHECK(back.attachTo == "coApplicant");
    CHECK(back.sharingChoice == 3);
    CHECK(back.docMotive);
    CHECK(back.validatedAt == 5);

    CHECK(constraintError([&] { db.insertRequestFile(file(anne, "1110720020439G1175")); }));   // UNIQUE user
    CHECK(constraintError([&] { db.insertRequestFile(file(jules, "1110920621114ACLOG")); }));  // UNIQUE number
    CHECK(constraintError([&] { db.insertRequestFile(file(9999, "1110720020439G1175")); }));   // FOREIGN KEY
    RequestFileRecord bad = file(jules, "1110720020439G1175");
    bad.sharingChoice = 4;
    CHECK(constraintError([&] { db.insertRequestFile(bad); }));
    bad.sharingChoice = 0;
    bad.cdii = "maybe";
    CHECK(constraintError([&] { db.insertRequestFile(bad); }));
    bad.cdii = "";
    bad.attachTo = "child";
    CHECK(constraintError([&] { db.insertRequestFile(bad); }));
    f.sharingChoice = -1;
    CHECK(constraintError([&] { db.updateRequestFile(f); }));
    CHECK(db.findRequestFileOfUser(anne)->sharingChoice == 3);

    db.insertRequestFile(file(jules, "1110720020439G1175"));
    const auto all = db.listRequestFiles();
    REQUIRE(all.size() == 2);
    CHECK(all[0].userId == anne);  // user id order
    db.deleteRequestFileOfUser(anne);
    CHECK_FALSE(db.findRequestFileOfUser(anne));
    CHECK(db.listRequestFiles().size() == 1);
    db.insertRequestFile(file(anne, "1110920621114ACLOG"));  // the number is free again
}

// Issue 12 item 7b (migration 0012): the declared monthly resources and
// housing aid of a request file, -1 when not declared, within their bounds.
TEST_CASE_TEMPLATE("storage contract: request files keep the declared resources and housing aid", B, ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    const int64_t anne = db.insertUser(user("anne@example.fr"));
    db.insertRequestFile(file(anne, "1110920621114ACLOG"));
    RequestFileRecord f = *db.findRequestFileOfUser(anne);
    CHECK(f.monthlyResourcesCents == -1);  // not declared
    CHECK(f.monthlyHousingAidCents == -1);
    CHECK(f.resourcesDeclaredAt == 0);

    f.monthlyResourcesCents = 185'050;
    f.monthlyHousingAidCents = 31'200;
    f.resourcesDeclaredAt = 1'700'000'100;
    db.updateRequestFile(f);
    RequestFileRecord back = *db.findRequestFileOfUser(anne);
    CHECK(back.monthlyResourcesCents == 185'050);
    CHECK(back.monthlyHousingAidCents == 31'200);
    CHECK(back.resourcesDeclaredAt == 1'700'000'100);
    CHECK(db.listRequestFiles().at(0).monthlyHousingAidCents == 31'200);
    CHECK(db.findRequestFileByNumero("1110920621114ACLOG")->monthlyResourcesCents == 185'050);

    // The bounds are the storage's own (CHECK), whatever the caller.
    for (const int64_t bad : {int64_t{-2}, kMaxDeclaredResourcesCents + 1}) {
        RequestFileRecord r = back;
        r.monthlyResourcesCents = bad;
        CHECK(constraintError([&] { db.updateRequestFile(r); }));
    }
    for (const int64_t bad : {int64_t{-5}, kMaxDeclaredHousingAidCents + 1}) {
        RequestFileRecord r = back;
        r.monthlyHousingAidCents = bad;
        CHECK(constraintError([&] { db.updateRequestFile(r); }));
    }
    CHECK(db.findRequestFileOfUser(anne)->monthlyResourcesCents == 185'050);
    back.monthlyResourcesCents = kMaxDeclaredResourcesCents;
    back.monthlyHousingAidCents = 0;  // declared: no aid expected
    db.updateRequestFile(back);
    CHECK(db.findRequestFileOfUser(anne)->monthlyHousingAidCents == 0);

    // Inserted with them; gone with the file.
    const int64_t jules = db.insertUser(user("jules@example.fr"));
    RequestFileRecord j = file(jules, "1110720020439G1175");
    j.monthlyResourcesCents = 120'000;
    j.monthlyHousingAidCents = -1;
    db.insertRequestFile(j);
    CHECK(db.findRequestFileOfUser(jules)->monthlyResourcesCents == 120'000);
    RequestFileRecord badInsert = file(jules, "Z10720020439G1175Z");
    badInsert.monthlyHousingAidCents = kMaxDeclaredHousingAidCents + 1;
    db.deleteRequestFileOfUser(jules);
    CHECK(constraintError([&] { db.insertRequestFile(badInsert); }));
    CHECK_FALSE(db.findRequestFileOfUser(jules));
}

TEST_CASE_TEMPLATE("storage contract: verification codes", B, ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    const int64_t u = db.insertUser(user("anne@example.fr"));
    const int64_t c1 = db.insertVerificationCode(code(u, "import", 100));
    const int64_t c2 = db.insertVerificationCode(code(u, "import", 200));
    db.insertVerificationCode(code(u, "refresh", 300));
    CHECK(c2 > c1);
    VerificationCodeRecord latest = *db.latestVerificationCode(u, "import");
    CHECK(latest.id == c2);
    CHECK(latest.expiresAt == 200 + 86400);
    latest.failedAttempts = 2;
    latest.usedAt = 250;
    db.updateVerificationCode(latest);
    CHECK(db.latestVerificationCode(u, "import")->failedAttempts == 2);
    CHECK(db.latestVerificationCode(u, "import")->usedAt == 250);
    CHECK(db.countVerificationCodesSince(u, "import", 0) == 2);
    CHECK(db.countVerificationCodesSince(u, "import", 150) == 1);
    db.revokeVerificationCodes(u, "refresh", 400);
    CHECK(db.latestVerificationCode(u, "refresh")->usedAt == 400);
    CHECK(constraintError([&] { db.insertVerificationCode(code(u, "other", 500)); }));      // CHECK purpose
    CHECK(constraintError([&] { db.insertVerificationCode(code(9999, "import", 500)); }));  // FOREIGN KEY
    db.deleteVerificationCodesOfUser(u);
    CHECK_FALSE(db.latestVerificationCode(u, "import"));
    CHECK(db.countVerificationCodesSince(u, "refresh", 0) == 0);
}

TEST_CASE_TEMPLATE("storage contract: added offers and offer states", B, ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    AddedOfferRecord o;
    o.offer = {{"title", "T3 Paris"}};
    o.createdBy = 7;
    o.createdAt = 1;
    const int64_t first = db.insertAddedOffer(o);
    const int64_t second = db.insertAddedOffer(o);
    CHECK(first == kFirstAddedOfferId);
    CHECK(second == kFirstAddedOfferId + 1);
    const auto offers = db.listAddedOffers();
    REQUIRE(offers.size() == 2);
    CHECK(offers[1].offer["id"] == second);
    CHECK(offers[0].offer["title"] == "T3 Paris");
    // What a server that knows `first` has not seen yet.
    const auto after = db.listAddedOffersAfter(first);
    REQUIRE(after.size() == 1);
    CHECK(after[0].id == second);
    CHECK(db.listAddedOffersAfter(second).empty());
    CHECK(db.listAddedOffersAfter(0).size() == 2);

    CHECK_FALSE(db.findOfferState(42));
    db.upsertOfferState({42, 1, "", 10});
    db.upsertOfferState({42, 2, "closed", 20});
    db.upsertOfferState({7, 0, "open", 5});
    CHECK(db.findOfferState(42)->applicationsAdded == 2);
    CHECK(db.findOfferState(42)->status == "closed");
    const auto states = db.listOfferStates();
    REQUIRE(states.size() == 2);
    CHECK(states[0].offerId == 7);
    // Changed at or after a time: 42 (updated at 20), not 7 (at 5).
    const auto recent = db.listOfferStatesSince(20);
    REQUIRE(recent.size() == 1);
    CHECK(recent[0].offerId == 42);
    CHECK(recent[0].applicationsAdded == 2);
    CHECK(db.listOfferStatesSince(21).empty());
    CHECK(db.listOfferStatesSince(0).size() == 2);
    CHECK(constraintError([&] { db.upsertOfferState({43, -1, "", 1}); }));
    CHECK(constraintError([&] { db.upsertOfferState({43, 0, "withdrawn", 1}); }));
    CHECK_FALSE(db.findOfferState(43));
}

TEST_CASE_TEMPLATE("storage contract: applications and THE RULE OF ONE", B, ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    const int64_t anne = db.insertUser(user("anne@example.fr"));
    const int64_t jules = db.insertUser(user("jules@example.fr"));
    const int64_t a1 = db.insertApplication(application(anne, 10));
    CHECK(a1 > 0);
    CHECK(db.insertApplication(application(anne, 11)) == 0);  // a second active one: refused, not thrown
    const int64_t j1 = db.insertApplication(application(jules, 10, "1110720020439G1175"));
    CHECK(j1 > 0);
    CHECK(db.findActiveApplicationOfUser(anne)->id == a1);
    CHECK_FALSE(db.findApplication(9999));

    // An ended application frees the applicant.
    ApplicationRecord ended = *db.findApplication(a1);
    ended.stage = "cancelled";
    ended.active = false;
    ended.unread = true;
    ended.invalidationReason = "";
    ended.events = nlohmann::json::array({{{"event", "cancel"}}});
    db.updateApplication(ended);
    CHECK_FALSE(db.findActiveApplicationOfUser(anne));
    CHECK(db.findApplication(a1)->events[0]["event"] == "cancel");
    const int64_t a2 = db.insertApplication(application(anne, 11));
    CHECK(a2 > j1);
    // Reactivating the ended one would give a second active application.
    ended.stage = "submitted";
    ended.active = true;
    CHECK(constraintError([&] { db.updateApplication(ended); }));
    CHECK_FALSE(db.findApplication(a1)->active);

    ApplicationQuery q;
    q.offerId = 10;
    CHECK(db.listApplications(q).size() == 2);
    q.activeOnly = true;
    CHECK(db.listApplications(q).size() == 1);
    ApplicationQuery mine;
    mine.userId = anne;
    const auto list = db.listApplications(mine);
    REQUIRE(list.size() == 2);
    CHECK(list[0].id == a1);  // id order
    CHECK(list[0].unread);
    db.markApplicationsRead(anne);
    CHECK_FALSE(db.findApplication(a1)->unread);
    ApplicationQuery later;
    later.minStep = 2;
    CHECK(db.listApplications(later).empty());

    // CHECK clauses: rank 0..3, step 1..7, active exactly for an active stage; FOREIGN KEY user.
    ApplicationRecord bad = application(jules, 12);
    bad.active = false;
    bad.stage = "submitted";
    CHECK(constraintError([&] { db.insertApplication(bad); }));
    bad.stage = "closed";
    bad.step = 8;
    CHECK(constraintError([&] { db.insertApplication(bad); }));
    bad.step = 1;
    bad.rank = 4;
    CHECK(constraintError([&] { db.insertApplication(bad); }));
    CHECK(constraintError([&] { db.insertApplication(application(9999, 12, "9999999999999ZZZZZ")); }));
    ApplicationRecord j = *db.findApplication(j1);
    j.step = 0;
    CHECK(constraintError([&] { db.updateApplication(j); }));
    CHECK(db.findApplication(j1)->step == 1);
}

TEST_CASE_TEMPLATE("storage contract: throttle rows are pruned once outside their window; the limits still hold", B,
                   ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    const LoginLimit limit{5, 900, 900};
    const int64_t owner = db.insertUser(user("anne@example.fr"));
    // An address-rotating client: 300 keys with one failure each, 300 quota keys,
    // 300 links; and one e-mail locked.
    for (int i = 0; i < 300; ++i) {
        REQUIRE(db.beginLoginAttempt({"ip:10.0." + std::to_string(i)}, 1000, limit) == 0);
        REQUIRE(db.takeQuota({{"mail-client:10.0." + std::to_string(i), 30, 3600}}, 1000));
        db.insertToken({"old" + std::to_string(i), "reset", owner, 1000, 2000, i % 2 == 0 ? 1500 : 0});
    }
    for (int i = 0; i < 5; ++i) REQUIRE(db.beginLoginAttempt({"email:a@b.fr"}, 1000 + i, limit) == 0);
    CHECK(db.countLimitRows().loginFailures == 305);
    CHECK(db.countLimitRows().quotaEvents == 300);
    CHECK(db.countLimitRows().tokens == 300);

    // Within the windows nothing goes, and the lock holds.
    CHECK(db.beginLoginAttempt({"email:a@b.fr"}, 1900, limit) == 4);
    CHECK(db.countLimitRows().loginFailures == 305);

    // Past window + lock: each write deletes one bounded batch of rows that stopped counting.
    const int64_t later = 1004 + 1800;
    REQUIRE(db.beginLoginAttempt({"ip:192.0.2.1"}, later, limit) == 0);
    CHECK(db.countLimitRows().loginFailures == 305 - kPruneBatchRows + 1);
    for (int i = 2; i <= 4; ++i) REQUIRE(db.beginLoginAttempt({"ip:192.0.2." + std::to_string(i)}, later, limit) == 0);
    CHECK(db.countLimitRows().loginFailures == 4);  // only the new ones
    // The limit still holds on a pruned key.
    for (int i = 0; i < 5; ++i) CHECK(db.beginLoginAttempt({"email:a@b.fr"}, later + i, limit) == 0);
    CHECK(db.beginLoginAttempt({"email:a@b.fr"}, later + 5, limit) == 899);

    // Quota events go once their window (1 h) has passed.
    CHECK(db.takeQuota({{"mail-to:v@b.fr", 3, 3600}}, 4599));
    CHECK(db.countLimitRows().quotaEvents == 301);  // 1000 + 3600 > 4599: all still count
    CHECK(db.takeQuota({{"mail-to:v@b.fr", 3, 3600}}, 4600));
    CHECK(db.countLimitRows().quotaEvents == 302 - kPruneBatchRows);
    CHECK(db.takeQuota({{"mail-to:v@b.fr", 3, 3600}}, 4601));
    CHECK_FALSE(db.takeQuota({{"mail-to:v@b.fr", 3, 3600}}, 4602));  // refused, and prunes all the same
    CHECK(db.countLimitRows().quotaEvents == 3);
    CHECK_FALSE(db.takeQuota({{"mail-to:v@b.fr", 3, 3600}}, 4603));  // the limit still holds

    // Links go kSpentTokenRetentionSeconds after they expire, used or not.
    db.insertToken({"fresh1", "reset", owner, 2000 + kSpentTokenRetentionSeconds - 1, 9'000'000, 0});
    CHECK(db.countLimitRows().tokens == 301);
    for (int i = 2; i <= 4; ++i)
        db.insertToken({"fresh" + std::to_string(i), "reset", owner, 2000 + kSpentTokenRetentionSeconds, 9'000'000, 0});
    CHECK(db.countLimitRows().tokens == 4);
    CHECK_FALSE(db.findToken("old0").has_value());
    CHECK(db.findToken("fresh1").has_value());
}

// ---- Limits that hold under concurrency (issue 9): one atomic step each.

TEST_CASE_TEMPLATE("storage contract: log-in attempts, 50 threads on one key: exactly 5 recorded, then locked", B,
                   ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    const LoginLimit limit{5, 900, 900};
    std::atomic<int> admitted{0}, locked{0};
    onThreads(50, [&](int) {
        (db.beginLoginAttempt({"ip:1.2.3.4", "email:a@b.fr"}, 1000, limit) == 0 ? admitted : locked)++;
    });
    CHECK(admitted == 5);
    CHECK(locked == 45);
    CHECK(db.countLoginFailuresSince("email:a@b.fr", 0) == 5);
    CHECK(db.countLoginFailuresSince("ip:1.2.3.4", 0) == 5);
    CHECK(db.beginLoginAttempt({"email:a@b.fr"}, 1010, limit) == 890);
    // Another key is free; a lock over one key refuses the pair and records nothing.
    CHECK(db.beginLoginAttempt({"email:other@b.fr", "ip:1.2.3.4"}, 1010, limit) == 890);
    CHECK(db.countLoginFailuresSince("email:other@b.fr", 0) == 0);
    // A success gives its slot back.
    db.releaseLoginAttempt("ip:1.2.3.4", 1000);
    CHECK(db.countLoginFailuresSince("ip:1.2.3.4", 0) == 4);
    db.releaseLoginAttempt("ip:unknown", 1000);  // nothing to give back: no effect
    // The lock ends lockSeconds after the latest failure.
    CHECK(db.beginLoginAttempt({"email:a@b.fr"}, 1900, limit) == 0);
}

TEST_CASE_TEMPLATE("storage contract: quotas, 50 threads: exactly the limit per key, in a sliding window", B,
                   ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    std::atomic<int> taken{0};
    onThreads(50, [&](int i) {
        const std::vector<QuotaRule> rules{{"mail-to:v@b.fr", 3, 3600},
                                           {"mail-client:" + std::to_string(i % 2), 100, 3600}};
        if (db.takeQuota(rules, 1000)) ++taken;
    });
    CHECK(taken == 3);
    // A refused take records nothing under the other keys.
    CHECK_FALSE(db.takeQuota({{"mail-client:x", 1, 3600}, {"mail-to:v@b.fr", 3, 3600}}, 1000));
    CHECK(db.takeQuota({{"mail-client:x", 1, 3600}}, 1000));
    CHECK_FALSE(db.takeQuota({{"mail-client:zero", 0, 3600}}, 1000));  // max 0: never
    // The window slides: an hour later there is room again.
    CHECK_FALSE(db.takeQuota({{"mail-to:v@b.fr", 3, 3600}}, 4599));
    CHECK(db.takeQuota({{"mail-to:v@b.fr", 3, 3600}}, 4600));
}

TEST_CASE_TEMPLATE("storage contract: a one-time token is consumed once among 20 threads", B, ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    const int64_t owner = db.insertUser(user("t@b.fr"));
    db.insertToken({"abc", "reset", owner, 1, 100, 0});
    std::atomic<int> consumed{0};
    onThreads(20, [&](int) {
        if (db.consumeToken("abc", 5)) ++consumed;
    });
    CHECK(consumed == 1);
    CHECK(db.findToken("abc")->usedAt == 5);
    CHECK_FALSE(db.consumeToken("abc", 6));
    CHECK_FALSE(db.consumeToken("nope", 5));
}

TEST_CASE_TEMPLATE("storage contract: THE RULE OF ONE per Numéro Unique, 10 accounts racing: one wins", B,
                   ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    const int64_t a = db.insertUser(user("a@b.fr")), other = db.insertUser(user("b@b.fr"));
    const int64_t first = db.insertApplication(application(a, 1, "1110920621114ACLOG"));
    CHECK(first > 0);
    CHECK(db.insertApplication(application(other, 2, "1110920621114ACLOG")) == 0);
    std::vector<int64_t> users;
    for (int i = 0; i < 10; ++i) users.push_back(db.insertUser(user("u" + std::to_string(i) + "@b.fr")));
    std::atomic<int> inserted{0};
    onThreads(10, [&](int i) {
        if (db.insertApplication(application(users[static_cast<size_t>(i)], 3, "111092062111400099")) > 0) ++inserted;
    });
    CHECK(inserted == 1);
    // Once the first ends, another account's may begin; re-activating the first is refused.
    ApplicationRecord ended = *db.findApplication(first);
    ended.active = false;
    ended.stage = "cancelled";
    db.updateApplication(ended);
    CHECK(db.insertApplication(application(other, 2, "1110920621114ACLOG")) > 0);
    ended.active = true;
    ended.stage = "submitted";
    CHECK(constraintError([&] { db.updateApplication(ended); }));
}

// ---- "Mes données" (issue 14 part 3, migration 0007)

TEST_CASE_TEMPLATE("storage contract: consent log, log-in history (newest 20 kept), archived applications", B,
                   ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    const int64_t anne = db.insertUser(user("anne@example.fr"));
    const int64_t jules = db.insertUser(user("jules@example.fr"));
    db.insertConsentChange({0, anne, 2, 100});
    db.insertConsentChange({0, jules, 1, 150});
    db.insertConsentChange({0, anne, 3, 200});
    const auto changes = db.listConsentChanges(anne);
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].choice == 2);  // oldest first
    CHECK(changes[1].choice == 3);
    CHECK(changes[1].at == 200);
    CHECK(db.listConsentChanges(jules).size() == 1);
    CHECK(constraintError([&] { db.insertConsentChange({0, anne, 4, 300}); }));  // CHECK 1..3
    CHECK(constraintError([&] { db.insertConsentChange({0, 9999, 1, 300}); }));  // FOREIGN KEY

    for (int i = 1; i <= kLoginHistoryRows + 5; ++i)
        db.insertLogin({0, anne, 1000 + i, "Firefox " + std::to_string(i)});
    db.insertLogin({0, jules, 5000, "Safari"});
    const auto logins = db.listLogins(anne);
    REQUIRE(logins.size() == static_cast<size_t>(kLoginHistoryRows));
    CHECK(logins.front().at == 1000 + kLoginHistoryRows + 5);  // newest first
    CHECK(logins.front().userAgent == "Firefox 25");
    CHECK(logins.back().at == 1006);
    REQUIRE(db.listLogins(jules).size() == 1);
    CHECK(db.listLogins(jules)[0].userAgent == "Safari");
    CHECK(constraintError([&] { db.insertLogin({0, 9999, 1, "x"}); }));  // FOREIGN KEY

    ArchivedApplicationRecord kept;
    kept.offerId = 42;
    kept.stage = "cancelled";
    kept.rank = 2;
    kept.appliedAt = 10;
    kept.endedAt = 20;
    kept.archivedAt = 30;
    kept.events = nlohmann::json::array({{{"event", "cancel"}, {"at", 20}}});
    const int64_t id = db.insertArchivedApplication(kept);
    CHECK(id > 0);
    const auto archived = db.listArchivedApplications(42);
    REQUIRE(archived.size() == 1);
    CHECK(archived[0].id == id);
    CHECK(archived[0].rank == 2);
    CHECK(archived[0].events[0]["event"] == "cancel");
    CHECK(db.listArchivedApplications(43).empty());
    kept.rank = 4;
    CHECK(constraintError([&] { db.insertArchivedApplication(kept); }));  // CHECK 0..3
}

TEST_CASE_TEMPLATE("storage contract: deleteUserData removes every row of that person and nobody else's", B,
                   ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    struct Person {
        std::string email, nu;
        int64_t id = 0;
    };
    Person people[2] = {{"anne@example.fr", "1110920621114ACLOG"}, {"jules@example.fr", "1110720020439G1175"}};
    for (Person& p : people) {
        p.id = db.insertUser(user(p.email));
        db.insertToken({"tok-" + p.email, "activation", p.id, 1, 2, 0});
        db.insertSession({"ses-" + p.email, p.id, 1, 1});
        db.insertRequestFile(file(p.id, p.nu));
        VerificationCodeRecord c = code(p.id, "import", 5);
        c.numeroUnique = p.nu;
        db.insertVerificationCode(c);
        CHECK(db.insertApplication(application(p.id, 10, p.nu)) > 0);
        db.insertConsentChange({0, p.id, 2, 7});
        db.insertLogin({0, p.id, 8, "Firefox"});
        MailRecord m;
        m.to = p.email;
        m.subject = "Bienvenue";
        m.createdAt = 9;
        db.insertMail(m);
        db.recordLoginFailure("email:" + p.email, 10);
        CHECK(db.takeQuota({{"mail-to:" + p.email, 1, 3600}}, 10));
    }
    db.transaction([&] { db.deleteUserData(people[0].id, {people[0].email}); });

    const Person& gone = people[0];
    CHECK_FALSE(db.findUserById(gone.id));
    CHECK_FALSE(db.findUserByEmail(gone.email));
    CHECK_FALSE(db.findToken("tok-" + gone.email));
    CHECK_FALSE(db.findSession("ses-" + gone.email));
    CHECK_FALSE(db.findRequestFileOfUser(gone.id));
    CHECK_FALSE(db.findRequestFileByNumero(gone.nu));
    CHECK_FALSE(db.latestVerificationCode(gone.id, "import"));
    ApplicationQuery mine;
    mine.userId = gone.id;
    CHECK(db.listApplications(mine).empty());
    CHECK(db.listConsentChanges(gone.id).empty());
    CHECK(db.listLogins(gone.id).empty());
    CHECK(db.listMailTo(gone.email).empty());
    CHECK(db.countLoginFailuresSince("email:" + gone.email, 0) == 0);
    CHECK(db.takeQuota({{"mail-to:" + gone.email, 1, 3600}}, 11));  // its quota row went too

    const Person& kept = people[1];  // untouched
    CHECK(db.findUserById(kept.id));
    CHECK(db.findToken("tok-" + kept.email));
    CHECK(db.findSession("ses-" + kept.email));
    CHECK(db.findRequestFileOfUser(kept.id));
    CHECK(db.latestVerificationCode(kept.id, "import"));
    CHECK(db.findActiveApplicationOfUser(kept.id));
    CHECK(db.listConsentChanges(kept.id).size() == 1);
    CHECK(db.listLogins(kept.id).size() == 1);
    CHECK(db.listMailTo(kept.email).size() == 1);
    CHECK(db.countLoginFailuresSince("email:" + kept.email, 0) == 1);
    CHECK_FALSE(db.takeQuota({{"mail-to:" + kept.email, 1, 3600}}, 11));

    // The e-mail and the Numéro Unique are free again.
    const int64_t again = db.insertUser(user(gone.email));
    CHECK(again > 0);
    CHECK(db.insertRequestFile(file(again, gone.nu)) > 0);
}
