import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WebAuthnError, browserSupportsWebAuthn, startRegistration } from '@simplewebauthn/browser';
import i18n from 'i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { OWNER, json, pathOf, problem, renderApp, signedIn } from '../../test/render';

// The browser's WebAuthn is not in jsdom: the library's ceremony is replaced here (and only in vitest); its
// WebAuthnError stays the real one, so the SPA sees what the library throws.
vi.mock('@simplewebauthn/browser', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@simplewebauthn/browser')>()),
  browserSupportsWebAuthn: vi.fn(() => true),
  startRegistration: vi.fn(),
  startAuthentication: vi.fn(),
}));

const OPTIONS = {
  challenge: 'Y2hhbGxlbmdl',
  rp: { id: 'localhost', name: 'Coffer' },
  user: { id: 'AZOwpAAAcACAAAAAAAAAAQ', name: 'ann@acme.test', displayName: 'Ann Owner' },
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }, { type: 'public-key', alg: -8 }, { type: 'public-key', alg: -257 }],
  timeout: 300000,
  excludeCredentials: [],
  authenticatorSelection: { residentKey: 'preferred', requireResidentKey: false, userVerification: 'preferred' },
  attestation: 'none',
};
const CREDENTIAL = {
  id: 'Y3JlZA',
  rawId: 'Y3JlZA',
  type: 'public-key',
  response: { clientDataJSON: 'e30', attestationObject: 'o2Nm', transports: ['internal'] },
  clientExtensionResults: {},
  authenticatorAttachment: 'platform',
};
const LAPTOP = { id: '0193b0a4-0000-7000-8000-0000000000k1', name: 'Work laptop', createdAt: '2026-12-01T08:00:00Z', lastUsedAt: '2026-12-06T09:00:00Z' };
const KEY = { id: '0193b0a4-0000-7000-8000-0000000000k2', name: 'Security key', createdAt: '2026-12-02T08:00:00Z', lastUsedAt: null };

function notAllowed() {
  return new WebAuthnError({
    message: 'The operation either timed out or was not allowed.',
    code: 'ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY',
    cause: new DOMException('The operation either timed out or was not allowed.', 'NotAllowedError'),
  });
}

/** A signed-in server whose passkeys are `stored`; `finish` answers the registration. */
function account(
  stored: object[],
  finish: (body: { name: string; credential: unknown }) => Response,
  me: object = OWNER,
  path = '/account',
) {
  const calls: { call: string; body: unknown }[] = [];
  const view = renderApp(
    path,
    signedIn(async (request) => {
      const body = request.headers.get('Content-Type')?.includes('json') ? await request.json() : undefined;
      const call = `${request.method} ${pathOf(request)}`;
      calls.push({ call, body });
      if (call === 'GET /api/v1/me/webauthn/credentials') return json(200, { items: stored });
      if (call === 'POST /api/v1/me/webauthn/registrations') return json(200, OPTIONS);
      if (call === 'POST /api/v1/me/webauthn/registrations/finish') return finish(body as { name: string; credential: unknown });
      if (call.startsWith('DELETE /api/v1/me/webauthn/credentials/')) {
        const id = call.substring(call.lastIndexOf('/') + 1);
        const before = stored.length;
        stored.splice(0, stored.length, ...stored.filter((p) => (p as { id: string }).id !== id));
        return stored.length < before ? new Response(null, { status: 204 }) : problem(404, 'not-found');
      }
      if (call === 'GET /api/v1/me/sessions') return json(200, { items: [], nextCursor: null });
      return problem(404, 'not-found');
    }, me),
  );
  return { ...view, calls };
}

describe('passkeys on the account page', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
    vi.mocked(browserSupportsWebAuthn).mockReturnValue(true);
    vi.mocked(startRegistration).mockReset();
  });

  it('lists the passkeys with their name, when added and when last used', async () => {
    account([LAPTOP, KEY], () => problem(500, 'internal'));
    const section = within(await screen.findByTestId('passkeys'));
    expect(screen.getByRole('heading', { name: 'Passkeys', level: 2 })).toBeInTheDocument();
    const rows = await section.findAllByTestId('passkey-row');
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]!.textContent)).toEqual(['Work laptop', 'Security key']);
    expect(within(rows[1]!).getByText('Not used yet')).toBeInTheDocument();
    expect(within(rows[0]!).queryByText('Not used yet')).toBeNull();
    expect(rows[0]!.querySelectorAll('time')[1]).toHaveAttribute('dateTime', LAPTOP.lastUsedAt);
  });

  it('adds a passkey: the options go to the browser as they are, its response with the name to finish', async () => {
    const stored: object[] = [];
    const { calls } = account(stored, (body) => {
      const created = { id: '0193b0a4-0000-7000-8000-0000000000k3', name: body.name, createdAt: '2026-12-07T10:00:00Z', lastUsedAt: null };
      stored.push(created);
      return json(201, created);
    });
    vi.mocked(startRegistration).mockResolvedValue(CREDENTIAL as never);
    const user = userEvent.setup({ delay: null });
    const section = within(await screen.findByTestId('passkeys'));
    expect(await section.findByText('You have no passkeys yet.')).toBeInTheDocument();
    await user.click(section.getByRole('button', { name: 'Add a passkey' }));
    await user.click(section.getByRole('button', { name: 'Create the passkey' }));
    expect(await section.findByText('Enter a name for the passkey.')).toBeInTheDocument();
    expect(startRegistration).not.toHaveBeenCalled();

    await user.type(section.getByLabelText(/^Name of the passkey/), '  Work laptop ');
    await user.click(section.getByRole('button', { name: 'Create the passkey' }));
    expect(await section.findByText('The passkey “Work laptop” was added.')).toBeInTheDocument();
    expect(startRegistration).toHaveBeenCalledWith({ optionsJSON: OPTIONS });
    expect(calls.filter((c) => c.call === 'POST /api/v1/me/webauthn/registrations/finish').map((c) => c.body)).toEqual([
      { name: 'Work laptop', credential: CREDENTIAL },
    ]);
    const rows = await section.findAllByTestId('passkey-row');
    expect(within(rows[0]!).getByText('Work laptop')).toBeInTheDocument();
    expect(section.queryByLabelText(/^Name of the passkey/)).toBeNull();
  });

  it('a closed browser prompt is a quiet note and sends nothing; a 409 says it is registered already', async () => {
    const { calls } = account([], () => problem(409, 'conflict'));
    vi.mocked(startRegistration).mockRejectedValueOnce(notAllowed());
    const user = userEvent.setup({ delay: null });
    const section = within(await screen.findByTestId('passkeys'));
    await user.click(await section.findByRole('button', { name: 'Add a passkey' }));
    await user.type(section.getByLabelText(/^Name of the passkey/), 'Phone');
    await user.click(section.getByRole('button', { name: 'Create the passkey' }));
    expect(await section.findByRole('status')).toHaveTextContent('The passkey prompt was closed. Nothing was changed');
    expect(section.queryByRole('alert')).toBeNull();
    expect(calls.map((c) => c.call)).not.toContain('POST /api/v1/me/webauthn/registrations/finish');

    vi.mocked(startRegistration).mockResolvedValueOnce(CREDENTIAL as never);
    await user.click(section.getByRole('button', { name: 'Create the passkey' }));
    expect(await section.findByRole('alert')).toHaveTextContent('This passkey is registered already.');
    expect(section.getByLabelText(/^Name of the passkey/)).toHaveValue('Phone');
  });

  it('deletes a passkey only after the confirmation', async () => {
    const { calls } = account([LAPTOP, KEY], () => problem(500, 'internal'));
    const user = userEvent.setup({ delay: null });
    const section = within(await screen.findByTestId('passkeys'));
    await user.click(await section.findByRole('button', { name: 'Delete the passkey Security key' }));
    const question = section.getByRole('group', { name: 'Delete “Security key”? You can no longer sign in with it.' });
    await user.click(within(question).getByRole('button', { name: 'Keep it' }));
    expect(calls.map((c) => c.call).filter((c) => c.startsWith('DELETE'))).toEqual([]);

    await user.click(section.getByRole('button', { name: 'Delete the passkey Security key' }));
    await user.click(within(section.getByRole('group')).getByRole('button', { name: 'Delete' }));
    expect(await section.findByText('The passkey “Security key” was deleted.')).toBeInTheDocument();
    expect(calls.map((c) => c.call).filter((c) => c.startsWith('DELETE'))).toEqual([
      `DELETE /api/v1/me/webauthn/credentials/${KEY.id}`,
    ]);
    await waitFor(() => expect(section.getAllByTestId('passkey-row')).toHaveLength(1));
  });

  it('sent to enrol (MFA-14): a registered passkey is the second factor this session passed, the notice ends', async () => {
    const stored: object[] = [];
    const { router } = account(
      stored,
      (body) => {
        const created = { ...LAPTOP, name: body.name, lastUsedAt: null };
        stored.push(created);
        return json(201, created);
      },
      { ...OWNER, mfa: { totp: false, recoveryCodesLeft: 0, passkeys: 0 } },
      '/account?enrol=required',
    );
    vi.mocked(startRegistration).mockResolvedValue(CREDENTIAL as never);
    expect(await screen.findByText(/Your organisation requires two-factor authentication/)).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    const section = within(await screen.findByTestId('passkeys'));
    await user.click(await section.findByRole('button', { name: 'Add a passkey' }));
    await user.type(section.getByLabelText(/^Name of the passkey/), 'Work laptop');
    await user.click(section.getByRole('button', { name: 'Create the passkey' }));
    expect(await section.findByText('The passkey “Work laptop” was added.')).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.search).toBe(''));
    await waitFor(() => expect(screen.queryByText(/Your organisation requires two-factor authentication/)).toBeNull());
  });

  it('shows how many passkeys GET /me counts next to the status of the authenticator app', async () => {
    account([LAPTOP, KEY], () => problem(500, 'internal'), { ...OWNER, mfa: { totp: false, recoveryCodesLeft: 0, passkeys: 2 } });
    expect(await screen.findByTestId('passkeys-count')).toHaveTextContent('2 passkeys');
  });

  it('is not shown where the browser has no WebAuthn', async () => {
    vi.mocked(browserSupportsWebAuthn).mockReturnValue(false);
    const { calls } = account([LAPTOP], () => problem(500, 'internal'));
    expect(await screen.findByTestId('two-factor')).toBeInTheDocument();
    expect(screen.queryByTestId('passkeys')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Passkeys' })).toBeNull();
    expect(calls.map((c) => c.call)).not.toContain('GET /api/v1/me/webauthn/credentials');
  });
});
