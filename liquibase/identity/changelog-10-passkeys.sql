--liquibase formatted sql

--changeset coffer:identity-10 splitStatements:false
--comment: Issue 17, passkeys (docs/features/passkeys.md, PK-1..PK-11). webauthn_credentials: one row per registered
--comment: WebAuthn credential of a user: its credential id (base64url, unique in the tenant, PK-3), the attested credential
--comment: data as webauthn4j serialises it (base64url: the public key, no secret), the sign counter (PK-5), the flags the
--comment: authentication checks need, the transports the browser reported, a name, when it was made and last used.
--comment: The challenges are one-time secrets of kinds WEBAUTHN_REGISTRATION (with its user in one_time_tokens, whose
--comment: kinds grow by it) and WEBAUTHN_SIGN_IN (token_index only).
create table webauthn_credentials (
    id               uuid        primary key,
    tenant_id        uuid        not null references tenants (id),
    user_id          uuid        not null references users (id),
    credential_id    text        not null,
    attested_data    text        not null,
    sign_count       bigint      not null check (sign_count >= 0),
    uv_initialized   boolean     not null,
    backup_eligible  boolean     not null,
    backup_state     boolean     not null,
    transports       text        not null,
    name             text        not null,
    created_at       timestamptz not null,
    last_used_at     timestamptz,
    unique (tenant_id, credential_id)
);
create index webauthn_credentials_user_idx on webauthn_credentials (tenant_id, user_id);
alter table webauthn_credentials enable row level security;
alter table webauthn_credentials force row level security;
create policy tenant_isolation on webauthn_credentials
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
alter table one_time_tokens drop constraint one_time_tokens_kind_check;
alter table one_time_tokens add constraint one_time_tokens_kind_check
    check (kind in ('VERIFY_EMAIL', 'PASSWORD_RESET', 'MFA', 'WEBAUTHN_REGISTRATION'));
--rollback alter table one_time_tokens drop constraint one_time_tokens_kind_check; alter table one_time_tokens add constraint one_time_tokens_kind_check check (kind in ('VERIFY_EMAIL', 'PASSWORD_RESET', 'MFA')); drop table webauthn_credentials;
