--liquibase formatted sql

--changeset coffer:datarooms-1
--comment: Data rooms and the tree of items in them (folders and the entries of documents). The datarooms module owns
--comment: names, parents and positions; the documents module owns versions, bytes and previews of DOCUMENT items.
create table datarooms (
    id          uuid        primary key,
    tenant_id   uuid        not null references tenants (id),
    name        text        not null,
    description text,
    created_by  uuid        not null references users (id),
    created_at  timestamptz not null,
    archived_at timestamptz
);
create index datarooms_tenant_idx on datarooms (tenant_id);

create table items (
    id          uuid        primary key,
    tenant_id   uuid        not null references tenants (id),
    room_id     uuid        not null references datarooms (id),
    parent_id   uuid        references items (id),
    kind        text        not null check (kind in ('FOLDER', 'DOCUMENT')),
    name        text        not null,
    position    integer     not null,
    created_by  uuid        not null references users (id),
    created_at  timestamptz not null,
    deleted_at  timestamptz
);
create index items_room_idx on items (tenant_id, room_id);
create unique index items_sibling_name_uq on items
    (tenant_id, room_id, coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name))
    where deleted_at is null;

alter table datarooms enable row level security;
alter table datarooms force row level security;
create policy tenant_isolation on datarooms
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
alter table items enable row level security;
alter table items force row level security;
create policy tenant_isolation on items
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
--rollback drop table items; drop table datarooms;
