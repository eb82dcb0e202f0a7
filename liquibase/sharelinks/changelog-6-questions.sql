--liquibase formatted sql

--changeset coffer:sharelinks-8
--comment: Issue 18, Q&A (docs/features/questions.md, QA-4): a link lets its visitors ask questions about what it shows
--comment: only when its manager says so (allowQuestions, off by default, as allowSearch).
alter table share_links add column allow_questions boolean not null default false;
--rollback alter table share_links drop column allow_questions;
