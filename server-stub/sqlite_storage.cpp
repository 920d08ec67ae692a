#include "sqlite_storage.h"

#include <sqlite3.h>

#include <algorithm>
#include <ctime>
#include <string_view>

#include "migrations.h"

namespace alin::server {

// [SECTION] Prepared statement handle -------------------------------------------

// A cached prepared statement, borrowed for one use: bind, step, read columns.
// The destructor resets it and clears its bindings so it is ready for reuse
// (and holds no read lock once the caller is done).
class SqliteStorage::Statement {
public:
    Statement(SqliteStorage& owner, sqlite3_stmt* stmt) : owner_(owner), stmt_(stmt) {}
    ~Statement() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, int64_t value) {
        check(sqlite3_bind_int64(stmt_, index, value));
        return *this;
    }
    Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
    Statement& bind(int index, bool value) { return bind(index, static_cast<int64_t>(value ? 1 : 0)); }
    Statement& bind(int index, std::string_view value) {
        check(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
        return *this;
    }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }

    // true when a row is available, false when done.
    bool step() {
        int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        owner_.fail(sqlite3_sql(stmt_), rc);
        return false;  // not reached: fail() throws
    }
    void run() {
        while (step()) {
        }
    }

    int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }
    std::string text(int column) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
        return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
    }

private:
    void check(int rc) {
        if (rc != SQLITE_OK) owner_.fail("bind", rc);
    }
    SqliteStorage& owner_;
    sqlite3_stmt* stmt_;
};

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

namespace {

#define ALIN_USER_SELECT                                                                        \
    "SELECT id, email, birth_name, first_name, phone, password_hash, active, role, created_at," \
    " consent_at, organisation, siret FROM users "

template <class Row>
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
        " created_at, consent_at, organisation, siret) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
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
        .run();
    return sqlite3_last_insert_rowid(db_);
}

void SqliteStorage::updateUser(const UserRecord& u) {
    std::lock_guard lock(mutex_);
    prepare(
        "UPDATE users SET email = ?, birth_name = ?, first_name = ?, phone = ?, password_hash = ?,"
        " active = ?, role = ?, created_at = ?, consent_at = ?, organisation = ?, siret = ? WHERE id = ?")
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
        .bind(12, u.id)
        .run();
}

// [SECTION] One-time tokens ----------------------------------------------------

void SqliteStorage::insertToken(const OneTimeTokenRecord& t) {
    std::lock_guard lock(mutex_);
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
    prepare("INSERT INTO login_failures (throttle_key, at) VALUES (?, ?)").bind(1, key).bind(2, at).run();
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
    prepare("INSERT INTO outbox (recipient, subject, body, links, codes, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, m.to)
        .bind(2, m.subject)
        .bind(3, m.body)
        .bind(4, dumpJson(m.links.is_null() ? nlohmann::json::array() : m.links))
        .bind(5, dumpJson(m.codes.is_null() ? nlohmann::json::array() : m.codes))
        .bind(6, m.createdAt)
        .run();
    return sqlite3_last_insert_rowid(db_);
}

std::vector<MailRecord> SqliteStorage::listMailTo(const std::string& to) {
    std::lock_guard lock(mutex_);
    auto st = prepare(
        "SELECT id, recipient, subject, body, links, codes, created_at"
        " FROM outbox WHERE recipient = ? ORDER BY id DESC");
    st.bind(1, to);
    std::vector<MailRecord> out;
    while (st.step()) {
        MailRecord m;
        m.id = st.integer(0);
        m.to = st.text(1);
        m.subject = st.text(2);
        m.body = st.text(3);
        m.links = nlohmann::json::parse(st.text(4), nullptr, false);
        m.codes = nlohmann::json::parse(st.text(5), nullptr, false);
        if (m.links.is_discarded()) m.links = nlohmann::json::array();
        if (m.codes.is_discarded()) m.codes = nlohmann::json::array();
        m.createdAt = st.integer(6);
        out.push_back(std::move(m));
    }
    return out;
}

// [SECTION] Registry stand-in --------------------------------------------------

namespace {

std::string jsonText(const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json jsonObject(const std::string& text) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    return (j.is_discarded() || !j.is_object()) ? nlohmann::json::object() : j;
}

}  // namespace

std::optional<nlohmann::json> SqliteStorage::findRegistryRequest(const std::string& numeroUnique) {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT request FROM registry_requests WHERE numero_unique = ?");
    st.bind(1, numeroUnique);
    if (!st.step()) return std::nullopt;
    return jsonObject(st.text(0));
}

void SqliteStorage::upsertRegistryRequest(const std::string& numeroUnique, const nlohmann::json& request, int64_t at) {
    std::lock_guard lock(mutex_);
    prepare(
        "INSERT INTO registry_requests (numero_unique, request, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT (numero_unique) DO UPDATE SET request = excluded.request, updated_at = excluded.updated_at")
        .bind(1, numeroUnique)
        .bind(2, jsonText(request))
        .bind(3, at)
        .run();
}

int64_t SqliteStorage::countRegistryRequests() {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT COUNT(*) FROM registry_requests");
    return st.step() ? st.integer(0) : 0;
}

std::vector<nlohmann::json> SqliteStorage::listRegistryRequests(int64_t offset, int64_t limit) {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT request FROM registry_requests ORDER BY numero_unique LIMIT ? OFFSET ?");
    st.bind(1, limit < 0 ? int64_t{0} : limit).bind(2, offset < 0 ? int64_t{0} : offset);
    std::vector<nlohmann::json> out;
    while (st.step()) out.push_back(jsonObject(st.text(0)));
    return out;
}

// [SECTION] Request files ------------------------------------------------------

namespace {

#define ALIN_FILE_SELECT                                                                             \
    "SELECT id, user_id, numero_unique, snapshot, imported_at, refreshed_at, legacy, employer_name," \
    " company_code, matricule, hire_date, cdii, attach_to, employer_validated, sharing_choice,"      \
    " doc_identite, doc_ressources, doc_avis_imposition, doc_motif, validated_at FROM request_files "

template <class Row>
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

std::optional<RequestFileRecord> SqliteStorage::findRequestFileOfUser(int64_t userId) {
    std::lock_guard lock(mutex_);
    auto st = prepare(ALIN_FILE_SELECT "WHERE user_id = ?");
    st.bind(1, userId);
    if (!st.step()) return std::nullopt;
    return readFile(st);
}

std::optional<RequestFileRecord> SqliteStorage::findRequestFileByNumero(const std::string& numeroUnique) {
    std::lock_guard lock(mutex_);
    auto st = prepare(ALIN_FILE_SELECT "WHERE numero_unique = ?");
    st.bind(1, numeroUnique);
    if (!st.step()) return std::nullopt;
    return readFile(st);
}

int64_t SqliteStorage::insertRequestFile(const RequestFileRecord& f) {
    std::lock_guard lock(mutex_);
    prepare(
        "INSERT INTO request_files (user_id, numero_unique, snapshot, imported_at, refreshed_at, legacy,"
        " employer_name, company_code, matricule, hire_date, cdii, attach_to, employer_validated, sharing_choice,"
        " doc_identite, doc_ressources, doc_avis_imposition, doc_motif, validated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, f.userId)
        .bind(2, f.numeroUnique)
        .bind(3, jsonText(f.snapshot))
        .bind(4, f.importedAt)
        .bind(5, f.refreshedAt)
        .bind(6, f.legacy)
        .bind(7, f.employerName)
        .bind(8, f.companyCode)
        .bind(9, f.matricule)
        .bind(10, f.hireDate)
        .bind(11, f.cdii)
        .bind(12, f.attachTo)
        .bind(13, f.employerValidated)
        .bind(14, f.sharingChoice)
        .bind(15, f.docIdentity)
        .bind(16, f.docResources)
        .bind(17, f.docTaxNotices)
        .bind(18, f.docMotive)
        .bind(19, f.validatedAt)
        .run();
    return sqlite3_last_insert_rowid(db_);
}

void SqliteStorage::updateRequestFile(const RequestFileRecord& f) {
    std::lock_guard lock(mutex_);
    prepare(
        "UPDATE request_files SET snapshot = ?, imported_at = ?, refreshed_at = ?, legacy = ?, employer_name = ?,"
        " company_code = ?, matricule = ?, hire_date = ?, cdii = ?, attach_to = ?, employer_validated = ?,"
        " sharing_choice = ?, doc_identite = ?, doc_ressources = ?, doc_avis_imposition = ?, doc_motif = ?,"
        " validated_at = ? WHERE user_id = ?")
        .bind(1, jsonText(f.snapshot))
        .bind(2, f.importedAt)
        .bind(3, f.refreshedAt)
        .bind(4, f.legacy)
        .bind(5, f.employerName)
        .bind(6, f.companyCode)
        .bind(7, f.matricule)
        .bind(8, f.hireDate)
        .bind(9, f.cdii)
        .bind(10, f.attachTo)
        .bind(11, f.employerValidated)
        .bind(12, f.sharingChoice)
        .bind(13, f.docIdentity)
        .bind(14, f.docResources)
        .bind(15, f.docTaxNotices)
        .bind(16, f.docMotive)
        .bind(17, f.validatedAt)
        .bind(18, f.userId)
        .run();
}

std::vector<RequestFileRecord> SqliteStorage::listRequestFiles() {
    std::lock_guard lock(mutex_);
    auto st = prepare(ALIN_FILE_SELECT "ORDER BY user_id");
    std::vector<RequestFileRecord> out;
    while (st.step()) out.push_back(readFile(st));
    return out;
}

void SqliteStorage::deleteRequestFileOfUser(int64_t userId) {
    std::lock_guard lock(mutex_);
    prepare("DELETE FROM request_files WHERE user_id = ?").bind(1, userId).run();
}

// [SECTION] Verification codes -------------------------------------------------

int64_t SqliteStorage::insertVerificationCode(const VerificationCodeRecord& c) {
    std::lock_guard lock(mutex_);
    prepare(
        "INSERT INTO verification_codes (user_id, purpose, numero_unique, code_hash, sent_to, created_at,"
        " expires_at, failed_attempts, used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, c.userId)
        .bind(2, c.purpose)
        .bind(3, c.numeroUnique)
        .bind(4, c.codeHash)
        .bind(5, c.sentTo)
        .bind(6, c.createdAt)
        .bind(7, c.expiresAt)
        .bind(8, c.failedAttempts)
        .bind(9, c.usedAt)
        .run();
    return sqlite3_last_insert_rowid(db_);
}

std::optional<VerificationCodeRecord> SqliteStorage::latestVerificationCode(int64_t userId,
                                                                            const std::string& purpose) {
    std::lock_guard lock(mutex_);
    auto st = prepare(
        "SELECT id, user_id, purpose, numero_unique, code_hash, sent_to, created_at, expires_at, failed_attempts,"
        " used_at FROM verification_codes WHERE user_id = ? AND purpose = ? ORDER BY id DESC LIMIT 1");
    st.bind(1, userId).bind(2, purpose);
    if (!st.step()) return std::nullopt;
    VerificationCodeRecord c;
    c.id = st.integer(0);
    c.userId = st.integer(1);
    c.purpose = st.text(2);
    c.numeroUnique = st.text(3);
    c.codeHash = st.text(4);
    c.sentTo = st.text(5);
    c.createdAt = st.integer(6);
    c.expiresAt = st.integer(7);
    c.failedAttempts = static_cast<int>(st.integer(8));
    c.usedAt = st.integer(9);
    return c;
}

void SqliteStorage::updateVerificationCode(const VerificationCodeRecord& c) {
    std::lock_guard lock(mutex_);
    prepare("UPDATE verification_codes SET failed_attempts = ?, used_at = ? WHERE id = ?")
        .bind(1, c.failedAttempts)
        .bind(2, c.usedAt)
        .bind(3, c.id)
        .run();
}

void SqliteStorage::revokeVerificationCodes(int64_t userId, const std::string& purpose, int64_t at) {
    std::lock_guard lock(mutex_);
    prepare("UPDATE verification_codes SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at = 0")
        .bind(1, at)
        .bind(2, userId)
        .bind(3, purpose)
        .run();
}

int SqliteStorage::countVerificationCodesSince(int64_t userId, const std::string& purpose, int64_t since) {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT COUNT(*) FROM verification_codes WHERE user_id = ? AND purpose = ? AND created_at >= ?");
    st.bind(1, userId).bind(2, purpose).bind(3, since);
    return st.step() ? static_cast<int>(st.integer(0)) : 0;
}

void SqliteStorage::deleteVerificationCodesOfUser(int64_t userId) {
    std::lock_guard lock(mutex_);
    prepare("DELETE FROM verification_codes WHERE user_id = ?").bind(1, userId).run();
}

// [SECTION] Offers -------------------------------------------------------------

int64_t SqliteStorage::insertAddedOffer(const AddedOfferRecord& o) {
    std::lock_guard lock(mutex_);
    int64_t id = 0;
    transaction([&] {
        auto next = prepare("SELECT MAX(COALESCE(MAX(id), 0), ? - 1) + 1 FROM added_offers");
        next.bind(1, kFirstAddedOfferId);
        id = next.step() ? next.integer(0) : kFirstAddedOfferId;
        nlohmann::json offer = o.offer.is_object() ? o.offer : nlohmann::json::object();
        offer["id"] = id;
        prepare("INSERT INTO added_offers (id, offer, created_by, created_at) VALUES (?, ?, ?, ?)")
            .bind(1, id)
            .bind(2, jsonText(offer))
            .bind(3, o.createdBy)
            .bind(4, o.createdAt)
            .run();
    });
    return id;
}

std::vector<AddedOfferRecord> SqliteStorage::listAddedOffers() {
    return listAddedOffersAfter(0);
}

std::vector<AddedOfferRecord> SqliteStorage::listAddedOffersAfter(int64_t afterId) {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT id, offer, created_by, created_at FROM added_offers WHERE id > ? ORDER BY id");
    st.bind(1, afterId);
    std::vector<AddedOfferRecord> out;
    while (st.step()) {
        AddedOfferRecord o;
        o.id = st.integer(0);
        o.offer = jsonObject(st.text(1));
        o.createdBy = st.integer(2);
        o.createdAt = st.integer(3);
        out.push_back(std::move(o));
    }
    return out;
}

namespace {

template <class Row>
OfferStateRecord readOfferState(const Row& st) {
    OfferStateRecord s;
    s.offerId = st.integer(0);
    s.applicationsAdded = static_cast<int>(st.integer(1));
    s.status = st.text(2);
    s.updatedAt = st.integer(3);
    return s;
}

}  // namespace

std::optional<OfferStateRecord> SqliteStorage::findOfferState(int64_t offerId) {
    std::lock_guard lock(mutex_);
    auto st = prepare("SELECT offer_id, applications_added, status, updated_at FROM offer_states WHERE offer_id = ?");
    st.bind(1, offerId);
    if (!st.step()) return std::nullopt;
    return readOfferState(st);
}

void SqliteStorage::upsertOfferState(const OfferStateRecord& s) {
    std::lock_guard lock(mutex_);
    prepare(
        "INSERT INTO offer_states (offer_id, applications_added, status, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (offer_id) DO UPDATE SET applications_added = excluded.applications_added,"
        " status = excluded.status, updated_at = excluded.updated_at")
        .bind(1, s.offerId)
        .bind(2, s.applicationsAdded)
        .bind(3, s.status)
        .bind(4, s.updatedAt)
        .run();
}

std::vector<OfferStateRecord> SqliteStorage::listOfferStates() {
    return listOfferStatesSince(INT64_MIN);
}

std::vector<OfferStateRecord> SqliteStorage::listOfferStatesSince(int64_t since) {
    std::lock_guard lock(mutex_);
    auto st = prepare(
        "SELECT offer_id, applications_added, status, updated_at FROM offer_states WHERE updated_at >= ?"
        " ORDER BY offer_id");
    st.bind(1, since);
    std::vector<OfferStateRecord> out;
    while (st.step()) out.push_back(readOfferState(st));
    return out;
}

// [SECTION] Applications -------------------------------------------------------

namespace {

#define ALIN_APPLICATION_SELECT                                                                           \
    "SELECT id, user_id, request_file_id, numero_unique, offer_id, stage, decision, decision_rank, step," \
    " active, priority_situation, employer_support, request_created_at, created_at, updated_at,"          \
    " invalidation_reason, events, unread FROM applications "

template <class Row>
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
    nlohmann::json events = nlohmann::json::parse(st.text(16), nullptr, false);
    a.events = (events.is_discarded() || !events.is_array()) ? nlohmann::json::array() : events;
    a.unread = st.integer(17) != 0;
    return a;
}

// The partial unique index of the rule of one (and nothing else) was violated.
bool isOneActiveViolation(const StorageError& e) {
    const std::string_view what(e.what());
    return e.constraint && (what.find("applications.user_id") != std::string_view::npos ||
                            what.find("applications.numero_unique") != std::string_view::npos);
}

}  // namespace

int64_t SqliteStorage::insertApplication(const ApplicationRecord& a) {
    std::lock_guard lock(mutex_);
    try {
        prepare(
            "INSERT INTO applications (user_id, request_file_id, numero_unique, offer_id, stage, decision,"
            " decision_rank, step, active, priority_situation, employer_support, request_created_at, created_at,"
            " updated_at, invalidation_reason, events, unread)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .bind(1, a.userId)
            .bind(2, a.requestFileId)
            .bind(3, a.numeroUnique)
            .bind(4, a.offerId)
            .bind(5, a.stage)
            .bind(6, a.decision)
            .bind(7, a.rank)
            .bind(8, a.step)
            .bind(9, a.active)
            .bind(10, a.prioritySituation)
            .bind(11, a.employerSupport)
            .bind(12, a.requestCreatedAt)
            .bind(13, a.createdAt)
            .bind(14, a.updatedAt)
            .bind(15, a.invalidationReason)
            .bind(16, jsonText(a.events.is_array() ? a.events : nlohmann::json::array()))
            .bind(17, a.unread)
            .run();
    } catch (const StorageError& e) {
        // Only this statement failed; an enclosing transaction stays usable.
        if (isOneActiveViolation(e)) return 0;
        throw;
    }
    return sqlite3_last_insert_rowid(db_);
}

std::optional<ApplicationRecord> SqliteStorage::findApplication(int64_t id) {
    std::lock_guard lock(mutex_);
    auto st = prepare(ALIN_APPLICATION_SELECT "WHERE id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readApplication(st);
}

std::optional<ApplicationRecord> SqliteStorage::findActiveApplicationOfUser(int64_t userId) {
    std::lock_guard lock(mutex_);
    auto st = prepare(ALIN_APPLICATION_SELECT "WHERE user_id = ? AND active = 1");
    st.bind(1, userId);
    if (!st.step()) return std::nullopt;
    return readApplication(st);
}

void SqliteStorage::updateApplication(const ApplicationRecord& a) {
    std::lock_guard lock(mutex_);
    prepare(
        "UPDATE applications SET stage = ?, decision = ?, decision_rank = ?, step = ?, active = ?, updated_at = ?,"
        " invalidation_reason = ?, events = ?, unread = ? WHERE id = ?")
        .bind(1, a.stage)
        .bind(2, a.decision)
        .bind(3, a.rank)
        .bind(4, a.step)
        .bind(5, a.active)
        .bind(6, a.updatedAt)
        .bind(7, a.invalidationReason)
        .bind(8, jsonText(a.events.is_array() ? a.events : nlohmann::json::array()))
        .bind(9, a.unread)
        .bind(10, a.id)
        .run();
}

std::vector<ApplicationRecord> SqliteStorage::listApplications(const ApplicationQuery& q) {
    std::lock_guard lock(mutex_);
    // One statement for every filter combination (0 = any); the common shapes
    // (by user, by offer) still use their index through the first terms.
    auto st = prepare(ALIN_APPLICATION_SELECT
                      "WHERE (?1 = 0 OR user_id = ?1) AND (?2 = 0 OR offer_id = ?2) AND (?3 = 0 OR active = 1)"
                      " AND step >= ?4 ORDER BY id");
    st.bind(1, q.userId).bind(2, q.offerId).bind(3, q.activeOnly).bind(4, q.minStep);
    std::vector<ApplicationRecord> out;
    while (st.step()) out.push_back(readApplication(st));
    return out;
}

void SqliteStorage::markApplicationsRead(int64_t userId) {
    std::lock_guard lock(mutex_);
    prepare("UPDATE applications SET unread = 0 WHERE user_id = ? AND unread = 1").bind(1, userId).run();
}

// ---------------------------------------------------------------- limits under concurrency

int64_t SqliteStorage::beginLoginAttempt(const std::vector<std::string>& keys, int64_t now, const LoginLimit& limit) {
    std::lock_guard lock(mutex_);
    int64_t wait = 0;
    transaction([&] {
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
            prepare("INSERT INTO login_failures (throttle_key, at) VALUES (?, ?)").bind(1, key).bind(2, now).run();
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
            prepare("INSERT INTO quota_events (quota_key, at) VALUES (?, ?)").bind(1, rule.key).bind(2, now).run();
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

}  // namespace alin::server
