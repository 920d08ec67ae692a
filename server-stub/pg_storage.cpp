#include "pg_storage.h"

#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <string_view>

#include "migrations.h"
#include "pg_internal.h"
#include "sql_rows.h"

namespace alin::server {

bool isPostgresUrl(const std::string& value) {
    const std::string_view v(value);
    return v.starts_with("postgresql://") || v.starts_with("postgres://") ||
           (v.find('=') != std::string_view::npos &&
            (v.find("host=") != std::string_view::npos || v.find("dbname=") != std::string_view::npos));
}

namespace {

// Lock keys (pg_advisory_lock): any two fixed numbers of this application.
constexpr int64_t kMigrationLock = 0x616c696e0001;    // "alin" 1
constexpr int64_t kTransactionLock = 0x616c696e0002;  // "alin" 2

// The error of a failed result: a constraint violation (SQLSTATE class 23)
// is StorageError{constraint}, a lost connection StorageUnavailable.
[[noreturn]] void throwFor(PGconn* conn, PGresult* result, const char* context) {
    std::string message = std::string(context) + ": ";
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const char* text = result ? PQresultErrorMessage(result) : nullptr;
    message += (text && *text) ? text : PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    const std::string sqlstate = state ? state : "";
    if (result) PQclear(result);
    if (PQstatus(conn) != CONNECTION_OK || sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P03") {
        throw StorageUnavailable(message);
    }
    int code = 0;
    if (sqlstate.size() == 5 &&
        std::all_of(sqlstate.begin(), sqlstate.end(), [](char c) { return c >= '0' && c <= '9'; }))
        code = std::atoi(sqlstate.c_str());
    throw StorageError(message + (sqlstate.empty() ? "" : " [" + sqlstate + "]"), code, sqlstate.starts_with("23"));
}

bool ok(PGresult* r) {
    const ExecStatusType s = PQresultStatus(r);
    return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

}  // namespace

// [SECTION] Connections --------------------------------------------------------

// A connection for one call: the thread's transaction connection when there is
// one (not returned to the pool), else one borrowed from the pool.
class PgStorage::Lease {
public:
    explicit Lease(PgStorage& s) : s_(s) {
        if (Bound* b = s.bound()) {
            conn_ = b->conn;
            inTransaction_ = true;
        } else {
            conn_ = s.acquire();
        }
    }
    ~Lease() {
        if (!inTransaction_) s_.release(conn_);
    }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    PGconn* conn() const { return conn_; }
    bool inTransaction() const { return inTransaction_; }

private:
    PgStorage& s_;
    PGconn* conn_ = nullptr;
    bool inTransaction_ = false;
};

PgStorage::PgStorage(Options options) : options_(std::move(options)) {
    options_.poolSize = std::clamp(options_.poolSize, 1, 256);
    migrate();
}

PgStorage::~PgStorage() {
    std::lock_guard lock(poolMutex_);
    for (PGconn* c : idle_) PQfinish(c);
    idle_.clear();
}

PGconn* PgStorage::connect() {
    const std::string timeout = std::to_string(std::max(1, options_.connectTimeoutSeconds));
    const std::string pgOptions = "-c statement_timeout=" + std::to_string(options_.statementTimeoutMs);
    // dbname is expanded as a URI / key=value string; the later keywords add to it.
    const char* keys[] = {"dbname", "connect_timeout", "options", "application_name", nullptr};
    const char* values[] = {options_.conninfo.c_str(), timeout.c_str(), pgOptions.c_str(), "alin_server", nullptr};
    PGconn* c = PQconnectdbParams(keys, values, 1);
    if (!c || PQstatus(c) != CONNECTION_OK) {
        std::string message = c ? PQerrorMessage(c) : "out of memory";
        while (!message.empty() && message.back() == '\n') message.pop_back();
        if (c) PQfinish(c);
        throw StorageUnavailable("cannot connect to PostgreSQL: " + message);
    }
    // Notices (e.g. "relation already exists, skipping") are not errors: keep stderr for the request log.
    PQsetNoticeProcessor(
        c, [](void*, const char*) {}, nullptr);
    return c;
}

PGconn* PgStorage::acquire() {
    std::unique_lock lock(poolMutex_);
    for (;;) {
        if (!idle_.empty()) {
            PGconn* c = idle_.back();
            idle_.pop_back();
            return c;
        }
        if (open_ < options_.poolSize) {
            ++open_;
            lock.unlock();
            try {
                return connect();
            } catch (...) {
                lock.lock();
                --open_;
                poolFree_.notify_one();
                throw;
            }
        }
        if (poolFree_.wait_for(lock, std::chrono::seconds(10)) == std::cv_status::timeout && idle_.empty() &&
            open_ >= options_.poolSize) {
            throw StorageUnavailable("every PostgreSQL connection of the pool stayed busy for 10 s");
        }
    }
}

void PgStorage::release(PGconn* c) {
    std::lock_guard lock(poolMutex_);
    if (PQstatus(c) == CONNECTION_OK && PQtransactionStatus(c) == PQTRANS_IDLE) {
        idle_.push_back(c);
    } else {
        PQfinish(c);  // broken, or left inside a transaction: never reuse
        --open_;
    }
    poolFree_.notify_one();
}

PgStorage::Bound* PgStorage::bound() {
    std::lock_guard lock(boundMutex_);
    auto it = bound_.find(std::this_thread::get_id());
    return it == bound_.end() ? nullptr : &it->second;
}

PgStorage::Result PgStorage::run(PGconn* c, const char* sql, std::initializer_list<Arg> args) {
    std::vector<const char*> values;
    values.reserve(args.size());
    for (const Arg& a : args) values.push_back(a.text().c_str());
    PGresult* r = PQexecParams(c, sql, static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
    if (!ok(r)) throwFor(c, r, sql);
    return Result(r);
}

void PgStorage::command(PGconn* c, const char* sql) {
    PGresult* r = PQexec(c, sql);
    if (!ok(r)) throwFor(c, r, sql);
    PQclear(r);
}

PgStorage::Result PgStorage::exec(const char* sql, std::initializer_list<Arg> args, bool write) {
    Lease lease(*this);
    PGconn* c = lease.conn();
    if (lease.inTransaction()) {
        if (!write) return run(c, sql, args);
        // Statement-level rollback, as SQLite has: a failed write is undone
        // alone and the transaction stays usable for a caller that catches it.
        command(c, "SAVEPOINT alin_statement");
        try {
            Result r = run(c, sql, args);
            command(c, "RELEASE SAVEPOINT alin_statement");
            return r;
        } catch (const StorageUnavailable&) {
            throw;
        } catch (...) {
            command(c, "ROLLBACK TO SAVEPOINT alin_statement");
            command(c, "RELEASE SAVEPOINT alin_statement");
            throw;
        }
    }
    // Autocommit: a connection the database closed (restart, failover) is
    // reset and the statement tried once more.
    if (PQstatus(c) != CONNECTION_OK) PQreset(c);
    try {
        return run(c, sql, args);
    } catch (const StorageUnavailable&) {
        PQreset(c);
        if (PQstatus(c) != CONNECTION_OK) throw;
        return run(c, sql, args);
    }
}

// [SECTION] Migrations ---------------------------------------------------------

void PgStorage::migrate() {
    PGconn* c = acquire();
    struct Back {
        PgStorage& s;
        PGconn* c;
        ~Back() { s.release(c); }
    } back{*this, c};
    run(c, "SELECT pg_advisory_lock($1)", {kMigrationLock});
    try {
        command(c,
                "CREATE TABLE IF NOT EXISTS schema_version ("
                " version INTEGER PRIMARY KEY,"
                " name TEXT NOT NULL,"
                " applied_at BIGINT NOT NULL)");
        const auto all = postgresMigrations();
        const int latest = all.empty() ? 0 : all.back().version;
        for (const Migration& m : all) {
            command(c, "BEGIN");
            try {
                Result v = run(c, "SELECT COALESCE(MAX(version), 0) FROM schema_version", {});
                const int current = static_cast<int>(v.integer(0, 0));
                if (current > latest) {
                    throw StorageError("database schema version " + std::to_string(current) +
                                           " is newer than this server (" + std::to_string(latest) + ")",
                                       0, false);
                }
                if (current < m.version) {
                    command(c, m.sql);
                    run(c, "INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)",
                        {m.version, m.name, static_cast<int64_t>(std::time(nullptr))});
                }
                command(c, "COMMIT");
            } catch (...) {
                PQclear(PQexec(c, "ROLLBACK"));
                throw;
            }
        }
    } catch (...) {
        PQclear(PQexec(c, "SELECT pg_advisory_unlock_all()"));
        throw;
    }
    run(c, "SELECT pg_advisory_unlock($1)", {kMigrationLock});
}

int PgStorage::schemaVersion() {
    return static_cast<int>(exec("SELECT COALESCE(MAX(version), 0) FROM schema_version", {}, false).integer(0, 0));
}

bool PgStorage::ping() {
    try {
        return exec("SELECT 1", {}, false).rows() == 1;
    } catch (const StorageError&) {
        return false;
    }
}

// [SECTION] Transactions -------------------------------------------------------

void PgStorage::transaction(const std::function<void()>& fn) {
    if (Bound* b = bound()) {
        const std::string name = "alin_sp" + std::to_string(b->depth);
        command(b->conn, ("SAVEPOINT " + name).c_str());
        ++b->depth;
        try {
            fn();
        } catch (...) {
            --b->depth;
            // Undo the inner writes only; the outer transaction decides the rest.
            if (PQstatus(b->conn) == CONNECTION_OK) {
                PQclear(PQexec(b->conn, ("ROLLBACK TO SAVEPOINT " + name).c_str()));
                PQclear(PQexec(b->conn, ("RELEASE SAVEPOINT " + name).c_str()));
            }
            throw;
        }
        --b->depth;
        command(b->conn, ("RELEASE SAVEPOINT " + name).c_str());
        return;
    }

    PGconn* c = acquire();
    if (PQstatus(c) != CONNECTION_OK) PQreset(c);
    const auto unbind = [&] {
        std::lock_guard lock(boundMutex_);
        bound_.erase(std::this_thread::get_id());
    };
    try {
        command(c, "BEGIN");
        // Write transactions are serialised across every server (see the header).
        run(c, "SELECT pg_advisory_xact_lock($1)", {kTransactionLock});
    } catch (...) {
        PQclear(PQexec(c, "ROLLBACK"));
        release(c);
        throw;
    }
    {
        std::lock_guard lock(boundMutex_);
        bound_[std::this_thread::get_id()] = Bound{c, 1};
    }
    try {
        fn();
    } catch (...) {
        unbind();
        if (PQstatus(c) == CONNECTION_OK) PQclear(PQexec(c, "ROLLBACK"));
        release(c);
        throw;
    }
    unbind();
    try {
        command(c, "COMMIT");
    } catch (...) {
        if (PQstatus(c) == CONNECTION_OK && PQtransactionStatus(c) != PQTRANS_IDLE) PQclear(PQexec(c, "ROLLBACK"));
        release(c);
        throw;
    }
    release(c);
}

// [SECTION] Users --------------------------------------------------------------

std::optional<UserRecord> PgStorage::findUserByEmail(const std::string& email) {
    Result r = exec(ALIN_USER_SELECT "WHERE email = $1", {email}, false);
    if (r.empty()) return std::nullopt;
    return readUser(PgRow{r, 0});
}

std::optional<UserRecord> PgStorage::findUserById(int64_t id) {
    Result r = exec(ALIN_USER_SELECT "WHERE id = $1", {id}, false);
    if (r.empty()) return std::nullopt;
    return readUser(PgRow{r, 0});
}

int64_t PgStorage::insertUser(const UserRecord& u) {
    Result r = exec(
        "INSERT INTO users (email, birth_name, first_name, phone, password_hash, active, role,"
        " created_at, consent_at, organisation, siret, language)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        {u.email, u.birthName, u.firstName, u.phone, u.passwordHash, u.active, std::string(domain::roleCode(u.role)),
         u.createdAt, u.consentAt, u.organisation, u.siret, u.language},
        true);
    return r.integer(0, 0);
}

void PgStorage::updateUser(const UserRecord& u) {
    exec(
        "UPDATE users SET email = $1, birth_name = $2, first_name = $3, phone = $4, password_hash = $5,"
        " active = $6, role = $7, created_at = $8, consent_at = $9, organisation = $10, siret = $11, language = $12"
        " WHERE id = $13",
        {u.email, u.birthName, u.firstName, u.phone, u.passwordHash, u.active, std::string(domain::roleCode(u.role)),
         u.createdAt, u.consentAt, u.organisation, u.siret, u.language, u.id},
        true);
}

void PgStorage::setUserLanguage(int64_t userId, const std::string& language) {
    exec("UPDATE users SET language = $1 WHERE id = $2", {language, userId}, true);
}

// [SECTION] One-time tokens ----------------------------------------------------

void PgStorage::insertToken(const OneTimeTokenRecord& t) {
    exec(
        "DELETE FROM one_time_tokens WHERE token_hash IN"
        " (SELECT token_hash FROM one_time_tokens WHERE expires_at <= $1 LIMIT $2)",
        {t.createdAt - kSpentTokenRetentionSeconds, kPruneBatchRows}, true);
    exec(
        "INSERT INTO one_time_tokens (token_hash, purpose, user_id, created_at, expires_at, used_at)"
        " VALUES ($1, $2, $3, $4, $5, $6)",
        {t.tokenHash, t.purpose, t.userId, t.createdAt, t.expiresAt, t.usedAt}, true);
}

std::optional<OneTimeTokenRecord> PgStorage::findToken(const std::string& tokenHash) {
    Result r = exec(
        "SELECT token_hash, purpose, user_id, created_at, expires_at, used_at"
        " FROM one_time_tokens WHERE token_hash = $1",
        {tokenHash}, false);
    if (r.empty()) return std::nullopt;
    OneTimeTokenRecord t;
    t.tokenHash = r.text(0, 0);
    t.purpose = r.text(0, 1);
    t.userId = r.integer(0, 2);
    t.createdAt = r.integer(0, 3);
    t.expiresAt = r.integer(0, 4);
    t.usedAt = r.integer(0, 5);
    return t;
}

void PgStorage::markTokenUsed(const std::string& tokenHash, int64_t at) {
    exec("UPDATE one_time_tokens SET used_at = $1 WHERE token_hash = $2", {at, tokenHash}, true);
}

void PgStorage::revokeTokens(int64_t userId, const std::string& purpose, int64_t at) {
    exec("UPDATE one_time_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at = 0",
         {at, userId, purpose}, true);
}

// [SECTION] Sessions -----------------------------------------------------------

void PgStorage::insertSession(const SessionRecord& s) {
    exec("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)",
         {s.tokenHash, s.userId, s.createdAt, s.lastSeenAt}, true);
}

std::optional<SessionRecord> PgStorage::findSession(const std::string& tokenHash) {
    Result r = exec("SELECT token_hash, user_id, created_at, last_seen_at FROM sessions WHERE token_hash = $1",
                    {tokenHash}, false);
    if (r.empty()) return std::nullopt;
    SessionRecord s;
    s.tokenHash = r.text(0, 0);
    s.userId = r.integer(0, 1);
    s.createdAt = r.integer(0, 2);
    s.lastSeenAt = r.integer(0, 3);
    return s;
}

void PgStorage::touchSession(const std::string& tokenHash, int64_t at) {
    exec("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2", {at, tokenHash}, true);
}

void PgStorage::deleteSession(const std::string& tokenHash) {
    exec("DELETE FROM sessions WHERE token_hash = $1", {tokenHash}, true);
}

void PgStorage::deleteSessionsOfUser(int64_t userId) {
    exec("DELETE FROM sessions WHERE user_id = $1", {userId}, true);
}

// [SECTION] Login throttling ---------------------------------------------------

void PgStorage::recordLoginFailure(const std::string& key, int64_t at) {
    const LoginLimit defaults;
    exec("INSERT INTO login_failures (throttle_key, at, expires_at) VALUES ($1, $2, $3)",
         {key, at, at + defaults.windowSeconds + defaults.lockSeconds}, true);
}

int PgStorage::countLoginFailuresSince(const std::string& key, int64_t since) {
    return static_cast<int>(
        exec("SELECT COUNT(*) FROM login_failures WHERE throttle_key = $1 AND at >= $2", {key, since}, false)
            .integer(0, 0));
}

int64_t PgStorage::latestLoginFailure(const std::string& key) {
    return exec("SELECT COALESCE(MAX(at), 0) FROM login_failures WHERE throttle_key = $1", {key}, false).integer(0, 0);
}

void PgStorage::clearLoginFailures(const std::string& key) {
    exec("DELETE FROM login_failures WHERE throttle_key = $1", {key}, true);
}

// [SECTION] Outbox -------------------------------------------------------------

int64_t PgStorage::insertMail(const MailRecord& m) {
    Result r = exec(
        "INSERT INTO outbox (recipient, subject, body, links, codes, created_at, delivery, due_at, dedupe_key)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULLIF($9, ''))"
        " ON CONFLICT (dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING id",
        {m.to, m.subject, m.body, jsonText(m.links.is_null() ? nlohmann::json::array() : m.links),
         jsonText(m.codes.is_null() ? nlohmann::json::array() : m.codes), m.createdAt, m.delivery,
         m.dueAt == 0 ? m.createdAt : m.dueAt, m.dedupeKey},
        true);
    if (r.empty()) return 0;  // a row with this dedupe key exists: nothing inserted
    return r.integer(0, 0);
}

std::vector<MailRecord> PgStorage::listMailTo(const std::string& to) {
    Result r = exec(
        "SELECT id, recipient, subject, body, links, codes, created_at, delivery, due_at, attempts, sent_at"
        " FROM outbox WHERE recipient = $1 ORDER BY id DESC",
        {to}, false);
    std::vector<MailRecord> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        out.push_back(readMail(PgRow{r, i}));
    }
    return out;
}

// [SECTION] Registry stand-in --------------------------------------------------

std::optional<nlohmann::json> PgStorage::findRegistryRequest(const std::string& numeroUnique) {
    Result r = exec("SELECT request FROM registry_requests WHERE numero_unique = $1", {numeroUnique}, false);
    if (r.empty()) return std::nullopt;
    return jsonObject(r.text(0, 0));
}

void PgStorage::upsertRegistryRequest(const std::string& numeroUnique, const nlohmann::json& request, int64_t at) {
    exec(
        "INSERT INTO registry_requests (numero_unique, request, updated_at) VALUES ($1, $2, $3)"
        " ON CONFLICT (numero_unique) DO UPDATE SET request = excluded.request, updated_at = excluded.updated_at",
        {numeroUnique, jsonText(request), at}, true);
}

int64_t PgStorage::countRegistryRequests() {
    return exec("SELECT COUNT(*) FROM registry_requests", {}, false).integer(0, 0);
}

std::vector<nlohmann::json> PgStorage::listRegistryRequests(int64_t offset, int64_t limit) {
    Result r = exec("SELECT request FROM registry_requests ORDER BY numero_unique LIMIT $1 OFFSET $2",
                    {std::max<int64_t>(limit, 0), std::max<int64_t>(offset, 0)}, false);
    std::vector<nlohmann::json> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(jsonObject(r.text(i, 0)));
    return out;
}

}  // namespace alin::server
