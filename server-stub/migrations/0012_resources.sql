-- "Ressources et aides au logement" (issue 12 item 7b): what the applicant
-- declares in the request file for the rent effort (docs/domain-rules.md
-- "Rent effort"): the household's net monthly resources and the expected
-- monthly housing aid (APL/AL), in cents, -1 when not declared (the effort then
-- takes the income considered / 12 and no aid), and when they were saved.
-- Bounds: 100 000 EUR of resources and 5 000 EUR of aid a month
-- (kMaxDeclared*Cents in src/storage/storage.h). Deleting the file (or the
-- account) deletes them with its row.
ALTER TABLE request_files ADD COLUMN monthly_resources_cents INTEGER NOT NULL DEFAULT -1
    CHECK (monthly_resources_cents BETWEEN -1 AND 10000000);
ALTER TABLE request_files ADD COLUMN monthly_housing_aid_cents INTEGER NOT NULL DEFAULT -1
    CHECK (monthly_housing_aid_cents BETWEEN -1 AND 500000);
ALTER TABLE request_files ADD COLUMN resources_declared_at INTEGER NOT NULL DEFAULT 0;
