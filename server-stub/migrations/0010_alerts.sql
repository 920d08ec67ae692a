-- "Mes alertes" (issue 14 part 1): saved searches of applicants, notified
-- when an offer they match is published. Times are seconds since the Unix epoch.

-- An alert: the owner's request file (read live) plus the offers screen's
-- filters as JSON ({"tabs":[...],"rooms":[...],"house","apartment","pmr",
-- "priceMin","priceMax"}). frequency: 'immediate' (one e-mail per offer) or
-- 'daily' (one digest a day at digest_hour). A paused alert matches nothing.
CREATE TABLE alerts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    filters     TEXT    NOT NULL DEFAULT '{}',
    frequency   TEXT    NOT NULL DEFAULT 'immediate' CHECK (frequency IN ('immediate', 'daily')),
    digest_hour INTEGER NOT NULL DEFAULT 8 CHECK (digest_hour BETWEEN 0 AND 23),
    paused      INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX alerts_user ON alerts (user_id, id);
CREATE INDEX alerts_updated ON alerts (updated_at);  -- what other servers follow

-- One row per alert and offer matched: the key that makes each e-mail go once
-- whatever the concurrent publications. mailed_at 0: waiting for the digest.
-- seen: the applicant opened "Les offres" since (the "Nouveau" marks).
CREATE TABLE alert_notifications (
    alert_id   INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    offer_id   INTEGER NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    mailed_at  INTEGER NOT NULL DEFAULT 0,
    seen       INTEGER NOT NULL DEFAULT 0 CHECK (seen IN (0, 1)),
    PRIMARY KEY (alert_id, offer_id)
);
CREATE INDEX alert_notifications_user ON alert_notifications (user_id, created_at);
CREATE INDEX alert_notifications_unmailed ON alert_notifications (user_id, offer_id) WHERE mailed_at = 0;

-- The outbox's deduplication key: at most one e-mail per key ("alert:A:O").
ALTER TABLE outbox ADD COLUMN dedupe_key TEXT;
CREATE UNIQUE INDEX outbox_dedupe ON outbox (dedupe_key) WHERE dedupe_key IS NOT NULL;
