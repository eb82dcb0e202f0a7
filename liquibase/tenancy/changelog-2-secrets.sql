--liquibase formatted sql

--changeset coffer:tenancy-2
--comment: FD-30: a single-use secret is redeemed by one conditional update of token_index.used_at (OneTimeSecrets),
--comment: not by one update per domain table. token_index stays global (no tenant data, no row-level security): the
--comment: app role's DML grant on it is the one SchemaMigrations gives every table. The domain tables hand their
--comment: used markers over in identity-5, documents-6 and sharelinks-4.
alter table token_index add column used_at timestamptz;
--rollback alter table token_index drop column used_at;
