--liquibase formatted sql

--changeset coffer:tenancy-3 splitStatements:false
--comment: Access generations (docs/features/foundation.md, FD-34): one counter per tenant that every committed change of
--comment: what decides access raises, so that an answer remembered in memory (a link's beacon facts) is used only while
--comment: nothing it rests on has changed, on every instance (the counter is in the shared database). The rows hold a
--comment: number per tenant id and nothing else: a global table (RowLevelSecurityGuard.GLOBAL_TABLES). Raised by
--comment: access_generation_bump(), a trigger function the modules attach to their own tables as DEFERRABLE INITIALLY
--comment: DEFERRED constraint triggers: it runs at commit, after every other lock of the transaction (no lock-order
--comment: deadlock), and raises the counter once per transaction (bumped_by).
create table access_generations (
    tenant_id  uuid   primary key,
    generation bigint not null,
    bumped_by  xid8   not null
);

create function access_generation_bump() returns trigger
    language plpgsql set search_path = public as $$
declare
    t uuid;
begin
    if tg_op = 'DELETE' then
        t := old.tenant_id;
    else
        t := new.tenant_id;
    end if;
    insert into access_generations (tenant_id, generation, bumped_by) values (t, 1, pg_current_xact_id())
        on conflict (tenant_id) do update set generation = access_generations.generation + 1,
            bumped_by = excluded.bumped_by
        where access_generations.bumped_by <> excluded.bumped_by;
    return null;
end
$$;
--rollback drop function access_generation_bump(); drop table access_generations;
