import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { json, pathOf, renderApp } from '../../test/render';

const ME = { userId: 'u1', tenantId: 't1', tenantSlug: 'acme', email: 'ann@acme.test', displayName: 'Ann', role: 'OWNER' };

async function fillAndSubmit() {
  const user = userEvent.setup({ delay: null });
  await user.type(await screen.findByLabelText(/Organisation/), 'acme');
  await user.type(screen.getByLabelText(/Email/), 'ann@acme.test');
  await user.type(screen.getByLabelText(/^Password/), 'correct horse battery');
  await user.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('log in', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('sends the anonymous from an admin deep link to the login page, then back there with the token in memory', async () => {
    let token = '';
    const { router, requests, client } = renderApp('/members', async (request) => {
      switch (pathOf(request)) {
        case '/api/v1/auth/refresh':
          return json(401, { type: '/problems/unauthenticated', title: 'x', status: 401, detail: 'd' });
        case '/api/v1/auth/login':
          expect(await request.json()).toEqual({ tenant: 'acme', email: 'ann@acme.test', password: 'correct horse battery' });
          token = 'a.b.c';
          return json(200, { accessToken: token, expiresIn: 900, tokenType: 'Bearer' });
        case '/api/v1/me':
          return request.headers.get('Authorization') === `Bearer ${token}` ? json(200, ME) : json(401);
        default:
          return json(404, { type: '/problems/not-found', title: 'x', status: 404, detail: 'd' });
      }
    });
    await screen.findByRole('heading', { name: 'Log in to Coffer' });
    await fillAndSubmit();
    await waitFor(() => expect(router.state.location.pathname).toBe('/members'));
    expect(await screen.findByTestId('signed-in-as')).toHaveTextContent('Signed in as Ann');
    expect(client.getAccessToken()).toBe('a.b.c');
    expect(requests.map(pathOf).slice(0, 3)).toEqual(['/api/v1/auth/refresh', '/api/v1/auth/login', '/api/v1/me']);
    // The page behind the deep link loads with the token from memory.
    await waitFor(() => expect(requests.map(pathOf)).toContain('/api/v1/members'));
    expect(requests.find((r) => pathOf(r) === '/api/v1/members')!.headers.get('Authorization')).toBe('Bearer a.b.c');
  });

  it('says in words that the email is not verified yet (403 after a correct password)', async () => {
    renderApp('/login', (request) =>
      pathOf(request) === '/api/v1/auth/login'
        ? json(403, { type: '/problems/forbidden', title: 'Forbidden', status: 403, detail: 'email not verified' })
        : json(401, { type: '/problems/unauthenticated', title: 'x', status: 401, detail: 'd' }),
    );
    await fillAndSubmit();
    expect(await screen.findByRole('alert')).toHaveTextContent('Your email address is not verified yet.');
  });

  it('a reload with a valid refresh cookie is logged in without the form', async () => {
    renderApp('/', (request) =>
      pathOf(request) === '/api/v1/auth/refresh'
        ? json(200, { accessToken: 'x.y.z', expiresIn: 900, tokenType: 'Bearer' })
        : json(200, ME),
    );
    expect(await screen.findByRole('heading', { name: 'Welcome, Ann' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Log in' })).toBeNull();
  });
});
