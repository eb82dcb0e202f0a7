--liquibase formatted sql

--changeset coffer:sharelinks-7
--comment: Issue 18, access requests (docs/features/sharelinks.md, AR-1..AR-7): a visitor refused by a link's allow
--comment: list asks for access; the link's creator is mailed; approving adds the email to the link's allow list.
--comment: One pending request per link and email (the partial unique index). The email and message are the visitor's
--comment: personal data: erased with the rest of it (POST /privacy/erasure), and decided requests age out with it.
create table access_requests (
    id           uuid        primary key,
    tenant_id    uuid        not null references tenants (id),
    link_id      uuid        not null references share_links (id) on delete cascade,
    email        text        not null,
    message      text,
    status       text        not null check (status in ('PENDING', 'APPROVED', 'DENIED')),
    created_at   timestamptz not null,
    decided_at   timestamptz,
    decided_by   uuid        references users (id)
);
create unique index access_requests_pending_idx on access_requests (tenant_id, link_id, lower(email))
    where status = 'PENDING';
create index access_requests_link_idx on access_requests (tenant_id, link_id, created_at desc);
alter table access_requests enable row level security;
alter table access_requests force row level security;
create policy tenant_isolation on access_requests
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
--rollback drop table access_requests;
