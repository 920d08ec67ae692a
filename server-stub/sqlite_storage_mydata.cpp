// SqliteStorage: the "Mes données" part of the contract (migration 0007):
// consent log, log-ins, archived applications, deletion of a user's data.
#include "sqlite_internal.h"
#include "sqlite_storage.h"

namespace alin::server {

void SqliteStorage::insertConsentChange(const ConsentChangeRecord& c) {
    std::lock_guard lock(mutex_);
    prepare("INSERT INTO consent_log (user_id, choice, at) VALUES (?, ?, ?)")
        .bind(1, c.userId)
        .bind(2, c.choice)
        .bind(3, c.at)
        .run();
}

std::vector<ConsentChangeRecord> SqliteStorage::listConsentChanges(int64_t userId) {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT id, user_id, choice, at FROM consent_log WHERE user_id = ? ORDER BY id");
    st.bind(1, userId);
    std::vector<ConsentChangeRecord> out;
    while (st.step()) out.push_back({st.integer(0), st.integer(1), static_cast<int>(st.integer(2)), st.integer(3)});
    return out;
}

void SqliteStorage::insertLogin(const LoginRecord& l) {
    std::lock_guard lock(mutex_);
    prepare("INSERT INTO login_log (user_id, at, user_agent) VALUES (?, ?, ?)")
        .bind(1, l.userId)
        .bind(2, l.at)
        .bind(3, l.userAgent)
        .run();
    prepare(
        "DELETE FROM login_log WHERE user_id = ? AND id NOT IN"
        " (SELECT id FROM login_log WHERE user_id = ? ORDER BY id DESC LIMIT ?)")
        .bind(1, l.userId)
        .bind(2, l.userId)
        .bind(3, kLoginHistoryRows)
        .run();
}

std::vector<LoginRecord> SqliteStorage::listLogins(int64_t userId) {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT id, user_id, at, user_agent FROM login_log WHERE user_id = ? ORDER BY id DESC");
    st.bind(1, userId);
    std::vector<LoginRecord> out;
    while (st.step()) out.push_back({st.integer(0), st.integer(1), st.integer(2), st.text(3)});
    return out;
}

int64_t SqliteStorage::insertArchivedApplication(const ArchivedApplicationRecord& a) {
    std::lock_guard lock(mutex_);
    prepare(
        "INSERT INTO archived_applications (offer_id, stage, decision, decision_rank, applied_at, ended_at, events,"
        " archived_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, a.offerId)
        .bind(2, a.stage)
        .bind(3, a.decision)
        .bind(4, a.rank)
        .bind(5, a.appliedAt)
        .bind(6, a.endedAt)
        .bind(7, jsonText(a.events.is_array() ? a.events : nlohmann::json::array()))
        .bind(8, a.archivedAt)
        .run();
    return sqlite3_last_insert_rowid(db_);
}

std::vector<ArchivedApplicationRecord> SqliteStorage::listArchivedApplications(int64_t offerId) {
    std::lock_guard lock(mutex_);
    auto st = prepare(
        "SELECT id, offer_id, stage, decision, decision_rank, applied_at, ended_at, events, archived_at"
        " FROM archived_applications WHERE offer_id = ? ORDER BY id");
    st.bind(1, offerId);
    std::vector<ArchivedApplicationRecord> out;
    while (st.step()) {
        ArchivedApplicationRecord a;
        a.id = st.integer(0);
        a.offerId = st.integer(1);
        a.stage = st.text(2);
        a.decision = st.text(3);
        a.rank = static_cast<int>(st.integer(4));
        a.appliedAt = st.integer(5);
        a.endedAt = st.integer(6);
        a.events = jsonArray(st.text(7));
        a.archivedAt = st.integer(8);
        out.push_back(std::move(a));
    }
    return out;
}

void SqliteStorage::deleteUserData(int64_t userId, const std::vector<std::string>& addresses) {
    std::lock_guard lock(mutex_);
    // The foreign keys cascade from users too; each table is named here so the
    // list does not depend on the PRAGMA.
    prepare("DELETE FROM sessions WHERE user_id = ?").bind(1, userId).run();
    prepare("DELETE FROM one_time_tokens WHERE user_id = ?").bind(1, userId).run();
    prepare("DELETE FROM verification_codes WHERE user_id = ?").bind(1, userId).run();
    prepare("DELETE FROM applications WHERE user_id = ?").bind(1, userId).run();
    prepare("DELETE FROM request_files WHERE user_id = ?").bind(1, userId).run();
    prepare("DELETE FROM consent_log WHERE user_id = ?").bind(1, userId).run();
    prepare("DELETE FROM login_log WHERE user_id = ?").bind(1, userId).run();
    prepare("DELETE FROM retention_warnings WHERE user_id = ?").bind(1, userId).run();
    prepare("DELETE FROM contact_messages WHERE user_id = ?").bind(1, userId).run();
    prepare("DELETE FROM alert_notifications WHERE user_id = ?").bind(1, userId).run();
    prepare("DELETE FROM alerts WHERE user_id = ?").bind(1, userId).run();
    prepare("DELETE FROM users WHERE id = ?").bind(1, userId).run();
    for (const std::string& email : addresses) {
        prepare("DELETE FROM outbox WHERE recipient = ?").bind(1, email).run();
        prepare("DELETE FROM login_failures WHERE throttle_key = ?").bind(1, "email:" + email).run();
        prepare("DELETE FROM quota_events WHERE quota_key = ?").bind(1, "mail-to:" + email).run();
    }
}

}  // namespace alin::server
