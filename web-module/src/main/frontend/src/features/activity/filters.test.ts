import { describe, expect, it } from 'vitest';
import {
  filtersFromSearch,
  filtersToQuery,
  filtersToSearch,
  isWholeStream,
  isoToLocalInput,
  localInputToIso,
  rangeInverted,
} from './filters';

const ROOM = '0190a000-0000-7000-8000-000000000001';

describe('activity filters ↔ URL ↔ query', () => {
  it('round-trips every filter through the URL and into the API query', () => {
    const filters = {
      dataroomId: ROOM,
      linkId: '0190a000-0000-7000-8000-000000000003',
      documentId: '0190a000-0000-7000-8000-000000000002',
      type: 'document.viewed',
      from: '2026-12-01T00:00:00.000Z',
      to: '2026-12-02T00:00:00.000Z',
    };
    const search = filtersToSearch(filters);
    expect(search.toString()).toBe(
      `room=${ROOM}&link=0190a000-0000-7000-8000-000000000003&document=0190a000-0000-7000-8000-000000000002` +
        '&type=document.viewed&from=2026-12-01T00%3A00%3A00.000Z&to=2026-12-02T00%3A00%3A00.000Z',
    );
    expect(filtersFromSearch(search)).toEqual(filters);
    expect(filtersToQuery(filters)).toEqual(filters);
  });

  it('drops what a hand-edited URL holds that cannot be a filter, and sends no empty parameter', () => {
    const filters = filtersFromSearch(new URLSearchParams('room=../../x&type=DROP TABLE&from=yesterday&link='));
    expect(filters).toEqual({});
    expect(filtersToQuery(filters)).toEqual({});
    expect(isWholeStream(filters)).toBe(true);
    expect(isWholeStream({ dataroomId: ROOM })).toBe(false);
  });

  it('turns local input times into UTC instants and back, and finds an inverted range', () => {
    const iso = localInputToIso('2026-12-02T09:30');
    expect(iso).toBe(new Date(2026, 11, 2, 9, 30).toISOString());
    expect(isoToLocalInput(iso)).toBe('2026-12-02T09:30');
    expect(localInputToIso('')).toBeUndefined();
    expect(isoToLocalInput(undefined)).toBe('');
    expect(rangeInverted({ from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' })).toBe(true);
    expect(rangeInverted({ from: '2026-12-01T00:00:00Z', to: '2026-12-02T00:00:00Z' })).toBe(false);
    expect(rangeInverted({ from: '2026-12-01T00:00:00Z' })).toBe(false);
  });
});
