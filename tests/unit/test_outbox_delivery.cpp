// E-mail sent once, through the outbox (issue 13 item 4; app/outbox_delivery.h):
// the storage's claims, leases and marks (a contract case for every storage),
// and the drainer over each storage with a counting sender and a manual clock:
// several drainers on one database (threads; SQLite and PostgreSQL through
// separate connections, as separate servers) send every mail exactly once; a
// claim whose worker died is sent again after its lease with the same
// Message-ID; a failing mail server leaves rows pending, retried with a
// doubling backoff, then given up after the bounded number of attempts.
#include <doctest/doctest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "app/clock.h"
#include "app/mail.h"
#include "app/outbox_delivery.h"
#include "support/storage_backends.h"

using namespace alin;

namespace {

constexpr int64_t kNow = 1'800'000'000;

MailRecord queued(const std::string& to, int64_t at) {
    MailRecord m;
    m.to = to;
    m.subject = "Objet";
    m.body = "Corps du message";
    m.links = nlohmann::json::array({{{"label", "Lien"}, {"url", "http://alin.test/#/x"}}});
    m.createdAt = at;
    m.delivery = "pending";
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

// Records every delivery by outbox id with its Message-ID; fails on demand.
class CountingSender final : public MailSender {
public:
    bool deliver(const MailRecord& mail, const std::string& messageId) override {
        std::lock_guard lock(mutex);
        deliveries[mail.id].push_back(messageId);
        return !failing;
    }
    size_t total() {
        std::lock_guard lock(mutex);
        size_t n = 0;
        for (const auto& [id, ids] : deliveries) n += ids.size();
        return n;
    }
    std::mutex mutex;
    std::map<int64_t, std::vector<std::string>> deliveries;
    std::atomic<bool> failing{false};
};

MailRecord only(Storage& db, const std::string& to) {
    const auto rows = db.listMailTo(to);
    REQUIRE(rows.size() == 1);
    return rows[0];
}

}  // namespace

TEST_CASE_TEMPLATE("storage contract: outbox delivery, claims with a lease, marks, only queued rows", B,
                   ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    MailRecord devOnly = queued("dev@example.fr", kNow);
    devOnly.delivery = "none";  // no SMTP configured: the development mailbox only
    db.insertMail(devOnly);
    const int64_t a = db.insertMail(queued("a@example.fr", kNow));
    MailRecord later = queued("c@example.fr", kNow);
    later.dueAt = kNow + 10;
    const int64_t c = db.insertMail(later);
    CHECK(only(db, "a@example.fr").delivery == "pending");
    CHECK(only(db, "a@example.fr").dueAt == kNow);  // due at its creation

    auto claimed = db.claimMails(kNow, 60, 10);
    REQUIRE(claimed.size() == 1);
    CHECK(claimed[0].id == a);
    CHECK(claimed[0].attempts == 1);
    CHECK(claimed[0].dueAt == kNow + 60);
    CHECK(claimed[0].subject == "Objet");
    CHECK(claimed[0].links[0]["label"] == "Lien");
    // a is leased until kNow + 60; c is due from kNow + 10.
    claimed = db.claimMails(kNow + 30, 60, 10);
    REQUIRE(claimed.size() == 1);
    CHECK(claimed[0].id == c);
    db.markMailSent(c, kNow + 31);
    CHECK(only(db, "c@example.fr").delivery == "sent");
    CHECK(only(db, "c@example.fr").sentAt == kNow + 31);
    CHECK(db.claimMails(kNow + 59, 60, 10).empty());

    // a's lease ends unmarked (its worker died): claimed again, attempt 2.
    claimed = db.claimMails(kNow + 60, 60, 10);
    REQUIRE(claimed.size() == 1);
    CHECK(claimed[0].id == a);
    CHECK(claimed[0].attempts == 2);
    db.markMailFailed(a, 1, kNow + 61, false);  // the dead worker's attempt: ignored
    CHECK(db.claimMails(kNow + 61, 60, 10).empty());
    db.markMailFailed(a, 2, kNow + 500, false);  // retried at kNow + 500
    CHECK(only(db, "a@example.fr").delivery == "pending");
    CHECK(db.claimMails(kNow + 499, 60, 10).empty());
    claimed = db.claimMails(kNow + 500, 60, 10);
    REQUIRE(claimed.size() == 1);
    CHECK(claimed[0].attempts == 3);
    db.markMailFailed(a, 3, kNow + 500, true);  // given up
    CHECK(only(db, "a@example.fr").delivery == "failed");
    db.markMailSent(a, kNow + 501);  // a late worker cannot revive it
    CHECK(only(db, "a@example.fr").delivery == "failed");
    CHECK(db.claimMails(kNow + 1'000'000, 60, 10).empty());

    // Oldest first, `limit` at most; the development rows are never claimed.
    std::vector<int64_t> ids;
    for (int i = 0; i < 5; ++i) ids.push_back(db.insertMail(queued("n" + std::to_string(i) + "@example.fr", kNow)));
    claimed = db.claimMails(kNow + 1'000'000, 60, 2);
    REQUIRE(claimed.size() == 2);
    CHECK(claimed[0].id == ids[0]);
    CHECK(claimed[1].id == ids[1]);
    CHECK(db.claimMails(kNow + 1'000'000, 60, 10).size() == 3);
    CHECK(only(db, "dev@example.fr").delivery == "none");
    CHECK(only(db, "dev@example.fr").attempts == 0);

    MailRecord bad = queued("x@example.fr", kNow);
    bad.delivery = "lost";
    CHECK(constraintError([&] { db.insertMail(bad); }));  // CHECK delivery IN (...)
}

TEST_CASE_TEMPLATE("outbox delivery: four drainers on one database send every mail exactly once", B, ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    // A second handle on the same database, as a second server has (memory: the same object).
    std::unique_ptr<Storage> other = b.second();
    Storage& db2 = other ? *other : db;
    constexpr int kMails = 150;
    std::set<int64_t> ids;
    for (int i = 0; i < kMails; ++i) ids.insert(db.insertMail(queued("m" + std::to_string(i) + "@example.fr", kNow)));

    ManualClock clock(kNow);  // frozen: no lease ends during the test
    CountingSender sender;
    DeliveryPolicy policy;
    policy.batch = 7;
    std::vector<std::thread> drainers;
    for (int d = 0; d < 4; ++d)
        drainers.emplace_back([&, d] {
            OutboxDrainer drainer(d % 2 == 0 ? db : db2, clock, sender, policy, "example.fr");
            while (drainer.drainOnce().claimed > 0) {
            }
        });
    for (auto& t : drainers) t.join();

    CHECK(sender.total() == static_cast<size_t>(kMails));
    CHECK(sender.deliveries.size() == static_cast<size_t>(kMails));
    for (const auto& [id, messageIds] : sender.deliveries) {
        CHECK_MESSAGE(messageIds.size() == 1, "mail " << id << " sent " << messageIds.size() << " times");
        CHECK(ids.count(id) == 1);
    }
    for (int i = 0; i < kMails; ++i) CHECK(only(db, "m" + std::to_string(i) + "@example.fr").delivery == "sent");
}

TEST_CASE_TEMPLATE("outbox delivery: a claim whose worker died is sent after its lease, with the same Message-ID", B,
                   ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    ManualClock clock(kNow);
    CountingSender sender;
    DeliveryPolicy policy;
    policy.leaseSeconds = 60;
    OutboxDrainer drainer(db, clock, sender, policy, "example.fr");
    const int64_t id = db.insertMail(queued("anne@example.fr", kNow));
    const int64_t other = db.insertMail(queued("jules@example.fr", kNow));

    // The worker that dies: it claims (and may even have sent), then never marks.
    const auto lost = db.claimMails(clock.now(), policy.leaseSeconds, 1);
    REQUIRE(lost.size() == 1);
    REQUIRE(lost[0].id == id);
    const std::string firstMessageId = outboxMessageId(lost[0], "example.fr");

    DrainReport r = drainer.drainOnce();  // the other row only: this one is leased
    CHECK(r.sent == 1);
    CHECK(sender.deliveries.count(id) == 0);
    clock.advance(policy.leaseSeconds - 1);
    CHECK(drainer.drainOnce().claimed == 0);
    clock.advance(1);  // the lease ends
    r = drainer.drainOnce();
    CHECK(r.claimed == 1);
    CHECK(r.sent == 1);
    REQUIRE(sender.deliveries[id].size() == 1);
    CHECK(sender.deliveries[id][0] == firstMessageId);  // a resend the recipient's server can recognise
    CHECK(sender.deliveries[other][0] != firstMessageId);
    CHECK(firstMessageId.find("@example.fr") != std::string::npos);
    clock.advance(24 * 3600);
    CHECK(drainer.drainOnce().claimed == 0);  // sent: never again
    CHECK(only(db, "anne@example.fr").delivery == "sent");
}

TEST_CASE_TEMPLATE("outbox delivery: a failing mail server leaves rows pending, retried with backoff, then given up", B,
                   ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    ManualClock clock(kNow);
    CountingSender sender;
    DeliveryPolicy policy;
    policy.firstRetrySeconds = 60;
    policy.maxRetrySeconds = 240;
    policy.maxAttempts = 5;
    OutboxDrainer drainer(db, clock, sender, policy, "example.fr");
    CHECK(drainer.retryDelay(1) == 60);
    CHECK(drainer.retryDelay(2) == 120);
    CHECK(drainer.retryDelay(3) == 240);
    CHECK(drainer.retryDelay(4) == 240);  // capped

    const int64_t id = db.insertMail(queued("anne@example.fr", kNow));
    sender.failing = true;
    DrainReport r = drainer.drainOnce();
    CHECK(r.failed == 1);
    MailRecord row = only(db, "anne@example.fr");
    CHECK(row.delivery == "pending");
    CHECK(row.attempts == 1);
    CHECK(row.dueAt == kNow + 60);
    for (int attempt = 2; attempt <= 4; ++attempt) {
        clock.advance(drainer.retryDelay(attempt - 1) - 1);
        CHECK(drainer.drainOnce().claimed == 0);  // not before its backoff
        clock.advance(1);
        r = drainer.drainOnce();
        CHECK(r.failed == 1);
        CHECK(only(db, "anne@example.fr").attempts == attempt);
    }
    clock.advance(drainer.retryDelay(4));
    r = drainer.drainOnce();  // the 5th attempt fails: given up
    CHECK(r.abandoned == 1);
    CHECK(only(db, "anne@example.fr").delivery == "failed");
    clock.advance(7 * 24 * 3600);
    CHECK(drainer.drainOnce().claimed == 0);
    REQUIRE(sender.deliveries[id].size() == 5);
    for (const std::string& m : sender.deliveries[id]) CHECK(m == sender.deliveries[id][0]);  // one Message-ID

    // The server comes back: a mail that failed once is sent at its retry, once.
    const int64_t second = db.insertMail(queued("jules@example.fr", clock.now()));
    CHECK(drainer.drainOnce().failed == 1);
    sender.failing = false;
    clock.advance(60);
    CHECK(drainer.drainOnce().sent == 1);
    CHECK(only(db, "jules@example.fr").delivery == "sent");
    CHECK(sender.deliveries[second].size() == 2);  // the failed try, then the delivery
    clock.advance(3600);
    CHECK(drainer.drainOnce().claimed == 0);
}

TEST_CASE("outbox delivery: OutboxTransport queues for the drainer only when delivery is configured") {
    MemoryStorage db;
    int woken = 0;
    OutboxTransport devOnly(db);
    OutboxTransport queueing(db, true, [&] { ++woken; });
    MailRecord m = queued("anne@example.fr", kNow);
    m.delivery = "sent";  // whatever the caller says
    devOnly.send(m);
    CHECK(only(db, "anne@example.fr").delivery == "none");
    m.to = "jules@example.fr";
    queueing.send(m);
    CHECK(only(db, "jules@example.fr").delivery == "pending");
    CHECK(woken == 1);
}
