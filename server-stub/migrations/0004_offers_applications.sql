-- Offers and applications (guide §5, §6) and the professional accounts.
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
