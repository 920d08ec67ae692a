-- The account's language (issue 15): the language of its e-mails, and the one
-- the client adopts at log-in. The sign-up's language, then PUT /api/v1/me/language.
-- Accounts made before this migration are French.
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en'));
