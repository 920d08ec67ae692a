-- Limits that hold under concurrency (issue 9).

-- Quotas of Storage::takeQuota (e-mails per address and per client): one row
-- per counted event; rows older than the longest window are pruned as they go.
CREATE TABLE quota_events (
    id        INTEGER PRIMARY KEY,
    quota_key TEXT    NOT NULL,
    at        INTEGER NOT NULL
);
CREATE INDEX quota_events_key ON quota_events (quota_key, at);

-- THE RULE OF ONE is per applicant's request too: at most one active
-- application per Numéro Unique, whatever the account. A database where two
-- accounts got one each (possible before this migration) keeps the oldest and
-- closes the others, with the event in their history.
UPDATE applications
SET active = 0,
    stage = 'closed',
    updated_at = CAST(strftime('%s', 'now') AS INTEGER),
    unread = 1,
    events = json_insert(events, '$[#]',
                         json_object('at', CAST(strftime('%s', 'now') AS INTEGER), 'event', 'close',
                                     'actor', 'system', 'stage', 'closed', 'decision', decision,
                                     'rank', decision_rank))
WHERE active = 1
  AND id NOT IN (SELECT MIN(id) FROM applications WHERE active = 1 GROUP BY numero_unique);
CREATE UNIQUE INDEX applications_one_active_per_request ON applications (numero_unique) WHERE active = 1;
