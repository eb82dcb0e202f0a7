--liquibase formatted sql

--changeset coffer:activity-2
--comment: Erasure (ACT-12) finds a visitor's rows by email in any case without reading the tenant's whole history:
--comment: one partial expression index, created on the parent and so on every partition, present and future.
create index activity_events_email on activity_events (tenant_id, lower(actor_email)) where actor_email is not null;
--rollback drop index activity_events_email;
