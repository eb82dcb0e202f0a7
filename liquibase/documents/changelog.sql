--liquibase formatted sql

--changeset coffer:documents-1
--comment: Versions of documents. A document is a DOCUMENT item of the datarooms module (same id); its bytes are a
--comment: content-addressed blob of the storage module (blob_id = sha256 within the tenant).
create table document_versions (
    id            uuid        primary key,
    tenant_id     uuid        not null references tenants (id),
    document_id   uuid        not null references items (id),
    version       integer     not null,
    blob_id       text        not null,
    sha256        text        not null,
    size          bigint      not null,
    content_type  text        not null,
    page_count    integer,
    created_by    uuid        not null references users (id),
    created_at    timestamptz not null,
    unique (tenant_id, document_id, version)
);
create index document_versions_doc_idx on document_versions (tenant_id, document_id, version desc);
alter table document_versions enable row level security;
alter table document_versions force row level security;
create policy tenant_isolation on document_versions
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
--rollback drop table document_versions;

--changeset coffer:documents-2
--comment: Single-use download tickets for browsers' native downloads (60 s); only the hash is stored, and the global
--comment: token_index finds the tenant of a presented ticket.
create table download_tickets (
    id           uuid        primary key,
    tenant_id    uuid        not null references tenants (id),
    document_id  uuid        not null references items (id),
    token_hash   text        not null unique,
    created_by   uuid        not null references users (id),
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    used_at      timestamptz
);
alter table download_tickets enable row level security;
alter table download_tickets force row level security;
create policy tenant_isolation on download_tickets
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
--rollback drop table download_tickets;

--changeset coffer:documents-3
--comment: Each tenant's stored bytes (every version, the trash included, until purged) and its own quota, if any
--comment: (null: COFFER_TENANT_QUOTA_BYTES). The row is locked by each upload's recording transaction, so that the
--comment: quota holds under parallel uploads; it is created, from the versions already stored, on first use.
create table storage_usage (
    tenant_id    uuid   primary key references tenants (id),
    used_bytes   bigint not null check (used_bytes >= 0),
    quota_bytes  bigint check (quota_bytes >= 0)
);
alter table storage_usage enable row level security;
alter table storage_usage force row level security;
create policy tenant_isolation on storage_usage
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
--rollback drop table storage_usage;

--changeset coffer:documents-4
--comment: An office file converted to PDF by LibreOffice keeps that PDF as a second blob; its pages are rendered from it.
alter table document_versions add column rendition_blob_id text;
alter table document_versions add column rendition_size bigint;
--rollback alter table document_versions drop column rendition_size; alter table document_versions drop column rendition_blob_id;

--changeset coffer:documents-5
--comment: PERM-16: the role a download ticket's creator acted with (an API-key token acts below its user's role); the
--comment: ticket is redeemed with at most that role. Null on tickets issued before (they live 60 s).
alter table download_tickets add column acted_as text;
alter table download_tickets add constraint download_tickets_acted_as check (acted_as in ('OWNER', 'ADMIN', 'MEMBER'));
--rollback alter table download_tickets drop column acted_as;
