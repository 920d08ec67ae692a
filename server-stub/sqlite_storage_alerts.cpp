// SqliteStorage: "Mes alertes" (migration 0010). The (alert_id, offer_id)
// primary key of alert_notifications makes insertAlertNotification one atomic
// step (INSERT ... ON CONFLICT DO NOTHING, then the changes count).
#include "sql_rows.h"
#include "sqlite_internal.h"
#include "sqlite_storage.h"

namespace alin::server {

int64_t SqliteStorage::insertAlert(const AlertRecord& a) {
    std::lock_guard lock(mutex_);
    prepare(
        "INSERT INTO alerts (user_id, filters, frequency, digest_hour, paused, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, a.userId)
        .bind(2, jsonText(a.filters.is_object() ? a.filters : nlohmann::json::object()))
        .bind(3, a.frequency)
        .bind(4, a.digestHour)
        .bind(5, a.paused)
        .bind(6, a.createdAt)
        .bind(7, a.updatedAt)
        .run();
    return sqlite3_last_insert_rowid(db_);
}

std::optional<AlertRecord> SqliteStorage::findAlert(int64_t id) {
    std::lock_guard lock(mutex_);
    auto st = prepare(ALIN_ALERT_SELECT "WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readAlert(st);
}

std::vector<AlertRecord> SqliteStorage::listAlerts(int64_t userId) {
    std::lock_guard lock(mutex_);
    std::vector<AlertRecord> out;
    if (userId == 0) {
        auto st = prepare(ALIN_ALERT_SELECT "ORDER BY id");
        while (st.step()) out.push_back(readAlert(st));
    } else {
        auto st = prepare(ALIN_ALERT_SELECT "WHERE user_id = ? ORDER BY id");
        st.bind(1, userId);
        while (st.step()) out.push_back(readAlert(st));
    }
    return out;
}

std::vector<AlertRecord> SqliteStorage::listAlertsUpdatedSince(int64_t since) {
    std::lock_guard lock(mutex_);
    auto st = prepare(ALIN_ALERT_SELECT "WHERE updated_at >= ? ORDER BY id");
    st.bind(1, since);
    std::vector<AlertRecord> out;
    while (st.step()) out.push_back(readAlert(st));
    return out;
}

void SqliteStorage::updateAlert(const AlertRecord& a) {
    std::lock_guard lock(mutex_);
    prepare("UPDATE alerts SET filters = ?, frequency = ?, digest_hour = ?, paused = ?, updated_at = ? WHERE id = ?")
        .bind(1, jsonText(a.filters.is_object() ? a.filters : nlohmann::json::object()))
        .bind(2, a.frequency)
        .bind(3, a.digestHour)
        .bind(4, a.paused)
        .bind(5, a.updatedAt)
        .bind(6, a.id)
        .run();
}

void SqliteStorage::deleteAlert(int64_t id) {
    std::lock_guard lock(mutex_);
    transaction([&] {
        prepare("DELETE FROM alert_notifications WHERE alert_id = ?").bind(1, id).run();
        prepare("DELETE FROM alerts WHERE id = ?").bind(1, id).run();
    });
}

bool SqliteStorage::insertAlertNotification(const AlertNotificationRecord& n) {
    std::lock_guard lock(mutex_);
    prepare(
        "INSERT INTO alert_notifications (alert_id, offer_id, user_id, created_at, mailed_at, seen)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (alert_id, offer_id) DO NOTHING")
        .bind(1, n.alertId)
        .bind(2, n.offerId)
        .bind(3, n.userId)
        .bind(4, n.createdAt)
        .bind(5, n.mailedAt)
        .bind(6, n.seen)
        .run();
    return sqlite3_changes(db_) == 1;
}

std::vector<AlertNotificationRecord> SqliteStorage::listAlertNotifications(int64_t userId) {
    std::lock_guard lock(mutex_);
    auto st = prepare(ALIN_ALERT_NOTIFICATION_SELECT
                      "WHERE user_id = ? ORDER BY created_at DESC, offer_id DESC, alert_id DESC");
    st.bind(1, userId);
    std::vector<AlertNotificationRecord> out;
    while (st.step()) out.push_back(readAlertNotification(st));
    return out;
}

std::vector<AlertNotificationRecord> SqliteStorage::listUnmailedAlertNotifications(int limit) {
    std::lock_guard lock(mutex_);
    auto st =
        prepare(ALIN_ALERT_NOTIFICATION_SELECT "WHERE mailed_at = 0 ORDER BY user_id, offer_id, alert_id LIMIT ?");
    st.bind(1, limit);
    std::vector<AlertNotificationRecord> out;
    while (st.step()) out.push_back(readAlertNotification(st));
    return out;
}

void SqliteStorage::markAlertNotificationMailed(int64_t alertId, int64_t offerId, int64_t at) {
    std::lock_guard lock(mutex_);
    prepare("UPDATE alert_notifications SET mailed_at = ? WHERE alert_id = ? AND offer_id = ?")
        .bind(1, at)
        .bind(2, alertId)
        .bind(3, offerId)
        .run();
}

void SqliteStorage::markAlertNotificationsSeen(int64_t userId) {
    std::lock_guard lock(mutex_);
    prepare("UPDATE alert_notifications SET seen = 1 WHERE user_id = ? AND seen = 0").bind(1, userId).run();
}

}  // namespace alin::server
