/**
 * Native downloads and the visitor's leave-time beacon flush: the few places where the browser itself must do the
 * request (a download the browser saves, a request that outlives the page). Everything else goes through `client.ts`.
 */
import { api, ApiError } from './client';

/** Hands a URL (a download ticket's) to the browser: it downloads natively, with its own progress and save dialog. */
export function startNativeDownload(url: string, doc: Document = document): void {
  const a = doc.createElement('a');
  a.href = url;
  a.rel = 'noopener';
  // The ticket's answer carries Content-Disposition: attachment; `download` keeps the page where it is.
  a.setAttribute('download', '');
  doc.body.appendChild(a);
  a.click();
  a.remove();
}

/** Saves a blob fetched with the bearer token (the visits CSV: no ticket exists for it) under `filename`. */
export function saveBlob(blob: Blob, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `GET /share-links/{id}/visits?format=csv` (needs the bearer: fetched by the client, then saved as a file). */
export async function downloadVisitsCsv(linkId: string, filename: string): Promise<void> {
  const { data, response } = await api.GET('/api/v1/share-links/{id}/visits', {
    params: { path: { id: linkId }, query: { format: 'csv' } },
    parseAs: 'blob',
  });
  if (!response.ok || !data) {
    throw new ApiError(response.status, undefined);
  }
  saveBlob(data as unknown as Blob, filename);
}

export type Beacon = { docId: string; page: number; seconds: number };

/**
 * `POST /public/links/{token}/events`. The server reads the visitor token only from the `X-Visitor-Token` header
 * (`BeaconResource`), which `navigator.sendBeacon` cannot set: on leave the batch goes with `fetch(..., {keepalive:
 * true})`, which outlives the page like a beacon does. Answers the HTTP status (0: the network failed).
 */
export async function postBeacons(
  token: string,
  visitorToken: string,
  beacons: Beacon[],
  options: { keepalive?: boolean } = {},
): Promise<{ status: number; retryAfter: number | null }> {
  try {
    const { response } = await api.POST('/api/v1/public/links/{token}/events', {
      params: { path: { token }, header: { 'X-Visitor-Token': visitorToken } },
      body: beacons,
      keepalive: options.keepalive ?? false,
    });
    const retry = Number(response.headers.get('Retry-After'));
    return { status: response.status, retryAfter: Number.isFinite(retry) && retry > 0 ? retry : null };
  } catch {
    return { status: 0, retryAfter: null };
  }
}
