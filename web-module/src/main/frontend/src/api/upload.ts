/**
 * Uploads with progress: fetch reports no upload progress, so document uploads (and new versions) go through one
 * XMLHttpRequest helper here, beside the client, with the client's in-memory access token. A 401 refreshes once
 * (the client's shared refresh) and sends again; a failure is an ApiError with the problem body, as `unwrap` gives.
 *
 * Resumable uploads (tus 1.0 through tus-js-client, `POST /api/v1/uploads`): the upload queue's path. A network
 * error is retried with the delays below, and each retry asks the server for its offset (HEAD) and resumes there.
 *
 * Also here: the native download of a download ticket's URL (the browser saves the file itself).
 */
import { Upload, type DetailedError, type HttpStack, type UploadOptions as TusOptions } from 'tus-js-client';
import { ApiError, apiClient, unwrap, type ApiClient, type Problem, type Schemas } from './client';
import type { paths } from './schema';

export type Document = Schemas['Document'];

/** What an upload request needs; the paths are the contract's (checked against the generated types). */
const UPLOAD_PATH = '/api/v1/datarooms/{id}/documents' satisfies keyof paths;
const VERSION_PATH = '/api/v1/documents/{id}/versions' satisfies keyof paths;
const FILE_REQUEST_UPLOAD_PATH = '/api/v1/public/file-requests/{token}/files' satisfies keyof paths;

export interface UploadOptions {
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
  client?: ApiClient;
  /** For tests: the XMLHttpRequest class. */
  xhr?: () => XMLHttpRequest;
  baseUrl?: string;
}

/** `POST /datarooms/{id}/documents?folderId=&name=` with the raw bytes of the file. */
export function uploadDocument(
  roomId: string,
  target: { folderId: string | null; name: string },
  file: Blob,
  options: UploadOptions = {},
): Promise<Document> {
  const query = new URLSearchParams({ name: target.name });
  if (target.folderId) query.set('folderId', target.folderId);
  return send(`${UPLOAD_PATH.replace('{id}', encodeURIComponent(roomId))}?${query}`, file, options);
}

/** `POST /documents/{id}/versions` with the raw bytes of the new version. */
export function uploadVersion(documentId: string, file: Blob, options: UploadOptions = {}): Promise<Document> {
  return send(VERSION_PATH.replace('{id}', encodeURIComponent(documentId)), file, options);
}

async function send(path: string, file: Blob, options: UploadOptions): Promise<Document> {
  const client = options.client ?? apiClient;
  const first = await once(path, file, options, client.getAccessToken());
  if (first.status !== 401 || options.signal?.aborted) return answer(first);
  if (!(await client.refresh())) return answer(first);
  return answer(await once(path, file, options, client.getAccessToken()));
}

/** What `POST /public/file-requests/{token}/files` answers (201): the file is being checked (`SCANNING`). */
export type FileRequestReceipt = Schemas['FileRequestReceived'];

/**
 * An outsider's upload into a file request: `POST /public/file-requests/{token}/files?name=&email=` with the raw
 * bytes, the password in `X-File-Request-Password` when the request has one. No bearer token and no refresh: a 401
 * is the request's answer (email missing, password wrong), an ApiError like every other refusal.
 */
export async function uploadToFileRequest(
  token: string,
  target: { name: string; email?: string; password?: string },
  file: Blob,
  options: UploadOptions = {},
): Promise<FileRequestReceipt> {
  const query = new URLSearchParams({ name: target.name });
  if (target.email) query.set('email', target.email);
  const headers: Record<string, string> = target.password ? { 'X-File-Request-Password': target.password } : {};
  const path = `${FILE_REQUEST_UPLOAD_PATH.replace('{token}', encodeURIComponent(token))}?${query}`;
  return answer(await once(path, file, options, null, headers)) as unknown as FileRequestReceipt;
}

interface Raw {
  status: number;
  body: unknown;
}

function once(
  path: string, file: Blob, options: UploadOptions, token: string | null, headers: Record<string, string> = {},
): Promise<Raw> {
  return new Promise<Raw>((resolve, reject) => {
    const signal = options.signal;
    if (signal?.aborted) {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
      return;
    }
    const xhr = options.xhr ? options.xhr() : new XMLHttpRequest();
    const base = options.baseUrl ?? (typeof window !== 'undefined' ? window.location.origin : '');
    xhr.open('POST', base + path);
    xhr.responseType = 'text';
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    const onAbort = () => xhr.abort();
    signal?.addEventListener('abort', onAbort);
    const done = () => signal?.removeEventListener('abort', onAbort);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded, event.total);
    };
    xhr.onload = () => {
      done();
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => {
      done();
      reject(new TypeError('The upload could not reach the server.'));
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
    };
    xhr.send(file);
  });
}

function answer(raw: Raw): Document {
  if (raw.status >= 200 && raw.status < 300) return raw.body as Document;
  const problem =
    typeof raw.body === 'object' && raw.body !== null && 'status' in raw.body ? (raw.body as Problem) : undefined;
  throw new ApiError(raw.status, problem);
}

const RESUMABLE_PATH = '/api/v1/uploads' satisfies keyof paths;

/** Bytes per PATCH: a broken line re-sends at most this much (the server forces what it received to disk). */
export const RESUMABLE_CHUNK_BYTES = 16 * 1024 * 1024;
/** Waits before each retry after a network error or a 5xx/409/423 answer; then the upload fails. */
export const RESUMABLE_RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000, 30000];

/** Where a resumable upload goes: a new document in a room (and folder), or a new version of a document. */
export type ResumableTarget =
  | { roomId: string; folderId: string | null; name: string }
  | { documentId: string };

export interface ResumableOptions {
  onProgress?: (loaded: number, total: number) => void;
  signal?: AbortSignal;
  client?: ApiClient;
  baseUrl?: string;
  /**
   * For tests: tus-js-client's HTTP stack and file reader (Vitest resolves its Node build, which reads Buffers and
   * streams, not Blobs), the chunk size and the retry delays.
   */
  httpStack?: HttpStack;
  fileReader?: TusOptions['fileReader'];
  chunkSize?: number;
  retryDelays?: number[];
}

/**
 * Uploads `file` by tus with the client's in-memory access token (a 401 refreshes once and retries); resumes after a
 * network error where the server's offset stands; answers the document the final PATCH names
 * (`Coffer-Document-Id`). Cancelling through the signal also terminates the upload on the server (DELETE).
 */
export function resumableUpload(target: ResumableTarget, file: Blob, options: ResumableOptions = {}): Promise<Document> {
  const client = options.client ?? apiClient;
  const base = options.baseUrl ?? (typeof window !== 'undefined' ? window.location.origin : '');
  const metadata: Record<string, string> =
    'documentId' in target
      ? { documentId: target.documentId }
      : { dataroomId: target.roomId, name: target.name, ...(target.folderId ? { folderId: target.folderId } : {}) };
  return new Promise<Document>((resolve, reject) => {
    const signal = options.signal;
    if (signal?.aborted) {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
      return;
    }
    let refreshed: boolean | undefined; // once per upload: undefined until a 401 was met
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const tus: TusOptions = {
      endpoint: base + RESUMABLE_PATH,
      metadata,
      chunkSize: options.chunkSize ?? RESUMABLE_CHUNK_BYTES,
      retryDelays: options.retryDelays ?? RESUMABLE_RETRY_DELAYS,
      storeFingerprintForResuming: false,
      removeFingerprintOnSuccess: true,
      onBeforeRequest(request) {
        const token = client.getAccessToken();
        if (token) request.setHeader('Authorization', `Bearer ${token}`);
      },
      async onAfterResponse(_request, response) {
        if (response.getStatus() === 401 && refreshed === undefined) refreshed = await client.refresh();
      },
      onShouldRetry(error, attempt) {
        const status = error.originalResponse?.getStatus() ?? 0;
        if (status === 401) return refreshed === true && attempt === 0;
        // A 409 with a problem body is the server's refusal (a name taken in the folder, found when the last PATCH
        // records the document; the upload is gone then): final, said in words. A bare 409 is tus' offset mismatch.
        if (status === 409) {
          const refusal = toError(error);
          return !(refusal instanceof ApiError && refusal.problem !== undefined);
        }
        return status === 0 || status === 423 || status >= 500;
      },
      onProgress(sent, total) {
        options.onProgress?.(sent, total);
      },
      onSuccess({ lastResponse }) {
        const id = lastResponse.getHeader('Coffer-Document-Id');
        if (!id) {
          finish(() => reject(new ApiError(lastResponse.getStatus(), undefined)));
          return;
        }
        unwrap(client.api.GET('/api/v1/documents/{id}', { params: { path: { id } } })).then(
          (doc) => finish(() => resolve(doc)),
          (error: unknown) => finish(() => reject(error)),
        );
      },
      onError(error) {
        finish(() => reject(toError(error)));
      },
    };
    if (options.httpStack) tus.httpStack = options.httpStack;
    if (options.fileReader) tus.fileReader = options.fileReader;
    const upload = new Upload(file, tus);
    const onAbort = () => {
      void upload.abort(true).catch(() => undefined); // the partial bytes go on the server too
      finish(() => reject(new DOMException('The upload was cancelled.', 'AbortError')));
    };
    signal?.addEventListener('abort', onAbort);
    upload.start();
  });
}

/** A tus failure as the rest of the app knows failures: an ApiError with the problem body, or a network TypeError. */
function toError(error: Error | DetailedError): Error {
  const response = (error as DetailedError).originalResponse;
  if (!response) return new TypeError('The upload could not reach the server.');
  let body: unknown;
  try {
    body = response.getBody() ? JSON.parse(response.getBody()) : undefined;
  } catch {
    body = undefined;
  }
  const problem = typeof body === 'object' && body !== null && 'status' in body ? (body as Problem) : undefined;
  return new ApiError(response.getStatus(), problem);
}

/**
 * Starts the browser's own download of a download ticket's URL (`POST /documents/{id}/download-ticket`): the URL
 * works once, within 60 s, without a bearer header, and answers `Content-Disposition: attachment`.
 */
export function nativeDownload(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
