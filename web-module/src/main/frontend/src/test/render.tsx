import { render } from '@testing-library/react';
import { RouterProvider, createMemoryRouter } from 'react-router-dom';
import { createApiClient } from '../api/client';
import { Providers, createQueryClient } from '../app/App';
import '../app/i18n';
import { routes } from '../app/routes';

export type Handler = (request: Request) => Response | Promise<Response>;

export function json(status: number, body?: unknown): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

/** Renders the whole app at `path` against a fake server (the handler sees every request the client sends). */
export function renderApp(path: string, handler: Handler) {
  const requests: Request[] = [];
  const client = createApiClient({
    baseUrl: 'http://coffer.test',
    fetch: async (request) => {
      requests.push(request.clone());
      return handler(request);
    },
  });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <Providers queryClient={createQueryClient()} client={client} env="test">
      <RouterProvider router={router} />
    </Providers>,
  );
  return { ...view, router, requests, client };
}

export function pathOf(request: Request): string {
  return new URL(request.url).pathname;
}
