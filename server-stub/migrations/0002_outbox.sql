-- Outbox of sent e-mails: read by the development mailbox (never in production).

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
