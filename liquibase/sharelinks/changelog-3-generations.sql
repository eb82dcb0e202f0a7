--liquibase formatted sql

--changeset coffer:sharelinks-5
--comment: What a link's decision rests on (docs/features/sharelinks.md, SL-45): the link itself (not its view count,
--comment: nor updated_at alone), its creator's role and membership, the room, the items (moved, trashed, hidden by an
--comment: override, deleted: a new item only adds, and what memory has not seen goes the full way), groups, their
--comment: members and the grants. Each committed change of these raises the tenant's access generation
--comment: (tenancy-3), and the beacon facts remembered before it are no longer used.
create constraint trigger share_links_access_update after update on share_links deferrable initially deferred
    for each row when ((to_jsonb(old) - 'view_count' - 'updated_at') is distinct from
                       (to_jsonb(new) - 'view_count' - 'updated_at'))
    execute function access_generation_bump();
create constraint trigger share_links_access_delete after delete on share_links deferrable initially deferred
    for each row execute function access_generation_bump();
create constraint trigger users_access_update after update on users deferrable initially deferred
    for each row when (old.role is distinct from new.role or old.removed_at is distinct from new.removed_at)
    execute function access_generation_bump();
create constraint trigger users_access_delete after delete on users deferrable initially deferred
    for each row execute function access_generation_bump();
create constraint trigger datarooms_access after update or delete on datarooms deferrable initially deferred
    for each row execute function access_generation_bump();
create constraint trigger items_access after update or delete on items deferrable initially deferred
    for each row execute function access_generation_bump();
create constraint trigger user_groups_access after insert or update or delete on user_groups
    deferrable initially deferred for each row execute function access_generation_bump();
create constraint trigger group_members_access after insert or update or delete on group_members
    deferrable initially deferred for each row execute function access_generation_bump();
create constraint trigger grants_access after insert or update or delete on grants deferrable initially deferred
    for each row execute function access_generation_bump();
--rollback drop trigger grants_access on grants; drop trigger group_members_access on group_members; drop trigger user_groups_access on user_groups; drop trigger items_access on items; drop trigger datarooms_access on datarooms; drop trigger users_access_delete on users; drop trigger users_access_update on users; drop trigger share_links_access_delete on share_links; drop trigger share_links_access_update on share_links;
