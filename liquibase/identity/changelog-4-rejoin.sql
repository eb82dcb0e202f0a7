--liquibase formatted sql

--changeset coffer:identity-4
--comment: A removed member may be invited again: the email is unique among current members only.
drop index users_tenant_email_uq;
create unique index users_tenant_email_uq on users (tenant_id, lower(email)) where removed_at is null;
--rollback drop index users_tenant_email_uq; create unique index users_tenant_email_uq on users (tenant_id, lower(email));
