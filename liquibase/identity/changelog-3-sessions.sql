--liquibase formatted sql

--changeset coffer:identity-3
--comment: Secrets of token-less flows. Only SHA-256 hashes are stored. token_index (global) maps a secret's hash to
--comment: its tenant, so that a flow without a token finds its tenant, then runs tenant-scoped; it holds no tenant data.
create table token_index (
    token_hash  text        primary key,
    tenant_id   uuid        not null references tenants (id),
    kind        text        not null,
    expires_at  timestamptz
);

create table one_time_tokens (
    id          uuid        primary key,
    tenant_id   uuid        not null references tenants (id),
    user_id     uuid        not null references users (id),
    kind        text        not null check (kind in ('VERIFY_EMAIL', 'PASSWORD_RESET')),
    token_hash  text        not null unique,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz
);
create index one_time_tokens_user_idx on one_time_tokens (tenant_id, user_id, kind, created_at);

create table refresh_tokens (
    id            uuid        primary key,
    tenant_id     uuid        not null references tenants (id),
    user_id       uuid        not null references users (id),
    family_id     uuid        not null,
    token_hash    text        not null unique,
    token_version integer     not null,
    created_at    timestamptz not null,
    expires_at    timestamptz not null,
    used_at       timestamptz,
    revoked_at    timestamptz
);
create index refresh_tokens_family_idx on refresh_tokens (tenant_id, family_id);

create table invitations (
    id          uuid        primary key,
    tenant_id   uuid        not null references tenants (id),
    email       text        not null,
    role        text        not null check (role in ('OWNER', 'ADMIN', 'MEMBER')),
    invited_by  uuid        not null references users (id),
    token_hash  text        not null unique,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    accepted_at timestamptz
);

create table api_keys (
    id           uuid        primary key,
    tenant_id    uuid        not null references tenants (id),
    created_by   uuid        not null references users (id),
    name         text        not null,
    scopes       text        not null,
    key_hash     text        not null unique,
    created_at   timestamptz not null,
    expires_at   timestamptz,
    revoked_at   timestamptz
);
create index api_keys_tenant_idx on api_keys (tenant_id);

alter table users add column removed_at timestamptz;

--comment: Failed attempts (login, reset, verification) per hashed key, for throttling across instances. Global: keys
--comment: are hashes of "kind:tenant:email" or "kind:address", never readable data.
create table auth_throttle (
    throttle_key text        not null,
    at           timestamptz not null
);
create index auth_throttle_key_idx on auth_throttle (throttle_key, at);
--rollback drop table auth_throttle; alter table users drop column removed_at; drop table api_keys; drop table invitations; drop table refresh_tokens; drop table one_time_tokens; drop table token_index;

--changeset coffer:identity-3-rls
--comment: Row-level security on every new tenant table (the start-up guard refuses a tenant table without it).
alter table one_time_tokens enable row level security;
alter table one_time_tokens force row level security;
create policy tenant_isolation on one_time_tokens
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
alter table refresh_tokens enable row level security;
alter table refresh_tokens force row level security;
create policy tenant_isolation on refresh_tokens
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
alter table invitations enable row level security;
alter table invitations force row level security;
create policy tenant_isolation on invitations
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
alter table api_keys enable row level security;
alter table api_keys force row level security;
create policy tenant_isolation on api_keys
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
