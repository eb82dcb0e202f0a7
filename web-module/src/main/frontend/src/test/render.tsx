import { render } from '@testing-library/react';
import { RouterProvider, createMemoryRouter } from 'react-router-dom';
import { vi } from 'vitest';
import { apiClient } from '../api/client';
import { Providers, createQueryClient } from '../app/App';
import '../app/i18n';
import { routes } from '../app/routes';

export type Handler = (request: Request) => Response | Promise<Response>;

export function json(status: number, body?: unknown): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

/**
 * Renders the whole app at `path` against a fake server: the handler sees every request of the SPA's one client
 * (`fetch` is stubbed; the client and its in-memory token are the real ones, reset per render).
 */
export function renderApp(path: string, handler: Handler) {
  const requests: Request[] = [];
  const client = apiClient;
  client.setAccessToken(null);
  vi.stubGlobal('fetch', async (input: Request | string, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request.clone());
    return handler(request);
  });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <Providers queryClient={createQueryClient()} env="test">
      <RouterProvider router={router} />
    </Providers>,
  );
  return { ...view, router, requests, client };
}

export function pathOf(request: Request): string {
  return new URL(request.url).pathname;
}

export const OWNER = {
  userId: '0193b0a4-0000-7000-8000-000000000001',
  tenantId: '0193b0a4-0000-7000-8000-0000000000aa',
  tenantSlug: 'acme',
  email: 'ann@acme.test',
  displayName: 'Ann Owner',
  role: 'OWNER',
};

/** A server where the refresh cookie works and /me is `me`; everything else goes to `handler`. */
export function signedIn(handler: Handler, me: object = OWNER): Handler {
  return (request) => {
    const path = pathOf(request);
    if (path === '/api/v1/auth/refresh') return json(200, { accessToken: 'h.p.s', expiresIn: 900, tokenType: 'Bearer' });
    if (path === '/api/v1/me' && request.method === 'GET') return json(200, me);
    return handler(request);
  };
}

export function problem(status: number, slug: string): Response {
  return json(status, { type: `/problems/${slug}`, title: slug, status, detail: slug });
}
