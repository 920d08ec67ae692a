// Embedded copies of server-stub/migrations/*.sql (see migrations.h).
// When adding a migration: add NNNN_name.sql, paste it here verbatim as a new
// entry, never edit an already released one. test_sqlite_storage.cpp fails if
// the two drift apart.
#include "migrations.h"

namespace alin::server {
namespace {

constexpr Migration kAccounts{1, "0001_accounts", R"sql(-- Accounts: users, one-time links, sessions, login throttling.
-- Times are seconds since the Unix epoch. Secrets are never stored in clear:
-- tokens and session cookies are kept as hex SHA-256, passwords as Argon2id.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT    NOT NULL,
    birth_name    TEXT    NOT NULL,
    first_name    TEXT    NOT NULL,
    phone         TEXT    NOT NULL,
    password_hash TEXT    NOT NULL DEFAULT '',
    active        INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
    role          TEXT    NOT NULL DEFAULT 'applicant',
    created_at    INTEGER NOT NULL,
    consent_at    INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX users_email ON users (email);

CREATE TABLE one_time_tokens (
    token_hash TEXT    NOT NULL PRIMARY KEY,
    purpose    TEXT    NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX one_time_tokens_user ON one_time_tokens (user_id, purpose);

CREATE TABLE sessions (
    token_hash   TEXT    NOT NULL PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_failures (
    id           INTEGER PRIMARY KEY,
    throttle_key TEXT    NOT NULL,
    at           INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (throttle_key, at);
)sql"};

constexpr Migration kOutbox{2, "0002_outbox",
                            R"sql(-- Outbox of sent e-mails: read by the development mailbox (never in production).

CREATE TABLE outbox (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    recipient  TEXT    NOT NULL,
    subject    TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    links      TEXT    NOT NULL DEFAULT '[]',
    codes      TEXT    NOT NULL DEFAULT '[]',
    created_at INTEGER NOT NULL
);
CREATE INDEX outbox_recipient ON outbox (recipient, id);
)sql"};

constexpr Migration kAll[] = {kAccounts, kOutbox};

}  // namespace

std::span<const Migration> migrations() {
    return kAll;
}

}  // namespace alin::server
