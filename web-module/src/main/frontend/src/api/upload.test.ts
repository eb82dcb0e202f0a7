import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from './client';
import { uploadDocument, uploadVersion } from './upload';

/** A scripted XMLHttpRequest: records what was sent, answers with the next scripted status and body. */
class FakeXhr {
  static made: FakeXhr[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  responseText = '';
  responseType = '';
  aborted = false;
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  constructor(private readonly script: (xhr: FakeXhr) => void) {
    FakeXhr.made.push(this);
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
    queueMicrotask(() => this.script(this));
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  answer(status: number, body?: unknown) {
    this.status = status;
    this.responseText = body === undefined ? '' : JSON.stringify(body);
    this.onload?.();
  }
}

const DOC = { id: 'd1', name: 'a.pdf', size: 3, sha256: 'x', contentType: 'application/pdf', version: 1, versions: [] };

function clientWithToken(token: string | null, refreshed: string | null) {
  const client = createApiClient({
    baseUrl: 'http://coffer.test',
    fetch: async () =>
      refreshed
        ? new Response(JSON.stringify({ accessToken: refreshed, expiresIn: 900, tokenType: 'Bearer' }), {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
          })
        : new Response(JSON.stringify({ type: '/problems/unauthenticated', title: 'x', status: 401, detail: 'd' }), {
            status: 401,
            headers: { 'Content-Type': 'application/problem+json' },
          }),
  });
  client.setAccessToken(token);
  return client;
}

describe('uploadDocument (XMLHttpRequest with progress)', () => {
  it('sends the raw bytes to the contract path with the in-memory token and reports progress', async () => {
    FakeXhr.made = [];
    const progress: number[] = [];
    const file = new Blob(['abc'], { type: 'application/pdf' });
    const doc = await uploadDocument('r 1', { folderId: 'f1', name: 'Q1 report.pdf' }, file, {
      client: clientWithToken('tok', null),
      baseUrl: 'http://coffer.test',
      onProgress: (loaded) => progress.push(loaded),
      xhr: () =>
        new FakeXhr((xhr) => {
          xhr.upload.onprogress?.({ lengthComputable: true, loaded: 1, total: 3 });
          xhr.upload.onprogress?.({ lengthComputable: true, loaded: 3, total: 3 });
          xhr.answer(201, DOC);
        }) as unknown as XMLHttpRequest,
    });
    expect(doc).toEqual(DOC);
    const [xhr] = FakeXhr.made;
    expect(xhr!.method).toBe('POST');
    expect(xhr!.url).toBe('http://coffer.test/api/v1/datarooms/r%201/documents?name=Q1+report.pdf&folderId=f1');
    expect(xhr!.headers).toMatchObject({ Authorization: 'Bearer tok', 'Content-Type': 'application/pdf' });
    expect(xhr!.body).toBe(file);
    expect(progress).toEqual([1, 3]);
  });

  it('a 401 refreshes once and sends again with the new token', async () => {
    FakeXhr.made = [];
    const client = clientWithToken('old', 'new');
    const doc = await uploadVersion('d1', new Blob(['x']), {
      client,
      baseUrl: 'http://coffer.test',
      xhr: () =>
        new FakeXhr((xhr) =>
          xhr.headers.Authorization === 'Bearer new'
            ? xhr.answer(201, DOC)
            : xhr.answer(401, { type: '/problems/unauthenticated', title: 'x', status: 401, detail: 'd' }),
        ) as unknown as XMLHttpRequest,
    });
    expect(doc.id).toBe('d1');
    expect(FakeXhr.made.map((x) => x.headers.Authorization)).toEqual(['Bearer old', 'Bearer new']);
    expect(FakeXhr.made[1]!.url).toBe('http://coffer.test/api/v1/documents/d1/versions');
    expect(FakeXhr.made[1]!.headers['Content-Type']).toBe('application/octet-stream');
  });

  it('a refusal is an ApiError with the problem; an abort is an AbortError', async () => {
    const tooLarge = { type: '/problems/payload-too-large', title: 'x', status: 413, detail: 'too big' };
    const refused = uploadDocument('r', { folderId: null, name: 'a' }, new Blob(['x']), {
      client: clientWithToken('t', null),
      baseUrl: '',
      xhr: () => new FakeXhr((xhr) => xhr.answer(413, tooLarge)) as unknown as XMLHttpRequest,
    });
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({ status: 413, problem: tooLarge });

    const controller = new AbortController();
    const cancelled = uploadDocument('r', { folderId: null, name: 'a' }, new Blob(['x']), {
      client: clientWithToken('t', null),
      baseUrl: '',
      signal: controller.signal,
      xhr: () => new FakeXhr(() => controller.abort()) as unknown as XMLHttpRequest,
    });
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeXhr.made.at(-1)!.aborted).toBe(true);
  });
});
