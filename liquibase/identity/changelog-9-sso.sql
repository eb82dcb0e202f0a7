--liquibase formatted sql

--changeset coffer:identity-9 splitStatements:false
--comment: Issue 17, OpenID Connect single sign-on per tenant (docs/features/sso.md, SSO-1..SSO-14). tenant_sso: the
--comment: tenant's provider (at most one row per tenant): its issuer, client id and client secret (sealed with SecretBox,
--comment: SSO-2), the email domains whose verified addresses sign in, whether an unknown address is provisioned and
--comment: with which role. sso_logins: one row per started sign-in, keyed by the hash of its state (a one-time secret
--comment: of kind SSO_STATE, 10 minutes, SSO-4), with the hash of the browser's binding cookie, the nonce and the PKCE
--comment: verifier the callback needs (SSO-5, SSO-6).
create table tenant_sso (
    id                   uuid        primary key,
    tenant_id            uuid        not null unique references tenants (id),
    enabled              boolean     not null,
    issuer               text        not null,
    client_id            text        not null,
    client_secret_sealed bytea,
    email_domains        text        not null,
    auto_provision       boolean     not null,
    default_role         text        not null check (default_role in ('MEMBER', 'ADMIN')),
    updated_at           timestamptz not null,
    updated_by           uuid        references users (id)
);
alter table tenant_sso enable row level security;
alter table tenant_sso force row level security;
create policy tenant_isolation on tenant_sso
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);

create table sso_logins (
    state_hash    text        primary key,
    tenant_id     uuid        not null references tenants (id),
    browser_hash  text        not null,
    nonce         text        not null,
    code_verifier text        not null,
    created_at    timestamptz not null
);
create index sso_logins_created_idx on sso_logins (tenant_id, created_at);
alter table sso_logins enable row level security;
alter table sso_logins force row level security;
create policy tenant_isolation on sso_logins
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
--rollback drop table sso_logins; drop table tenant_sso;
