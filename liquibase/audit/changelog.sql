--liquibase formatted sql

--changeset coffer:audit-1
--comment: The tamper-evident audit log (docs/features/audit.md): one row per state change and per access decision,
--comment: chained per tenant by hash (AUD-5). Append-only: the query role gets INSERT and SELECT only (SchemaMigrations)
--comment: and a trigger refuses UPDATE, DELETE and TRUNCATE for every role, the owner included (AUD-4).
create table audit_entries (
    id              uuid        primary key,
    tenant_id       uuid        not null references tenants (id),
    seq             bigint      not null,
    at              timestamptz not null,
    actor_type      text        not null check (actor_type in ('USER', 'VISITOR', 'SYSTEM')),
    actor_id        uuid,
    action          text        not null,
    object_type     text,
    object_id       uuid,
    outcome         text        not null check (outcome in ('ALLOWED', 'DENIED')),
    client_address  text,
    prev_hash       text        not null,
    hash            text        not null,
    unique (tenant_id, seq)
);
create index audit_entries_tenant_at on audit_entries (tenant_id, at);
alter table audit_entries enable row level security;
alter table audit_entries force row level security;
create policy tenant_isolation on audit_entries
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
--rollback drop table audit_entries;

--changeset coffer:audit-2 splitStatements:false
--comment: The one definition of an entry's hash (AUD-5): SHA-256 over the previous hash and the canonical fields,
--comment: joined by the unit separator (values never hold control characters: AUD-3). Used by the writer and by verify.
create function audit_entry_hash(prev text, tenant uuid, seq bigint, at timestamptz, actor_type text, actor_id uuid,
                                 action text, object_type text, object_id uuid, outcome text, client text)
    returns text language sql stable as $$
    select encode(sha256(convert_to(concat_ws(chr(31), prev, tenant::text, seq::text,
               to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), actor_type,
               coalesce(actor_id::text, ''), action, coalesce(object_type, ''), coalesce(object_id::text, ''),
               outcome, coalesce(client, '')), 'UTF8')), 'hex')
$$;
create function audit_entries_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entries is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_entries_no_change before update or delete on audit_entries
    for each row execute function audit_entries_append_only();
create trigger audit_entries_no_truncate before truncate on audit_entries
    for each statement execute function audit_entries_append_only();
--rollback drop trigger audit_entries_no_truncate on audit_entries; drop trigger audit_entries_no_change on audit_entries; drop function audit_entries_append_only(); drop function audit_entry_hash(text, uuid, bigint, timestamptz, text, uuid, text, text, uuid, text, text);

--changeset coffer:audit-3 splitStatements:false
--comment: The chain off the request (issue 14, docs/features/audit.md "The chain written by one writer per tenant"):
--comment: an action's entry is inserted unchained into audit_pending in the action's own transaction (no lock); one
--comment: writer at a time per tenant (audit_chain, under the chain's advisory lock) moves committed pending entries
--comment: into audit_entries in the order it finds them, with seq, prev_hash and hash. The query role may only INSERT
--comment: into audit_pending (SchemaMigrations): it can neither read, change nor remove a pending entry (AUD-4, AUD-14);
--comment: audit_chain runs as the owner, and row-level security (forced) holds it to the bound tenant.
create table audit_pending (
    n               bigint      generated always as identity primary key,
    id              uuid        not null,
    tenant_id       uuid        not null references tenants (id),
    at              timestamptz not null,
    actor_type      text        not null check (actor_type in ('USER', 'VISITOR', 'SYSTEM')),
    actor_id        uuid,
    action          text        not null,
    object_type     text,
    object_id       uuid,
    outcome         text        not null check (outcome in ('ALLOWED', 'DENIED')),
    client_address  text
);
create index audit_pending_tenant on audit_pending (tenant_id, n);
alter table audit_pending enable row level security;
alter table audit_pending force row level security;
create policy tenant_isolation on audit_pending
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);

--comment: audit_chain(tenant, max_rows): chains up to max_rows committed pending entries of the bound tenant, oldest
--comment: first, and answers how many. The advisory lock is the chain's (AUD-5): writers and draining readers of one
--comment: tenant take turns; it is held to the end of the calling transaction.
create function audit_chain(tenant uuid, max_rows integer) returns integer
    language plpgsql security definer set search_path = public as $$
declare
    last_seq bigint;
    last_hash text;
    next_hash text;
    r record;
    chained integer := 0;
begin
    if tenant is distinct from nullif(current_setting('coffer.tenant', true), '')::uuid then
        raise exception 'audit_chain: % is not the bound tenant', tenant using errcode = 'insufficient_privilege';
    end if;
    perform pg_advisory_xact_lock(hashtextextended('audit_entries:' || tenant::text, 0));
    select e.seq, e.hash into last_seq, last_hash from audit_entries e where e.tenant_id = tenant
     order by e.seq desc limit 1;
    if last_seq is null then
        last_seq := 0;
        last_hash := repeat('0', 64);
    end if;
    for r in select * from audit_pending p where p.tenant_id = tenant order by p.n limit max_rows loop
        last_seq := last_seq + 1;
        next_hash := audit_entry_hash(last_hash, tenant, last_seq, r.at, r.actor_type, r.actor_id, r.action,
                                      r.object_type, r.object_id, r.outcome, r.client_address);
        insert into audit_entries (id, tenant_id, seq, at, actor_type, actor_id, action, object_type, object_id,
                                   outcome, client_address, prev_hash, hash)
        values (r.id, tenant, last_seq, r.at, r.actor_type, r.actor_id, r.action, r.object_type, r.object_id,
                r.outcome, r.client_address, last_hash, next_hash);
        delete from audit_pending p where p.n = r.n;
        last_hash := next_hash;
        chained := chained + 1;
    end loop;
    return chained;
end
$$;
--rollback drop function audit_chain(uuid, integer); drop table audit_pending;
