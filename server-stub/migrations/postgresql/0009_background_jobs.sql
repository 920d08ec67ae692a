-- PostgreSQL twin of ../0009_background_jobs.sql.
-- Background jobs of the server (issue 13 item 4, issue 14 part 3).
-- Times are seconds since the Unix epoch.

-- E-mail delivery through the outbox (see the SQLite twin for the states).
-- Drainers on several servers claim rows with FOR UPDATE SKIP LOCKED.
ALTER TABLE outbox ADD COLUMN delivery TEXT NOT NULL DEFAULT 'none'
    CHECK (delivery IN ('none', 'pending', 'sent', 'failed'));
ALTER TABLE outbox ADD COLUMN due_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN sent_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX outbox_pending ON outbox (due_at, id) WHERE delivery = 'pending';

-- Retention: one row per warned account (see the SQLite twin).
CREATE TABLE retention_warnings (
    user_id   BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    warned_at BIGINT NOT NULL
);
