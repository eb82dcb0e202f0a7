/**
 * Page-time beacons: the seconds a visitor spends on each page, batched for `POST /public/links/{token}/events`.
 *
 * Time is counted only while a page is shown and the tab is visible; a gap longer than `maxGapMs` between two
 * readings of the clock (a sleeping laptop, a throttled timer) counts as `maxGapMs`. Batches keep the server's limits
 * (docs/features/activity.md): ACT-20 at most 500 entries, each 0..3600 seconds, at most 3600 seconds together (what
 * does not fit waits for the next batch); ACT-22 at most 5 batches a second per session — a flush sends one batch,
 * the leave-time flush at most `maxFinalBatches`, and a 429 puts the batch back for the next flush.
 */
import type { Beacon } from '../../api/native';

export const MAX_ENTRIES = 500;
export const MAX_SECONDS_PER_PAGE = 3600;
export const MAX_SECONDS_PER_BATCH = 3600;

export type SendResult = { status: number };
export type Send = (batch: Beacon[], final: boolean) => Promise<SendResult>;

export interface BatcherOptions {
  send: Send;
  now?: () => number;
  maxGapMs?: number;
  maxFinalBatches?: number;
}

const key = (docId: string, page: number) => `${docId}#${page}`;

export class BeaconBatcher {
  private readonly send: Send;
  private readonly now: () => number;
  private readonly maxGapMs: number;
  private readonly maxFinalBatches: number;
  /** Milliseconds counted and not yet sent, per document page (insertion order = first seen). */
  private readonly pending = new Map<string, { docId: string; page: number; ms: number }>();
  private current: { docId: string; page: number } | null = null;
  private visible = true;
  private since: number;
  private sending = false;
  private stopped = false;

  constructor(options: BatcherOptions) {
    this.send = options.send;
    this.now = options.now ?? (() => Date.now());
    this.maxGapMs = options.maxGapMs ?? 60_000;
    this.maxFinalBatches = options.maxFinalBatches ?? 3;
    this.since = this.now();
  }

  /** The page now shown (null: none, e.g. the room tree). */
  show(docId: string | null, page = 1): void {
    this.accrue();
    this.current = docId ? { docId, page } : null;
  }

  /** The tab was hidden or shown again (`visibilitychange`). */
  setVisible(visible: boolean): void {
    this.accrue();
    this.visible = visible;
  }

  /** Whole seconds waiting to be sent (for tests and the leave flush). */
  pendingSeconds(): number {
    let ms = 0;
    this.pending.forEach((p) => (ms += p.ms));
    return Math.floor(ms / 1000);
  }

  private accrue(): void {
    const now = this.now();
    const elapsed = Math.min(Math.max(0, now - this.since), this.maxGapMs);
    this.since = now;
    if (!this.current || !this.visible || this.stopped || elapsed === 0) return;
    const k = key(this.current.docId, this.current.page);
    const entry = this.pending.get(k) ?? { ...this.current, ms: 0 };
    entry.ms += elapsed;
    this.pending.set(k, entry);
  }

  /** Takes the next batch out of `pending` (whole seconds only; the milliseconds left over stay). */
  takeBatch(): Beacon[] {
    const batch: Beacon[] = [];
    let total = 0;
    for (const [k, entry] of this.pending) {
      if (batch.length >= MAX_ENTRIES || total >= MAX_SECONDS_PER_BATCH) break;
      const whole = Math.floor(entry.ms / 1000);
      if (whole === 0) continue;
      const seconds = Math.min(whole, MAX_SECONDS_PER_PAGE, MAX_SECONDS_PER_BATCH - total);
      batch.push({ docId: entry.docId, page: entry.page, seconds });
      total += seconds;
      entry.ms -= seconds * 1000;
      if (entry.ms <= 0) this.pending.delete(k);
    }
    return batch;
  }

  private putBack(batch: Beacon[]): void {
    for (const b of batch) {
      const k = key(b.docId, b.page);
      const entry = this.pending.get(k) ?? { docId: b.docId, page: b.page, ms: 0 };
      entry.ms += b.seconds * 1000;
      this.pending.set(k, entry);
    }
  }

  /** The timer's flush: at most one batch. */
  async flush(): Promise<void> {
    this.accrue();
    if (this.sending || this.stopped) return;
    const batch = this.takeBatch();
    if (batch.length === 0) return;
    this.sending = true;
    try {
      const { status } = await this.send(batch, false);
      if (status === 429 || status === 503 || status === 0) this.putBack(batch);
      // 401/404/410: the session or the link is over; 400: the documents changed. Nothing to retry.
      if (status === 401 || status === 404 || status === 410) this.stopped = true;
    } finally {
      this.sending = false;
    }
  }

  /** The leave flush (`pagehide`, tab hidden): sends what is counted, in at most `maxFinalBatches` batches. */
  flushFinal(): void {
    this.accrue();
    if (this.stopped) return;
    for (let i = 0; i < this.maxFinalBatches; i++) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      void this.send(batch, true);
    }
  }

  stop(): void {
    this.stopped = true;
  }
}
