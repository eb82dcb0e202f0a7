--liquibase formatted sql

--changeset coffer:sharelinks-1
--comment: Share links (docs/features/sharelinks.md). Only the token's SHA-256 is stored (the global token_index finds
--comment: the tenant of a presented token). Lists are newline-separated lower-case text; item overrides are lines
--comment: "<itemId> <hidden:1|0|-> <download:1|0|->". security_version grows with every change of password, email
--comment: rules or NDA and with revocation: visitor tokens carry it, so such a change ends every session at once.
create table share_links (
    id                 uuid        primary key,
    tenant_id          uuid        not null references tenants (id),
    token_hash         text        not null unique,
    target_type        text        not null check (target_type in ('DOCUMENT', 'DATAROOM', 'FOLDER')),
    target_id          uuid        not null,
    room_id            uuid        not null references datarooms (id),
    name               text,
    password_hash      text,
    expires_at         timestamptz,
    require_email      boolean     not null,
    verify_email       boolean     not null,
    allow_emails       text        not null default '',
    allow_domains      text        not null default '',
    deny_emails        text        not null default '',
    deny_domains       text        not null default '',
    allow_download     boolean     not null,
    watermark_enabled  boolean     not null,
    watermark_text     text,
    max_views          integer,
    view_count         integer     not null default 0,
    nda_text           text,
    nda_version        integer     not null default 0,
    item_overrides     text        not null default '',
    security_version   integer     not null default 1,
    created_by         uuid        not null references users (id),
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    revoked_at         timestamptz
);
create index share_links_target_idx on share_links (tenant_id, target_id, created_at);
create index share_links_room_idx on share_links (tenant_id, room_id);
alter table share_links enable row level security;
alter table share_links force row level security;
create policy tenant_isolation on share_links
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
--rollback drop table share_links;

--changeset coffer:sharelinks-2
--comment: Visitor sessions: each created session is one view of its link. Email codes: 6 digits, hashed, 10 minutes,
--comment: single use, 5 tries. NDA acceptances: who accepted which version (its text's SHA-256) when, from where.
--comment: Link tickets: single-use 60 s download URLs of a visitor session. Visitor token keys: one HMAC key per tenant,
--comment: sealed with the platform's SecretBox.
create table visitor_sessions (
    id                uuid        primary key,
    tenant_id         uuid        not null references tenants (id),
    link_id           uuid        not null references share_links (id),
    email             text,
    email_verified    boolean     not null,
    client_address    text,
    security_version  integer     not null,
    created_at        timestamptz not null,
    expires_at        timestamptz not null
);
create index visitor_sessions_link_idx on visitor_sessions (tenant_id, link_id, created_at);
create table email_codes (
    id          uuid        primary key,
    tenant_id   uuid        not null references tenants (id),
    link_id     uuid        not null references share_links (id),
    email       text        not null,
    code_hash   text        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    tries       integer     not null default 0,
    used_at     timestamptz
);
create index email_codes_link_idx on email_codes (tenant_id, link_id, email, created_at desc);
create table nda_acceptances (
    id              uuid        primary key,
    tenant_id       uuid        not null references tenants (id),
    link_id         uuid        not null references share_links (id),
    session_id      uuid        not null references visitor_sessions (id),
    nda_version     integer     not null,
    nda_sha256      text        not null,
    email           text,
    client_address  text,
    accepted_at     timestamptz not null
);
create table link_tickets (
    id           uuid        primary key,
    tenant_id    uuid        not null references tenants (id),
    link_id      uuid        not null references share_links (id),
    session_id   uuid        not null references visitor_sessions (id),
    document_id  uuid        not null references items (id),
    token_hash   text        not null unique,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    used_at      timestamptz
);
create table visitor_token_keys (
    id          uuid        primary key,
    tenant_id   uuid        not null unique references tenants (id),
    sealed_key  bytea       not null,
    created_at  timestamptz not null
);
alter table visitor_sessions enable row level security;
alter table visitor_sessions force row level security;
create policy tenant_isolation on visitor_sessions
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
alter table email_codes enable row level security;
alter table email_codes force row level security;
create policy tenant_isolation on email_codes
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
alter table nda_acceptances enable row level security;
alter table nda_acceptances force row level security;
create policy tenant_isolation on nda_acceptances
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
alter table link_tickets enable row level security;
alter table link_tickets force row level security;
create policy tenant_isolation on link_tickets
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
alter table visitor_token_keys enable row level security;
alter table visitor_token_keys force row level security;
create policy tenant_isolation on visitor_token_keys
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
--rollback drop table visitor_token_keys; drop table link_tickets; drop table nda_acceptances; drop table email_codes; drop table visitor_sessions;

--changeset coffer:sharelinks-3
--comment: Nothing a visitor creates may block the trash purge (issue 10, defect 4; DOC-20): a link ticket names a
--comment: document, and when the document is purged its tickets go with it. The constraint is re-made ON DELETE
--comment: CASCADE; the other rows a visitor creates (sessions, email codes, NDA acceptances) name the link, not an item.
alter table link_tickets drop constraint link_tickets_document_id_fkey;
alter table link_tickets add constraint link_tickets_document_id_fkey foreign key (document_id) references items (id)
    on delete cascade;
--rollback alter table link_tickets drop constraint link_tickets_document_id_fkey; alter table link_tickets add constraint link_tickets_document_id_fkey foreign key (document_id) references items (id);
