/**
 * Test helper of the ops areas (activity, automation, audit): the core's `renderApp` (real routes, providers and API
 * client, `fetch` stubbed) signed in with the given role.
 */
import { configure } from '@testing-library/react';
import { json, pathOf, renderApp, signedIn, type Handler } from '../../test/render';

export { json, pathOf };

// The machine running the suite is shared and slow: wait up to 5 s for what the fake server's answers bring.
configure({ asyncUtilTimeout: 5000 });

/** The bearer token the fake session hands out (`signedIn` of src/test/render.tsx). */
export const TOKEN = 'h.p.s';

export function me(role: 'OWNER' | 'ADMIN' | 'MEMBER') {
  return { userId: 'u-ann', tenantId: 't1', tenantSlug: 'acme', email: 'ann@acme.test', displayName: 'Ann', role };
}

export function renderOps(path: string, role: 'OWNER' | 'ADMIN' | 'MEMBER', handler: Handler) {
  return renderApp(path, signedIn(handler, me(role)));
}

/** The requests to one API path (method and query included). */
export function requestsTo(requests: Request[], path: string, method = 'GET'): Request[] {
  return requests.filter((r) => pathOf(r) === path && r.method === method);
}
