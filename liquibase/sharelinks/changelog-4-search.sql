--liquibase formatted sql

--changeset coffer:sharelinks-6
--comment: Issue 18, search (docs/features/search.md, SR-5): a link lets its visitors search the text of what it shows
--comment: only when its manager says so (allowSearch, off by default, as every other control of a link).
alter table share_links add column allow_search boolean not null default false;
--rollback alter table share_links drop column allow_search;
