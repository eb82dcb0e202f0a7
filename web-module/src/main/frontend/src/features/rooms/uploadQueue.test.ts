import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { UploadQueue, joinPath, percent, refusalOf, type SendJob, type Transport } from './uploadQueue';

/** A transport whose uploads finish only when the test says so, recording what was sent where. */
class FakeTransport implements Transport {
  readonly sent: { job: SendJob; progress: (loaded: number) => void; signal: AbortSignal; resolve: () => void; reject: (e: unknown) => void }[] = [];
  readonly folderCalls: string[][] = [];
  folderAnswer: (paths: string[]) => Promise<Map<string, string>> = async (paths) =>
    new Map(paths.map((path) => [path, `folder:${path}`]));
  private ids = 0;

  send(job: SendJob, progress: (loaded: number) => void, signal: AbortSignal) {
    return new Promise<{ documentId: string }>((resolve, reject) => {
      const documentId = `doc${++this.ids}`;
      signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      this.sent.push({ job, progress, signal, resolve: () => resolve({ documentId }), reject });
    });
  }

  ensureFolders(paths: string[]) {
    this.folderCalls.push(paths);
    return this.folderAnswer(paths);
  }

  running() {
    return this.sent.filter((s) => !s.signal.aborted);
  }
}

const file = (size: number) => new Blob([new Uint8Array(size)]);
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const problem = (status: number, slug: string, detail = 'd') =>
  new ApiError(status, { type: `/problems/${slug}`, title: 't', status, detail });

describe('upload queue', () => {
  it('uploads at most `concurrency` files at a time, in the order they were added', async () => {
    const transport = new FakeTransport();
    const queue = new UploadQueue(transport, { concurrency: 2 });
    queue.add(['a', 'b', 'c', 'd', 'e'].map((name) => ({ file: file(10), name })), { folderId: 'f1', path: 'F' });
    expect(transport.sent.map((s) => s.job.name)).toEqual(['a', 'b']);
    expect(queue.snapshot().items.map((i) => i.state)).toEqual(['uploading', 'uploading', 'waiting', 'waiting', 'waiting']);
    transport.sent[0]!.resolve();
    await flush();
    expect(transport.sent.map((s) => s.job.name)).toEqual(['a', 'b', 'c']);
    expect(queue.snapshot().totals).toMatchObject({ done: 1, uploading: 2, waiting: 2 });
    transport.sent[1]!.resolve();
    transport.sent[2]!.resolve();
    await flush();
    transport.sent[3]!.resolve();
    transport.sent[4]!.resolve();
    await flush();
    expect(queue.snapshot().totals).toMatchObject({ count: 5, done: 5, active: false, bytes: 50, loaded: 50 });
    expect(transport.sent.every((s) => s.job.folderId === 'f1')).toBe(true);
    expect(queue.snapshot().items.map((i) => i.documentId)).toEqual(['doc1', 'doc2', 'doc3', 'doc4', 'doc5']);
  });

  it('keeps the folder structure: one ensureFolders call for the batch, each file into its own folder', async () => {
    const transport = new FakeTransport();
    const queue = new UploadQueue(transport, { concurrency: 4 });
    queue.add(
      [
        { file: file(1), name: 'top.pdf' },
        { file: file(1), name: 'q1.pdf', dir: 'Finance/2026/Q1' },
        { file: file(1), name: 'q1b.pdf', dir: 'Finance/2026/Q1/' },
        { file: file(1), name: 'legal.pdf', dir: 'Legal' },
      ],
      { folderId: 'data', path: '/Data' },
    );
    // The file without a sub-folder starts at once; the others wait for their folders.
    expect(transport.sent.map((s) => s.job.name)).toEqual(['top.pdf']);
    await flush();
    expect(transport.folderCalls).toEqual([['Data/Finance/2026/Q1', 'Data/Legal']]);
    expect(Object.fromEntries(transport.sent.map((s) => [s.job.name, s.job.folderId]))).toEqual({
      'top.pdf': 'data',
      'q1.pdf': 'folder:Data/Finance/2026/Q1',
      'q1b.pdf': 'folder:Data/Finance/2026/Q1',
      'legal.pdf': 'folder:Data/Legal',
    });
  });

  it('a refused folder request fails the files that needed it, with its reason, and the others go on', async () => {
    const transport = new FakeTransport();
    transport.folderAnswer = async () => {
      throw problem(403, 'forbidden');
    };
    const queue = new UploadQueue(transport);
    queue.add([{ file: file(1), name: 'a' }, { file: file(1), name: 'b', dir: 'X' }], { folderId: null, path: '' });
    await flush();
    const [a, b] = queue.snapshot().items;
    expect(a).toMatchObject({ state: 'uploading' });
    expect(b).toMatchObject({ state: 'failed', refusal: 'forbidden' });
    expect(transport.sent).toHaveLength(1);
    expect(transport.sent[0]!.job.folderId).toBeNull();
  });

  it('cancels a waiting file without sending it, and an uploading one by aborting it; its place goes to the next', async () => {
    const transport = new FakeTransport();
    const queue = new UploadQueue(transport, { concurrency: 1 });
    const [a, b, c] = queue.add(['a', 'b', 'c'].map((name) => ({ file: file(5), name })), { folderId: null, path: '' });
    queue.cancel(b!.id);
    expect(queue.snapshot().items[1]!.state).toBe('cancelled');
    queue.cancel(a!.id);
    expect(transport.sent[0]!.signal.aborted).toBe(true);
    await flush();
    expect(queue.snapshot().items.map((i) => i.state)).toEqual(['cancelled', 'cancelled', 'uploading']);
    expect(transport.sent.map((s) => s.job.name)).toEqual(['a', 'c']);
    queue.cancel(c!.id);
    await flush();
    expect(queue.snapshot().totals).toMatchObject({ cancelled: 3, active: false, bytes: 0 });
  });

  it('cancel all stops every waiting and uploading file and leaves the done ones', async () => {
    const transport = new FakeTransport();
    const queue = new UploadQueue(transport, { concurrency: 2 });
    queue.add(['a', 'b', 'c', 'd'].map((name) => ({ file: file(5), name })), { folderId: null, path: '' });
    transport.sent[0]!.resolve();
    await flush();
    queue.cancelAll();
    await flush();
    expect(queue.snapshot().items.map((i) => i.state)).toEqual(['done', 'cancelled', 'cancelled', 'cancelled']);
    // Nothing more was started after cancelling: a, b, then c took a's place before the cancel.
    expect(transport.sent.map((s) => s.job.name)).toEqual(['a', 'b', 'c']);
    expect(transport.running().map((s) => s.job.name)).toEqual(['a']);
  });

  it('totals count bytes sent of the files still meant to arrive; failed and cancelled ones leave the total', async () => {
    const transport = new FakeTransport();
    const queue = new UploadQueue(transport, { concurrency: 3 });
    const [a, b] = queue.add(
      [{ file: file(100), name: 'a' }, { file: file(300), name: 'b' }, { file: file(600), name: 'c' }],
      { folderId: null, path: '' },
    );
    transport.sent[0]!.progress(50);
    transport.sent[1]!.progress(300);
    transport.sent[2]!.progress(999_999); // never more than the size
    expect(queue.snapshot().totals).toMatchObject({ bytes: 1000, loaded: 950 });
    expect(queue.snapshot().items.find((i) => i.id === a!.id)!.loaded).toBe(50);
    transport.sent[1]!.reject(problem(413, 'payload-too-large', 'The body is larger than the limit of 200 bytes.'));
    await flush();
    expect(queue.snapshot().items.find((i) => i.id === b!.id)).toMatchObject({ state: 'failed', refusal: 'tooLarge' });
    expect(queue.snapshot().totals).toMatchObject({ bytes: 700, loaded: 650, failed: 1 });
    expect(percent(650, 700)).toBe(92.9);
    expect(percent(0, 0)).toBe(100);
  });

  it('the snapshot is the same object until something changes; listeners hear each change', async () => {
    const transport = new FakeTransport();
    const queue = new UploadQueue(transport);
    let heard = 0;
    const unsubscribe = queue.subscribe(() => heard++);
    const first = queue.snapshot();
    expect(queue.snapshot()).toBe(first);
    queue.add([{ file: file(3), name: 'a' }], { folderId: null, path: '' });
    expect(queue.snapshot()).not.toBe(first);
    expect(heard).toBeGreaterThan(0);
    unsubscribe();
    const before = heard;
    transport.sent[0]!.resolve();
    await flush();
    expect(heard).toBe(before);
    queue.clearFinished();
    expect(queue.snapshot().items).toHaveLength(0);
  });

  it('names every refusal from the problem type of the contract', () => {
    expect(refusalOf(problem(413, 'payload-too-large', 'The body is larger than the limit of 10 bytes.'))).toBe('tooLarge');
    expect(refusalOf(problem(413, 'payload-too-large', "The organisation's storage quota of 10 bytes would be exceeded"))).toBe('quota');
    expect(refusalOf(problem(415, 'unsupported-media-type'))).toBe('type');
    expect(refusalOf(problem(409, 'conflict'))).toBe('nameClash');
    expect(refusalOf(problem(400, 'validation'))).toBe('invalidName');
    expect(refusalOf(problem(403, 'forbidden'))).toBe('forbidden');
    expect(refusalOf(problem(404, 'not-found'))).toBe('notFound');
    expect(refusalOf(problem(429, 'rate-limited'))).toBe('rateLimited');
    expect(refusalOf(problem(503, 'unavailable'))).toBe('unavailable');
    expect(refusalOf(new ApiError(413, undefined))).toBe('tooLarge');
    expect(refusalOf(new ApiError(500, undefined))).toBe('other');
    expect(refusalOf(new TypeError('Failed to fetch'))).toBe('network');
  });

  it('joins paths without empty segments', () => {
    expect(joinPath('', 'a/b')).toBe('a/b');
    expect(joinPath('/Data/', '/x/', 'y')).toBe('Data/x/y');
    expect(joinPath('')).toBe('');
  });
});
