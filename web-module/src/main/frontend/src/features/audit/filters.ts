/** The audit log's filters (from, to, actor, action) ↔ the page's URL ↔ the query of `GET /audit` and its export. */
import type { paths } from '../../api/schema';

export type AuditQuery = NonNullable<paths['/api/v1/audit']['get']['parameters']['query']>;
export type AuditExportQuery = NonNullable<paths['/api/v1/audit/export']['get']['parameters']['query']>;

export interface AuditFilters {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const ACTION = /^[a-z][a-z0-9.-]{0,99}$/;
const FIELDS = ['from', 'to', 'actor', 'action'] as const;

export function auditFiltersFromSearch(search: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const field of FIELDS) {
    const value = search.get(field)?.trim();
    if (!value) continue;
    if ((field === 'from' || field === 'to') && !Number.isNaN(Date.parse(value))) {
      filters[field] = new Date(value).toISOString();
    } else if (field === 'actor' && UUID.test(value)) {
      filters.actor = value.toLowerCase();
    } else if (field === 'action' && ACTION.test(value)) {
      filters.action = value;
    }
  }
  return filters;
}

export function auditFiltersToSearch(filters: AuditFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const field of FIELDS) {
    const value = filters[field];
    if (value) search.set(field, value);
  }
  return search;
}

/** The same filters for the list and the export (the export has no paging). */
export function auditFiltersToQuery(filters: AuditFilters): AuditExportQuery {
  const query: AuditExportQuery = {};
  for (const field of FIELDS) {
    const value = filters[field];
    if (value) query[field] = value;
  }
  return query;
}

/** The export's file name: `coffer-audit-2026-12-02.csv` (the day of the download, UTC). */
export function exportFileName(now: Date): string {
  return `coffer-audit-${now.toISOString().substring(0, 10)}.csv`;
}
