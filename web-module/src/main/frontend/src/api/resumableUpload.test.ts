import { describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse, HttpStack } from 'tus-js-client';
import { ApiError, createApiClient } from './client';
import { resumableUpload } from './upload';

const DOC = { id: 'doc-1', name: 'a.bin', size: 10, sha256: 'x', contentType: 'application/octet-stream', version: 1, versions: [] };

/** Bytes of what tus-js-client sends as a body (a Blob slice in the browser build, a Buffer in Node's). */
async function bytesOf(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array();
  if (body instanceof Uint8Array) return body;
  if (typeof (body as Blob).arrayBuffer === 'function') return new Uint8Array(await (body as Blob).arrayBuffer());
  throw new Error(`unexpected body ${String(body)}`);
}

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  bytes: number;
}

/**
 * A tus server in memory behind tus-js-client's HttpStack: it keeps the bytes it received, answers HEAD with its
 * offset, and can break the line of a PATCH after some of its bytes (`breakAfter`: the server keeps those).
 */
class FakeTusServer implements HttpStack {
  received: number[] = [];
  length = 0;
  sent: Sent[] = [];
  breaks: number[] = [];
  statusFor: (method: string, headers: Record<string, string>) => number | undefined = () => undefined;
  problem: unknown;

  getName() {
    return 'fake';
  }

  createRequest(method: string, url: string): HttpRequest {
    const headers: Record<string, string> = {};
    const server = this;
    const answer = (status: number, answerHeaders: Record<string, string> = {}, body = ''): HttpResponse => ({
      getStatus: () => status,
      getHeader: (name: string) => answerHeaders[name],
      getBody: () => body,
      getUnderlyingObject: () => null,
    });
    return {
      getMethod: () => method,
      getURL: () => url,
      setHeader: (name: string, value: string) => {
        headers[name] = value;
      },
      getHeader: (name: string) => headers[name],
      setProgressHandler: () => undefined,
      getUnderlyingObject: () => null,
      abort: async () => undefined,
      async send(body: unknown): Promise<HttpResponse> {
        const bytes = await bytesOf(body);
        server.sent.push({ method, url, headers: { ...headers }, bytes: bytes.length });
        const forced = server.statusFor(method, headers);
        if (forced) return answer(forced, {}, JSON.stringify(server.problem));
        if (method === 'POST') {
          server.length = Number(headers['Upload-Length']);
          return answer(201, { Location: 'http://coffer.test/api/v1/uploads/u1', 'Tus-Resumable': '1.0.0' });
        }
        if (method === 'HEAD') {
          return answer(200, { 'Upload-Offset': String(server.received.length), 'Upload-Length': String(server.length) });
        }
        if (method === 'PATCH') {
          if (Number(headers['Upload-Offset']) !== server.received.length) return answer(409);
          const cut = server.breaks.shift();
          const kept = cut === undefined ? bytes : bytes.slice(0, cut);
          server.received.push(...kept);
          if (cut !== undefined) throw new Error('network down');
          const done = server.received.length === server.length;
          return answer(204, {
            'Upload-Offset': String(server.received.length),
            ...(done ? { 'Coffer-Document-Id': DOC.id } : {}),
          });
        }
        if (method === 'DELETE') return answer(204);
        return answer(405);
      },
    };
  }
}

function client(token: string | null, refreshed: string | null = null) {
  const c = createApiClient({
    baseUrl: 'http://coffer.test',
    fetch: async (request: Request) => {
      if (request.url.endsWith('/api/v1/documents/doc-1')) {
        return new Response(JSON.stringify(DOC), { status: 200, headers: { 'Content-Type': 'application/json' } });
      }
      return refreshed
        ? new Response(JSON.stringify({ accessToken: refreshed, expiresIn: 900, tokenType: 'Bearer' }), {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
          })
        : new Response('{}', { status: 401, headers: { 'Content-Type': 'application/problem+json' } });
    },
  });
  c.setAccessToken(token);
  return c;
}

/** The browser build's way of reading a Blob, for Vitest, where tus-js-client's Node build is resolved. */
const fileReader = {
  async openFile(input: Blob) {
    return {
      size: input.size,
      async slice(start: number, end: number) {
        return { value: input.slice(start, Math.min(end, input.size)), done: end >= input.size };
      },
      close() {},
    };
  },
};

const bytes = (n: number) => new Blob([new Uint8Array(Array.from({ length: n }, (_, i) => i % 251))]);

describe('resumableUpload (tus through tus-js-client)', () => {
  it('creates the upload with the metadata and the in-memory token, and answers the document of the last PATCH', async () => {
    const server = new FakeTusServer();
    const progress: number[] = [];
    const doc = await resumableUpload({ roomId: 'r1', folderId: 'f1', name: 'Q1 report.pdf' }, bytes(10), {
      client: client('tok'),
      baseUrl: 'http://coffer.test',
      httpStack: server,
      fileReader,
      onProgress: (loaded) => progress.push(loaded),
    });
    expect(doc).toEqual(DOC);
    const [create, patch] = server.sent;
    expect(create!.method).toBe('POST');
    expect(create!.url).toBe('http://coffer.test/api/v1/uploads');
    expect(create!.headers).toMatchObject({ Authorization: 'Bearer tok', 'Tus-Resumable': '1.0.0', 'Upload-Length': '10' });
    const metadata = Object.fromEntries(
      create!.headers['Upload-Metadata']!.split(',').map((pair) => {
        const [key, value] = pair.split(' ');
        return [key, atob(value!)];
      }),
    );
    expect(metadata).toEqual({ dataroomId: 'r1', folderId: 'f1', name: 'Q1 report.pdf' });
    expect(patch!.method).toBe('PATCH');
    expect(patch!.headers).toMatchObject({ Authorization: 'Bearer tok', 'Upload-Offset': '0' });
    expect(server.received.length).toBe(10);
  });

  it('after a network error it asks the server for its offset and resumes there, each byte sent once more at most', async () => {
    const server = new FakeTusServer();
    server.breaks = [3, 4]; // the line drops twice: after 3 bytes of the first PATCH, 4 of the second
    const doc = await resumableUpload({ documentId: 'd9' }, bytes(20), {
      client: client('tok'),
      baseUrl: 'http://coffer.test',
      httpStack: server,
      fileReader,
      retryDelays: [0, 0, 0],
    });
    expect(doc.id).toBe(DOC.id);
    expect(server.sent.map((s) => `${s.method} ${s.headers['Upload-Offset'] ?? ''}`.trim())).toEqual([
      'POST',
      'PATCH 0',
      'HEAD',
      'PATCH 3',
      'HEAD',
      'PATCH 7',
    ]);
    expect(Array.from(server.received)).toEqual(Array.from({ length: 20 }, (_, i) => i % 251));
    expect(atob(server.sent[0]!.headers['Upload-Metadata']!.split(' ')[1]!)).toBe('d9');
  });

  it('a refusal at creation is an ApiError with the problem and nothing is retried', async () => {
    const server = new FakeTusServer();
    const tooLarge = { type: '/problems/payload-too-large', title: 'x', status: 413, detail: 'quota' };
    server.problem = tooLarge;
    server.statusFor = (method) => (method === 'POST' ? 413 : undefined);
    const refused = resumableUpload({ roomId: 'r', folderId: null, name: 'a' }, bytes(5), {
      client: client('t'),
      baseUrl: '',
      httpStack: server,
      fileReader,
      retryDelays: [0, 0],
    });
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({ status: 413, problem: tooLarge });
    expect(server.sent).toHaveLength(1);
  });

  it('a 401 refreshes the token once and retries with the new one', async () => {
    const server = new FakeTusServer();
    server.statusFor = (method, headers) => (method === 'POST' && headers.Authorization === 'Bearer old' ? 401 : undefined);
    const doc = await resumableUpload({ roomId: 'r', folderId: null, name: 'a' }, bytes(4), {
      client: client('old', 'new'),
      baseUrl: '',
      httpStack: server,
      fileReader,
      retryDelays: [0],
    });
    expect(doc.id).toBe(DOC.id);
    expect(server.sent.filter((s) => s.method === 'POST').map((s) => s.headers.Authorization)).toEqual([
      'Bearer old',
      'Bearer new',
    ]);
  });

  it('cancelling rejects with an AbortError and terminates the upload on the server', async () => {
    const server = new FakeTusServer();
    const controller = new AbortController();
    server.statusFor = (method) => {
      if (method === 'PATCH') controller.abort();
      return undefined;
    };
    const cancelled = resumableUpload({ roomId: 'r', folderId: null, name: 'a' }, bytes(4), {
      client: client('t'),
      baseUrl: '',
      httpStack: server,
      fileReader,
      signal: controller.signal,
    });
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.sent.some((s) => s.method === 'DELETE')).toBe(true);
  });
});
