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

--changeset coffer:sharelinks-reach-2
--comment: SL-18: the role the creator and the reach holder acted with (an API-key token acts below its user's role,
--comment: ID-25): the link serves at most what that role allows, whatever the user's role becomes. Null on links made
--comment: before: their users' current roles count, as before.
alter table share_links add column created_role text;
alter table share_links add column reach_role text;
alter table share_links add constraint share_links_created_role check (created_role in ('OWNER', 'ADMIN', 'MEMBER'));
alter table share_links add constraint share_links_reach_role check (reach_role in ('OWNER', 'ADMIN', 'MEMBER'));
--rollback alter table share_links drop column reach_role; alter table share_links drop column created_role;
