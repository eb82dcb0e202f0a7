--liquibase formatted sql

--changeset coffer:outbox-1
--comment: The transactional outbox (docs/features/outbox.md). One global table, worked across tenants by one claim
--comment: query (FOR UPDATE SKIP LOCKED, OUT-4); it holds ids, a kind and a payload sealed with SecretBox (OUT-2),
--comment: never tenant data in clear, so it is listed in RowLevelSecurityGuard.GLOBAL_TABLES. tenant_id is kept for
--comment: the handler (which opens the tenant's own transaction) and for operators; it is null for work of no tenant.
create table outbox (
    id           uuid        primary key,
    tenant_id    uuid        references tenants (id) on delete cascade,
    kind         text        not null,
    payload      bytea,
    state        text        not null default 'PENDING' check (state in ('PENDING', 'DONE', 'DEAD')),
    attempts     integer     not null default 0,
    due_at       timestamptz not null,
    claimed_by   text,
    lease_until  timestamptz,
    last_error   text,
    enqueued_at  timestamptz not null,
    done_at      timestamptz
);
create index outbox_due on outbox (due_at) where state = 'PENDING';
create index outbox_done on outbox (done_at) where state <> 'PENDING';
--rollback drop table outbox;
