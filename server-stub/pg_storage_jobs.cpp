// PgStorage: the background jobs' part of the contract (migration 0009):
// delivery of the outbox and retention warnings. A claim is ONE statement in
// autocommit: the rows are picked and locked with FOR UPDATE SKIP LOCKED (a
// concurrent claim on another server skips them instead of waiting, and never
// returns them) and their lease is written by the same UPDATE.
#include <algorithm>

#include "pg_internal.h"
#include "pg_storage.h"
#include "sql_rows.h"

namespace alin::server {

// The last log-in of user u, or its creation when it never logged in.
#define ALIN_LAST_LOGIN "COALESCE((SELECT MAX(l.at) FROM login_log l WHERE l.user_id = u.id), u.created_at)"

// [SECTION] Outbox delivery -----------------------------------------------------

std::vector<MailRecord> PgStorage::claimMails(int64_t now, int64_t leaseSeconds, int limit) {
    Result r = exec(
        "UPDATE outbox SET attempts = attempts + 1, due_at = $1"
        " WHERE id IN (SELECT id FROM outbox WHERE delivery = 'pending' AND due_at <= $2 ORDER BY id LIMIT $3"
        " FOR UPDATE SKIP LOCKED)"
        " RETURNING id, recipient, subject, body, links, codes, created_at, delivery, due_at, attempts, sent_at",
        {now + leaseSeconds, now, limit}, true);
    std::vector<MailRecord> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back(readMail(PgRow{r, i}));
    }
    std::sort(out.begin(), out.end(), [](const MailRecord& a, const MailRecord& b) { return a.id < b.id; });
    return out;
}

void PgStorage::markMailSent(int64_t id, int64_t at) {
    exec("UPDATE outbox SET delivery = 'sent', sent_at = $1 WHERE id = $2 AND delivery = 'pending'", {at, id}, true);
}

void PgStorage::markMailFailed(int64_t id, int attempt, int64_t retryAt, bool giveUp) {
    exec("UPDATE outbox SET delivery = $1, due_at = $2 WHERE id = $3 AND attempts = $4 AND delivery = 'pending'",
         {giveUp ? "failed" : "pending", retryAt, id, attempt}, true);
}

// [SECTION] Retention ------------------------------------------------------------

std::vector<RetentionAccount> PgStorage::listAccountsToWarn(int64_t lastLoginBefore, int limit) {
    Result r = exec("SELECT u.id, u.email, " ALIN_LAST_LOGIN
                    " FROM users u WHERE u.role = 'applicant'"
                    " AND NOT EXISTS (SELECT 1 FROM retention_warnings w WHERE w.user_id = u.id)"
                    " AND " ALIN_LAST_LOGIN " <= $1 ORDER BY u.id LIMIT $2",
                    {lastLoginBefore, limit}, false);
    std::vector<RetentionAccount> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.integer(i, 0), r.text(i, 1), r.integer(i, 2), 0});
    return out;
}

bool PgStorage::insertRetentionWarning(int64_t userId, int64_t at) {
    return exec("INSERT INTO retention_warnings (user_id, warned_at) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING",
                {userId, at}, true)
               .affected() == 1;
}

std::vector<RetentionAccount> PgStorage::listRetentionWarnings(int64_t warnedBefore, int limit) {
    Result r = exec("SELECT u.id, u.email, " ALIN_LAST_LOGIN
                    ", w.warned_at FROM retention_warnings w JOIN users u ON u.id = w.user_id"
                    " WHERE w.warned_at <= $1 ORDER BY u.id LIMIT $2",
                    {warnedBefore, limit}, false);
    std::vector<RetentionAccount> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.integer(i, 0), r.text(i, 1), r.integer(i, 2), r.integer(i, 3)});
    return out;
}

void PgStorage::deleteRetentionWarning(int64_t userId) {
    exec("DELETE FROM retention_warnings WHERE user_id = $1", {userId}, true);
}

#undef ALIN_LAST_LOGIN

}  // namespace alin::server
