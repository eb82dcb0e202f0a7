--liquibase formatted sql

--changeset coffer:documents-7
--comment: Issue 14 (DOC-60..DOC-67): resumable (tus) uploads. One row per unfinished upload: whose it is (created_by:
--comment: another user, or another tenant, gets 404), what it will become (a new document in room_id/folder_id named
--comment: name, or a new version of document_id), its declared length and when it expires (24 h after creation). The
--comment: partial bytes are a file under COFFER_HOME/uploads/<tenant>/<id> of the instance that created it; the
--comment: received offset is that file's durable length, not a column. No foreign keys to rooms or documents: the
--comment: finish goes through the plain upload path, which checks them again, and the sweep removes expired rows.
create table resumable_uploads (
    id           uuid        primary key,
    tenant_id    uuid        not null references tenants (id),
    created_by   uuid        not null references users (id) on delete cascade,
    room_id      uuid,
    folder_id    uuid,
    document_id  uuid,
    name         text,
    length       bigint      not null check (length >= 0),
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    constraint resumable_uploads_target check (
        (document_id is null and room_id is not null and name is not null)
        or (document_id is not null and room_id is null and folder_id is null and name is null))
);
create index resumable_uploads_expiry on resumable_uploads (tenant_id, expires_at);
alter table resumable_uploads enable row level security;
alter table resumable_uploads force row level security;
create policy tenant_isolation on resumable_uploads
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
--rollback drop table resumable_uploads;
