#include "pg_storage.h"

#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <string_view>

#include "migrations.h"

namespace alin::server {

bool isPostgresUrl(const std::string& value) {
    const std::string_view v(value);
    return v.starts_with("postgresql://") || v.starts_with("postgres://") ||
           (v.find('=') != std::string_view::npos &&
            (v.find("host=") != std::string_view::npos || v.find("dbname=") != std::string_view::npos));
}

// [SECTION] Parameters and results ---------------------------------------------

// One statement parameter, sent as text (PostgreSQL casts it to the column's type).
class PgStorage::Arg {
public:
    Arg(int64_t v) : text_(std::to_string(v)) {}
    Arg(int v) : text_(std::to_string(v)) {}
    Arg(bool v) : text_(v ? "1" : "0") {}
    Arg(std::string_view v) : text_(v) {}
    Arg(const std::string& v) : text_(v) {}
    Arg(const char* v) : text_(v) {}
    const std::string& text() const { return text_; }

private:
    std::string text_;
};

class PgStorage::Result {
public:
    explicit Result(PGresult* r) : r_(r) {}
    ~Result() {
        if (r_) PQclear(r_);
    }
    Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
    Result& operator=(Result&&) = delete;
    Result(const Result&) = delete;

    int rows() const { return PQntuples(r_); }
    bool empty() const { return rows() == 0; }
    int64_t affected() const {
        const char* n = PQcmdTuples(r_);
        return (n && *n) ? std::strtoll(n, nullptr, 10) : 0;
    }
    int64_t integer(int row, int column) const {
        if (PQgetisnull(r_, row, column)) return 0;
        return std::strtoll(PQgetvalue(r_, row, column), nullptr, 10);
    }
    std::string text(int row, int column) const {
        if (PQgetisnull(r_, row, column)) return {};
        return std::string(PQgetvalue(r_, row, column), static_cast<size_t>(PQgetlength(r_, row, column)));
    }

private:
    PGresult* r_;
};

namespace {

// One row of a Result, read like SqliteStorage's statements (integer(c), text(c)).
struct Row {
    const PgStorage::Result& r;
    int row;
    int64_t integer(int c) const { return r.integer(row, c); }
    std::string text(int c) const { return r.text(row, c); }
};

// Lock keys (pg_advisory_lock): any two fixed numbers of this application.
constexpr int64_t kMigrationLock = 0x616c696e0001;    // "alin" 1
constexpr int64_t kTransactionLock = 0x616c696e0002;  // "alin" 2

std::string jsonText(const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json jsonObject(const std::string& text) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    return (j.is_discarded() || !j.is_object()) ? nlohmann::json::object() : j;
}

nlohmann::json jsonArray(const std::string& text) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    return (j.is_discarded() || !j.is_array()) ? nlohmann::json::array() : j;
}

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

namespace {

#define ALIN_PG_USER_SELECT                                                                     \
    "SELECT id, email, birth_name, first_name, phone, password_hash, active, role, created_at," \
    " consent_at, organisation, siret FROM users "

UserRecord readUser(const Row& st) {
    UserRecord u;
    u.id = st.integer(0);
    u.email = st.text(1);
    u.birthName = st.text(2);
    u.firstName = st.text(3);
    u.phone = st.text(4);
    u.passwordHash = st.text(5);
    u.active = st.integer(6) != 0;
    u.role = domain::parseRole(st.text(7)).value_or(domain::Role::Applicant);  // unknown: least privileged
    u.createdAt = st.integer(8);
    u.consentAt = st.integer(9);
    u.organisation = st.text(10);
    u.siret = st.text(11);
    return u;
}

}  // namespace

std::optional<UserRecord> PgStorage::findUserByEmail(const std::string& email) {
    Result r = exec(ALIN_PG_USER_SELECT "WHERE email = $1", {email}, false);
    if (r.empty()) return std::nullopt;
    return readUser(Row{r, 0});
}

std::optional<UserRecord> PgStorage::findUserById(int64_t id) {
    Result r = exec(ALIN_PG_USER_SELECT "WHERE id = $1", {id}, false);
    if (r.empty()) return std::nullopt;
    return readUser(Row{r, 0});
}

int64_t PgStorage::insertUser(const UserRecord& u) {
    Result r = exec(
        "INSERT INTO users (email, birth_name, first_name, phone, password_hash, active, role,"
        " created_at, consent_at, organisation, siret) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        " RETURNING id",
        {u.email, u.birthName, u.firstName, u.phone, u.passwordHash, u.active, std::string(domain::roleCode(u.role)),
         u.createdAt, u.consentAt, u.organisation, u.siret},
        true);
    return r.integer(0, 0);
}

void PgStorage::updateUser(const UserRecord& u) {
    exec(
        "UPDATE users SET email = $1, birth_name = $2, first_name = $3, phone = $4, password_hash = $5,"
        " active = $6, role = $7, created_at = $8, consent_at = $9, organisation = $10, siret = $11 WHERE id = $12",
        {u.email, u.birthName, u.firstName, u.phone, u.passwordHash, u.active, std::string(domain::roleCode(u.role)),
         u.createdAt, u.consentAt, u.organisation, u.siret, u.id},
        true);
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
        "INSERT INTO outbox (recipient, subject, body, links, codes, created_at) VALUES ($1, $2, $3, $4, $5, $6)"
        " RETURNING id",
        {m.to, m.subject, m.body, jsonText(m.links.is_null() ? nlohmann::json::array() : m.links),
         jsonText(m.codes.is_null() ? nlohmann::json::array() : m.codes), m.createdAt},
        true);
    return r.integer(0, 0);
}

std::vector<MailRecord> PgStorage::listMailTo(const std::string& to) {
    Result r = exec(
        "SELECT id, recipient, subject, body, links, codes, created_at"
        " FROM outbox WHERE recipient = $1 ORDER BY id DESC",
        {to}, false);
    std::vector<MailRecord> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        MailRecord m;
        m.id = r.integer(i, 0);
        m.to = r.text(i, 1);
        m.subject = r.text(i, 2);
        m.body = r.text(i, 3);
        m.links = jsonArray(r.text(i, 4));
        m.codes = jsonArray(r.text(i, 5));
        m.createdAt = r.integer(i, 6);
        out.push_back(std::move(m));
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

// [SECTION] Request files ------------------------------------------------------

namespace {

#define ALIN_PG_FILE_SELECT                                                                          \
    "SELECT id, user_id, numero_unique, snapshot, imported_at, refreshed_at, legacy, employer_name," \
    " company_code, matricule, hire_date, cdii, attach_to, employer_validated, sharing_choice,"      \
    " doc_identite, doc_ressources, doc_avis_imposition, doc_motif, validated_at FROM request_files "

RequestFileRecord readFile(const Row& st) {
    RequestFileRecord f;
    f.id = st.integer(0);
    f.userId = st.integer(1);
    f.numeroUnique = st.text(2);
    f.snapshot = jsonObject(st.text(3));
    f.importedAt = st.integer(4);
    f.refreshedAt = st.integer(5);
    f.legacy = st.integer(6) != 0;
    f.employerName = st.text(7);
    f.companyCode = st.text(8);
    f.matricule = st.text(9);
    f.hireDate = st.text(10);
    f.cdii = st.text(11);
    f.attachTo = st.text(12);
    f.employerValidated = st.integer(13) != 0;
    f.sharingChoice = static_cast<int>(st.integer(14));
    f.docIdentity = st.integer(15) != 0;
    f.docResources = st.integer(16) != 0;
    f.docTaxNotices = st.integer(17) != 0;
    f.docMotive = st.integer(18) != 0;
    f.validatedAt = st.integer(19);
    return f;
}

}  // namespace

std::optional<RequestFileRecord> PgStorage::findRequestFileOfUser(int64_t userId) {
    Result r = exec(ALIN_PG_FILE_SELECT "WHERE user_id = $1", {userId}, false);
    if (r.empty()) return std::nullopt;
    return readFile(Row{r, 0});
}

std::optional<RequestFileRecord> PgStorage::findRequestFileByNumero(const std::string& numeroUnique) {
    Result r = exec(ALIN_PG_FILE_SELECT "WHERE numero_unique = $1", {numeroUnique}, false);
    if (r.empty()) return std::nullopt;
    return readFile(Row{r, 0});
}

int64_t PgStorage::insertRequestFile(const RequestFileRecord& f) {
    Result r = exec(
        "INSERT INTO request_files (user_id, numero_unique, snapshot, imported_at, refreshed_at, legacy,"
        " employer_name, company_code, matricule, hire_date, cdii, attach_to, employer_validated, sharing_choice,"
        " doc_identite, doc_ressources, doc_avis_imposition, doc_motif, validated_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id",
        {f.userId, f.numeroUnique, jsonText(f.snapshot), f.importedAt, f.refreshedAt, f.legacy, f.employerName,
         f.companyCode, f.matricule, f.hireDate, f.cdii, f.attachTo, f.employerValidated, f.sharingChoice,
         f.docIdentity, f.docResources, f.docTaxNotices, f.docMotive, f.validatedAt},
        true);
    return r.integer(0, 0);
}

void PgStorage::updateRequestFile(const RequestFileRecord& f) {
    exec(
        "UPDATE request_files SET snapshot = $1, imported_at = $2, refreshed_at = $3, legacy = $4,"
        " employer_name = $5, company_code = $6, matricule = $7, hire_date = $8, cdii = $9, attach_to = $10,"
        " employer_validated = $11, sharing_choice = $12, doc_identite = $13, doc_ressources = $14,"
        " doc_avis_imposition = $15, doc_motif = $16, validated_at = $17 WHERE user_id = $18",
        {jsonText(f.snapshot), f.importedAt, f.refreshedAt, f.legacy, f.employerName, f.companyCode, f.matricule,
         f.hireDate, f.cdii, f.attachTo, f.employerValidated, f.sharingChoice, f.docIdentity, f.docResources,
         f.docTaxNotices, f.docMotive, f.validatedAt, f.userId},
        true);
}

std::vector<RequestFileRecord> PgStorage::listRequestFiles() {
    Result r = exec(ALIN_PG_FILE_SELECT "ORDER BY user_id", {}, false);
    std::vector<RequestFileRecord> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(readFile(Row{r, i}));
    return out;
}

void PgStorage::deleteRequestFileOfUser(int64_t userId) {
    exec("DELETE FROM request_files WHERE user_id = $1", {userId}, true);
}

// [SECTION] Verification codes -------------------------------------------------

int64_t PgStorage::insertVerificationCode(const VerificationCodeRecord& c) {
    Result r = exec(
        "INSERT INTO verification_codes (user_id, purpose, numero_unique, code_hash, sent_to, created_at,"
        " expires_at, failed_attempts, used_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        {c.userId, c.purpose, c.numeroUnique, c.codeHash, c.sentTo, c.createdAt, c.expiresAt, c.failedAttempts,
         c.usedAt},
        true);
    return r.integer(0, 0);
}

std::optional<VerificationCodeRecord> PgStorage::latestVerificationCode(int64_t userId, const std::string& purpose) {
    Result r = exec(
        "SELECT id, user_id, purpose, numero_unique, code_hash, sent_to, created_at, expires_at, failed_attempts,"
        " used_at FROM verification_codes WHERE user_id = $1 AND purpose = $2 ORDER BY id DESC LIMIT 1",
        {userId, purpose}, false);
    if (r.empty()) return std::nullopt;
    VerificationCodeRecord c;
    c.id = r.integer(0, 0);
    c.userId = r.integer(0, 1);
    c.purpose = r.text(0, 2);
    c.numeroUnique = r.text(0, 3);
    c.codeHash = r.text(0, 4);
    c.sentTo = r.text(0, 5);
    c.createdAt = r.integer(0, 6);
    c.expiresAt = r.integer(0, 7);
    c.failedAttempts = static_cast<int>(r.integer(0, 8));
    c.usedAt = r.integer(0, 9);
    return c;
}

void PgStorage::updateVerificationCode(const VerificationCodeRecord& c) {
    exec("UPDATE verification_codes SET failed_attempts = $1, used_at = $2 WHERE id = $3",
         {c.failedAttempts, c.usedAt, c.id}, true);
}

void PgStorage::revokeVerificationCodes(int64_t userId, const std::string& purpose, int64_t at) {
    exec("UPDATE verification_codes SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at = 0",
         {at, userId, purpose}, true);
}

int PgStorage::countVerificationCodesSince(int64_t userId, const std::string& purpose, int64_t since) {
    return static_cast<int>(
        exec("SELECT COUNT(*) FROM verification_codes WHERE user_id = $1 AND purpose = $2 AND created_at >= $3",
             {userId, purpose, since}, false)
            .integer(0, 0));
}

void PgStorage::deleteVerificationCodesOfUser(int64_t userId) {
    exec("DELETE FROM verification_codes WHERE user_id = $1", {userId}, true);
}

// [SECTION] Offers -------------------------------------------------------------

int64_t PgStorage::insertAddedOffer(const AddedOfferRecord& o) {
    int64_t id = 0;
    // In a transaction: its advisory lock makes MAX + 1 safe across servers.
    transaction([&] {
        id = exec("SELECT GREATEST(COALESCE(MAX(id), 0), $1::bigint - 1) + 1 FROM added_offers", {kFirstAddedOfferId},
                  false)
                 .integer(0, 0);
        nlohmann::json offer = o.offer.is_object() ? o.offer : nlohmann::json::object();
        offer["id"] = id;
        exec("INSERT INTO added_offers (id, offer, created_by, created_at) VALUES ($1, $2, $3, $4)",
             {id, jsonText(offer), o.createdBy, o.createdAt}, true);
    });
    return id;
}

std::vector<AddedOfferRecord> PgStorage::listAddedOffers() {
    return listAddedOffersAfter(0);
}

std::vector<AddedOfferRecord> PgStorage::listAddedOffersAfter(int64_t afterId) {
    Result r =
        exec("SELECT id, offer, created_by, created_at FROM added_offers WHERE id > $1 ORDER BY id", {afterId}, false);
    std::vector<AddedOfferRecord> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        AddedOfferRecord o;
        o.id = r.integer(i, 0);
        o.offer = jsonObject(r.text(i, 1));
        o.createdBy = r.integer(i, 2);
        o.createdAt = r.integer(i, 3);
        out.push_back(std::move(o));
    }
    return out;
}

namespace {

OfferStateRecord readOfferState(const Row& st) {
    OfferStateRecord s;
    s.offerId = st.integer(0);
    s.applicationsAdded = static_cast<int>(st.integer(1));
    s.status = st.text(2);
    s.updatedAt = st.integer(3);
    return s;
}

}  // namespace

std::optional<OfferStateRecord> PgStorage::findOfferState(int64_t offerId) {
    Result r = exec("SELECT offer_id, applications_added, status, updated_at FROM offer_states WHERE offer_id = $1",
                    {offerId}, false);
    if (r.empty()) return std::nullopt;
    return readOfferState(Row{r, 0});
}

void PgStorage::upsertOfferState(const OfferStateRecord& s) {
    exec(
        "INSERT INTO offer_states (offer_id, applications_added, status, updated_at) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT (offer_id) DO UPDATE SET applications_added = excluded.applications_added,"
        " status = excluded.status, updated_at = excluded.updated_at",
        {s.offerId, s.applicationsAdded, s.status, s.updatedAt}, true);
}

std::vector<OfferStateRecord> PgStorage::listOfferStates() {
    return listOfferStatesSince(INT64_MIN);
}

std::vector<OfferStateRecord> PgStorage::listOfferStatesSince(int64_t since) {
    Result r = exec(
        "SELECT offer_id, applications_added, status, updated_at FROM offer_states WHERE updated_at >= $1"
        " ORDER BY offer_id",
        {since}, false);
    std::vector<OfferStateRecord> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(readOfferState(Row{r, i}));
    return out;
}

// [SECTION] Applications -------------------------------------------------------

namespace {

#define ALIN_PG_APPLICATION_SELECT                                                                        \
    "SELECT id, user_id, request_file_id, numero_unique, offer_id, stage, decision, decision_rank, step," \
    " active, priority_situation, employer_support, request_created_at, created_at, updated_at,"          \
    " invalidation_reason, events, unread FROM applications "

ApplicationRecord readApplication(const Row& st) {
    ApplicationRecord a;
    a.id = st.integer(0);
    a.userId = st.integer(1);
    a.requestFileId = st.integer(2);
    a.numeroUnique = st.text(3);
    a.offerId = st.integer(4);
    a.stage = st.text(5);
    a.decision = st.text(6);
    a.rank = static_cast<int>(st.integer(7));
    a.step = static_cast<int>(st.integer(8));
    a.active = st.integer(9) != 0;
    a.prioritySituation = st.integer(10) != 0;
    a.employerSupport = st.integer(11) != 0;
    a.requestCreatedAt = st.integer(12);
    a.createdAt = st.integer(13);
    a.updatedAt = st.integer(14);
    a.invalidationReason = st.text(15);
    a.events = jsonArray(st.text(16));
    a.unread = st.integer(17) != 0;
    return a;
}

}  // namespace

int64_t PgStorage::insertApplication(const ApplicationRecord& a) {
    // ON CONFLICT DO NOTHING (no target) covers every unique index: the two
    // partial ones of the rule of one; the key is generated. CHECK and FOREIGN
    // KEY violations still throw.
    Result r = exec(
        "INSERT INTO applications (user_id, request_file_id, numero_unique, offer_id, stage, decision,"
        " decision_rank, step, active, priority_situation, employer_support, request_created_at, created_at,"
        " updated_at, invalidation_reason, events, unread)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)"
        " ON CONFLICT DO NOTHING RETURNING id",
        {a.userId, a.requestFileId, a.numeroUnique, a.offerId, a.stage, a.decision, a.rank, a.step, a.active,
         a.prioritySituation, a.employerSupport, a.requestCreatedAt, a.createdAt, a.updatedAt, a.invalidationReason,
         jsonText(a.events.is_array() ? a.events : nlohmann::json::array()), a.unread},
        true);
    return r.empty() ? 0 : r.integer(0, 0);
}

std::optional<ApplicationRecord> PgStorage::findApplication(int64_t id) {
    Result r = exec(ALIN_PG_APPLICATION_SELECT "WHERE id = $1", {id}, false);
    if (r.empty()) return std::nullopt;
    return readApplication(Row{r, 0});
}

std::optional<ApplicationRecord> PgStorage::findActiveApplicationOfUser(int64_t userId) {
    Result r = exec(ALIN_PG_APPLICATION_SELECT "WHERE user_id = $1 AND active = 1", {userId}, false);
    if (r.empty()) return std::nullopt;
    return readApplication(Row{r, 0});
}

void PgStorage::updateApplication(const ApplicationRecord& a) {
    exec(
        "UPDATE applications SET stage = $1, decision = $2, decision_rank = $3, step = $4, active = $5,"
        " updated_at = $6, invalidation_reason = $7, events = $8, unread = $9 WHERE id = $10",
        {a.stage, a.decision, a.rank, a.step, a.active, a.updatedAt, a.invalidationReason,
         jsonText(a.events.is_array() ? a.events : nlohmann::json::array()), a.unread, a.id},
        true);
}

std::vector<ApplicationRecord> PgStorage::listApplications(const ApplicationQuery& q) {
    Result r = exec(ALIN_PG_APPLICATION_SELECT
                    "WHERE ($1::bigint = 0 OR user_id = $1::bigint) AND ($2::bigint = 0 OR offer_id = $2::bigint)"
                    " AND ($3::int = 0 OR active = 1) AND step >= $4::int ORDER BY id",
                    {q.userId, q.offerId, q.activeOnly, q.minStep}, false);
    std::vector<ApplicationRecord> out;
    out.reserve(static_cast<size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) out.push_back(readApplication(Row{r, i}));
    return out;
}

void PgStorage::markApplicationsRead(int64_t userId) {
    exec("UPDATE applications SET unread = 0 WHERE user_id = $1 AND unread = 1", {userId}, true);
}

// [SECTION] Limits under concurrency -------------------------------------------

int64_t PgStorage::beginLoginAttempt(const std::vector<std::string>& keys, int64_t now, const LoginLimit& limit) {
    int64_t wait = 0;
    transaction([&] {
        exec("DELETE FROM login_failures WHERE id IN (SELECT id FROM login_failures WHERE expires_at <= $1 LIMIT $2)",
             {now, kPruneBatchRows}, true);
        for (const std::string& key : keys) {
            const int64_t latest =
                exec("SELECT COALESCE(MAX(at), 0) FROM login_failures WHERE throttle_key = $1", {key}, false)
                    .integer(0, 0);
            if (latest == 0 || now >= latest + limit.lockSeconds) continue;
            const int64_t inWindow = exec("SELECT COUNT(*) FROM login_failures WHERE throttle_key = $1 AND at >= $2",
                                          {key, latest - limit.windowSeconds + 1}, false)
                                         .integer(0, 0);
            if (inWindow >= limit.maxFailures) wait = std::max(wait, latest + limit.lockSeconds - now);
        }
        if (wait > 0) return;
        for (const std::string& key : keys)
            exec("INSERT INTO login_failures (throttle_key, at, expires_at) VALUES ($1, $2, $3)",
                 {key, now, now + limit.windowSeconds + limit.lockSeconds}, true);
    });
    return wait;
}

void PgStorage::releaseLoginAttempt(const std::string& key, int64_t at) {
    exec(
        "DELETE FROM login_failures WHERE id = (SELECT id FROM login_failures WHERE throttle_key = $1 AND at = $2"
        " ORDER BY id DESC LIMIT 1)",
        {key, at}, true);
}

bool PgStorage::takeQuota(const std::vector<QuotaRule>& rules, int64_t now) {
    bool allowed = true;
    transaction([&] {
        exec("DELETE FROM quota_events WHERE id IN (SELECT id FROM quota_events WHERE expires_at <= $1 LIMIT $2)",
             {now, kPruneBatchRows}, true);
        for (const QuotaRule& rule : rules) {
            exec("DELETE FROM quota_events WHERE quota_key = $1 AND at <= $2", {rule.key, now - rule.windowSeconds},
                 true);
            if (exec("SELECT COUNT(*) FROM quota_events WHERE quota_key = $1", {rule.key}, false).integer(0, 0) >=
                rule.max) {
                allowed = false;
                return;
            }
        }
        for (const QuotaRule& rule : rules)
            exec("INSERT INTO quota_events (quota_key, at, expires_at) VALUES ($1, $2, $3)",
                 {rule.key, now, now + rule.windowSeconds}, true);
    });
    return allowed;
}

LimitRowCounts PgStorage::countLimitRows() {
    Result r = exec(
        "SELECT (SELECT COUNT(*) FROM login_failures), (SELECT COUNT(*) FROM quota_events),"
        " (SELECT COUNT(*) FROM one_time_tokens)",
        {}, false);
    LimitRowCounts counts;
    counts.loginFailures = r.integer(0, 0);
    counts.quotaEvents = r.integer(0, 1);
    counts.tokens = r.integer(0, 2);
    return counts;
}

bool PgStorage::consumeToken(const std::string& tokenHash, int64_t at) {
    return exec("UPDATE one_time_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at = 0", {at, tokenHash}, true)
               .affected() == 1;
}

}  // namespace alin::server
