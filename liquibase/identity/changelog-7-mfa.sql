--liquibase formatted sql

--changeset coffer:identity-7
--comment: Issue 17, TOTP (docs/features/mfa.md): one row per user with a TOTP secret, sealed with SecretBox (a
--comment: SealedColumn: the master key rotation re-seals it, MFA-12); confirmed_at null while the enrolment is pending;
--comment: last_step is the last accepted time step (a replay of it or an earlier one is refused, MFA-3). The recovery
--comment: codes are kept as their SHA-256 only, one row per unused code; their single use is token_index's (kind
--comment: RECOVERY_CODE, MFA-8).
create table mfa_totp (
    user_id       uuid        primary key references users (id),
    tenant_id     uuid        not null references tenants (id),
    secret_sealed bytea       not null,
    created_at    timestamptz not null,
    confirmed_at  timestamptz,
    last_step     bigint
);
create index mfa_totp_tenant_idx on mfa_totp (tenant_id);

create table mfa_recovery_codes (
    code_hash  text        primary key,
    tenant_id  uuid        not null references tenants (id),
    user_id    uuid        not null references users (id),
    created_at timestamptz not null
);
create index mfa_recovery_codes_user_idx on mfa_recovery_codes (tenant_id, user_id);

alter table mfa_totp enable row level security;
alter table mfa_totp force row level security;
create policy tenant_isolation on mfa_totp
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
alter table mfa_recovery_codes enable row level security;
alter table mfa_recovery_codes force row level security;
create policy tenant_isolation on mfa_recovery_codes
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
--comment: The mfaToken of a login's second step (5 minutes, single use through token_index) is a one-time token of
--comment: its user: one_time_tokens takes the kind MFA.
alter table one_time_tokens drop constraint one_time_tokens_kind_check;
alter table one_time_tokens add constraint one_time_tokens_kind_check
    check (kind in ('VERIFY_EMAIL', 'PASSWORD_RESET', 'MFA'));
--rollback alter table one_time_tokens drop constraint one_time_tokens_kind_check; alter table one_time_tokens add constraint one_time_tokens_kind_check check (kind in ('VERIFY_EMAIL', 'PASSWORD_RESET')); drop table mfa_recovery_codes; drop table mfa_totp;
