-- PostgreSQL twin of ../0012_resources.sql.
-- "Ressources et aides au logement" (issue 12 item 7b): the household's net
-- monthly resources and expected monthly housing aid (APL/AL) declared in the
-- request file, in cents, -1 when not declared, and when they were saved.
ALTER TABLE request_files ADD COLUMN monthly_resources_cents BIGINT NOT NULL DEFAULT -1
    CHECK (monthly_resources_cents BETWEEN -1 AND 10000000);
ALTER TABLE request_files ADD COLUMN monthly_housing_aid_cents BIGINT NOT NULL DEFAULT -1
    CHECK (monthly_housing_aid_cents BETWEEN -1 AND 500000);
ALTER TABLE request_files ADD COLUMN resources_declared_at BIGINT NOT NULL DEFAULT 0;
