// PgStorage: "Mes alertes" (migration 0010). The (alert_id, offer_id) primary
// key of alert_notifications makes insertAlertNotification one atomic step
// (INSERT ... ON CONFLICT DO NOTHING, then the affected rows).
#include "pg_internal.h"
#include "pg_storage.h"
#include "sql_rows.h"

namespace alin::server {

int64_t PgStorage::insertAlert(const AlertRecord& a) {
    Result r = exec(
        "INSERT INTO alerts (user_id, filters, frequency, digest_hour, paused, created_at, updated_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        {a.userId, jsonText(a.filters.is_object() ? a.filters : nlohmann::json::object()), a.frequency, a.digestHour,
         a.paused, a.createdAt, a.updatedAt},
        true);
    return r.integer(0, 0);
}

std::optional<AlertRecord> PgStorage::findAlert(int64_t id) {
    Result r = exec(ALIN_ALERT_SELECT "WHERE id = $1", {id}, false);
    if (r.empty()) return std::nullopt;
    return readAlert(PgRow{r, 0});
}

std::vector<AlertRecord> PgStorage::listAlerts(int64_t userId) {
    Result r = userId == 0 ? exec(ALIN_ALERT_SELECT "ORDER BY id", {}, false)
                           : exec(ALIN_ALERT_SELECT "WHERE user_id = $1 ORDER BY id", {userId}, false);
    std::vector<AlertRecord> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(readAlert(PgRow{r, i}));
    return out;
}

std::vector<AlertRecord> PgStorage::listAlertsUpdatedSince(int64_t since) {
    Result r = exec(ALIN_ALERT_SELECT "WHERE updated_at >= $1 ORDER BY id", {since}, false);
    std::vector<AlertRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(readAlert(PgRow{r, i}));
    return out;
}

void PgStorage::updateAlert(const AlertRecord& a) {
    exec("UPDATE alerts SET filters = $1, frequency = $2, digest_hour = $3, paused = $4, updated_at = $5 WHERE id = $6",
         {jsonText(a.filters.is_object() ? a.filters : nlohmann::json::object()), a.frequency, a.digestHour, a.paused,
          a.updatedAt, a.id},
         true);
}

void PgStorage::deleteAlert(int64_t id) {
    transaction([&] {
        exec("DELETE FROM alert_notifications WHERE alert_id = $1", {id}, true);
        exec("DELETE FROM alerts WHERE id = $1", {id}, true);
    });
}

bool PgStorage::insertAlertNotification(const AlertNotificationRecord& n) {
    return exec(
               "INSERT INTO alert_notifications (alert_id, offer_id, user_id, created_at, mailed_at, seen)"
               " VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (alert_id, offer_id) DO NOTHING",
               {n.alertId, n.offerId, n.userId, n.createdAt, n.mailedAt, n.seen}, true)
               .affected() == 1;
}

std::vector<AlertNotificationRecord> PgStorage::listAlertNotifications(int64_t userId) {
    Result r =
        exec(ALIN_ALERT_NOTIFICATION_SELECT "WHERE user_id = $1 ORDER BY created_at DESC, offer_id DESC, alert_id DESC",
             {userId}, false);
    std::vector<AlertNotificationRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(readAlertNotification(PgRow{r, i}));
    return out;
}

std::vector<AlertNotificationRecord> PgStorage::listUnmailedAlertNotifications(int limit) {
    Result r = exec(ALIN_ALERT_NOTIFICATION_SELECT "WHERE mailed_at = 0 ORDER BY user_id, offer_id, alert_id LIMIT $1",
                    {limit}, false);
    std::vector<AlertNotificationRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(readAlertNotification(PgRow{r, i}));
    return out;
}

void PgStorage::markAlertNotificationMailed(int64_t alertId, int64_t offerId, int64_t at) {
    exec("UPDATE alert_notifications SET mailed_at = $1 WHERE alert_id = $2 AND offer_id = $3", {at, alertId, offerId},
         true);
}

void PgStorage::markAlertNotificationsSeen(int64_t userId) {
    exec("UPDATE alert_notifications SET seen = 1 WHERE user_id = $1 AND seen = 0", {userId}, true);
}

}  // namespace alin::server
