--liquibase formatted sql

--changeset coffer:questions-1
--comment: Issue 18, Q&A (docs/features/questions.md, QA-1..QA-10): questions on a document, asked by a member (asker_user)
--comment: or by a visitor of a link with allowQuestions (asker_session, link_id); answers by the room's managers,
--comment: each private to the asker or published to everyone who can see the document. A visitor's email is never
--comment: stored here: it is the session's (erased with it); a mail on answer reads it from the session.
create table questions (
    id             uuid        primary key,
    tenant_id      uuid        not null references tenants (id),
    room_id        uuid        not null references datarooms (id),
    document_id    uuid        not null references items (id) on delete cascade,
    page           integer     check (page is null or page >= 1),
    text           text        not null,
    asker_user     uuid        references users (id),
    asker_session  uuid,
    link_id        uuid        references share_links (id) on delete cascade,
    status         text        not null check (status in ('OPEN', 'ANSWERED', 'PUBLISHED')),
    created_at     timestamptz not null,
    answered_at    timestamptz,
    check ((asker_user is null) <> (asker_session is null)),
    check ((asker_session is null) = (link_id is null))
);
create index questions_room_idx on questions (tenant_id, room_id, created_at desc);
create index questions_link_idx on questions (tenant_id, link_id) where link_id is not null;
create table answers (
    id           uuid        primary key,
    tenant_id    uuid        not null references tenants (id),
    question_id  uuid        not null references questions (id) on delete cascade,
    text         text        not null,
    published    boolean     not null,
    answered_by  uuid        not null references users (id),
    created_at   timestamptz not null
);
create index answers_question_idx on answers (tenant_id, question_id, created_at);
alter table questions enable row level security;
alter table questions force row level security;
create policy tenant_isolation on questions
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
alter table answers enable row level security;
alter table answers force row level security;
create policy tenant_isolation on answers
    using (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid)
    with check (tenant_id = nullif(current_setting('coffer.tenant', true), '')::uuid);
--rollback drop table answers; drop table questions;
