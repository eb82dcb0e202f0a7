/**
 * The activity filters, kept in the page's URL (so a filtered view is a link one can share or reload) and turned
 * into the query of `GET /activity`. Times travel as ISO-8601 UTC instants; the form shows them in local time.
 */
import type { paths } from '../../api/schema';

export type ActivityQuery = NonNullable<paths['/api/v1/activity']['get']['parameters']['query']>;

export interface ActivityFilters {
  dataroomId?: string;
  linkId?: string;
  documentId?: string;
  type?: string;
  /** ISO instant, inclusive. */
  from?: string;
  /** ISO instant, exclusive. */
  to?: string;
}

/** URL parameter → filter field. */
const PARAMS = { room: 'dataroomId', link: 'linkId', document: 'documentId', type: 'type', from: 'from', to: 'to' } as const;

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const TYPE = /^[a-z][a-z0-9.-]{0,99}$/;

function valid(field: keyof ActivityFilters, value: string): boolean {
  switch (field) {
    case 'dataroomId':
    case 'linkId':
    case 'documentId':
      return UUID.test(value);
    case 'type':
      return TYPE.test(value);
    case 'from':
    case 'to':
      return !Number.isNaN(Date.parse(value));
  }
}

/** Reads the filters from the URL; values that could not be a filter (a hand-edited URL) are dropped. */
export function filtersFromSearch(search: URLSearchParams): ActivityFilters {
  const filters: ActivityFilters = {};
  for (const [param, field] of Object.entries(PARAMS) as [keyof typeof PARAMS, keyof ActivityFilters][]) {
    const value = search.get(param)?.trim();
    if (value && valid(field, value)) {
      filters[field] = field === 'from' || field === 'to' ? new Date(value).toISOString() : value;
    }
  }
  return filters;
}

export function filtersToSearch(filters: ActivityFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const [param, field] of Object.entries(PARAMS) as [keyof typeof PARAMS, keyof ActivityFilters][]) {
    const value = filters[field];
    if (value) search.set(param, value);
  }
  return search;
}

/** The query of `GET /activity` (only the filters set; the cursor and the limit are the pager's). */
export function filtersToQuery(filters: ActivityFilters): ActivityQuery {
  const query: ActivityQuery = {};
  if (filters.dataroomId) query.dataroomId = filters.dataroomId;
  if (filters.linkId) query.linkId = filters.linkId;
  if (filters.documentId) query.documentId = filters.documentId;
  if (filters.type) query.type = filters.type;
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  return query;
}

/** Whether the whole stream is asked for (OWNER and ADMIN only; others need a room, link or document). */
export function isWholeStream(filters: ActivityFilters): boolean {
  return !filters.dataroomId && !filters.linkId && !filters.documentId;
}

/** A time range whose end is not after its start. */
export function rangeInverted(filters: Pick<ActivityFilters, 'from' | 'to'>): boolean {
  return !!filters.from && !!filters.to && Date.parse(filters.to) <= Date.parse(filters.from);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An instant as the value of an `<input type="datetime-local">` (local time, minutes). */
export function isoToLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The value of an `<input type="datetime-local">` (local time) as an ISO instant; empty → undefined. */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
