--liquibase formatted sql

--changeset coffer:filerequests-1
--comment: Issue 18, file requests (docs/features/file-requests.md, FR-1..FR-13): an upload link for outsiders into
--comment: one folder (or the room's top), with expiry, size, type and count limits, optional email and password. The
--comment: token is registered in token_index (kind FILE_REQUEST); files_count is raised by one conditional update, so
--comment: max_files is never passed by uploads at the same moment. file_request_files: each received file and the
--comment: email its sender gave (personal data: erased with the visitor's, POST /privacy/erasure).
create table file_requests (
    id              uuid        primary key,
    tenant_id       uuid        not null references tenants (id),
    token_hash      text        not null unique,
    room_id         uuid        not null references datarooms (id) on delete cascade,
    folder_id       uuid,
    name            text        not null,
    expires_at      timestamptz,
    max_file_bytes  bigint      check (max_file_bytes > 0),
    allowed_types   text,
    require_email   boolean     not null default false,
    password_hash   text,
    max_files       integer     check (max_files > 0),
    files_count     integer     not null default 0 check (files_count >= 0),
    created_by      uuid        not null references users (id),
    created_at      timestamptz not null,
    deleted_at      timestamptz,
    check (max_files is null or files_count <= max_files)
);
create index file_requests_room_idx on file_requests (tenant_id, room_id, created_at);
alter table file_requests enable row level security;
alter table file_requests force row level security;
create policy tenant_isolation on file_requests
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
create table file_request_files (
    id           uuid        primary key,
    tenant_id    uuid        not null references tenants (id),
    request_id   uuid        not null references file_requests (id) on delete cascade,
    document_id  uuid        not null,
    name         text        not null,
    size         bigint      not null,
    sha256       text        not null,
    email        text,
    created_at   timestamptz not null
);
create index file_request_files_request_idx on file_request_files (tenant_id, request_id, created_at);
alter table file_request_files enable row level security;
alter table file_request_files force row level security;
create policy tenant_isolation on file_request_files
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
--rollback drop table file_request_files; drop table file_requests;
