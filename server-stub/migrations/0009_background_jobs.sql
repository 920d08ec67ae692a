-- Background jobs of the server (issue 13 item 4, issue 14 part 3).
-- Times are seconds since the Unix epoch.

-- E-mail delivery through the outbox: the services only insert rows; a
-- drainer claims the pending ones, sends them over SMTP and marks them.
--   delivery: 'none'    kept for the development mailbox only (no SMTP configured,
--                       and every row written before this migration)
--             'pending' to be sent; claimable once due_at <= now
--             'sent'    handed to the SMTP server at sent_at
--             'failed'  given up after the bounded number of attempts
--   due_at:   when the row may next be claimed: its creation, then the end of a
--             claim's lease (a worker that died between claim and mark leaves
--             it to be claimed again then), or the retry time after a failure.
--   attempts: claims so far (each claim counts, a lost one too).
ALTER TABLE outbox ADD COLUMN delivery TEXT NOT NULL DEFAULT 'none'
    CHECK (delivery IN ('none', 'pending', 'sent', 'failed'));
ALTER TABLE outbox ADD COLUMN due_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN sent_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_pending ON outbox (due_at, id) WHERE delivery = 'pending';

-- Retention: an applicant account without log-in for two years is warned by
-- e-mail, then deleted 30 days later unless it logged in meanwhile. One row
-- per warned account (the warning is sent once); removed when the account
-- logs in again (the job sees the newer log-in) or with the account.
CREATE TABLE retention_warnings (
    user_id   INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    warned_at INTEGER NOT NULL
);
