--liquibase formatted sql

--changeset coffer:documents-4 splitStatements:false
--comment: Issue 18, full-text search (docs/features/search.md, SR-1..SR-7). document_text: the text of a version, one
--comment: row per page (page 0: a text without pages), with its tsvector in the tenant's language over the unaccented
--comment: text (GIN; the configurations coffer_english, coffer_german and coffer_simple unaccent before they stem, so that
--comment: ts_headline marks the accented original). document_text_queue: the extraction of each newest version (written with the version; done_at
--comment: set when indexed or after 3 tries; versions stored before this change are queued by the indexer's sweep,
--comment: under RLS). search_settings: the tenant's search language (a text search configuration).
create extension if not exists unaccent;
create text search configuration coffer_english (copy = english);
alter text search configuration coffer_english
    alter mapping for hword, hword_part, word with unaccent, english_stem;
create text search configuration coffer_german (copy = german);
alter text search configuration coffer_german
    alter mapping for hword, hword_part, word with unaccent, german_stem;
create text search configuration coffer_simple (copy = simple);
alter text search configuration coffer_simple
    alter mapping for hword, hword_part, word with unaccent, simple;
create table document_text (
    tenant_id    uuid     not null references tenants (id),
    version_id   uuid     not null references document_versions (id) on delete cascade,
    document_id  uuid     not null,
    page         integer  not null check (page >= 0),
    body         text     not null,
    tsv          tsvector not null,
    primary key (version_id, page)
);
create index document_text_tsv_idx on document_text using gin (tsv);
create index document_text_document_idx on document_text (tenant_id, document_id);
alter table document_text enable row level security;
alter table document_text force row level security;
create policy tenant_isolation on document_text
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
-- Not forced: PostgreSQL uses no index for an operator that is not leakproof (tsvector @@ tsquery) under row-level
-- security, so a search scanned every page of the tenant (SearchBenchIT: over 1.5 s for 200,000 pages). The query
-- role stays held by the policy; the owner's coffer_text_matches reads the index with the same tenant filter.
alter table document_text no force row level security;
create function coffer_text_matches(query tsquery)
    returns table (version_id uuid, document_id uuid, page integer, score real)
    language sql stable security definer set search_path = public, pg_catalog
as $f$
    select t.version_id, t.document_id, t.page, ts_rank_cd(t.tsv, query)
      from document_text t
     where t.tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid and t.tsv @@ query
$f$;
create table document_text_queue (
    version_id   uuid        primary key references document_versions (id) on delete cascade,
    tenant_id    uuid        not null references tenants (id),
    queued_at    timestamptz not null,
    tries        integer     not null default 0 check (tries >= 0),
    done_at      timestamptz
);
create index document_text_queue_pending_idx on document_text_queue (tenant_id, queued_at) where done_at is null;
alter table document_text_queue enable row level security;
alter table document_text_queue force row level security;
create policy tenant_isolation on document_text_queue
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
create table search_settings (
    tenant_id    uuid primary key references tenants (id),
    language     text not null check (language in ('english', 'german', 'simple'))
);
alter table search_settings enable row level security;
alter table search_settings force row level security;
create policy tenant_isolation on search_settings
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
--rollback drop table search_settings; drop table document_text_queue; drop function coffer_text_matches(tsquery); drop table document_text; drop text search configuration coffer_simple; drop text search configuration coffer_german; drop text search configuration coffer_english;
