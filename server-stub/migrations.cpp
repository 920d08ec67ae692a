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

constexpr Migration kRequestFiles{3, "0003_request_files", R"sql(-- Request files (guide §3, §4): the registry stand-in, the imported requests and
-- the e-mailed security codes. Times are seconds since the Unix epoch; JSON
-- columns hold UTF-8 text.

-- Stand-in for the registration sites (national SNE and departmental sites):
-- one RegistryRequest JSON (src/service/registry_types.h) per Numéro Unique.
-- Seeded at the first start; edited through the development routes.
CREATE TABLE registry_requests (
    numero_unique TEXT    NOT NULL PRIMARY KEY,
    request       TEXT    NOT NULL,
    updated_at    INTEGER NOT NULL
);

-- One request file per account, and one account per Numéro Unique: a second
-- account importing the same number is refused (409 nu_taken).
-- `snapshot` is the registry request as imported or last refreshed (it holds
-- the NIR: never log it).
CREATE TABLE request_files (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id            INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    numero_unique      TEXT    NOT NULL,
    snapshot           TEXT    NOT NULL,
    imported_at        INTEGER NOT NULL,
    refreshed_at       INTEGER NOT NULL,
    legacy             INTEGER NOT NULL DEFAULT 0 CHECK (legacy IN (0, 1)),
    employer_name      TEXT    NOT NULL DEFAULT '',
    company_code       TEXT    NOT NULL DEFAULT '',
    matricule          TEXT    NOT NULL DEFAULT '',
    hire_date          TEXT    NOT NULL DEFAULT '',
    cdii               TEXT    NOT NULL DEFAULT '' CHECK (cdii IN ('', 'yes', 'no')),
    attach_to          TEXT    NOT NULL DEFAULT 'applicant' CHECK (attach_to IN ('applicant', 'coApplicant')),
    employer_validated INTEGER NOT NULL DEFAULT 0 CHECK (employer_validated IN (0, 1)),
    sharing_choice     INTEGER NOT NULL DEFAULT 0 CHECK (sharing_choice BETWEEN 0 AND 3),
    doc_identite       INTEGER NOT NULL DEFAULT 0 CHECK (doc_identite IN (0, 1)),
    doc_ressources     INTEGER NOT NULL DEFAULT 0 CHECK (doc_ressources IN (0, 1)),
    doc_avis_imposition INTEGER NOT NULL DEFAULT 0 CHECK (doc_avis_imposition IN (0, 1)),
    doc_motif          INTEGER NOT NULL DEFAULT 0 CHECK (doc_motif IN (0, 1)),
    validated_at       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (user_id),
    UNIQUE (numero_unique)
);

-- Security codes e-mailed to the registry request's address (import, and the
-- re-confirmation of requests created before 20/04/2021). Only the hash is kept.
CREATE TABLE verification_codes (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose         TEXT    NOT NULL CHECK (purpose IN ('import', 'refresh')),
    numero_unique   TEXT    NOT NULL,
    code_hash       TEXT    NOT NULL,
    sent_to         TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    used_at         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX verification_codes_user ON verification_codes (user_id, purpose, id);
)sql"};

constexpr Migration kOffersApplications{4, "0004_offers_applications", R"sql(-- Offers and applications (guide §5, §6) and the professional accounts.
-- Times are seconds since the Unix epoch; JSON columns hold UTF-8 text.

-- Staff accounts: advisors (Action Logement), landlords (one organisation,
-- e.g. "Paris Habitat") and employers (company name and SIRET).
ALTER TABLE users ADD COLUMN organisation TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN siret TEXT NOT NULL DEFAULT '';

-- The catalogue is generated at start; these are the offers added through
-- POST /api/v1/offers (ids from 1000001, so they never meet generated ones).
CREATE TABLE added_offers (
    id         INTEGER PRIMARY KEY CHECK (id >= 1000001),
    offer      TEXT    NOT NULL,
    created_by INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);

-- Per offer (generated or added): the applications made on this platform, added
-- to the catalogue's own count, and a status change ('' = as published).
CREATE TABLE offer_states (
    offer_id           INTEGER PRIMARY KEY,
    applications_added INTEGER NOT NULL DEFAULT 0 CHECK (applications_added >= 0),
    status             TEXT    NOT NULL DEFAULT '' CHECK (status IN ('', 'open', 'closed')),
    updated_at         INTEGER NOT NULL
);

-- Applications (src/domain/application_flow.h): stage, decision, rank and step
-- are the state machine's; `active` is 1 until the application ends.
CREATE TABLE applications (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id             INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    request_file_id     INTEGER NOT NULL,
    numero_unique       TEXT    NOT NULL,
    offer_id            INTEGER NOT NULL,
    stage               TEXT    NOT NULL,
    decision            TEXT    NOT NULL DEFAULT 'none',
    decision_rank       INTEGER NOT NULL DEFAULT 0 CHECK (decision_rank BETWEEN 0 AND 3),
    step                INTEGER NOT NULL DEFAULT 1 CHECK (step BETWEEN 1 AND 7),
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    priority_situation  INTEGER NOT NULL DEFAULT 0 CHECK (priority_situation IN (0, 1)),
    employer_support    INTEGER NOT NULL DEFAULT 0 CHECK (employer_support IN (0, 1)),
    request_created_at  INTEGER NOT NULL,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    invalidation_reason TEXT    NOT NULL DEFAULT '',
    events              TEXT    NOT NULL DEFAULT '[]',
    unread              INTEGER NOT NULL DEFAULT 0 CHECK (unread IN (0, 1)),
    -- An ended application (cancelled, invalidated, refused, declined, closed,
    -- lease signed) is never active: it frees the applicant at once.
    CHECK (active = (stage IN ('submitted', 'validated', 'sent_to_landlord', 'landlord_contact', 'commission',
                               'decided')))
);
-- THE RULE OF ONE (guide §6: "Vous ne pouvez avoir qu'une seule candidature
-- active"): a uniqueness constraint, so that concurrent "Je postule" of the same
-- applicant can never both succeed.
CREATE UNIQUE INDEX applications_one_active ON applications (user_id) WHERE active = 1;
CREATE INDEX applications_user ON applications (user_id, id);
CREATE INDEX applications_offer ON applications (offer_id, active);
)sql"};

constexpr Migration kAll[] = {kAccounts, kOutbox, kRequestFiles, kOffersApplications};

}  // namespace

std::span<const Migration> migrations() {
    return kAll;
}

}  // namespace alin::server
