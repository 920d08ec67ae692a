// SqliteStorage: the background jobs' part of the contract (migration 0009):
// delivery of the outbox and retention warnings. A claim is one IMMEDIATE
// transaction: other processes on the file wait for it (busy_timeout), and
// the threads of this one for the connection's lock.
#include <algorithm>

#include "sqlite_internal.h"
#include "sqlite_storage.h"

namespace alin::server {

namespace {

constexpr const char* kLastLogin = "COALESCE((SELECT MAX(l.at) FROM login_log l WHERE l.user_id = u.id), u.created_at)";

}  // namespace

// [SECTION] Outbox delivery -----------------------------------------------------

std::vector<MailRecord> SqliteStorage::claimMails(int64_t now, int64_t leaseSeconds, int limit) {
    std::lock_guard lock(mutex_);
    std::vector<MailRecord> out;
    transaction([&] {
        auto st = prepare(
            "UPDATE outbox SET attempts = attempts + 1, due_at = ?"
            " WHERE id IN (SELECT id FROM outbox WHERE delivery = 'pending' AND due_at <= ? ORDER BY id LIMIT ?)"
            " RETURNING id, recipient, subject, body, links, codes, created_at, delivery, due_at, attempts, sent_at");
        st.bind(1, now + leaseSeconds).bind(2, now).bind(3, int64_t{limit});
        while (st.step()) {
            out.push_back(readMail(st));
        }
    });
    std::sort(out.begin(), out.end(), [](const MailRecord& a, const MailRecord& b) { return a.id < b.id; });
    return out;
}

void SqliteStorage::markMailSent(int64_t id, int64_t at) {
    std::lock_guard lock(mutex_);
    prepare("UPDATE outbox SET delivery = 'sent', sent_at = ? WHERE id = ? AND delivery = 'pending'")
        .bind(1, at)
        .bind(2, id)
        .run();
}

void SqliteStorage::markMailFailed(int64_t id, int attempt, int64_t retryAt, bool giveUp) {
    std::lock_guard lock(mutex_);
    prepare("UPDATE outbox SET delivery = ?, due_at = ? WHERE id = ? AND attempts = ? AND delivery = 'pending'")
        .bind(1, giveUp ? "failed" : "pending")
        .bind(2, retryAt)
        .bind(3, id)
        .bind(4, attempt)
        .run();
}

// [SECTION] Retention ------------------------------------------------------------

std::vector<RetentionAccount> SqliteStorage::listAccountsToWarn(int64_t lastLoginBefore, int limit) {
    std::lock_guard lock(mutex_);
    static const std::string sql = std::string("SELECT u.id, u.email, ") + kLastLogin +
                                   " AS last_login FROM users u"
                                   " WHERE u.role = 'applicant'"
                                   " AND NOT EXISTS (SELECT 1 FROM retention_warnings w WHERE w.user_id = u.id)"
                                   " AND " +
                                   kLastLogin + " <= ? ORDER BY u.id LIMIT ?";
    auto st = prepare(sql.c_str());
    st.bind(1, lastLoginBefore).bind(2, int64_t{limit});
    std::vector<RetentionAccount> out;
    while (st.step()) out.push_back({st.integer(0), st.text(1), st.integer(2), 0});
    return out;
}

bool SqliteStorage::insertRetentionWarning(int64_t userId, int64_t at) {
    std::lock_guard lock(mutex_);
    prepare("INSERT INTO retention_warnings (user_id, warned_at) VALUES (?, ?) ON CONFLICT (user_id) DO NOTHING")
        .bind(1, userId)
        .bind(2, at)
        .run();
    return sqlite3_changes(db_) == 1;
}

std::vector<RetentionAccount> SqliteStorage::listRetentionWarnings(int64_t warnedBefore, int limit) {
    std::lock_guard lock(mutex_);
    static const std::string sql = std::string("SELECT u.id, u.email, ") + kLastLogin +
                                   ", w.warned_at FROM retention_warnings w JOIN users u ON u.id = w.user_id"
                                   " WHERE w.warned_at <= ? ORDER BY u.id LIMIT ?";
    auto st = prepare(sql.c_str());
    st.bind(1, warnedBefore).bind(2, int64_t{limit});
    std::vector<RetentionAccount> out;
    while (st.step()) out.push_back({st.integer(0), st.text(1), st.integer(2), st.integer(3)});
    return out;
}

void SqliteStorage::deleteRetentionWarning(int64_t userId) {
    std::lock_guard lock(mutex_);
    prepare("DELETE FROM retention_warnings WHERE user_id = ?").bind(1, userId).run();
}

}  // namespace alin::server
