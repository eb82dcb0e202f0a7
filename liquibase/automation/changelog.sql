--liquibase formatted sql

--changeset coffer:automation-1
--comment: Automation rules (docs/features/automation.md). Every table carries tenant_id under the forced tenant
--comment: policy (AUTO-7). automation_rules is read on the hot path by one index (AUTO-10): enabled rules of a tenant
--comment: for one trigger. automation_firings makes a rule act once per event (AUTO-11); automation_counts holds
--comment: the occurrences a count condition counts (AUTO-14); automation_debounce the last mail of a rule per link
--comment: and visitor (AUTO-16); the digest tables the opt-ins and the one digest per user and day (AUTO-19, AUTO-20).
create table automation_rules (
    id          uuid        primary key,
    tenant_id   uuid        not null references tenants (id),
    name        text        not null,
    trigger     text        not null,
    conditions  jsonb       not null default '{}'::jsonb,
    action      jsonb       not null,
    enabled     boolean     not null,
    built_in    text,
    created_by  uuid,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create index automation_rules_trigger on automation_rules (tenant_id, trigger) where enabled;
create index automation_rules_page on automation_rules (tenant_id, id);
create unique index automation_rules_built_in on automation_rules (tenant_id, built_in) where built_in is not null;

create table automation_firings (
    tenant_id   uuid        not null references tenants (id),
    rule_id     uuid        not null references automation_rules (id) on delete cascade,
    event_id    uuid        not null,
    fired_at    timestamptz not null,
    primary key (rule_id, event_id)
);
create index automation_firings_tenant on automation_firings (tenant_id, fired_at);

create table automation_counts (
    tenant_id   uuid        not null references tenants (id),
    rule_id     uuid        not null references automation_rules (id) on delete cascade,
    subject     text        not null,
    event_id    uuid        not null,
    at          timestamptz not null,
    primary key (rule_id, subject, event_id)
);
create index automation_counts_window on automation_counts (rule_id, subject, at);
create index automation_counts_tenant on automation_counts (tenant_id, at);

create table automation_debounce (
    tenant_id   uuid        not null references tenants (id),
    rule_id     uuid        not null references automation_rules (id) on delete cascade,
    subject     text        not null,
    sent_at     timestamptz not null,
    primary key (rule_id, subject)
);
create index automation_debounce_tenant on automation_debounce (tenant_id);

create table automation_digest_subscriptions (
    tenant_id   uuid        not null references tenants (id),
    user_id     uuid        not null references users (id),
    enabled     boolean     not null,
    updated_at  timestamptz not null default now(),
    primary key (tenant_id, user_id)
);

create table automation_digests_sent (
    tenant_id   uuid        not null references tenants (id),
    user_id     uuid        not null references users (id),
    day         date        not null,
    sent_at     timestamptz not null,
    primary key (tenant_id, user_id, day)
);

alter table automation_rules enable row level security;
alter table automation_rules force row level security;
create policy tenant_isolation on automation_rules
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
alter table automation_firings enable row level security;
alter table automation_firings force row level security;
create policy tenant_isolation on automation_firings
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
alter table automation_counts enable row level security;
alter table automation_counts force row level security;
create policy tenant_isolation on automation_counts
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
alter table automation_debounce enable row level security;
alter table automation_debounce force row level security;
create policy tenant_isolation on automation_debounce
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
alter table automation_digest_subscriptions enable row level security;
alter table automation_digest_subscriptions force row level security;
create policy tenant_isolation on automation_digest_subscriptions
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
alter table automation_digests_sent enable row level security;
alter table automation_digests_sent force row level security;
create policy tenant_isolation on automation_digests_sent
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
--rollback drop table automation_digests_sent; drop table automation_digest_subscriptions; drop table automation_debounce; drop table automation_counts; drop table automation_firings; drop table automation_rules;
