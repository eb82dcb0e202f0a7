--liquibase formatted sql

--changeset coffer:requests-1
--comment: Idempotency keys of write requests (contract, Conventions): per tenant and user, a key, the fingerprint of
--comment: the request it was first used with, and the first answer once it is known (24 hours).
create table idempotency_keys (
    id            uuid        primary key,
    tenant_id     uuid        not null references tenants (id),
    user_id       uuid        not null,
    key           text        not null,
    fingerprint   text        not null,
    status        integer,
    content_type  text,
    body          bytea,
    created_at    timestamptz not null,
    completed_at  timestamptz,
    unique (tenant_id, user_id, key)
);
alter table idempotency_keys enable row level security;
alter table idempotency_keys force row level security;
create policy tenant_isolation on idempotency_keys
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
--rollback drop table idempotency_keys;

--changeset coffer:requests-2
--comment: Kept answers are sealed from now on (FD-21): answers kept in clear before (API keys, share-link tokens...)
--comment: are dropped. TRUNCATE is not subject to row-level security, so the owner empties every tenant's rows; a
--comment: request retried across the upgrade runs again, which is the lesser harm than secrets in clear for a day.
truncate table idempotency_keys;
--rollback select 1;
