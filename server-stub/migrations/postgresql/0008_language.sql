-- PostgreSQL twin of ../0008_language.sql.
-- The account's language (issue 15): the language of its e-mails, and the one
-- the client adopts at log-in. Accounts made before this migration are French.
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en'));
