-- "Mes données" (issue 14 part 3): what the export needs that was not kept, and
-- what account deletion keeps apart. Times are seconds since the Unix epoch.

-- Consent log: each change of the request file's data-sharing choice (1..3),
-- with its date. Choices made before this migration have no dated entry.
CREATE TABLE consent_log (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    choice  INTEGER NOT NULL CHECK (choice BETWEEN 1 AND 3),
    at      INTEGER NOT NULL
);
CREATE INDEX consent_log_user ON consent_log (user_id, id);

-- Recent log-ins (date and device): the newest 20 per user are kept
-- (Storage::insertLogin prunes the older ones as it writes).
CREATE TABLE login_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    at         INTEGER NOT NULL,
    user_agent TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX login_log_user ON login_log (user_id, id);

-- What is kept of a deleted account's applications for the landlord's legal
-- obligations (the attribution file of an offer): anonymised, apart from the
-- live tables. No user id, no Numéro Unique, no name, no free text.
CREATE TABLE archived_applications (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    offer_id      INTEGER NOT NULL,
    stage         TEXT    NOT NULL,
    decision      TEXT    NOT NULL DEFAULT 'none',
    decision_rank INTEGER NOT NULL DEFAULT 0 CHECK (decision_rank BETWEEN 0 AND 3),
    applied_at    INTEGER NOT NULL,
    ended_at      INTEGER NOT NULL,
    events        TEXT    NOT NULL DEFAULT '[]',
    archived_at   INTEGER NOT NULL
);
CREATE INDEX archived_applications_offer ON archived_applications (offer_id);
