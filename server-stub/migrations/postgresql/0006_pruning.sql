-- PostgreSQL twin of ../0006_pruning.sql: pruning of the limits' rows (issue 9).
-- Each throttle row says when it stops counting, and every write of one
-- (Storage::beginLoginAttempt, takeQuota, insertToken) deletes a bounded batch
-- of rows, of any key, past that (storage.h, kPruneBatchRows).
ALTER TABLE login_failures ADD COLUMN expires_at BIGINT NOT NULL DEFAULT 0;
-- Rows written before: the default LoginLimit (15 min window + 15 min lock).
UPDATE login_failures SET expires_at = at + 1800;
ALTER TABLE quota_events ADD COLUMN expires_at BIGINT NOT NULL DEFAULT 0;
-- Rows written before: the only window in use (the e-mail quotas, 1 h).
UPDATE quota_events SET expires_at = at + 3600;
CREATE INDEX login_failures_expiry ON login_failures (expires_at);
CREATE INDEX quota_events_expiry ON quota_events (expires_at);
CREATE INDEX one_time_tokens_expiry ON one_time_tokens (expires_at);
