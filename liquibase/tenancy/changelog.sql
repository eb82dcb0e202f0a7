--liquibase formatted sql

--changeset coffer:tenancy-1
--comment: The global tenant directory. Not a tenant table: flows without a token look their tenant up here.
create table tenants (
    id          uuid        primary key,
    slug        text        not null,
    name        text        not null,
    created_at  timestamptz not null default now(),
    constraint tenants_slug_format check (slug ~ '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$')
);
create unique index tenants_slug_uq on tenants (slug);
--rollback drop table tenants;
