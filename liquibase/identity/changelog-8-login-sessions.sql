--liquibase formatted sql

--changeset coffer:identity-8 splitStatements:false
--comment: Issue 17, sessions (docs/features/identity.md, ID-39..ID-43): one row per refresh family started by a login
--comment: (id = refresh_tokens.family_id), with what the list shows (user agent, client address of the last use, when
--comment: it started and was last used: login and refresh only) and when it ends (the live refresh token's expiry, or
--comment: revoked_at). Families issued before this change set have no row: not listed, ended only with all of the user's.
--comment: second_factor: the session passed a second factor (the login's second step, or TOTP confirmed in it), what
--comment: the tenant's requireMfa asks of a session (MFA-14). tenant_security: the tenant's sign-in policy (MFA-13),
--comment: no row = the defaults.
create table login_sessions (
    id             uuid        primary key,
    tenant_id      uuid        not null references tenants (id),
    user_id        uuid        not null references users (id),
    created_at     timestamptz not null,
    last_used_at   timestamptz not null,
    expires_at     timestamptz not null,
    user_agent     text,
    client_address text,
    second_factor  boolean     not null default false,
    revoked_at     timestamptz
);
create index login_sessions_user_idx on login_sessions (tenant_id, user_id, last_used_at);

alter table login_sessions enable row level security;
alter table login_sessions force row level security;
create policy tenant_isolation on login_sessions
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);

create table tenant_security (
    id                    uuid        primary key,
    tenant_id             uuid        not null unique references tenants (id),
    require_mfa           boolean     not null,
    allowed_login_methods text        not null,
    session_hours         integer     not null check (session_hours between 1 and 720),
    updated_at            timestamptz not null,
    updated_by            uuid        references users (id)
);
alter table tenant_security enable row level security;
alter table tenant_security force row level security;
create policy tenant_isolation on tenant_security
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);

--comment: The caller check (ID-38) answers in the same statement whether the token's session was ended (ID-41): a
--comment: token without sid (an API-key token, one issued before this change set) has no session to end. It also
--comment: answers the tenant's requireMfa and whether the session passed a second factor (MFA-14).
drop function caller_check(uuid, uuid, text, timestamptz);
create function caller_check(p_tenant uuid, p_user uuid, p_kid text, p_now timestamptz, p_sid uuid)
    returns table (user_role text, user_token_version integer, key_published boolean, session_ended boolean,
                   session_second_factor boolean, require_mfa boolean)
    language plpgsql set search_path = public as $$
begin
    perform set_config('coffer.tenant', p_tenant::text, true);
    return query
        select u.role, u.token_version,
               exists (select 1 from signing_keys k
                        where k.kid = p_kid and (k.not_after is null or k.not_after > p_now)),
               (p_sid is not null and exists (select 1 from login_sessions s
                        where s.id = p_sid and (s.revoked_at is not null or s.user_id <> p_user))),
               (p_sid is not null and exists (select 1 from login_sessions s
                        where s.id = p_sid and s.user_id = p_user and s.second_factor)),
               coalesce((select t.require_mfa from tenant_security t where t.tenant_id = p_tenant), false)
          from users u
         where u.id = p_user and u.tenant_id = p_tenant and u.removed_at is null;
end
$$;
--rollback drop function caller_check(uuid, uuid, text, timestamptz, uuid); create function caller_check(p_tenant uuid, p_user uuid, p_kid text, p_now timestamptz) returns table (user_role text, user_token_version integer, key_published boolean) language plpgsql set search_path = public as $$ begin perform set_config('coffer.tenant', p_tenant::text, true); return query select u.role, u.token_version, exists (select 1 from signing_keys k where k.kid = p_kid and (k.not_after is null or k.not_after > p_now)) from users u where u.id = p_user and u.tenant_id = p_tenant and u.removed_at is null; end $$; drop table tenant_security; drop table login_sessions;
