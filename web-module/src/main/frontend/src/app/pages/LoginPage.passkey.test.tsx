import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WebAuthnError, browserSupportsWebAuthn, startAuthentication } from '@simplewebauthn/browser';
import i18n from 'i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { json, pathOf, problem, renderApp } from '../../test/render';

// jsdom has no WebAuthn: the library's ceremony is replaced in vitest only (its WebAuthnError stays the real one).
vi.mock('@simplewebauthn/browser', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@simplewebauthn/browser')>()),
  browserSupportsWebAuthn: vi.fn(() => true),
  startRegistration: vi.fn(),
  startAuthentication: vi.fn(),
}));

const ME = { userId: 'u1', tenantId: 't1', tenantSlug: 'acme', email: 'ann@acme.test', displayName: 'Ann', role: 'OWNER' };
const TOKEN = { accessToken: 'p.k.y', expiresIn: 900, tokenType: 'Bearer' };
const USERNAMELESS = { challenge: 'Y2hhbGxlbmdl', rpId: 'localhost', timeout: 300000, userVerification: 'required', allowCredentials: [] };
const FOR_ANN = { ...USERNAMELESS, userVerification: 'preferred', allowCredentials: [{ type: 'public-key', id: 'Y3JlZA', transports: ['internal'] }] };
const ASSERTION = {
  id: 'Y3JlZA',
  rawId: 'Y3JlZA',
  type: 'public-key',
  response: { clientDataJSON: 'e30', authenticatorData: 'YXV0aA', signature: 'c2ln', userHandle: 'dXNlcg' },
  clientExtensionResults: {},
};

function notAllowed() {
  return new WebAuthnError({
    message: 'The operation either timed out or was not allowed.',
    code: 'ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY',
    cause: new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError'),
  });
}

/** No refresh cookie; the passkey endpoints by `answers`; /me for the token they give. */
function server(answers: Record<string, (body: Record<string, unknown>) => Response>) {
  const bodies: { path: string; body: Record<string, unknown> }[] = [];
  const view = renderApp('/members', async (request) => {
    const path = pathOf(request);
    if (path === '/api/v1/auth/refresh') return problem(401, 'unauthenticated');
    if (path === '/api/v1/me') {
      return request.headers.get('Authorization') === `Bearer ${TOKEN.accessToken}` ? json(200, ME) : problem(401, 'unauthenticated');
    }
    const answer = answers[path];
    if (answer) {
      const body = (await request.json()) as Record<string, unknown>;
      bodies.push({ path, body });
      return answer(body);
    }
    return json(200, { items: [], nextCursor: null });
  });
  return { ...view, bodies };
}

describe('log in with a passkey', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
    vi.mocked(browserSupportsWebAuthn).mockReturnValue(true);
    vi.mocked(startAuthentication).mockReset();
  });

  it('usernameless: options for the tenant, the browser prompt, POST /auth/webauthn, then signed in as a login', async () => {
    vi.mocked(startAuthentication).mockResolvedValue(ASSERTION as never);
    const { router, client, bodies } = server({
      '/api/v1/auth/webauthn/options': () => json(200, USERNAMELESS),
      '/api/v1/auth/webauthn': () => json(200, TOKEN),
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Sign in with a passkey' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Enter your organisation first');
    expect(bodies).toEqual([]);

    await user.type(screen.getByLabelText(/Organisation/), ' acme ');
    await user.click(screen.getByRole('button', { name: 'Sign in with a passkey' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/members'));
    expect(await screen.findByTestId('signed-in-as')).toHaveTextContent('Signed in as Ann');
    expect(client.getAccessToken()).toBe('p.k.y');
    expect(startAuthentication).toHaveBeenCalledWith({ optionsJSON: USERNAMELESS });
    expect(bodies).toEqual([
      { path: '/api/v1/auth/webauthn/options', body: { tenant: 'acme' } },
      { path: '/api/v1/auth/webauthn', body: { tenant: 'acme', assertion: ASSERTION } },
    ]);
  });

  it('a tenant that does not allow it (403 login-method-not-allowed) says so; a refused passkey (401) too', async () => {
    vi.mocked(startAuthentication).mockResolvedValue(ASSERTION as never);
    let answer = problem(403, 'login-method-not-allowed');
    server({
      '/api/v1/auth/webauthn/options': () => json(200, USERNAMELESS),
      '/api/v1/auth/webauthn': () => answer,
    });
    const user = userEvent.setup({ delay: null });
    await user.type(await screen.findByLabelText(/Organisation/), 'acme');
    await user.click(screen.getByRole('button', { name: 'Sign in with a passkey' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Your organisation does not allow signing in with a passkey alone. Please log in with your password.',
    );
    answer = problem(401, 'unauthenticated');
    await user.click(screen.getByRole('button', { name: 'Sign in with a passkey' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This passkey could not sign you in.');
    expect(screen.getByRole('heading', { name: 'Log in to Coffer' })).toBeInTheDocument();
  });

  it('a closed browser prompt is a quiet note, not an error', async () => {
    vi.mocked(startAuthentication).mockRejectedValue(notAllowed());
    const { bodies } = server({ '/api/v1/auth/webauthn/options': () => json(200, USERNAMELESS) });
    const user = userEvent.setup({ delay: null });
    await user.type(await screen.findByLabelText(/Organisation/), 'acme');
    await user.click(screen.getByRole('button', { name: 'Sign in with a passkey' }));
    expect(await screen.findByRole('status')).toHaveTextContent('The passkey prompt was closed.');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(bodies.map((b) => b.path)).toEqual(['/api/v1/auth/webauthn/options']);
  });

  it('is not offered where the browser has no WebAuthn', async () => {
    vi.mocked(browserSupportsWebAuthn).mockReturnValue(false);
    server({});
    expect(await screen.findByRole('button', { name: 'Log in' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign in with a passkey' })).toBeNull();
  });

  describe('as the second step (401 mfa-required with webauthn)', () => {
    function challenge(methods: string[]) {
      return () =>
        json(401, { type: '/problems/mfa-required', title: 'x', status: 401, detail: 'd', mfaToken: 'mfa-token-1', methods });
    }

    async function password() {
      const user = userEvent.setup({ delay: null });
      await user.type(await screen.findByLabelText(/Organisation/), 'acme');
      await user.type(screen.getByLabelText(/Email/), 'ann@acme.test');
      await user.type(screen.getByLabelText(/^Password/), 'correct horse battery');
      await user.click(screen.getByRole('button', { name: 'Log in' }));
      await screen.findByRole('heading', { name: 'Two-step verification' });
      return user;
    }

    it('"Use a passkey": options for the account, the prompt, POST /auth/mfa with the assertion; the code stays', async () => {
      vi.mocked(startAuthentication).mockResolvedValue(ASSERTION as never);
      const { router, bodies } = server({
        '/api/v1/auth/login': challenge(['totp', 'webauthn', 'recovery']),
        '/api/v1/auth/webauthn/options': () => json(200, FOR_ANN),
        '/api/v1/auth/mfa': () => json(200, TOKEN),
      });
      const user = await password();
      expect(screen.getByLabelText(/^Code/)).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Use a recovery code instead' })).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Use a passkey' }));
      await waitFor(() => expect(router.state.location.pathname).toBe('/members'));
      expect(await screen.findByTestId('signed-in-as')).toHaveTextContent('Signed in as Ann');
      expect(startAuthentication).toHaveBeenCalledWith({ optionsJSON: FOR_ANN });
      expect(bodies.slice(1)).toEqual([
        { path: '/api/v1/auth/webauthn/options', body: { tenant: 'acme', email: 'ann@acme.test' } },
        { path: '/api/v1/auth/mfa', body: { mfaToken: 'mfa-token-1', webauthn: ASSERTION } },
      ]);
    });

    it('a passkey that is not the account\'s (400) keeps the step; a closed prompt is quiet', async () => {
      vi.mocked(startAuthentication).mockRejectedValueOnce(notAllowed()).mockResolvedValue(ASSERTION as never);
      const { bodies } = server({
        '/api/v1/auth/login': challenge(['webauthn']),
        '/api/v1/auth/webauthn/options': () => json(200, FOR_ANN),
        '/api/v1/auth/mfa': () =>
          json(400, { type: '/problems/validation', title: 'x', status: 400, detail: 'd', errors: [{ field: 'webauthn', message: 'is wrong' }] }),
      });
      const user = await password();
      // A passkey-only account: no code field, the passkey is the step
      expect(screen.getByText('Confirm with one of your passkeys.')).toBeInTheDocument();
      expect(screen.queryByLabelText(/^Code/)).toBeNull();
      await user.click(screen.getByRole('button', { name: 'Use a passkey' }));
      expect(await screen.findByRole('status')).toHaveTextContent('The passkey prompt was closed.');
      expect(bodies.map((b) => b.path)).not.toContain('/api/v1/auth/mfa');
      await user.click(screen.getByRole('button', { name: 'Use a passkey' }));
      expect(await screen.findByRole('alert')).toHaveTextContent('This passkey could not be verified for your account.');
      expect(screen.getByRole('heading', { name: 'Two-step verification' })).toBeInTheDocument();
    });

    it('without WebAuthn in the browser the code step is as before', async () => {
      vi.mocked(browserSupportsWebAuthn).mockReturnValue(false);
      server({ '/api/v1/auth/login': challenge(['totp', 'webauthn', 'recovery']) });
      await password();
      expect(screen.getByLabelText(/^Code/)).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Use a passkey' })).toBeNull();
    });
  });
});
