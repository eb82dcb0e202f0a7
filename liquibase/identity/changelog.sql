--liquibase formatted sql

--changeset coffer:identity-1
--comment: Users of one tenant. Tenant table: tenant_id plus a forced row-level security policy.
create table users (
    id                uuid        primary key,
    tenant_id         uuid        not null references tenants (id),
    email             text        not null,
    display_name      text        not null,
    role              text        not null check (role in ('OWNER', 'ADMIN', 'MEMBER')),
    token_version     integer     not null default 0,
    password_hash     text,
    email_verified_at timestamptz,
    created_at        timestamptz not null default now()
);
create unique index users_tenant_email_uq on users (tenant_id, lower(email));
create index users_tenant_idx on users (tenant_id);
alter table users enable row level security;
alter table users force row level security;
create policy tenant_isolation on users
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
--rollback drop table users;
