/**
 * Test helper of the ops areas (activity, automation, audit): renders the real routes with the real providers, and
 * answers the requests of the app's one API client (`src/api/client.ts`, which feature code imports) from a fake
 * server installed as the global `fetch`. The session (refresh + /me) is answered for the given role.
 */
import { configure, render } from '@testing-library/react';
import { RouterProvider, createMemoryRouter } from 'react-router-dom';
import { vi } from 'vitest';
import { apiClient } from '../../api/client';
import { Providers, createQueryClient } from '../../app/App';
import '../../app/i18n';
import { routes } from '../../app/routes';
import { json, pathOf, type Handler } from '../../test/render';

export { json, pathOf };

// The machine running the suite is shared and slow: wait up to 5 s for what the fake server's answers bring.
configure({ asyncUtilTimeout: 5000 });

export function me(role: 'OWNER' | 'ADMIN' | 'MEMBER') {
  return { userId: 'u-ann', tenantId: 't1', tenantSlug: 'acme', email: 'ann@acme.test', displayName: 'Ann', role };
}

export const NOT_FOUND = { type: '/problems/not-found', title: 'Not Found', status: 404, detail: 'd' };

export function renderOps(path: string, role: 'OWNER' | 'ADMIN' | 'MEMBER', handler: Handler) {
  const requests: Request[] = [];
  apiClient.setAccessToken(null);
  vi.stubGlobal('fetch', async (request: Request) => {
    requests.push(request.clone());
    switch (pathOf(request)) {
      case '/api/v1/auth/refresh':
        return json(200, { accessToken: 'tok.en.1', expiresIn: 900, tokenType: 'Bearer' });
      case '/api/v1/me':
        return json(200, me(role));
      default:
        return handler(request);
    }
  });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <Providers queryClient={createQueryClient()} env="test">
      <RouterProvider router={router} />
    </Providers>,
  );
  return { ...view, router, requests };
}

/** The requests to one API path (method and query included). */
export function requestsTo(requests: Request[], path: string, method = 'GET'): Request[] {
  return requests.filter((r) => pathOf(r) === path && r.method === method);
}
