--liquibase formatted sql

--changeset coffer:identity-6 splitStatements:false
--comment: The caller check of an authenticated request in one statement (docs/features/identity.md, ID-38): the web
--comment: layer asks it before the body is read, outside any transaction. It binds the token's tenant for the statement
--comment: (the implicit transaction of one statement: nothing stays on the pooled connection), so the users table's
--comment: row-level security applies as for every other query (security invoker, not definer), and answers the user's
--comment: role and token version with whether the token's signing key is still published (ID-35) — what took two
--comment: transactions of four statements each before.
create function caller_check(p_tenant uuid, p_user uuid, p_kid text, p_now timestamptz)
    returns table (user_role text, user_token_version integer, key_published boolean)
    language plpgsql set search_path = public as $$
begin
    perform set_config('coffer.tenant', p_tenant::text, true);
    return query
        select u.role, u.token_version,
               exists (select 1 from signing_keys k
                        where k.kid = p_kid and (k.not_after is null or k.not_after > p_now))
          from users u
         where u.id = p_user and u.tenant_id = p_tenant and u.removed_at is null;
end
$$;
--rollback drop function caller_check(uuid, uuid, text, timestamptz);
