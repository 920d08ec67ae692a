// In-memory storage of the offline demo: transactions and JSON persistence.
#include <doctest/doctest.h>

#include <stdexcept>

#include "storage/memory_storage.h"

using namespace alin;

namespace {

UserRecord makeUser(const std::string& email) {
    UserRecord u;
    u.email = email;
    u.birthName = "Dupont";
    u.firstName = "Jean";
    u.phone = "+33604505792";
    u.createdAt = 100;
    u.consentAt = 100;
    return u;
}

OneTimeTokenRecord makeToken(const std::string& hash, int64_t userId, const std::string& purpose) {
    OneTimeTokenRecord t;
    t.tokenHash = hash;
    t.userId = userId;
    t.purpose = purpose;
    t.createdAt = 100;
    t.expiresAt = 200;
    return t;
}

}  // namespace

TEST_CASE("memory storage: users get increasing ids and unique e-mails") {
    MemoryStorage s;
    const int64_t a = s.insertUser(makeUser("a@exemple.fr"));
    const int64_t b = s.insertUser(makeUser("b@exemple.fr"));
    CHECK(a == 1);
    CHECK(b == 2);
    CHECK_THROWS(s.insertUser(makeUser("a@exemple.fr")));
    REQUIRE(s.findUserByEmail("b@exemple.fr"));
    CHECK(s.findUserByEmail("b@exemple.fr")->id == b);
    CHECK_FALSE(s.findUserByEmail("c@exemple.fr"));
    UserRecord u = *s.findUserById(a);
    u.active = true;
    u.passwordHash = "$argon2id$x";
    s.updateUser(u);
    CHECK(s.findUserById(a)->active);
    CHECK(s.findUserById(a)->passwordHash == "$argon2id$x");
    CHECK_FALSE(s.findUserById(99));
}

TEST_CASE("memory storage: a throwing transaction leaves no trace") {
    MemoryStorage s;
    s.insertUser(makeUser("avant@exemple.fr"));
    CHECK_THROWS_AS(s.transaction([&] {
        s.insertUser(makeUser("pendant@exemple.fr"));
        s.insertToken(makeToken("h1", 1, "activation"));
        s.recordLoginFailure("ip:1.2.3.4", 10);
        MailRecord m;
        m.to = "avant@exemple.fr";
        s.insertMail(m);
        UserRecord u = *s.findUserById(1);
        u.active = true;
        s.updateUser(u);
        throw std::runtime_error("échec au milieu");
    }),
                    std::runtime_error);
    CHECK_FALSE(s.findUserByEmail("pendant@exemple.fr"));
    CHECK_FALSE(s.findToken("h1"));
    CHECK(s.countLoginFailuresSince("ip:1.2.3.4", 0) == 0);
    CHECK(s.listMailTo("avant@exemple.fr").empty());
    CHECK_FALSE(s.findUserById(1)->active);
    // The id counter rolled back too.
    CHECK(s.insertUser(makeUser("apres@exemple.fr")) == 2);

    s.transaction([&] { s.insertUser(makeUser("commit@exemple.fr")); });
    CHECK(s.findUserByEmail("commit@exemple.fr"));
}

TEST_CASE("memory storage: nested transactions roll back to their own start") {
    MemoryStorage s;
    s.transaction([&] {
        s.insertUser(makeUser("externe@exemple.fr"));
        CHECK_THROWS(s.transaction([&] {
            s.insertUser(makeUser("interne@exemple.fr"));
            throw std::runtime_error("interne");
        }));
    });
    CHECK(s.findUserByEmail("externe@exemple.fr"));
    CHECK_FALSE(s.findUserByEmail("interne@exemple.fr"));
}

TEST_CASE("memory storage: tokens are marked used once, revocation is per user and purpose") {
    MemoryStorage s;
    s.insertUser(makeUser("un@exemple.fr"));    // id 1 (tokens reference a user)
    s.insertUser(makeUser("deux@exemple.fr"));  // id 2
    s.insertToken(makeToken("a", 1, "activation"));
    s.insertToken(makeToken("b", 1, "activation"));
    s.insertToken(makeToken("c", 1, "reset"));
    s.insertToken(makeToken("d", 2, "activation"));
    CHECK_THROWS(s.insertToken(makeToken("a", 3, "reset")));
    s.markTokenUsed("a", 150);
    s.markTokenUsed("a", 160);  // the first use stays
    CHECK(s.findToken("a")->usedAt == 150);
    s.revokeTokens(1, "activation", 170);
    CHECK(s.findToken("a")->usedAt == 150);
    CHECK(s.findToken("b")->usedAt == 170);
    CHECK(s.findToken("c")->usedAt == 0);
    CHECK(s.findToken("d")->usedAt == 0);
}

TEST_CASE("memory storage: sessions") {
    MemoryStorage s;
    s.insertUser(makeUser("un@exemple.fr"));    // id 1 (sessions reference a user)
    s.insertUser(makeUser("deux@exemple.fr"));  // id 2
    s.insertSession({"s1", 1, 10, 10});
    s.insertSession({"s2", 1, 10, 10});
    s.insertSession({"s3", 2, 10, 10});
    s.touchSession("s1", 50);
    CHECK(s.findSession("s1")->lastSeenAt == 50);
    CHECK(s.findSession("s1")->createdAt == 10);
    s.deleteSession("s3");
    CHECK_FALSE(s.findSession("s3"));
    s.deleteSessionsOfUser(1);
    CHECK_FALSE(s.findSession("s1"));
    CHECK_FALSE(s.findSession("s2"));
}

TEST_CASE("memory storage: login failures are counted per key since a time") {
    MemoryStorage s;
    CHECK(s.latestLoginFailure("email:a@b.fr") == 0);
    s.recordLoginFailure("email:a@b.fr", 100);
    s.recordLoginFailure("email:a@b.fr", 200);
    s.recordLoginFailure("email:a@b.fr", 300);
    s.recordLoginFailure("ip:1.2.3.4", 300);
    CHECK(s.countLoginFailuresSince("email:a@b.fr", 0) == 3);
    CHECK(s.countLoginFailuresSince("email:a@b.fr", 200) == 2);
    CHECK(s.countLoginFailuresSince("email:a@b.fr", 301) == 0);
    CHECK(s.latestLoginFailure("email:a@b.fr") == 300);
    s.clearLoginFailures("email:a@b.fr");
    CHECK(s.countLoginFailuresSince("email:a@b.fr", 0) == 0);
    CHECK(s.countLoginFailuresSince("ip:1.2.3.4", 0) == 1);
}

TEST_CASE("memory storage: the outbox lists one recipient's mail, newest first") {
    MemoryStorage s;
    for (int i = 0; i < 3; ++i) {
        MailRecord m;
        m.to = i == 1 ? "autre@exemple.fr" : "moi@exemple.fr";
        m.subject = "n" + std::to_string(i);
        m.createdAt = 10 + i;
        s.insertMail(m);
    }
    const auto mine = s.listMailTo("moi@exemple.fr");
    REQUIRE(mine.size() == 2);
    CHECK(mine[0].subject == "n2");
    CHECK(mine[1].subject == "n0");
    CHECK(mine[0].id > mine[1].id);
}

TEST_CASE("memory storage: snapshot and restore round-trip the whole state") {
    MemoryStorage s;
    UserRecord u = makeUser("jean@exemple.fr");
    u.active = true;
    u.passwordHash = "$argon2id$v=19$m=8,t=1,p=1$abc$def";
    u.role = domain::Role::Applicant;
    const int64_t id = s.insertUser(u);
    s.insertUser(makeUser("marie@exemple.fr"));
    s.insertToken(makeToken("tok", id, "reset"));
    s.markTokenUsed("tok", 150);
    s.insertSession({"sess", id, 100, 120});
    s.recordLoginFailure("email:jean@exemple.fr", 130);
    s.recordLoginFailure("ip:10.0.0.1", 131);
    MailRecord m;
    m.to = "jean@exemple.fr";
    m.subject = "Action Logement Services – Demande d'accès";
    m.body = "Madame, Monsieur,\n…";
    m.links = nlohmann::json::array({{{"label", "Cliquez ici"}, {"url", "http://x/#/activation/1"}}});
    m.codes = nlohmann::json::array({"A1B2C3"});
    m.createdAt = 140;
    s.insertMail(m);

    const nlohmann::json snap = s.snapshot();
    // Through text, as the browser stores it.
    const nlohmann::json reparsed = nlohmann::json::parse(snap.dump());

    MemoryStorage copy;
    copy.restore(reparsed);
    CHECK(copy.snapshot() == snap);
    const auto restored = copy.findUserByEmail("jean@exemple.fr");
    REQUIRE(restored);
    CHECK(restored->passwordHash == u.passwordHash);
    CHECK(restored->active);
    CHECK(copy.findToken("tok")->usedAt == 150);
    CHECK(copy.findSession("sess")->lastSeenAt == 120);
    CHECK(copy.countLoginFailuresSince("ip:10.0.0.1", 0) == 1);
    const auto mails = copy.listMailTo("jean@exemple.fr");
    REQUIRE(mails.size() == 1);
    CHECK(mails[0].subject == m.subject);
    CHECK(mails[0].links == m.links);
    CHECK(mails[0].codes == m.codes);
    // Counters continue after the restored ids.
    CHECK(copy.insertUser(makeUser("nouveau@exemple.fr")) == 3);
    MailRecord next;
    next.to = "x@exemple.fr";
    CHECK(copy.insertMail(next) == 2);
}

TEST_CASE("memory storage: restore never throws on damaged data") {
    MemoryStorage s;
    s.insertUser(makeUser("jean@exemple.fr"));

    s.restore(nlohmann::json());  // null
    CHECK_FALSE(s.findUserByEmail("jean@exemple.fr"));

    s.restore(nlohmann::json::array({1, 2}));
    CHECK(s.snapshot()["users"].empty());

    s.restore({{"version", 99}, {"users", nlohmann::json::array({{{"id", 1}, {"email", "a@b.fr"}}})}});
    CHECK_FALSE(s.findUserByEmail("a@b.fr"));  // unknown version: start afresh

    const auto damaged = nlohmann::json::parse(R"({
        "version": 1, "nextUserId": "beaucoup",
        "users": [ {"id": 4, "email": "ok@b.fr", "active": "oui", "createdAt": "hier"},
                   {"id": "x", "email": "ko@b.fr"}, 12, {"id": 5, "email": "ok@b.fr"} ],
        "tokens": [ {"tokenHash": 3}, {"tokenHash": "t", "usedAt": 1.5} ],
        "sessions": "none",
        "loginFailures": { "ip:x": [1, "2", 3], "ip:y": 4 },
        "mails": [ {"id": 2, "to": "ok@b.fr", "links": "pas un tableau"} ]
    })");
    CHECK_NOTHROW(s.restore(damaged));
    const auto ok = s.findUserByEmail("ok@b.fr");
    REQUIRE(ok);
    CHECK(ok->id == 4);
    CHECK_FALSE(ok->active);
    CHECK(ok->createdAt == 0);
    CHECK_FALSE(s.findUserByEmail("ko@b.fr"));
    CHECK(s.findToken("t"));
    CHECK(s.countLoginFailuresSince("ip:x", 0) == 2);
    REQUIRE(s.listMailTo("ok@b.fr").size() == 1);
    CHECK(s.listMailTo("ok@b.fr")[0].links.is_array());
    CHECK(s.insertUser(makeUser("suivant@b.fr")) == 5);
}

// The offline demo keeps the declared resources and housing aid (issue 12 item
// 7b) across reloads; snapshots saved before them read as "not declared".
TEST_CASE("memory storage: the declared resources and housing aid survive a snapshot") {
    MemoryStorage s;
    const int64_t id = s.insertUser(makeUser("jean@exemple.fr"));
    RequestFileRecord f;
    f.userId = id;
    f.numeroUnique = "1110920621114ACLOG";
    f.monthlyResourcesCents = 150'000;
    f.monthlyHousingAidCents = 25'000;
    f.resourcesDeclaredAt = 1234;
    s.insertRequestFile(f);
    nlohmann::json snap = nlohmann::json::parse(s.snapshot().dump());
    MemoryStorage copy;
    copy.restore(snap);
    const auto back = copy.findRequestFileOfUser(id);
    REQUIRE(back);
    CHECK(back->monthlyResourcesCents == 150'000);
    CHECK(back->monthlyHousingAidCents == 25'000);
    CHECK(back->resourcesDeclaredAt == 1234);

    for (auto& file : snap["requestFiles"]) {
        file.erase("monthlyResourcesCents");
        file["monthlyHousingAidCents"] = kMaxDeclaredHousingAidCents + 1;  // damaged: out of bounds
    }
    copy.restore(snap);
    CHECK(copy.findRequestFileOfUser(id)->monthlyResourcesCents == -1);
    CHECK(copy.findRequestFileOfUser(id)->monthlyHousingAidCents == -1);
}
