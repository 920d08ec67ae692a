#include "sqlite_storage.h"

#include <sqlite3.h>

#include <algorithm>
#include <ctime>
#include <string_view>

#include "migrations.h"
#include "sqlite_internal.h"

namespace alin::server {

// [SECTION] Connection ---------------------------------------------------------

SqliteStorage::SqliteStorage(const std::string& path) {
    // NOMUTEX: this class serialises access itself (see the header).
    int rc =
        sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw StorageError("cannot open database " + path + ": " + message, rc, false);
    }
    sqlite3_extended_result_codes(db_, 1);
    try {
        sqlite3_busy_timeout(db_, 5000);
        exec("PRAGMA journal_mode = WAL");
        exec("PRAGMA synchronous = NORMAL");
        exec("PRAGMA foreign_keys = ON");
        migrate();
    } catch (...) {
        close();
        throw;
    }
}

SqliteStorage::~SqliteStorage() {
    close();
}

void SqliteStorage::close() {
    // Statements first: a connection with live statements would stay open.
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    statements_.clear();
    if (db_) sqlite3_close_v2(db_);
    db_ = nullptr;
}

void SqliteStorage::fail(const char* context, int rc) {
    std::string message =
        std::string(context ? context : "sqlite") + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
    throw StorageError(message, rc, (rc & 0xff) == SQLITE_CONSTRAINT);
}

void SqliteStorage::exec(const char* sql) {
    std::lock_guard lock(mutex_);
    int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) fail(sql, rc);
}

SqliteStorage::Statement SqliteStorage::prepare(const char* sql) {
    // Callers hold mutex_ for as long as they use the statement.
    auto it = statements_.find(std::string_view(sql));
    if (it == statements_.end()) {
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        if (rc != SQLITE_OK) fail(sql, rc);
        it = statements_.emplace(sql, stmt).first;
    }
    return Statement(*this, it->second);
}

// [SECTION] Migrations ---------------------------------------------------------

void SqliteStorage::migrate() {
    std::lock_guard lock(mutex_);
    exec(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY,"
        " name TEXT NOT NULL,"
        " applied_at INTEGER NOT NULL)");
    const auto all = migrations();
    const int latest = all.empty() ? 0 : all.back().version;
    for (const Migration& m : all) {
        // Each migration in its own transaction; the version is re-read inside
        // it so two processes starting together cannot apply one twice.
        transaction([&] {
            int current = schemaVersion();
            if (current > latest) {
                throw StorageError("database schema version " + std::to_string(current) +
                                       " is newer than this server (" + std::to_string(latest) + ")",
                                   SQLITE_ERROR, false);
            }
            if (current >= m.version) return;
            int rc = sqlite3_exec(db_, m.sql, nullptr, nullptr, nullptr);
            if (rc != SQLITE_OK) fail(m.name, rc);
            prepare("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)")
                .bind(1, m.version)
                .bind(2, m.name)
                .bind(3, static_cast<int64_t>(std::time(nullptr)))
                .run();
        });
    }
}

int SqliteStorage::schemaVersion() {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
    return st.step() ? static_cast<int>(st.integer(0)) : 0;
}

// [SECTION] Transactions -------------------------------------------------------

void SqliteStorage::transaction(const std::function<void()>& fn) {
    std::lock_guard lock(mutex_);
    if (depth_ > 0) {
        const std::string name = "alin_sp" + std::to_string(depth_);
        exec(("SAVEPOINT " + name).c_str());
        ++depth_;
        try {
            fn();
        } catch (...) {
            --depth_;
            // Undo the inner writes only; the outer transaction decides the rest.
            sqlite3_exec(db_, ("ROLLBACK TO " + name + "; RELEASE " + name).c_str(), nullptr, nullptr, nullptr);
            throw;
        }
        --depth_;
        exec(("RELEASE " + name).c_str());
        return;
    }

    exec("BEGIN IMMEDIATE");
    depth_ = 1;
    auto rollback = [this] {
        depth_ = 0;
        // SQLite may already have rolled back by itself (e.g. disk full).
        if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    };
    try {
        fn();
    } catch (...) {
        rollback();
        throw;
    }
    int rc = sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = sqlite3_errmsg(db_);
        rollback();
        throw StorageError("COMMIT: " + message, rc, false);
    }
    depth_ = 0;
}

// [SECTION] Users --------------------------------------------------------------

std::optional<UserRecord> SqliteStorage::findUserByEmail(const std::string& email) {
    std::lock_guard lock(mutex_);
    auto st = prepare(ALIN_USER_SELECT "WHERE email = ?");
    st.bind(1, email);
    if (!st.step()) return std::nullopt;
    return readUser(st);
}

std::optional<UserRecord> SqliteStorage::findUserById(int64_t id) {
    std::lock_guard lock(mutex_);
    auto st = prepare(ALIN_USER_SELECT "WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readUser(st);
}

int64_t SqliteStorage::insertUser(const UserRecord& u) {
    std::lock_guard lock(mutex_);
    prepare(
        "INSERT INTO users (email, birth_name, first_name, phone, password_hash, active, role,"
        " created_at, consent_at, organisation, siret, language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, u.email)
        .bind(2, u.birthName)
        .bind(3, u.firstName)
        .bind(4, u.phone)
        .bind(5, u.passwordHash)
        .bind(6, u.active)
        .bind(7, std::string(domain::roleCode(u.role)))
        .bind(8, u.createdAt)
        .bind(9, u.consentAt)
        .bind(10, u.organisation)
        .bind(11, u.siret)
        .bind(12, u.language)
        .run();
    return sqlite3_last_insert_rowid(db_);
}

void SqliteStorage::updateUser(const UserRecord& u) {
    std::lock_guard lock(mutex_);
    prepare(
        "UPDATE users SET email = ?, birth_name = ?, first_name = ?, phone = ?, password_hash = ?,"
        " active = ?, role = ?, created_at = ?, consent_at = ?, organisation = ?, siret = ?, language = ?"
        " WHERE id = ?")
        .bind(1, u.email)
        .bind(2, u.birthName)
        .bind(3, u.firstName)
        .bind(4, u.phone)
        .bind(5, u.passwordHash)
        .bind(6, u.active)
        .bind(7, std::string(domain::roleCode(u.role)))
        .bind(8, u.createdAt)
        .bind(9, u.consentAt)
        .bind(10, u.organisation)
        .bind(11, u.siret)
        .bind(12, u.language)
        .bind(13, u.id)
        .run();
}

void SqliteStorage::setUserLanguage(int64_t userId, const std::string& language) {
    std::lock_guard lock(mutex_);
    prepare("UPDATE users SET language = ? WHERE id = ?").bind(1, language).bind(2, userId).run();
}

// [SECTION] One-time tokens ----------------------------------------------------

void SqliteStorage::insertToken(const OneTimeTokenRecord& t) {
    std::lock_guard lock(mutex_);
    prepare(
        "DELETE FROM one_time_tokens WHERE token_hash IN"
        " (SELECT token_hash FROM one_time_tokens WHERE expires_at <= ? LIMIT ?)")
        .bind(1, t.createdAt - kSpentTokenRetentionSeconds)
        .bind(2, int64_t{kPruneBatchRows})
        .run();
    prepare(
        "INSERT INTO one_time_tokens (token_hash, purpose, user_id, created_at, expires_at, used_at)"
        " VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, t.tokenHash)
        .bind(2, t.purpose)
        .bind(3, t.userId)
        .bind(4, t.createdAt)
        .bind(5, t.expiresAt)
        .bind(6, t.usedAt)
        .run();
}

std::optional<OneTimeTokenRecord> SqliteStorage::findToken(const std::string& tokenHash) {
    std::lock_guard lock(mutex_);
    auto st = prepare(
        "SELECT token_hash, purpose, user_id, created_at, expires_at, used_at"
        " FROM one_time_tokens WHERE token_hash = ?");
    st.bind(1, tokenHash);
    if (!st.step()) return std::nullopt;
    OneTimeTokenRecord t;
    t.tokenHash = st.text(0);
    t.purpose = st.text(1);
    t.userId = st.integer(2);
    t.createdAt = st.integer(3);
    t.expiresAt = st.integer(4);
    t.usedAt = st.integer(5);
    return t;
}

void SqliteStorage::markTokenUsed(const std::string& tokenHash, int64_t at) {
    std::lock_guard lock(mutex_);
    prepare("UPDATE one_time_tokens SET used_at = ? WHERE token_hash = ?").bind(1, at).bind(2, tokenHash).run();
}

void SqliteStorage::revokeTokens(int64_t userId, const std::string& purpose, int64_t at) {
    std::lock_guard lock(mutex_);
    prepare("UPDATE one_time_tokens SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at = 0")
        .bind(1, at)
        .bind(2, userId)
        .bind(3, purpose)
        .run();
}

// [SECTION] Sessions -----------------------------------------------------------

void SqliteStorage::insertSession(const SessionRecord& s) {
    std::lock_guard lock(mutex_);
    prepare("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)")
        .bind(1, s.tokenHash)
        .bind(2, s.userId)
        .bind(3, s.createdAt)
        .bind(4, s.lastSeenAt)
        .run();
}

std::optional<SessionRecord> SqliteStorage::findSession(const std::string& tokenHash) {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT token_hash, user_id, created_at, last_seen_at FROM sessions WHERE token_hash = ?");
    st.bind(1, tokenHash);
    if (!st.step()) return std::nullopt;
    SessionRecord s;
    s.tokenHash = st.text(0);
    s.userId = st.integer(1);
    s.createdAt = st.integer(2);
    s.lastSeenAt = st.integer(3);
    return s;
}

void SqliteStorage::touchSession(const std::string& tokenHash, int64_t at) {
    std::lock_guard lock(mutex_);
    prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?").bind(1, at).bind(2, tokenHash).run();
}

void SqliteStorage::deleteSession(const std::string& tokenHash) {
    std::lock_guard lock(mutex_);
    prepare("DELETE FROM sessions WHERE token_hash = ?").bind(1, tokenHash).run();
}

void SqliteStorage::deleteSessionsOfUser(int64_t userId) {
    std::lock_guard lock(mutex_);
    prepare("DELETE FROM sessions WHERE user_id = ?").bind(1, userId).run();
}

// [SECTION] Login throttling ---------------------------------------------------

void SqliteStorage::recordLoginFailure(const std::string& key, int64_t at) {
    std::lock_guard lock(mutex_);
    const LoginLimit defaults;
    prepare("INSERT INTO login_failures (throttle_key, at, expires_at) VALUES (?, ?, ?)")
        .bind(1, key)
        .bind(2, at)
        .bind(3, at + defaults.windowSeconds + defaults.lockSeconds)
        .run();
}

int SqliteStorage::countLoginFailuresSince(const std::string& key, int64_t since) {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT COUNT(*) FROM login_failures WHERE throttle_key = ? AND at >= ?");
    st.bind(1, key).bind(2, since);
    return st.step() ? static_cast<int>(st.integer(0)) : 0;
}

int64_t SqliteStorage::latestLoginFailure(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT COALESCE(MAX(at), 0) FROM login_failures WHERE throttle_key = ?");
    st.bind(1, key);
    return st.step() ? st.integer(0) : 0;
}

void SqliteStorage::clearLoginFailures(const std::string& key) {
    std::lock_guard lock(mutex_);
    prepare("DELETE FROM login_failures WHERE throttle_key = ?").bind(1, key).run();
}

// [SECTION] Outbox -------------------------------------------------------------

int64_t SqliteStorage::insertMail(const MailRecord& m) {
    std::lock_guard lock(mutex_);
    const auto dumpJson = [](const nlohmann::json& j) {
        return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    };
    prepare(
        "INSERT INTO outbox (recipient, subject, body, links, codes, created_at, delivery, due_at, dedupe_key)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, '')) ON CONFLICT DO NOTHING")
        .bind(1, m.to)
        .bind(2, m.subject)
        .bind(3, m.body)
        .bind(4, dumpJson(m.links.is_null() ? nlohmann::json::array() : m.links))
        .bind(5, dumpJson(m.codes.is_null() ? nlohmann::json::array() : m.codes))
        .bind(6, m.createdAt)
        .bind(7, m.delivery)
        .bind(8, m.dueAt == 0 ? m.createdAt : m.dueAt)
        .bind(9, m.dedupeKey)
        .run();
    if (sqlite3_changes(db_) == 0) return 0;  // a row with this dedupe key exists: nothing inserted
    return sqlite3_last_insert_rowid(db_);
}

std::vector<MailRecord> SqliteStorage::listMailTo(const std::string& to) {
    std::lock_guard lock(mutex_);
    auto st = prepare(
        "SELECT id, recipient, subject, body, links, codes, created_at, delivery, due_at, attempts, sent_at"
        " FROM outbox WHERE recipient = ? ORDER BY id DESC");
    st.bind(1, to);
    std::vector<MailRecord> out;
    while (st.step()) {
        out.push_back(readMail(st));
    }
    return out;
}

// ---------------------------------------------------------------- limits under concurrency

int64_t SqliteStorage::beginLoginAttempt(const std::vector<std::string>& keys, int64_t now, const LoginLimit& limit) {
    std::lock_guard lock(mutex_);
    int64_t wait = 0;
    transaction([&] {
        prepare("DELETE FROM login_failures WHERE id IN (SELECT id FROM login_failures WHERE expires_at <= ? LIMIT ?)")
            .bind(1, now)
            .bind(2, int64_t{kPruneBatchRows})
            .run();
        for (const std::string& key : keys) {
            auto latestSt = prepare("SELECT COALESCE(MAX(at), 0) FROM login_failures WHERE throttle_key = ?");
            latestSt.bind(1, key);
            const int64_t latest = latestSt.step() ? latestSt.integer(0) : 0;
            if (latest == 0 || now >= latest + limit.lockSeconds) continue;
            auto countSt = prepare("SELECT COUNT(*) FROM login_failures WHERE throttle_key = ? AND at >= ?");
            countSt.bind(1, key).bind(2, latest - limit.windowSeconds + 1);
            const int64_t inWindow = countSt.step() ? countSt.integer(0) : 0;
            if (inWindow >= limit.maxFailures) wait = std::max(wait, latest + limit.lockSeconds - now);
        }
        if (wait > 0) return;
        for (const std::string& key : keys)
            prepare("INSERT INTO login_failures (throttle_key, at, expires_at) VALUES (?, ?, ?)")
                .bind(1, key)
                .bind(2, now)
                .bind(3, now + limit.windowSeconds + limit.lockSeconds)
                .run();
    });
    return wait;
}

void SqliteStorage::releaseLoginAttempt(const std::string& key, int64_t at) {
    std::lock_guard lock(mutex_);
    prepare(
        "DELETE FROM login_failures WHERE id = (SELECT id FROM login_failures WHERE throttle_key = ? AND at = ? "
        "ORDER BY id DESC LIMIT 1)")
        .bind(1, key)
        .bind(2, at)
        .run();
}

bool SqliteStorage::takeQuota(const std::vector<QuotaRule>& rules, int64_t now) {
    std::lock_guard lock(mutex_);
    bool allowed = true;
    transaction([&] {
        prepare("DELETE FROM quota_events WHERE id IN (SELECT id FROM quota_events WHERE expires_at <= ? LIMIT ?)")
            .bind(1, now)
            .bind(2, int64_t{kPruneBatchRows})
            .run();
        for (const QuotaRule& rule : rules) {
            prepare("DELETE FROM quota_events WHERE quota_key = ? AND at <= ?")
                .bind(1, rule.key)
                .bind(2, now - rule.windowSeconds)
                .run();
            auto st = prepare("SELECT COUNT(*) FROM quota_events WHERE quota_key = ?");
            st.bind(1, rule.key);
            if ((st.step() ? st.integer(0) : 0) >= rule.max) {
                allowed = false;
                return;
            }
        }
        for (const QuotaRule& rule : rules)
            prepare("INSERT INTO quota_events (quota_key, at, expires_at) VALUES (?, ?, ?)")
                .bind(1, rule.key)
                .bind(2, now)
                .bind(3, now + rule.windowSeconds)
                .run();
    });
    return allowed;
}

bool SqliteStorage::consumeToken(const std::string& tokenHash, int64_t at) {
    std::lock_guard lock(mutex_);
    prepare("UPDATE one_time_tokens SET used_at = ? WHERE token_hash = ? AND used_at = 0")
        .bind(1, at)
        .bind(2, tokenHash)
        .run();
    return sqlite3_changes(db_) == 1;
}

LimitRowCounts SqliteStorage::countLimitRows() {
    std::lock_guard lock(mutex_);
    auto st = prepare(
        "SELECT (SELECT COUNT(*) FROM login_failures), (SELECT COUNT(*) FROM quota_events),"
        " (SELECT COUNT(*) FROM one_time_tokens)");
    LimitRowCounts counts;
    if (st.step()) {
        counts.loginFailures = st.integer(0);
        counts.quotaEvents = st.integer(1);
        counts.tokens = st.integer(2);
    }
    return counts;
}

}  // namespace alin::server
