--liquibase formatted sql

--changeset coffer:identity-5
--comment: FD-30: the used markers of one-time tokens, refresh tokens and invitations move to token_index.used_at, so
--comment: that a token used before the migration stays used. invitations keep accepted_at (the record of who joined
--comment: when; no longer the single-use guard); refresh tokens keep revoked_at (their family's end, ID-7). Row-level
--comment: security is lifted for the owner for these statements only (the rows of every tenant are copied).
alter table one_time_tokens no force row level security;
alter table refresh_tokens no force row level security;
alter table invitations no force row level security;
update token_index i set used_at = t.used_at from one_time_tokens t
    where t.token_hash = i.token_hash and t.used_at is not null;
update token_index i set used_at = t.used_at from refresh_tokens t
    where t.token_hash = i.token_hash and t.used_at is not null;
update token_index i set used_at = v.accepted_at from invitations v
    where v.token_hash = i.token_hash and v.accepted_at is not null;
alter table one_time_tokens force row level security;
alter table refresh_tokens force row level security;
alter table invitations force row level security;
alter table one_time_tokens drop column used_at;
alter table refresh_tokens drop column used_at;
--rollback alter table refresh_tokens add column used_at timestamptz; alter table one_time_tokens add column used_at timestamptz;
