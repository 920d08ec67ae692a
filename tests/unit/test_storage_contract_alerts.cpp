// The storage contract of "Mes alertes" (migration 0010), on every storage
// (tests/support/storage_backends.h): alerts, their CHECK constraints, the
// (alert, offer) key of the notifications and the outbox's dedupe key, each
// taken by exactly one of 20 racing threads.
#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "support/storage_backends.h"

using namespace alin;

namespace {

UserRecord applicant(const std::string& email) {
    UserRecord u;
    u.email = email;
    u.birthName = "PORTE";
    u.firstName = "Anne";
    u.role = domain::Role::Applicant;
    u.createdAt = u.consentAt = 1'700'000'000;
    return u;
}

AlertRecord alertOf(int64_t userId) {
    AlertRecord a;
    a.userId = userId;
    a.filters = {{"tabs", {"requested"}}, {"rooms", {2, 3}}, {"priceMax", 900}};
    a.createdAt = a.updatedAt = 1'700'000'100;
    return a;
}

template <class Fn>
void onThreads(int count, Fn fn) {
    std::vector<std::thread> threads;
    for (int i = 0; i < count; ++i) threads.emplace_back([&fn, i] { fn(i); });
    for (auto& t : threads) t.join();
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

TEST_CASE_TEMPLATE("storage contract: alerts are saved, listed, updated and deleted with their notifications", B,
                   ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    const int64_t anne = db.insertUser(applicant("anne@b.fr")), paul = db.insertUser(applicant("paul@b.fr"));
    const int64_t a1 = db.insertAlert(alertOf(anne));
    const int64_t a2 = db.insertAlert(alertOf(anne));
    const int64_t p1 = db.insertAlert(alertOf(paul));
    CHECK(a1 > 0);
    CHECK(a2 > a1);
    REQUIRE(db.findAlert(a1));
    CHECK(db.findAlert(a1)->filters == alertOf(anne).filters);
    CHECK(db.findAlert(a1)->frequency == "immediate");
    CHECK(db.findAlert(a1)->digestHour == 8);
    CHECK_FALSE(db.findAlert(a1)->paused);
    CHECK(db.listAlerts(anne).size() == 2);
    CHECK(db.listAlerts(0).size() == 3);
    CHECK(db.listAlerts(0)[2].id == p1);
    CHECK(db.listAlertsUpdatedSince(1'700'000'100).size() == 3);
    CHECK(db.listAlertsUpdatedSince(1'700'000'101).empty());

    AlertRecord changed = *db.findAlert(a1);
    changed.paused = true;
    changed.frequency = "daily";
    changed.digestHour = 18;
    changed.filters = {{"pmr", true}};
    changed.updatedAt = 1'700'000'200;
    db.updateAlert(changed);
    const AlertRecord back = *db.findAlert(a1);
    CHECK(back.paused);
    CHECK(back.frequency == "daily");
    CHECK(back.digestHour == 18);
    CHECK(back.filters == nlohmann::json{{"pmr", true}});
    CHECK(back.updatedAt == 1'700'000'200);
    REQUIRE(db.listAlertsUpdatedSince(1'700'000'101).size() == 1);
    CHECK(db.listAlertsUpdatedSince(1'700'000'101)[0].id == a1);

    // CHECK constraints and the owner's foreign key.
    AlertRecord bad = alertOf(anne);
    bad.frequency = "weekly";
    CHECK(constraintError([&] { db.insertAlert(bad); }));
    bad = alertOf(anne);
    bad.digestHour = 24;
    CHECK(constraintError([&] { db.insertAlert(bad); }));
    CHECK(constraintError([&] { db.insertAlert(alertOf(999999)); }));

    // Notifications: one per (alert, offer); listed newest first; seen; mailed.
    CHECK(db.insertAlertNotification({a1, 1000001, anne, 10, 0, false}));
    CHECK_FALSE(db.insertAlertNotification({a1, 1000001, anne, 11, 11, false}));
    CHECK(db.insertAlertNotification({a2, 1000001, anne, 12, 12, false}));
    CHECK(db.insertAlertNotification({a1, 1000002, anne, 13, 0, false}));
    CHECK(db.insertAlertNotification({p1, 1000002, paul, 13, 0, false}));
    const auto list = db.listAlertNotifications(anne);
    REQUIRE(list.size() == 3);
    CHECK(list[0].offerId == 1000002);
    CHECK(list[1].alertId == a2);
    CHECK(list[2].createdAt == 10);
    const auto unmailed = db.listUnmailedAlertNotifications(10);
    REQUIRE(unmailed.size() == 3);
    CHECK(unmailed[0].userId == anne);
    CHECK(unmailed[0].offerId == 1000001);
    CHECK(unmailed[2].userId == paul);
    CHECK(db.listUnmailedAlertNotifications(1).size() == 1);
    db.markAlertNotificationMailed(a1, 1000001, 50);
    CHECK(db.listUnmailedAlertNotifications(10).size() == 2);
    db.markAlertNotificationsSeen(anne);
    for (const auto& n : db.listAlertNotifications(anne)) CHECK(n.seen);
    CHECK_FALSE(db.listAlertNotifications(paul)[0].seen);

    db.deleteAlert(a1);
    CHECK_FALSE(db.findAlert(a1));
    CHECK(db.listAlertNotifications(anne).size() == 1);
    // The pair is free again once its alert is gone (a new alert has a new id anyway).
    CHECK(db.listAlerts(anne).size() == 1);

    // deleteUserData takes the alerts and notifications of that person only.
    db.transaction([&] { db.deleteUserData(anne, {"anne@b.fr"}); });
    CHECK(db.listAlerts(anne).empty());
    CHECK(db.listAlertNotifications(anne).empty());
    CHECK(db.listAlerts(paul).size() == 1);
    CHECK(db.listAlertNotifications(paul).size() == 1);
}

TEST_CASE_TEMPLATE("storage contract: one notification and one e-mail per key among 20 racing threads", B,
                   ALIN_BACKENDS) {
    ALIN_BACKEND(b);
    Storage& db = b.db();
    const int64_t anne = db.insertUser(applicant("anne@b.fr"));
    const int64_t alert = db.insertAlert(alertOf(anne));
    std::atomic<int> notified{0}, mailed{0};
    onThreads(20, [&](int i) {
        if (db.insertAlertNotification({alert, 1000001, anne, 100 + i, 100 + i, false})) ++notified;
        MailRecord m;
        m.to = "anne@b.fr";
        m.subject = "Nouvelle offre";
        m.body = "...";
        m.createdAt = 100 + i;
        m.dedupeKey = "alert:" + std::to_string(alert) + ":1000001";
        if (db.insertMail(m) > 0) ++mailed;
    });
    CHECK(notified == 1);
    CHECK(mailed == 1);
    CHECK(db.listMailTo("anne@b.fr").size() == 1);
    // Rows without a key are never deduplicated.
    MailRecord plain;
    plain.to = "anne@b.fr";
    plain.createdAt = 200;
    CHECK(db.insertMail(plain) > 0);
    CHECK(db.insertMail(plain) > 0);
    CHECK(db.listMailTo("anne@b.fr").size() == 3);
}
