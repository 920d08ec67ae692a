// The storage contract of the contact form (issue 14 part 2, migration 0011),
// on every storage (tests/support/storage_backends.h): insertion within the
// quota (atomic, under 30 racing threads), the lists' orders, one answer and
// one closing, the CHECK constraints, deletion with the account.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "support/storage_backends.h"

using namespace alin;

namespace {

UserRecord person(const std::string& email) {
    UserRecord u;
    u.email = email;
    u.birthName = "PORTE";
    u.firstName = "Anne";
    u.phone = "+33604505792";
    u.createdAt = u.consentAt = 1'700'000'000;
    return u;
}

ContactMessageRecord message(int64_t userId, int64_t at, const std::string& subject = "request_file") {
    ContactMessageRecord m;
    m.userId = userId;
    m.subject = subject;
    m.body = "Bonjour, où en est mon dossier ?";
    m.createdAt = at;
    return m;
}

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

TEST_CASE_TEMPLATE("storage contract: contact messages, lists, one answer, one closing, checked codes", B,
                   ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    const int64_t anne = db.insertUser(person("anne@example.fr"));
    const int64_t jules = db.insertUser(person("jules@example.fr"));
    ContactMessageRecord first = message(anne, 1000);
    first.applicationId = 42;
    const int64_t m1 = db.insertContactMessage(first, 5, 86400);
    const int64_t m2 = db.insertContactMessage(message(jules, 900, "other"), 5, 86400);
    const int64_t m3 = db.insertContactMessage(message(anne, 2000, "account"), 5, 86400);
    CHECK(m1 > 0);
    CHECK(m2 > m1);
    CHECK(m3 > m2);

    const auto back = db.findContactMessage(m1);
    REQUIRE(back);
    CHECK(back->userId == anne);
    CHECK(back->subject == "request_file");
    CHECK(back->body == "Bonjour, où en est mon dossier ?");
    CHECK(back->applicationId == 42);
    CHECK(back->status == "waiting");
    CHECK(back->answer.empty());
    CHECK_FALSE(db.findContactMessage(9999));

    const auto mine = db.listContactMessagesOfUser(anne);  // newest first
    REQUIRE(mine.size() == 2);
    CHECK(mine[0].id == m3);
    CHECK(mine[1].id == m1);

    // The inbox: waiting first, oldest first (Jules's at 900 before Anne's at 1000).
    auto open = db.listOpenContactMessages();
    REQUIRE(open.size() == 3);
    CHECK(open[0].id == m2);
    CHECK(open[1].id == m1);
    CHECK(open[2].id == m3);

    // One answer: a second one (another advisor) is refused and changes nothing.
    CHECK(db.answerContactMessage(m2, "Votre dossier est complet.", 7, 3000));
    CHECK_FALSE(db.answerContactMessage(m2, "Autre réponse", 8, 3001));
    CHECK_FALSE(db.answerContactMessage(9999, "x", 7, 3000));
    const auto answered = db.findContactMessage(m2);
    CHECK(answered->status == "answered");
    CHECK(answered->answer == "Votre dossier est complet.");
    CHECK(answered->answeredBy == 7);
    CHECK(answered->answeredAt == 3000);
    open = db.listOpenContactMessages();  // answered ones after the waiting ones
    REQUIRE(open.size() == 3);
    CHECK(open[0].id == m1);
    CHECK(open[1].id == m3);
    CHECK(open[2].id == m2);

    // Closing: once; a closed message leaves the inbox and can no longer be answered.
    CHECK(db.closeContactMessage(m1, 4000));
    CHECK_FALSE(db.closeContactMessage(m1, 4001));
    CHECK_FALSE(db.answerContactMessage(m1, "Trop tard", 7, 4002));
    CHECK(db.findContactMessage(m1)->status == "closed");
    CHECK(db.findContactMessage(m1)->closedAt == 4000);
    open = db.listOpenContactMessages();
    REQUIRE(open.size() == 2);
    CHECK(open[0].id == m3);

    // CHECK and FOREIGN KEY constraints.
    CHECK(constraintError([&] { db.insertContactMessage(message(anne, 5000, "spam"), 5, 86400); }));
    ContactMessageRecord badStatus = message(anne, 5000);
    badStatus.status = "lost";
    CHECK(constraintError([&] { db.insertContactMessage(badStatus, 5, 86400); }));
    CHECK(constraintError([&] { db.insertContactMessage(message(9999, 5000), 5, 86400); }));
    CHECK(db.listContactMessagesOfUser(anne).size() == 2);
}

TEST_CASE_TEMPLATE("storage contract: contact quota, 30 threads of one account: exactly the limit, sliding day", B,
                   ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    const int64_t anne = db.insertUser(person("anne@example.fr"));
    const int64_t jules = db.insertUser(person("jules@example.fr"));
    std::atomic<int> written{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 30; ++i)
        threads.emplace_back([&] {
            if (db.insertContactMessage(message(anne, 10'000), 5, 86400) > 0) ++written;
        });
    for (auto& t : threads) t.join();
    CHECK(written == 5);
    CHECK(db.listContactMessagesOfUser(anne).size() == 5);
    // Another account has its own quota.
    CHECK(db.insertContactMessage(message(jules, 10'000), 5, 86400) > 0);
    // The day slides: still full one second before, room again a day later.
    CHECK(db.insertContactMessage(message(anne, 10'000 + 86399), 5, 86400) == 0);
    CHECK(db.insertContactMessage(message(anne, 10'000 + 86400), 5, 86400) > 0);
}

TEST_CASE_TEMPLATE("storage contract: deleteUserData removes the person's contact messages, nobody else's", B,
                   ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    const int64_t anne = db.insertUser(person("anne@example.fr"));
    const int64_t jules = db.insertUser(person("jules@example.fr"));
    const int64_t gone = db.insertContactMessage(message(anne, 1000), 5, 86400);
    const int64_t kept = db.insertContactMessage(message(jules, 1000), 5, 86400);
    db.transaction([&] { db.deleteUserData(anne, {"anne@example.fr"}); });
    CHECK_FALSE(db.findContactMessage(gone));
    CHECK(db.listContactMessagesOfUser(anne).empty());
    CHECK(db.findContactMessage(kept));
    REQUIRE(db.listOpenContactMessages().size() == 1);
}

TEST_CASE("memory storage: contact messages survive the demo's snapshot") {
    MemoryStorage db;
    const int64_t anne = db.insertUser(person("anne@example.fr"));
    const int64_t id = db.insertContactMessage(message(anne, 1000), 5, 86400);
    CHECK(db.answerContactMessage(id, "Réponse", 3, 2000));
    MemoryStorage copy;
    copy.restore(db.snapshot());
    const auto back = copy.findContactMessage(id);
    REQUIRE(back);
    CHECK(back->answer == "Réponse");
    CHECK(back->status == "answered");
    CHECK(copy.insertContactMessage(message(anne, 1001), 5, 86400) > id);  // ids go on
}
