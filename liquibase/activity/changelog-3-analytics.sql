--liquibase formatted sql

--changeset coffer:activity-analytics-1
--comment: Analytics roll-ups (docs/features/activity.md, "Beacons and analytics"), maintained as events arrive (the
--comment: beacon flush and the activity observers) so that no analytics query scans activity_events. Counts only: they
--comment: outlive the raw partitions that retention drops (ACT-31). link_id and document_id hold the zero uuid where an
--comment: event has none (a member's download; a session's row), so that the keys stay plain primary keys.
create table analytics_days (
    tenant_id    uuid    not null,
    day          date    not null,
    link_id      uuid    not null,
    document_id  uuid    not null,
    page         integer not null,
    room_id      uuid,
    sessions     bigint  not null default 0,
    views        bigint  not null default 0,
    seconds      bigint  not null default 0,
    downloads    bigint  not null default 0,
    primary key (tenant_id, link_id, document_id, page, day)
);
create index analytics_days_document on analytics_days (tenant_id, document_id, link_id);
create index analytics_days_room on analytics_days (tenant_id, room_id, link_id);
alter table analytics_days enable row level security;
alter table analytics_days force row level security;
create policy tenant_isolation on analytics_days
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);

--comment: One row per visitor session (the visits CSV and the per-visitor analytics). email, client_address and
--comment: user_agent are personal data that erasure and retention blank; visitor is who counts as one unique visitor
--comment: ('email:<email>', or 'session:<id>' without an email), replaced by one random 'erased:<uuid>' per email when
--comment: erased, so that the counts stay exact and nothing leads back to the email (ACT-32).
create table analytics_visits (
    tenant_id       uuid        not null,
    session_id      uuid        not null,
    link_id         uuid        not null,
    room_id         uuid,
    visitor         text        not null,
    email           text,
    client_address  text,
    user_agent      text,
    started_at      timestamptz not null,
    last_seen       timestamptz not null,
    seconds         bigint      not null default 0,
    page_views      bigint      not null default 0,
    downloads       bigint      not null default 0,
    primary key (tenant_id, session_id)
);
create index analytics_visits_link on analytics_visits (tenant_id, link_id, started_at);
create index analytics_visits_room on analytics_visits (tenant_id, room_id);
create index analytics_visits_visitor on analytics_visits (tenant_id, link_id, visitor);
create index analytics_visits_email on analytics_visits (tenant_id, email) where email is not null;
create index analytics_visits_last_seen on analytics_visits (tenant_id, last_seen) where email is not null or client_address is not null;
alter table analytics_visits enable row level security;
alter table analytics_visits force row level security;
create policy tenant_isolation on analytics_visits
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);

--comment: The pages one session saw (pages seen, completion): one row per session, document and page.
create table analytics_visit_pages (
    tenant_id    uuid        not null,
    session_id   uuid        not null,
    document_id  uuid        not null,
    page         integer     not null,
    link_id      uuid        not null,
    views        bigint      not null default 0,
    seconds      bigint      not null default 0,
    first_seen   timestamptz not null,
    primary key (tenant_id, session_id, document_id, page)
);
create index analytics_visit_pages_link on analytics_visit_pages (tenant_id, link_id);
create index analytics_visit_pages_document on analytics_visit_pages (tenant_id, document_id);
alter table analytics_visit_pages enable row level security;
alter table analytics_visit_pages force row level security;
create policy tenant_isolation on analytics_visit_pages
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
--rollback drop table analytics_visit_pages; drop table analytics_visits; drop table analytics_days;
