import { describe, expect, it } from 'vitest';
import type { Beacon } from '../../api/native';
import { BeaconBatcher, MAX_ENTRIES, MAX_SECONDS_PER_BATCH, MAX_SECONDS_PER_PAGE } from './beacons';

function setup(options: { status?: number; maxGapMs?: number } = {}) {
  let now = 0;
  const sent: { batch: Beacon[]; final: boolean }[] = [];
  const batcher = new BeaconBatcher({
    now: () => now,
    maxGapMs: options.maxGapMs ?? 10 * 3600 * 1000,
    send: async (batch, final) => {
      sent.push({ batch, final });
      return { status: options.status ?? 202 };
    },
  });
  return { batcher, sent, advance: (ms: number) => (now += ms) };
}

const D = '018f0000-0000-7000-8000-000000000001';

describe('page-time beacons', () => {
  it('counts whole seconds per page while shown, keeps the leftover milliseconds', async () => {
    const { batcher, sent, advance } = setup();
    batcher.show(D, 1);
    advance(2500);
    batcher.show(D, 2);
    advance(1200);
    await batcher.flush();
    expect(sent[0]!.batch).toEqual([{ docId: D, page: 1, seconds: 2 }, { docId: D, page: 2, seconds: 1 }]);
    advance(1800); // page 2: 0.2 s left over + 1.8 s
    await batcher.flush();
    expect(sent[1]!.batch).toEqual([{ docId: D, page: 2, seconds: 2 }]);
  });

  it('does not count while the tab is hidden, nor with no page shown', async () => {
    const { batcher, sent, advance } = setup();
    batcher.show(D, 1);
    batcher.setVisible(false);
    advance(60_000);
    batcher.setVisible(true);
    batcher.show(null);
    advance(60_000);
    await batcher.flush();
    expect(sent).toEqual([]);
  });

  it('ACT-20: each entry at most 3600 s and a batch at most 3600 s together; the rest goes in later batches', async () => {
    const { batcher, sent, advance } = setup();
    batcher.show(D, 1);
    advance(5000 * 1000);
    batcher.show(D, 2);
    advance(100 * 1000);
    await batcher.flush();
    expect(sent[0]!.batch).toEqual([{ docId: D, page: 1, seconds: MAX_SECONDS_PER_PAGE }]);
    await batcher.flush();
    expect(sent[1]!.batch).toEqual([{ docId: D, page: 1, seconds: 1400 }, { docId: D, page: 2, seconds: 100 }]);
    for (const { batch } of sent) {
      expect(batch.reduce((sum, b) => sum + b.seconds, 0)).toBeLessThanOrEqual(MAX_SECONDS_PER_BATCH);
      batch.forEach((b) => expect(b.seconds).toBeLessThanOrEqual(MAX_SECONDS_PER_PAGE));
    }
  });

  it('ACT-20: at most 500 entries in a batch', async () => {
    const { batcher, sent, advance } = setup();
    for (let page = 1; page <= 700; page++) {
      batcher.show(D, page);
      advance(1000);
    }
    batcher.show(null);
    await batcher.flush();
    expect(sent[0]!.batch).toHaveLength(MAX_ENTRIES);
    await batcher.flush();
    expect(sent[1]!.batch).toHaveLength(200);
  });

  it('a long gap of the clock counts as the cap, not as hours of reading', async () => {
    const { batcher, sent, advance } = setup({ maxGapMs: 30_000 });
    batcher.show(D, 1);
    advance(8 * 3600 * 1000);
    await batcher.flush();
    expect(sent[0]!.batch).toEqual([{ docId: D, page: 1, seconds: 30 }]);
  });

  it('ACT-22: a 429 puts the batch back for the next flush; one batch per flush', async () => {
    const s = setup({ status: 429 });
    s.batcher.show(D, 1);
    s.advance(3000);
    await s.batcher.flush();
    expect(s.sent).toHaveLength(1);
    expect(s.batcher.pendingSeconds()).toBe(3);
  });

  it('the leave flush sends what is counted, marked final, in a bounded number of batches', () => {
    const { batcher, sent, advance } = setup();
    batcher.show(D, 1);
    advance(20_000 * 1000);
    batcher.flushFinal();
    expect(sent.length).toBe(3);
    expect(sent.every((s) => s.final)).toBe(true);
  });

  it('stops after the session ended (401)', async () => {
    const { batcher, sent, advance } = setup({ status: 401 });
    batcher.show(D, 1);
    advance(2000);
    await batcher.flush();
    advance(2000);
    await batcher.flush();
    batcher.flushFinal();
    expect(sent).toHaveLength(1);
  });
});
