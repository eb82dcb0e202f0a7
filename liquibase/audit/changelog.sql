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
