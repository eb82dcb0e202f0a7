/**
 * The one API client of the SPA: openapi-fetch over the types generated from the committed OpenAPI snapshot.
 *
 * - The access token lives only in this module's memory (never localStorage, sessionStorage or a URL).
 * - A 401 on an authenticated call refreshes once through `POST /api/v1/auth/refresh` (the HttpOnly refresh cookie
 *   scoped to /api/v1/auth travels by itself) and retries the request with the new token; concurrent 401s share one
 *   refresh. When the refresh fails too, the session is over and listeners are told.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

type Fetch = (input: Request) => Promise<Response>;

/** Paths whose 401 is an answer, not an expired token: the auth endpoints and the visitor side. */
function isExempt(url: string): boolean {
  const path = new URL(url).pathname;
  return path.startsWith('/api/v1/auth/') || path.startsWith('/api/v1/public/');
}

export interface ApiClient {
  api: Client<paths>;
  /** Trades the refresh cookie for a new access token; true when it worked. Concurrent calls share one request. */
  refresh(): Promise<boolean>;
  setAccessToken(token: string | null): void;
  getAccessToken(): string | null;
  /** Called when a refresh fails after a 401: the user has to log in again. Returns an unsubscribe function. */
  onSessionEnded(listener: () => void): () => void;
  /**
   * Called when an answer is 403 `mfa-enrolment-required`: the tenant requires a second factor this session has not
   * passed (docs/features/mfa.md, MFA-14). Returns an unsubscribe function.
   */
  onSecondFactorDue(listener: () => void): () => void;
}

/** The problem type of MFA-14's refusal. */
export const MFA_ENROLMENT_REQUIRED = '/problems/mfa-enrolment-required';

async function isEnrolmentRequired(response: Response): Promise<boolean> {
  if (response.status !== 403 || !(response.headers.get('Content-Type') ?? '').includes('problem+json')) {
    return false;
  }
  try {
    const body = (await response.clone().json()) as { type?: string };
    return body.type === MFA_ENROLMENT_REQUIRED;
  } catch {
    return false;
  }
}

export function createApiClient(options: { baseUrl: string; fetch?: Fetch }): ApiClient {
  const doFetch: Fetch = options.fetch ?? ((request) => globalThis.fetch(request));
  let accessToken: string | null = null;
  let refreshing: Promise<boolean> | null = null;
  const listeners = new Set<() => void>();
  const dueListeners = new Set<() => void>();
  const replays = new Map<string, Request>();

  // Without the auth middleware: the refresh call itself must never recurse into a refresh.
  const plain = createClient<paths>({ baseUrl: options.baseUrl, fetch: doFetch, credentials: 'same-origin' });

  function refresh(): Promise<boolean> {
    if (!refreshing) {
      refreshing = plain
        .POST('/api/v1/auth/refresh')
        .then(({ data }) => {
          accessToken = data?.accessToken ?? null;
          return accessToken !== null;
        })
        .catch(() => {
          accessToken = null;
          return false;
        })
        .finally(() => {
          refreshing = null;
        });
    }
    return refreshing;
  }

  const auth: Middleware = {
    onRequest({ request, id }) {
      if (accessToken) {
        request.headers.set('Authorization', `Bearer ${accessToken}`);
      }
      if (!isExempt(request.url)) {
        replays.set(id, request.clone());
      }
      return request;
    },
    async onResponse({ response, id }) {
      const replay = replays.get(id);
      replays.delete(id);
      if (await isEnrolmentRequired(response)) {
        dueListeners.forEach((listener) => listener());
        return response;
      }
      if (response.status !== 401 || !replay) {
        return response;
      }
      if (!(await refresh())) {
        listeners.forEach((listener) => listener());
        return response;
      }
      replay.headers.set('Authorization', `Bearer ${accessToken}`);
      return doFetch(replay);
    },
    onError({ id }) {
      replays.delete(id);
    },
  };

  const api = createClient<paths>({ baseUrl: options.baseUrl, fetch: doFetch, credentials: 'same-origin' });
  api.use(auth);

  return {
    api,
    refresh,
    setAccessToken(token) {
      accessToken = token;
    },
    getAccessToken() {
      return accessToken;
    },
    onSessionEnded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onSecondFactorDue(listener) {
      dueListeners.add(listener);
      return () => dueListeners.delete(listener);
    },
  };
}

const browserBase = typeof window !== 'undefined' ? window.location.origin : 'http://localhost';

/** The SPA's client. Feature code imports `api` (and `unwrap`) from here, never `fetch` to an API path. */
export const apiClient = createApiClient({ baseUrl: browserBase });
export const api = apiClient.api;

/** An API answer that was not a success; `problem` is the RFC 9457 body when there was one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;

  constructor(status: number, problem: Problem | undefined) {
    super(problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/**
 * Turns an openapi-fetch result into its data or a thrown ApiError, for TanStack Query's queryFn / mutationFn:
 * `useQuery({ queryKey: ['me'], queryFn: () => unwrap(api.GET('/api/v1/me')) })`.
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    throw new ApiError(response.status, isProblem(error) ? error : undefined);
  }
  return data as T;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value;
}
