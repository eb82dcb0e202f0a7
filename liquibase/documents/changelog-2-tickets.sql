--liquibase formatted sql

--changeset coffer:documents-6
--comment: DOC-30: one ticket table for the 60 s single-use download URLs of members and of share-link visitors. A
--comment: member's ticket names its creator (created_by, acted_as: PERM-16); a visitor's names the link and the
--comment: visitor session, which the share-link gate checks again at use (SL-40). link_id and session_id carry no
--comment: foreign key: documents does not depend on sharelinks (a ticket lives 60 s; the gate at use answers for a
--comment: link or session that is gone). A ticket goes with its document when the document is purged (DOC-20).
--comment: Used markers move to token_index.used_at (FD-30); the visitor tickets of link_tickets are copied over
--comment: (sharelinks-4 drops that table). Row-level security is lifted for the owner for these statements only.
alter table download_tickets add column link_id uuid;
alter table download_tickets add column session_id uuid;
alter table download_tickets alter column created_by drop not null;
alter table download_tickets no force row level security;
alter table link_tickets no force row level security;
update token_index i set used_at = t.used_at from download_tickets t
    where t.token_hash = i.token_hash and t.used_at is not null;
update token_index i set used_at = t.used_at from link_tickets t
    where t.token_hash = i.token_hash and t.used_at is not null;
insert into download_tickets (id, tenant_id, document_id, token_hash, created_at, expires_at, link_id, session_id)
    select id, tenant_id, document_id, token_hash, created_at, expires_at, link_id, session_id from link_tickets;
alter table link_tickets force row level security;
alter table download_tickets force row level security;
alter table download_tickets drop column used_at;
alter table download_tickets add constraint download_tickets_holder check (
    (created_by is not null and link_id is null and session_id is null)
    or (created_by is null and acted_as is null and link_id is not null and session_id is not null));
alter table download_tickets drop constraint download_tickets_document_id_fkey;
alter table download_tickets add constraint download_tickets_document_id_fkey foreign key (document_id)
    references items (id) on delete cascade;
--rollback delete from download_tickets where created_by is null; alter table download_tickets drop constraint download_tickets_holder; alter table download_tickets add column used_at timestamptz; alter table download_tickets alter column created_by set not null; alter table download_tickets drop column session_id; alter table download_tickets drop column link_id;
