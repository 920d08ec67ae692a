// PgStorage: the "Mes données" part of the contract (migration 0007): consent
// log, log-ins, archived applications, deletion of a user's data.
#include "pg_internal.h"
#include "pg_storage.h"
#include "sql_rows.h"

namespace alin::server {

void PgStorage::insertConsentChange(const ConsentChangeRecord& c) {
    exec("INSERT INTO consent_log (user_id, choice, at) VALUES ($1, $2, $3)", {c.userId, c.choice, c.at}, true);
}

std::vector<ConsentChangeRecord> PgStorage::listConsentChanges(int64_t userId) {
    Result r = exec("SELECT id, user_id, choice, at FROM consent_log WHERE user_id = $1 ORDER BY id", {userId}, false);
    std::vector<ConsentChangeRecord> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.integer(i, 0), r.integer(i, 1), static_cast<int>(r.integer(i, 2)), r.integer(i, 3)});
    return out;
}

void PgStorage::insertLogin(const LoginRecord& l) {
    // One statement: the insert and the pruning of that user's older rows.
    exec(
        "WITH added AS (INSERT INTO login_log (user_id, at, user_agent) VALUES ($1, $2, $3) RETURNING id)"
        " DELETE FROM login_log WHERE user_id = $1 AND id NOT IN"
        " (SELECT id FROM (SELECT id FROM login_log WHERE user_id = $1 UNION SELECT id FROM added) AS ids"
        " ORDER BY id DESC LIMIT $4)",
        {l.userId, l.at, l.userAgent, kLoginHistoryRows}, true);
}

std::vector<LoginRecord> PgStorage::listLogins(int64_t userId) {
    Result r =
        exec("SELECT id, user_id, at, user_agent FROM login_log WHERE user_id = $1 ORDER BY id DESC", {userId}, false);
    std::vector<LoginRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.integer(i, 0), r.integer(i, 1), r.integer(i, 2), r.text(i, 3)});
    return out;
}

int64_t PgStorage::insertArchivedApplication(const ArchivedApplicationRecord& a) {
    Result r = exec(
        "INSERT INTO archived_applications (offer_id, stage, decision, decision_rank, applied_at, ended_at, events,"
        " archived_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        {a.offerId, a.stage, a.decision, a.rank, a.appliedAt, a.endedAt,
         jsonText(a.events.is_array() ? a.events : nlohmann::json::array()), a.archivedAt},
        true);
    return r.integer(0, 0);
}

std::vector<ArchivedApplicationRecord> PgStorage::listArchivedApplications(int64_t offerId) {
    Result r = exec(
        "SELECT id, offer_id, stage, decision, decision_rank, applied_at, ended_at, events, archived_at"
        " FROM archived_applications WHERE offer_id = $1 ORDER BY id",
        {offerId}, false);
    std::vector<ArchivedApplicationRecord> out;
    for (int i = 0; i < r.rows(); ++i) {
        ArchivedApplicationRecord a;
        a.id = r.integer(i, 0);
        a.offerId = r.integer(i, 1);
        a.stage = r.text(i, 2);
        a.decision = r.text(i, 3);
        a.rank = static_cast<int>(r.integer(i, 4));
        a.appliedAt = r.integer(i, 5);
        a.endedAt = r.integer(i, 6);
        a.events = jsonArray(r.text(i, 7));
        a.archivedAt = r.integer(i, 8);
        out.push_back(std::move(a));
    }
    return out;
}

void PgStorage::deleteUserData(int64_t userId, const std::vector<std::string>& addresses) {
    // The foreign keys cascade from users too; each table is named here.
    exec("DELETE FROM sessions WHERE user_id = $1", {userId}, true);
    exec("DELETE FROM one_time_tokens WHERE user_id = $1", {userId}, true);
    exec("DELETE FROM verification_codes WHERE user_id = $1", {userId}, true);
    exec("DELETE FROM applications WHERE user_id = $1", {userId}, true);
    exec("DELETE FROM request_files WHERE user_id = $1", {userId}, true);
    exec("DELETE FROM consent_log WHERE user_id = $1", {userId}, true);
    exec("DELETE FROM login_log WHERE user_id = $1", {userId}, true);
    exec("DELETE FROM retention_warnings WHERE user_id = $1", {userId}, true);
    exec("DELETE FROM contact_messages WHERE user_id = $1", {userId}, true);
    exec("DELETE FROM alert_notifications WHERE user_id = $1", {userId}, true);
    exec("DELETE FROM alerts WHERE user_id = $1", {userId}, true);
    exec("DELETE FROM users WHERE id = $1", {userId}, true);
    for (const std::string& email : addresses) {
        exec("DELETE FROM outbox WHERE recipient = $1", {email}, true);
        exec("DELETE FROM login_failures WHERE throttle_key = $1", {"email:" + email}, true);
        exec("DELETE FROM quota_events WHERE quota_key = $1", {"mail-to:" + email}, true);
    }
}

}  // namespace alin::server
