/**
 * Native downloads of authenticated API answers (e.g. `GET /api/v1/audit/export`, CSV). A plain `<a href>` cannot
 * send the bearer token (it lives only in the client's memory), so the file is fetched through the one API client
 * (`parseAs: 'blob'`: the token, the refresh on 401 and problem+json errors work as for every call) and handed to the
 * browser as an object URL on a temporary `<a download>`. The whole file is held in memory once; for the sizes the
 * SPA asks for (a filtered audit log) that is fine, and it works in every browser (no File System Access API, no
 * service worker).
 */
import { ApiError, type Problem } from './client';

/** The file name of a `Content-Disposition` header (RFC 6266, `filename*` preferred), else the fallback. */
export function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return sanitize(decodeURIComponent(star[1].trim())) || fallback;
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return (plain?.[1] && sanitize(plain[1].trim())) || fallback;
}

function sanitize(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
}

/** Hands a blob to the browser's download (the object URL is revoked right after the click). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/**
 * Downloads the answer of an API call made with `parseAs: 'blob'`, e.g.
 * `downloadFile(api.GET('/api/v1/audit/export', { params: { query }, parseAs: 'blob' }), 'audit.csv')`.
 * Throws an `ApiError` (with the problem, when the server sent one) like `unwrap()`; returns the file name used.
 * The server's `Content-Disposition` name wins unless `ownName` is set: then `fallbackName` is always used (the audit
 * export's dated name, which the server's fixed `audit.csv` would otherwise replace).
 */
export async function downloadFile(
  call: Promise<{ data?: unknown; error?: unknown; response: Response }>,
  fallbackName: string,
  { ownName = false }: { ownName?: boolean } = {},
): Promise<string> {
  const { data, error, response } = await call;
  // Not `instanceof Blob`: in tests the fetch implementation's Blob class may differ from the DOM's.
  if (!response.ok || typeof data !== 'object' || data === null) {
    const problem = typeof error === 'object' && error !== null && 'status' in error ? (error as Problem) : undefined;
    throw new ApiError(response.ok ? 500 : response.status, problem);
  }
  const filename = ownName ? fallbackName : filenameFrom(response.headers.get('Content-Disposition'), fallbackName);
  saveBlob(data as Blob, filename);
  return filename;
}
