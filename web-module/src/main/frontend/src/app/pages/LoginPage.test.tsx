import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { json, pathOf, problem, renderApp } from '../../test/render';

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

  describe('second step (401 mfa-required)', () => {
    const CHALLENGE = {
      type: '/problems/mfa-required', title: 'x', status: 401, detail: 'd',
      mfaToken: 'mfa-token-1', methods: ['totp', 'webauthn', 'recovery'],
    };

    /** Refresh refused, the password answered mfa-required, /auth/mfa by `mfa`, /me by the token it gave. */
    function server(mfa: (body: Record<string, string>) => Response) {
      const bodies: Record<string, string>[] = [];
      const view = renderApp('/members', async (request) => {
        switch (pathOf(request)) {
          case '/api/v1/auth/refresh':
            return json(401, { type: '/problems/unauthenticated', title: 'x', status: 401, detail: 'd' });
          case '/api/v1/auth/login':
            return json(401, CHALLENGE);
          case '/api/v1/auth/mfa': {
            const body = (await request.json()) as Record<string, string>;
            bodies.push(body);
            return mfa(body);
          }
          case '/api/v1/me':
            return request.headers.get('Authorization') === 'Bearer m.f.a' ? json(200, ME) : json(401);
          default:
            return json(200, { items: [], nextCursor: null });
        }
      });
      return { ...view, bodies };
    }
    const TOKEN = { accessToken: 'm.f.a', expiresIn: 900, tokenType: 'Bearer' };

    it('asks for the code of the app after the password, and the code logs in as a login does', async () => {
      const { router, client, bodies } = server(() => json(200, TOKEN));
      await fillAndSubmit();
      expect(await screen.findByRole('heading', { name: 'Two-step verification' })).toBeInTheDocument();
      const user = userEvent.setup({ delay: null });
      await user.type(screen.getByLabelText(/^Code/), '123 456');
      await user.click(screen.getByRole('button', { name: 'Verify' }));
      await waitFor(() => expect(router.state.location.pathname).toBe('/members'));
      expect(await screen.findByTestId('signed-in-as')).toHaveTextContent('Signed in as Ann');
      expect(bodies).toEqual([{ mfaToken: 'mfa-token-1', code: '123456' }]);
      expect(client.getAccessToken()).toBe('m.f.a');
    });

    it('a wrong code (400) says so and keeps the step; a code that is not 6 digits is not sent', async () => {
      const { bodies } = server(() =>
        json(400, { type: '/problems/validation', title: 'x', status: 400, detail: 'd', errors: [{ field: 'code', message: 'is wrong' }] }),
      );
      await fillAndSubmit();
      const user = userEvent.setup({ delay: null });
      await user.type(await screen.findByLabelText(/^Code/), '12345');
      await user.click(screen.getByRole('button', { name: 'Verify' }));
      expect(await screen.findByText('Enter the 6 digits your app shows.')).toBeInTheDocument();
      expect(bodies).toEqual([]);
      await user.type(screen.getByLabelText(/^Code/), '9');
      await user.click(screen.getByRole('button', { name: 'Verify' }));
      expect(await screen.findByRole('alert')).toHaveTextContent('This code is wrong or was already used.');
      expect(screen.getByRole('heading', { name: 'Two-step verification' })).toBeInTheDocument();
      expect(bodies).toEqual([{ mfaToken: 'mfa-token-1', code: '123459' }]);
    });

    it('a recovery code instead of the app', async () => {
      const { router, bodies } = server(() => json(200, TOKEN));
      await fillAndSubmit();
      const user = userEvent.setup({ delay: null });
      await user.click(await screen.findByRole('button', { name: 'Use a recovery code instead' }));
      await user.type(screen.getByLabelText(/^Recovery code/), ' abcd-efgh-2345-wxyz ');
      await user.click(screen.getByRole('button', { name: 'Verify' }));
      await waitFor(() => expect(router.state.location.pathname).toBe('/members'));
      expect(bodies).toEqual([{ mfaToken: 'mfa-token-1', recoveryCode: 'abcd-efgh-2345-wxyz' }]);
    });

    it('a spent or expired step (401) goes back to the password with a sentence; 429 keeps the step', async () => {
      let answer = problem(429, 'rate-limited');
      server(() => answer);
      await fillAndSubmit();
      const user = userEvent.setup({ delay: null });
      await user.type(await screen.findByLabelText(/^Code/), '123456');
      await user.click(screen.getByRole('button', { name: 'Verify' }));
      expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts.');
      answer = problem(401, 'unauthenticated');
      await user.click(screen.getByRole('button', { name: 'Verify' }));
      expect(await screen.findByRole('heading', { name: 'Log in to Coffer' })).toBeInTheDocument();
      expect(screen.getByRole('status')).toHaveTextContent('The second step took too long or was already used.');
      expect(screen.getByLabelText(/^Password/)).toHaveValue('');
      expect(screen.getByLabelText(/Organisation/)).toHaveValue('acme');
    });
  });

  describe('single sign-on', () => {
    const anonymous = () => problem(401, 'unauthenticated');

    it('"Sign in with SSO" sends the browser to the start of the typed organisation, and asks for one first', async () => {
      const assign = vi.fn();
      vi.stubGlobal('location', { ...window.location, assign });
      try {
        renderApp('/login', anonymous);
        const user = userEvent.setup({ delay: null });
        await user.click(await screen.findByRole('button', { name: 'Sign in with SSO' }));
        expect(screen.getByRole('status')).toHaveTextContent('Enter your organisation first');
        expect(assign).not.toHaveBeenCalled();
        await user.type(screen.getByLabelText(/Organisation/), ' acme ');
        await user.click(screen.getByRole('button', { name: 'Sign in with SSO' }));
        expect(assign).toHaveBeenCalledWith('/api/v1/auth/sso/acme/start');
      } finally {
        vi.unstubAllGlobals();
      }
    });

    it('a refused sign-in comes back with the server\'s sentence', async () => {
      renderApp('/login?sso=failed&detail=' + encodeURIComponent('The provider has not verified a@b.test.'), anonymous);
      expect(await screen.findByRole('alert')).toHaveTextContent(
        'Single sign-on did not complete: The provider has not verified a@b.test.',
      );
    });

    it('an SSO-only organisation says so when a password is tried (403 login-method-not-allowed)', async () => {
      renderApp('/login', (request) =>
        pathOf(request) === '/api/v1/auth/login' ? problem(403, 'login-method-not-allowed') : anonymous(),
      );
      await fillAndSubmit();
      expect(await screen.findByRole('alert')).toHaveTextContent('signs in with single sign-on only');
    });
  });
});
