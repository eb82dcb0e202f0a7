--liquibase formatted sql

--changeset coffer:webhooks-1
--comment: Webhook subscriptions and their deliveries (docs/features/webhooks.md). The signing secret is sealed with
--comment: SecretBox (WH-4); a delivery's body (the event as sent, signed byte for byte) is sealed too, since an event
--comment: may name a visitor. Both tenant tables under forced row-level security.
create table webhooks (
    id             uuid        primary key,
    tenant_id      uuid        not null references tenants (id),
    url            text        not null,
    events         text        not null,
    secret_sealed  bytea       not null,
    created_by     uuid,
    created_at     timestamptz not null
);
create index webhooks_tenant on webhooks (tenant_id);
alter table webhooks enable row level security;
alter table webhooks force row level security;
create policy tenant_isolation on webhooks
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
create table webhook_deliveries (
    id           uuid        primary key,
    tenant_id    uuid        not null references tenants (id),
    webhook_id   uuid        not null references webhooks (id) on delete cascade,
    event_id     uuid        not null,
    event_type   text        not null,
    body_sealed  bytea       not null,
    status       text        not null check (status in ('PENDING', 'DELIVERED', 'FAILED', 'DEAD')),
    attempts     integer     not null default 0,
    last_status  integer,
    last_error   text,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    delivered_at timestamptz
);
create index webhook_deliveries_webhook on webhook_deliveries (tenant_id, webhook_id, created_at desc, id desc);
alter table webhook_deliveries enable row level security;
alter table webhook_deliveries force row level security;
create policy tenant_isolation on webhook_deliveries
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
--rollback drop table webhook_deliveries; drop table webhooks;
