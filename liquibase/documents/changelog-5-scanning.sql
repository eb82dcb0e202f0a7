--liquibase formatted sql

--changeset coffer:documents-5
--comment: Issue 18, virus scanning (docs/features/file-requests.md, FR-7..FR-10): each version's verdict of clamd.
--comment: SCANNING until a scanner answered (fail closed: nothing of it is served), READY (clean, or stored before
--comment: scanning existed, or scanning switched off), QUARANTINED (a signature matched; scan_finding names it).
--comment: The partial index finds what the sweep must scan again.
alter table document_versions add column scan_status text not null default 'READY'
    check (scan_status in ('SCANNING', 'READY', 'QUARANTINED'));
alter table document_versions add column scan_finding text;
alter table document_versions add column scanned_at timestamptz;
create index document_versions_scanning_idx on document_versions (tenant_id, created_at)
    where scan_status = 'SCANNING';
--rollback drop index document_versions_scanning_idx; alter table document_versions drop column scanned_at; alter table document_versions drop column scan_finding; alter table document_versions drop column scan_status;
