-- Request files (guide §3, §4): the registry stand-in, the imported requests and
-- the e-mailed security codes. Times are seconds since the Unix epoch; JSON
-- columns hold UTF-8 text.

-- Stand-in for the registration sites (national SNE and departmental sites):
-- one RegistryRequest JSON (src/reference/registry_types.h) per Numéro Unique.
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
