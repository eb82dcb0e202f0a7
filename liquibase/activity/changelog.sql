--liquibase formatted sql

--changeset coffer:activity-1 splitStatements:false
--comment: The activity store (docs/features/activity.md): one row per event of the contract's list, partitioned by
--comment: month (declarative partitioning) so that retention drops whole partitions. The parent and every partition
--comment: carry the forced tenant policy (a partition read directly would otherwise skip the parent's). The query
--comment: role holds DML only, so partitions are made and dropped by two SECURITY DEFINER functions of the owner.
create table activity_events (
    id              uuid        not null,
    tenant_id       uuid        not null,
    at              timestamptz not null,
    type            text        not null,
    actor_type      text        not null check (actor_type in ('USER', 'API_KEY', 'VISITOR', 'SYSTEM')),
    actor_id        uuid,
    actor_email     text,
    room_id         uuid,
    document_id     uuid,
    link_id         uuid,
    session_id      uuid,
    page            integer,
    seconds         integer,
    client_address  text,
    user_agent      text,
    data            jsonb       not null default '{}'::jsonb,
    primary key (tenant_id, at, id)
) partition by range (at);
create index activity_events_link on activity_events (tenant_id, link_id, at) where link_id is not null;
create index activity_events_document on activity_events (tenant_id, document_id, at) where document_id is not null;
create index activity_events_room on activity_events (tenant_id, room_id, at) where room_id is not null;
create index activity_events_type on activity_events (tenant_id, type, at);
create index activity_events_session on activity_events (tenant_id, session_id) where session_id is not null;
alter table activity_events enable row level security;
alter table activity_events force row level security;
create policy tenant_isolation on activity_events
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);

create function activity_protect_partition(part text) returns void
    language plpgsql security definer set search_path = public as $$
declare
    app text;
begin
    execute format('alter table %I enable row level security', part);
    execute format('alter table %I force row level security', part);
    if not exists (select 1 from pg_policy p join pg_class c on c.oid = p.polrelid where c.relname = part) then
        execute format('create policy tenant_isolation on %I'
            || ' using (tenant_id = nullif(current_setting(''coffer.tenant'', true), '''')::uuid)'
            || ' with check (tenant_id = nullif(current_setting(''coffer.tenant'', true), '''')::uuid)', part);
    end if;
    -- the query role reaches partitions through the parent; it never gets more than the parent grants it
    for app in select grantee from information_schema.role_table_grants
                where table_name = 'activity_events' and privilege_type = 'INSERT' and grantee <> current_user loop
        execute format('grant select, insert, update, delete on %I to %I', part, app);
    end loop;
end
$$;

--comment: activity_ensure_partitions(months): the partitions of this month and the next months exist afterwards
--comment: (idempotent; run at start and daily). A default partition catches a clock far off, never the usual case.
create function activity_ensure_partitions(months integer) returns integer
    language plpgsql security definer set search_path = public as $$
declare
    first date := date_trunc('month', now() at time zone 'UTC')::date;
    m date;
    part text;
    made integer := 0;
begin
    if not exists (select 1 from pg_class where relname = 'activity_events_default') then
        execute 'create table activity_events_default partition of activity_events default';
        perform activity_protect_partition('activity_events_default');
    end if;
    for i in 0 .. greatest(months, 0) loop
        m := (first + make_interval(months => i))::date;
        part := 'activity_events_' || to_char(m, 'YYYY_MM');
        if not exists (select 1 from pg_class where relname = part) then
            execute format('create table %I partition of activity_events for values from (%L) to (%L)', part,
                           m::timestamp at time zone 'UTC', (m + interval '1 month')::timestamp at time zone 'UTC');
            perform activity_protect_partition(part);
            made := made + 1;
        end if;
    end loop;
    return made;
end
$$;

--comment: activity_drop_partitions_before(cutoff): drops every monthly partition that ends at or before cutoff
--comment: (retention, COFFER_ACTIVITY_RETENTION_DAYS); answers how many were dropped. Never the default partition.
create function activity_drop_partitions_before(cutoff timestamptz) returns integer
    language plpgsql security definer set search_path = public as $$
declare
    part record;
    dropped integer := 0;
begin
    for part in select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                 join pg_class p on p.oid = i.inhparent
                where p.relname = 'activity_events' and c.relname ~ '^activity_events_[0-9]{4}_[0-9]{2}$' loop
        if (to_date(substring(part.relname from 17), 'YYYY_MM') + interval '1 month')::timestamp at time zone 'UTC'
                <= cutoff then
            execute format('drop table %I', part.relname);
            dropped := dropped + 1;
        end if;
    end loop;
    return dropped;
end
$$;
select activity_ensure_partitions(2);
--rollback drop function activity_drop_partitions_before(timestamptz); drop function activity_ensure_partitions(integer); drop function activity_protect_partition(text); drop table activity_events;
