--liquibase formatted sql

--changeset coffer:sharelinks-4
--comment: The visitor tickets live in documents' download_tickets now (documents-6, DOC-30): link_tickets goes. A
--comment: mailed email code is redeemed through token_index like every single-use secret (FD-30, SL-27): its used
--comment: marker goes; its tries stay here (SL-27). Codes mailed before this change are not in token_index and are
--comment: refused (they live 10 minutes; the visitor asks for a new one).
drop table link_tickets;
alter table email_codes drop column used_at;
--rollback alter table email_codes add column used_at timestamptz;
