import { describe, expect, it } from 'vitest';
import { createApiClient } from './client';

const BASE = 'http://coffer.test';

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

/** A fake server: records every request, answers by the handler. */
function server(handler: (request: Request, calls: Request[]) => Response | Promise<Response>) {
  const calls: Request[] = [];
  const fetch = async (request: Request) => {
    calls.push(request.clone());
    return handler(request, calls);
  };
  return { calls, fetch };
}

const ME = { userId: 'u', tenantId: 't', tenantSlug: 'acme', email: 'a@acme.test', displayName: 'A', role: 'OWNER' };
const problem401 = { type: '/problems/unauthenticated', title: 'Unauthenticated', status: 401 };

describe('api client (SPA auth: access token in memory, one refresh on 401)', () => {
  it('adds the in-memory access token as a bearer header', async () => {
    const s = server(() => json(200, ME));
    const client = createApiClient({ baseUrl: BASE, fetch: s.fetch });
    client.setAccessToken('token-1');
    const { data } = await client.api.GET('/api/v1/me');
    expect(data?.email).toBe('a@acme.test');
    expect(s.calls[0]!.headers.get('Authorization')).toBe('Bearer token-1');
  });

  it('on 401 refreshes once through POST /auth/refresh and retries the request (with its body) with the new token', async () => {
    const s = server(async (request) => {
      const path = new URL(request.url).pathname;
      if (path === '/api/v1/auth/refresh') {
        return json(200, { accessToken: 'token-2', expiresIn: 900, tokenType: 'Bearer' });
      }
      if (request.headers.get('Authorization') === 'Bearer token-2') {
        return json(200, { ...ME, displayName: (await request.json()).displayName });
      }
      return json(401, problem401, 'application/problem+json');
    });
    const client = createApiClient({ baseUrl: BASE, fetch: s.fetch });
    client.setAccessToken('expired');
    const { data, response } = await client.api.PATCH('/api/v1/me', { body: { displayName: 'Renamed' } });
    expect(response.status).toBe(200);
    expect(data?.displayName).toBe('Renamed');
    expect(s.calls.map((c) => `${c.method} ${new URL(c.url).pathname}`)).toEqual([
      'PATCH /api/v1/me',
      'POST /api/v1/auth/refresh',
      'PATCH /api/v1/me',
    ]);
    expect(s.calls[1]!.headers.get('Authorization')).toBeNull();
    expect(client.getAccessToken()).toBe('token-2');
  });

  it('concurrent 401s share one refresh', async () => {
    const s = server((request) => {
      if (new URL(request.url).pathname === '/api/v1/auth/refresh') {
        return json(200, { accessToken: 'fresh', expiresIn: 900, tokenType: 'Bearer' });
      }
      return request.headers.get('Authorization') === 'Bearer fresh'
        ? json(200, ME)
        : json(401, problem401, 'application/problem+json');
    });
    const client = createApiClient({ baseUrl: BASE, fetch: s.fetch });
    client.setAccessToken('old');
    const results = await Promise.all([client.api.GET('/api/v1/me'), client.api.GET('/api/v1/me'), client.api.GET('/api/v1/me')]);
    expect(results.every((r) => r.response.status === 200)).toBe(true);
    expect(s.calls.filter((c) => c.url.endsWith('/auth/refresh'))).toHaveLength(1);
  });

  it('when the refresh fails too, answers the 401, forgets the token and ends the session (no loop)', async () => {
    const s = server(() => json(401, problem401, 'application/problem+json'));
    const client = createApiClient({ baseUrl: BASE, fetch: s.fetch });
    let ended = 0;
    client.onSessionEnded(() => ended++);
    client.setAccessToken('revoked');
    const { error, response } = await client.api.GET('/api/v1/me');
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ type: '/problems/unauthenticated' });
    expect(ended).toBe(1);
    expect(client.getAccessToken()).toBeNull();
    expect(s.calls).toHaveLength(2);
  });

  it('a 403 mfa-enrolment-required tells the listeners (MFA-14) and is answered as it came; another 403 does not', async () => {
    const enrol = { type: '/problems/mfa-enrolment-required', title: 'Second factor enrolment required', status: 403, detail: 'd' };
    const forbidden = { type: '/problems/forbidden', title: 'Forbidden', status: 403, detail: 'd' };
    const s = server((request) =>
      new URL(request.url).pathname === '/api/v1/datarooms'
        ? json(403, enrol, 'application/problem+json')
        : json(403, forbidden, 'application/problem+json'));
    const client = createApiClient({ baseUrl: BASE, fetch: s.fetch });
    let due = 0;
    client.onSecondFactorDue(() => due++);
    client.setAccessToken('password-only');
    const { error, response } = await client.api.GET('/api/v1/datarooms');
    expect(response.status).toBe(403);
    expect(error).toMatchObject({ type: '/problems/mfa-enrolment-required' });
    expect(due).toBe(1);
    await client.api.GET('/api/v1/members');
    expect(due).toBe(1);
    expect(client.getAccessToken()).toBe('password-only');
  });

  it('a 401 of the auth endpoints and of the visitor side is an answer, not a reason to refresh', async () => {
    const s = server(() => json(401, problem401, 'application/problem+json'));
    const client = createApiClient({ baseUrl: BASE, fetch: s.fetch });
    await client.api.POST('/api/v1/auth/login', { body: { tenant: 'acme', email: 'a@acme.test', password: 'x'.repeat(12) } });
    await client.api.POST('/api/v1/public/links/{token}/sessions', { params: { path: { token: 'abc' } }, body: {} });
    expect(s.calls.map((c) => new URL(c.url).pathname)).toEqual(['/api/v1/auth/login', '/api/v1/public/links/abc/sessions']);
  });

  it('keeps the token out of web storage', async () => {
    const s = server(() => json(200, { accessToken: 'secret-token', expiresIn: 900, tokenType: 'Bearer' }));
    const client = createApiClient({ baseUrl: BASE, fetch: s.fetch });
    expect(await client.refresh()).toBe(true);
    const stored = [...Object.values({ ...localStorage }), ...Object.values({ ...sessionStorage })].join(' ');
    expect(stored).not.toContain('secret-token');
    expect(client.getAccessToken()).toBe('secret-token');
  });
});
