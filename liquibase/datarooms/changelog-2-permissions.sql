--liquibase formatted sql

--changeset coffer:datarooms-2
--comment: Permissions (docs/features/permissions.md): tenant-wide groups, their members, and grants of a level to a
--comment: user or a group on a room (folder_id null) or on a folder. One grant per (room, folder, principal).
create table user_groups (
    id          uuid        primary key,
    tenant_id   uuid        not null references tenants (id),
    name        text        not null,
    created_at  timestamptz not null
);
create unique index user_groups_name_uq on user_groups (tenant_id, lower(name));

create table group_members (
    id          uuid        primary key,
    tenant_id   uuid        not null references tenants (id),
    group_id    uuid        not null references user_groups (id) on delete cascade,
    user_id     uuid        not null references users (id),
    unique (tenant_id, group_id, user_id)
);
create index group_members_user_idx on group_members (tenant_id, user_id);

create table grants (
    id              uuid        primary key,
    tenant_id       uuid        not null references tenants (id),
    room_id         uuid        not null references datarooms (id),
    folder_id       uuid        references items (id),
    principal_type  text        not null check (principal_type in ('USER', 'GROUP')),
    principal_id    uuid        not null,
    permission      text        not null check (permission in ('NONE', 'VIEW', 'DOWNLOAD', 'UPLOAD', 'MANAGE')),
    created_at      timestamptz not null
);
create unique index grants_principal_uq on grants
    (tenant_id, room_id, coalesce(folder_id, '00000000-0000-0000-0000-000000000000'::uuid), principal_type,
     principal_id);
create index grants_principal_idx on grants (tenant_id, principal_type, principal_id, room_id);
create index items_parent_idx on items (tenant_id, parent_id) where deleted_at is null;

alter table user_groups enable row level security;
alter table user_groups force row level security;
create policy tenant_isolation on user_groups
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
alter table group_members enable row level security;
alter table group_members force row level security;
create policy tenant_isolation on group_members
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
alter table grants enable row level security;
alter table grants force row level security;
create policy tenant_isolation on grants
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
--rollback drop table grants; drop table group_members; drop table user_groups; drop index items_parent_idx;

--changeset coffer:datarooms-3
--comment: The first policy let a room's creator manage it implicitly; that is now an explicit MANAGE grant, written
--comment: here for the rooms that exist. Row-level security is lifted for the owner for this one statement only.
alter table datarooms no force row level security;
alter table grants no force row level security;
insert into grants (id, tenant_id, room_id, folder_id, principal_type, principal_id, permission, created_at)
    select gen_random_uuid(), tenant_id, id, null, 'USER', created_by, 'MANAGE', created_at from datarooms;
alter table datarooms force row level security;
alter table grants force row level security;
--rollback delete from grants;
