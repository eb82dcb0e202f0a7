/**
 * Uploads with progress: fetch reports no upload progress, so document uploads (and new versions) go through one
 * XMLHttpRequest helper here, beside the client, with the client's in-memory access token. A 401 refreshes once
 * (the client's shared refresh) and sends again; a failure is an ApiError with the problem body, as `unwrap` gives.
 *
 * Also here: the native download of a download ticket's URL (the browser saves the file itself).
 */
import { ApiError, apiClient, type ApiClient, type Problem, type Schemas } from './client';
import type { paths } from './schema';

export type Document = Schemas['Document'];

/** What an upload request needs; the paths are the contract's (checked against the generated types). */
const UPLOAD_PATH = '/api/v1/datarooms/{id}/documents' satisfies keyof paths;
const VERSION_PATH = '/api/v1/documents/{id}/versions' satisfies keyof paths;

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

interface Raw {
  status: number;
  body: unknown;
}

function once(path: string, file: Blob, options: UploadOptions, token: string | null): Promise<Raw> {
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
