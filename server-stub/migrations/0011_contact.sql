-- The contact form (issue 14 part 2): an applicant's messages to Action
-- Logement Services and the advisors' answers. Times are seconds since the
-- Unix epoch. The subject and status codes are those of src/domain/contact.h.
--   status: 'waiting'  not answered yet (the advisors' inbox shows these first)
--           'answered' answered (and e-mailed) at answered_at by answered_by
--           'closed'   closed by an advisor at closed_at (out of the inbox)
-- answered_by is an advisor's user id, not a foreign key: the answer stays
-- when that account goes. The applicant's rows go with the account.
CREATE TABLE contact_messages (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    subject        TEXT    NOT NULL
        CHECK (subject IN ('request_file', 'application', 'account', 'offers', 'other')),
    body           TEXT    NOT NULL,
    application_id INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    status         TEXT    NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'answered', 'closed')),
    answer         TEXT    NOT NULL DEFAULT '',
    answered_by    INTEGER NOT NULL DEFAULT 0,
    answered_at    INTEGER NOT NULL DEFAULT 0,
    closed_at      INTEGER NOT NULL DEFAULT 0
);
-- The quota (a user's messages of the last day) and "Mes messages".
CREATE INDEX contact_messages_user ON contact_messages (user_id, created_at);
-- The inbox: the open messages by age.
CREATE INDEX contact_messages_open ON contact_messages (status, created_at, id) WHERE status <> 'closed';
