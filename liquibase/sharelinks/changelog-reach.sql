--liquibase formatted sql

--changeset coffer:sharelinks-reach-1
--comment: SL-18: who last set a link's reach (what it shows and hands out: its target at creation, its item overrides
--comment: and its download setting since). The link serves at most what both its creator and this user hold now.
--comment: Links that exist were set by their creators. Row-level security is lifted for the owner for this one
--comment: statement only.
alter table share_links add column reach_by uuid;
alter table share_links no force row level security;
update share_links set reach_by = created_by;
alter table share_links force row level security;
alter table share_links alter column reach_by set not null;
--rollback alter table share_links drop column reach_by;
