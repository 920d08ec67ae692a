// MemoryStorage: "Mes alertes" (issue 14, migration 0010). Every call is one
// step under the lock; the (alert, offer) pair is the notifications' unique key.
#include <algorithm>

#include "storage/constraints.h"
#include "storage/memory_storage.h"

namespace alin {

using nlohmann::json;

int64_t MemoryStorage::insertAlert(const AlertRecord& alert) {
    std::lock_guard lock(mutex_);
    requireUser(alert.userId);
    constraints::checkAlert(alert);
    AlertRecord stored = alert;
    stored.id = state_.nextAlertId++;
    if (!stored.filters.is_object()) stored.filters = json::object();
    state_.alerts[stored.id] = stored;
    return stored.id;
}

std::optional<AlertRecord> MemoryStorage::findAlert(int64_t id) {
    std::lock_guard lock(mutex_);
    auto it = state_.alerts.find(id);
    if (it == state_.alerts.end()) return std::nullopt;
    return it->second;
}

std::vector<AlertRecord> MemoryStorage::listAlerts(int64_t userId) {
    std::lock_guard lock(mutex_);
    std::vector<AlertRecord> out;
    for (const auto& [id, a] : state_.alerts)
        if (userId == 0 || a.userId == userId) out.push_back(a);
    return out;
}

std::vector<AlertRecord> MemoryStorage::listAlertsUpdatedSince(int64_t since) {
    std::lock_guard lock(mutex_);
    std::vector<AlertRecord> out;
    for (const auto& [id, a] : state_.alerts)
        if (a.updatedAt >= since) out.push_back(a);
    return out;
}

void MemoryStorage::updateAlert(const AlertRecord& alert) {
    std::lock_guard lock(mutex_);
    constraints::checkAlert(alert);
    auto it = state_.alerts.find(alert.id);
    if (it == state_.alerts.end()) return;
    AlertRecord& a = it->second;
    a.filters = alert.filters.is_object() ? alert.filters : json::object();
    a.frequency = alert.frequency;
    a.digestHour = alert.digestHour;
    a.paused = alert.paused;
    a.updatedAt = alert.updatedAt;
}

void MemoryStorage::deleteAlert(int64_t id) {
    std::lock_guard lock(mutex_);
    state_.alerts.erase(id);
    std::erase_if(state_.alertNotifications, [id](const auto& e) { return e.first.first == id; });
}

bool MemoryStorage::insertAlertNotification(const AlertNotificationRecord& n) {
    std::lock_guard lock(mutex_);
    if (!state_.alerts.count(n.alertId)) constraints::violated("FOREIGN KEY alert_id -> alerts.id");
    requireUser(n.userId);
    return state_.alertNotifications.emplace(std::make_pair(n.alertId, n.offerId), n).second;
}

std::vector<AlertNotificationRecord> MemoryStorage::listAlertNotifications(int64_t userId) {
    std::lock_guard lock(mutex_);
    std::vector<AlertNotificationRecord> out;
    for (const auto& [key, n] : state_.alertNotifications)
        if (n.userId == userId) out.push_back(n);
    std::sort(out.begin(), out.end(), [](const AlertNotificationRecord& a, const AlertNotificationRecord& b) {
        if (a.createdAt != b.createdAt) return a.createdAt > b.createdAt;
        if (a.offerId != b.offerId) return a.offerId > b.offerId;
        return a.alertId > b.alertId;
    });
    return out;
}

std::vector<AlertNotificationRecord> MemoryStorage::listUnmailedAlertNotifications(int limit) {
    std::lock_guard lock(mutex_);
    std::vector<AlertNotificationRecord> out;
    for (const auto& [key, n] : state_.alertNotifications)
        if (n.mailedAt == 0) out.push_back(n);
    std::sort(out.begin(), out.end(), [](const AlertNotificationRecord& a, const AlertNotificationRecord& b) {
        if (a.userId != b.userId) return a.userId < b.userId;
        if (a.offerId != b.offerId) return a.offerId < b.offerId;
        return a.alertId < b.alertId;
    });
    if (static_cast<int>(out.size()) > limit) out.resize(static_cast<std::size_t>(std::max(0, limit)));
    return out;
}

void MemoryStorage::markAlertNotificationMailed(int64_t alertId, int64_t offerId, int64_t at) {
    std::lock_guard lock(mutex_);
    auto it = state_.alertNotifications.find({alertId, offerId});
    if (it != state_.alertNotifications.end()) it->second.mailedAt = at;
}

void MemoryStorage::markAlertNotificationsSeen(int64_t userId) {
    std::lock_guard lock(mutex_);
    for (auto& [key, n] : state_.alertNotifications)
        if (n.userId == userId) n.seen = true;
}

// ---------------------------------------------------------------- snapshot

void MemoryStorage::snapshotAlerts(json& out) const {
    json alerts = json::array(), notifications = json::array();
    for (const auto& [id, a] : state_.alerts)
        alerts.push_back({{"id", a.id},
                          {"userId", a.userId},
                          {"filters", a.filters},
                          {"frequency", a.frequency},
                          {"digestHour", a.digestHour},
                          {"paused", a.paused},
                          {"createdAt", a.createdAt},
                          {"updatedAt", a.updatedAt}});
    for (const auto& [key, n] : state_.alertNotifications)
        notifications.push_back({{"alertId", n.alertId},
                                 {"offerId", n.offerId},
                                 {"userId", n.userId},
                                 {"createdAt", n.createdAt},
                                 {"mailedAt", n.mailedAt},
                                 {"seen", n.seen}});
    out["alerts"] = std::move(alerts);
    out["alertNotifications"] = std::move(notifications);
    out["nextAlertId"] = state_.nextAlertId;
}

void MemoryStorage::restoreAlerts(const json& in, State& fresh) {
    const auto arrayOf = [&](const char* key) {
        auto it = in.find(key);
        return it != in.end() && it->is_array() ? *it : json::array();
    };
    const auto intOf = [](const json& j, const char* key) -> int64_t {
        auto it = j.find(key);
        return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
    };
    const auto boolOf = [](const json& j, const char* key) {
        auto it = j.find(key);
        return it != j.end() && it->is_boolean() && it->get<bool>();
    };
    for (const json& j : arrayOf("alerts")) {
        if (!j.is_object()) continue;
        AlertRecord a;
        a.id = intOf(j, "id");
        a.userId = intOf(j, "userId");
        auto f = j.find("filters");
        a.filters = f != j.end() && f->is_object() ? *f : json::object();
        auto freq = j.find("frequency");
        a.frequency = freq != j.end() && freq->is_string() ? freq->get<std::string>() : "immediate";
        a.digestHour = static_cast<int>(intOf(j, "digestHour"));
        a.paused = boolOf(j, "paused");
        a.createdAt = intOf(j, "createdAt");
        a.updatedAt = intOf(j, "updatedAt");
        if (a.id <= 0 || !fresh.users.count(a.userId)) continue;
        if (a.frequency != "immediate" && a.frequency != "daily") continue;
        if (a.digestHour < 0 || a.digestHour > 23) continue;
        fresh.alerts[a.id] = a;
    }
    for (const json& j : arrayOf("alertNotifications")) {
        if (!j.is_object()) continue;
        AlertNotificationRecord n{intOf(j, "alertId"),   intOf(j, "offerId"),  intOf(j, "userId"),
                                  intOf(j, "createdAt"), intOf(j, "mailedAt"), boolOf(j, "seen")};
        if (!fresh.alerts.count(n.alertId) || !fresh.users.count(n.userId)) continue;
        fresh.alertNotifications[{n.alertId, n.offerId}] = n;
    }
    const int64_t maxAlert = fresh.alerts.empty() ? 0 : fresh.alerts.rbegin()->first;
    fresh.nextAlertId = std::max(intOf(in, "nextAlertId"), maxAlert + 1);
}

}  // namespace alin
