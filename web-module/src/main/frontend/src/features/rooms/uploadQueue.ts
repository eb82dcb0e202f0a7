/**
 * The upload queue: plain TypeScript, no React, no network of its own (a Transport does the requests), so that its
 * rules are tested by Vitest alone (uploadQueue.test.ts):
 *
 * - files wait, then at most `concurrency` of them upload at a time, in the order they were added;
 * - a file in a sub-folder of a dropped or picked folder waits until `ensureFolders` (the contract's
 *   `POST /datarooms/{id}/paths`, one request per batch) has given its folder's id; the structure is kept;
 * - each file can be cancelled (waiting or uploading), or all at once; a cancelled upload is aborted on the wire;
 * - every refusal is kept as a `Refusal` (too large, quota, type, name clash...), from which the screen makes a
 *   sentence; totals count bytes of the files that are still meant to arrive.
 */
import { ApiError } from '../../api/client';
import { problemSlug } from '../../api/problem';

export type UploadState = 'waiting' | 'uploading' | 'done' | 'failed' | 'cancelled';

/** Why the server (or the network) refused a file; each has one sentence in rooms.json (`upload.refusal.*`). */
export type Refusal =
  | 'tooLarge'
  | 'quota'
  | 'type'
  | 'nameClash'
  | 'invalidName'
  | 'forbidden'
  | 'notFound'
  | 'rateLimited'
  | 'unavailable'
  | 'network'
  | 'unauthenticated'
  | 'other';

export interface UploadItem {
  readonly id: number;
  /** The file's name (its last path segment). */
  readonly name: string;
  /** The folders between the drop target and the file ("" for a file dropped as such), `/`-separated. */
  readonly dir: string;
  readonly size: number;
  readonly state: UploadState;
  /** Bytes sent so far (the size once done). */
  readonly loaded: number;
  readonly refusal?: Refusal;
  /** The created document, once done. */
  readonly documentId?: string;
}

export interface Totals {
  /** Files added, and how many are in each state. */
  count: number;
  waiting: number;
  uploading: number;
  done: number;
  failed: number;
  cancelled: number;
  /** Bytes of the files that are done, uploading or waiting (failed and cancelled files no longer count). */
  bytes: number;
  /** Of those, bytes already sent. */
  loaded: number;
  /** True while anything waits or uploads. */
  active: boolean;
}

export interface Snapshot {
  items: readonly UploadItem[];
  totals: Totals;
}

export interface SendJob {
  file: Blob;
  name: string;
  folderId: string | null;
}

export interface Transport {
  /** Uploads one file; reports bytes sent; rejects with an AbortError when the signal aborts. */
  send(job: SendJob, onProgress: (loaded: number) => void, signal: AbortSignal): Promise<{ documentId: string }>;
  /** Makes the missing folders of each path (from the room's top) and answers path → folder id. */
  ensureFolders(paths: string[]): Promise<Map<string, string>>;
}

/** Where a batch goes: a folder (its id and its path of names from the room's top, "" for the top) or the top. */
export interface Target {
  folderId: string | null;
  path: string;
}

export interface Entry {
  file: Blob;
  name: string;
  /** `/`-separated folders below the target ("" when none). */
  dir?: string;
}

interface Slot {
  item: UploadItem;
  file: Blob;
  /** undefined while the folder is being made; null for the room's top. */
  folderId: string | null | undefined;
  controller?: AbortController;
}

/** The refusal a failed request stands for, from the contract's problem types (and the status without one). */
export function refusalOf(error: unknown): Refusal {
  if (!(error instanceof ApiError)) return 'network';
  const slug = problemSlug(error.problem?.type);
  switch (slug ?? String(error.status)) {
    case 'payload-too-large':
    case '413':
      // The contract has one type for both; the server's detail names the quota when that is the reason.
      return /quota/i.test(error.problem?.detail ?? '') ? 'quota' : 'tooLarge';
    case 'unsupported-media-type':
    case '415':
      return 'type';
    case 'conflict':
    case '409':
      return 'nameClash';
    case 'validation':
    case '400':
      return 'invalidName';
    case 'forbidden':
    case '403':
      return 'forbidden';
    case 'not-found':
    case '404':
      return 'notFound';
    case 'rate-limited':
    case '429':
      return 'rateLimited';
    case 'unavailable':
    case '503':
      return 'unavailable';
    case 'unauthenticated':
    case '401':
      return 'unauthenticated';
    default:
      return 'other';
  }
}

export function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** Joins path segments with `/`, dropping empty ones ("" + "a/b" → "a/b", "/x" + "y" → "x/y"). */
export function joinPath(...parts: string[]): string {
  return parts
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment.length > 0)
    .join('/');
}

export class UploadQueue {
  private readonly slots: Slot[] = [];
  private readonly listeners = new Set<() => void>();
  private nextId = 1;
  private snapshotCache: Snapshot | null = null;
  readonly concurrency: number;

  constructor(
    private readonly transport: Transport,
    options: { concurrency?: number } = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 3);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The current state; the same object until something changes (for React's useSyncExternalStore). */
  snapshot = (): Snapshot => {
    if (!this.snapshotCache) {
      const items = this.slots.map((slot) => slot.item);
      this.snapshotCache = { items, totals: totalsOf(items) };
    }
    return this.snapshotCache;
  };

  /** Adds files for one target; files in sub-folders wait for one `ensureFolders` call of this batch. */
  add(entries: Entry[], target: Target): UploadItem[] {
    const added: Slot[] = entries.map((entry) => {
      const dir = joinPath(entry.dir ?? '');
      return {
        item: { id: this.nextId++, name: entry.name, dir, size: entry.file.size, state: 'waiting', loaded: 0 },
        file: entry.file,
        folderId: dir === '' ? target.folderId : undefined,
      };
    });
    this.slots.push(...added);
    const dirs = [...new Set(added.filter((slot) => slot.folderId === undefined).map((slot) => slot.item.dir))];
    if (dirs.length > 0) {
      void this.resolveFolders(added, dirs, target);
    }
    this.changed();
    this.pump();
    return added.map((slot) => slot.item);
  }

  cancel(id: number): void {
    const slot = this.slots.find((s) => s.item.id === id);
    if (!slot) return;
    if (slot.item.state === 'waiting') {
      this.update(slot, { state: 'cancelled' });
      this.pump();
    } else if (slot.item.state === 'uploading') {
      // The send rejects with an AbortError, which marks it cancelled and frees its place.
      slot.controller?.abort();
    }
  }

  cancelAll(): void {
    for (const slot of this.slots) {
      if (slot.item.state === 'waiting') this.update(slot, { state: 'cancelled' }, false);
    }
    for (const slot of this.slots) {
      if (slot.item.state === 'uploading') slot.controller?.abort();
    }
    this.changed();
  }

  /** Forgets files that are done, failed or cancelled. */
  clearFinished(): void {
    for (let i = this.slots.length - 1; i >= 0; i--) {
      const state = this.slots[i]!.item.state;
      if (state !== 'waiting' && state !== 'uploading') this.slots.splice(i, 1);
    }
    this.changed();
  }

  private async resolveFolders(batch: Slot[], dirs: string[], target: Target) {
    const paths = dirs.map((dir) => joinPath(target.path, dir));
    try {
      const ids = new Map<string, string>();
      // The contract takes at most 1,000 paths a request.
      for (let i = 0; i < paths.length; i += 1000) {
        const answer = await this.transport.ensureFolders(paths.slice(i, i + 1000));
        answer.forEach((id, path) => ids.set(path, id));
      }
      for (const slot of batch) {
        if (slot.folderId !== undefined) continue;
        const id = ids.get(joinPath(target.path, slot.item.dir));
        if (id === undefined) {
          if (slot.item.state === 'waiting') this.update(slot, { state: 'failed', refusal: 'other' }, false);
        } else {
          slot.folderId = id;
        }
      }
    } catch (error) {
      const refusal = refusalOf(error);
      for (const slot of batch) {
        if (slot.folderId === undefined && slot.item.state === 'waiting') {
          this.update(slot, { state: 'failed', refusal }, false);
        }
      }
    }
    this.changed();
    this.pump();
  }

  private pump() {
    let running = this.slots.filter((slot) => slot.item.state === 'uploading').length;
    for (const slot of this.slots) {
      if (running >= this.concurrency) break;
      if (slot.item.state !== 'waiting' || slot.folderId === undefined) continue;
      running++;
      void this.start(slot, slot.folderId);
    }
  }

  private async start(slot: Slot, folderId: string | null) {
    const controller = new AbortController();
    slot.controller = controller;
    this.update(slot, { state: 'uploading', loaded: 0 });
    try {
      const { documentId } = await this.transport.send(
        { file: slot.file, name: slot.item.name, folderId },
        (loaded) => {
          if (slot.item.state === 'uploading') this.update(slot, { loaded: Math.min(loaded, slot.item.size) });
        },
        controller.signal,
      );
      this.update(slot, { state: 'done', loaded: slot.item.size, documentId }, false);
    } catch (error) {
      if (isAbort(error) || controller.signal.aborted) {
        this.update(slot, { state: 'cancelled' }, false);
      } else {
        this.update(slot, { state: 'failed', refusal: refusalOf(error) }, false);
      }
    } finally {
      delete slot.controller;
    }
    this.changed();
    this.pump();
  }

  private update(slot: Slot, change: Partial<UploadItem>, notify = true) {
    slot.item = { ...slot.item, ...change };
    if (notify) this.changed();
    else this.snapshotCache = null;
  }

  private changed() {
    this.snapshotCache = null;
    this.listeners.forEach((listener) => listener());
  }
}

export function totalsOf(items: readonly UploadItem[]): Totals {
  const totals: Totals = {
    count: items.length, waiting: 0, uploading: 0, done: 0, failed: 0, cancelled: 0, bytes: 0, loaded: 0,
    active: false,
  };
  for (const item of items) {
    totals[item.state]++;
    if (item.state === 'done' || item.state === 'uploading' || item.state === 'waiting') {
      totals.bytes += item.size;
      totals.loaded += item.state === 'done' ? item.size : item.loaded;
    }
  }
  totals.active = totals.waiting + totals.uploading > 0;
  return totals;
}

/** Percent (0..100) of a part; an empty whole counts as complete. */
export function percent(loaded: number, total: number): number {
  if (total <= 0) return 100;
  return Math.min(100, Math.round((loaded / total) * 1000) / 10);
}
