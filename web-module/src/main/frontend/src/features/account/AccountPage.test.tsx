import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { OWNER, json, pathOf, problem, renderApp, signedIn } from '../../test/render';

const ENROLMENT = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  otpauthUrl: 'otpauth://totp/Coffer:ann%40acme.test?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Coffer&digits=6&period=30',
};
const CODES = Array.from({ length: 10 }, (_, i) => `abcd-efgh-ij${String(i).padStart(2, '0')}`);
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SESSIONS = [
  { id: '0193b0a4-0000-7000-8000-0000000000s1', createdAt: '2026-12-01T08:00:00Z', lastUsedAt: '2026-12-01T09:00:00Z', userAgent: FIREFOX, clientAddress: '203.0.113.7', current: false },
  { id: '0193b0a4-0000-7000-8000-0000000000s2', createdAt: '2026-12-06T08:00:00Z', lastUsedAt: '2026-12-07T03:00:00Z', userAgent: CHROME, clientAddress: '198.51.100.2', current: true },
  { id: '0193b0a4-0000-7000-8000-0000000000s3', createdAt: '2026-11-20T08:00:00Z', lastUsedAt: '2026-11-21T08:00:00Z', userAgent: 'curl/8.11.1', clientAddress: null, current: false },
];

/** A signed-in server answering the account's calls; `calls` records "METHOD path" and the JSON bodies. */
function account(handler: (request: Request, body: unknown) => Response | undefined, me: object = OWNER, path = '/account') {
  const calls: { call: string; body: unknown }[] = [];
  const view = renderApp(
    path,
    signedIn(async (request) => {
      const body = request.headers.get('Content-Type')?.includes('json') ? await request.json() : undefined;
      const call = `${request.method} ${pathOf(request)}`;
      calls.push({ call, body });
      const answer = handler(request, body);
      if (answer) return answer;
      if (call === 'GET /api/v1/me/sessions') return json(200, { items: SESSIONS, nextCursor: null });
      if (call === 'POST /api/v1/auth/logout') return new Response(null, { status: 204 });
      return problem(404, 'not-found');
    }, me),
  );
  return { ...view, calls };
}

const TOTP_ON = { ...OWNER, mfa: { totp: true, recoveryCodesLeft: 3 } };
const NEW_CODES = Array.from({ length: 10 }, (_, i) => `NEWC-ODES-AAAA-BB${String(i).padStart(2, '0')}`);

describe('account page', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('is linked from the header, and the name is saved by PATCH /me and shown in the header at once', async () => {
    const { router, calls } = account((request, body) =>
      request.method === 'PATCH' ? json(200, { ...OWNER, displayName: (body as { displayName: string }).displayName }) : undefined,
    );
    expect(await screen.findByRole('heading', { name: 'Your account', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Your account' })).toHaveAttribute('href', '/account');
    expect(screen.getByLabelText('Email')).toHaveValue('ann@acme.test');
    expect(screen.getByLabelText('Email')).toHaveAttribute('readonly');
    const user = userEvent.setup({ delay: null });
    const name = screen.getByLabelText(/^Your name/);
    await user.clear(name);
    await user.type(name, '  Ann Smith ');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Your name was saved.')).toBeInTheDocument();
    expect(screen.getByTestId('signed-in-as')).toHaveTextContent('Signed in as Ann Smith');
    expect(calls.filter((c) => c.call === 'PATCH /api/v1/me').map((c) => c.body)).toEqual([{ displayName: 'Ann Smith' }]);
    expect(router.state.location.pathname).toBe('/account');
  });

  it('sets up TOTP: the QR code of the otpauth URL and the secret, then the code, then the recovery codes once', async () => {
    const saved: Blob[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    URL.createObjectURL = vi.fn((blob: Blob) => {
      saved.push(blob);
      return 'blob:coffer/codes';
    });
    URL.revokeObjectURL = vi.fn();
    const { calls } = account((request, body) => {
      const path = pathOf(request);
      if (path === '/api/v1/me/mfa/totp' && request.method === 'POST') return json(201, ENROLMENT);
      if (path === '/api/v1/me/mfa/totp/confirm') {
        return (body as { code: string }).code === '654321'
          ? json(200, { recoveryCodes: CODES })
          : json(400, { type: '/problems/validation', title: 'x', status: 400, detail: 'd', errors: [{ field: 'code', message: 'is wrong' }] });
      }
      return undefined;
    });
    const user = userEvent.setup({ delay: null });
    const section = within(await screen.findByTestId('two-factor'));
    await user.click(section.getByRole('button', { name: 'Set up two-factor authentication' }));

    const qr = await section.findByRole('img', { name: 'QR code for your authenticator app' });
    const src = qr.getAttribute('src')!;
    expect(src).toMatch(/^data:image\/svg\+xml;charset=utf-8,/);
    expect(decodeURIComponent(src)).toContain('<svg');
    expect(section.getByLabelText(/^Secret for typing in/)).toHaveValue(ENROLMENT.secret);

    await user.type(section.getByLabelText(/^Code/), '111111');
    await user.click(section.getByRole('button', { name: 'Turn on' }));
    expect(await section.findByRole('alert')).toHaveTextContent('This code is wrong or was already used.');
    await user.clear(section.getByLabelText(/^Code/));
    await user.type(section.getByLabelText(/^Code/), '654 321');
    await user.click(section.getByRole('button', { name: 'Turn on' }));

    const shown = within(await screen.findByTestId('recovery-codes'));
    expect(shown.getByText('Store these recovery codes now')).toBeInTheDocument();
    expect(shown.getAllByRole('listitem').map((li) => li.textContent)).toEqual(CODES);
    expect(shown.getByRole('button', { name: 'Copy the codes' })).toBeInTheDocument();
    await user.click(shown.getByRole('button', { name: 'Download as .txt' }));
    expect(saved).toHaveLength(1);
    expect(await saved[0]!.text()).toContain(CODES.join('\n'));
    expect(calls.filter((c) => c.call === 'POST /api/v1/me/mfa/totp/confirm').map((c) => c.body)).toEqual([
      { code: '111111' },
      { code: '654321' },
    ]);
    expect(screen.queryByRole('img', { name: 'QR code for your authenticator app' })).toBeNull();

    await user.click(shown.getByRole('button', { name: 'I have stored the codes' }));
    expect(screen.queryByTestId('recovery-codes')).toBeNull();
    expect(document.body).not.toHaveTextContent(CODES[0]!);
    expect(document.body).not.toHaveTextContent(ENROLMENT.secret);
    expect(section.getByText('On')).toBeInTheDocument();
    expect(section.getByRole('button', { name: 'Turn off two-factor authentication' })).toBeInTheDocument();
  });

  it('a 409 on set-up means TOTP is on already; it is turned off with a recovery code (DELETE with a JSON body)', async () => {
    const { calls } = account((request) => {
      const path = pathOf(request);
      if (path === '/api/v1/me/mfa/totp' && request.method === 'POST') return problem(409, 'conflict');
      if (path === '/api/v1/me/mfa/totp' && request.method === 'DELETE') return new Response(null, { status: 204 });
      return undefined;
    });
    const user = userEvent.setup({ delay: null });
    const section = within(await screen.findByTestId('two-factor'));
    await user.click(section.getByRole('button', { name: 'Set up two-factor authentication' }));
    expect(await section.findByText('Two-factor authentication is already on for your account.')).toBeInTheDocument();
    expect(section.queryByRole('alert')).toBeNull();
    await user.click(section.getByRole('button', { name: 'Use a recovery code instead' }));
    await user.type(section.getByLabelText(/^Recovery code/), 'ABCD-EFGH-IJ00-KLMN');
    await user.click(section.getByRole('button', { name: 'Turn off two-factor authentication' }));
    expect(await section.findByText(/Two-factor authentication is off\./)).toBeInTheDocument();
    expect(section.getByText('Off')).toBeInTheDocument();
    expect(calls.filter((c) => c.call === 'DELETE /api/v1/me/mfa/totp').map((c) => c.body)).toEqual([
      { recoveryCode: 'ABCD-EFGH-IJ00-KLMN' },
    ]);
  });

  it('lists the sessions last used first with a readable device and a badge on this one; End sends DELETE', async () => {
    const { calls } = account((request) =>
      request.method === 'DELETE' ? new Response(null, { status: 204 }) : undefined,
    );
    const rows = await screen.findAllByTestId('session-row');
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]!.textContent)).toEqual([
      'Chrome on Linux This device',
      'Firefox on Windows ',
      'curl ',
    ]);
    expect(within(rows[0]!).getByText('This device')).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('203.0.113.7');
    expect(rows[2]).toHaveTextContent('unknown');
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'End the session of Firefox on Windows' }));
    expect(await screen.findByText('The session of Firefox on Windows has ended.')).toBeInTheDocument();
    expect(calls.map((c) => c.call)).toContain(`DELETE /api/v1/me/sessions/${SESSIONS[0]!.id}`);
    expect(calls.map((c) => c.call)).not.toContain('POST /api/v1/auth/logout');
    expect(screen.getByTestId('signed-in-as')).toBeInTheDocument();
  });

  it('ending this device\'s session is a logout: back to the login page', async () => {
    const { router, calls, client } = account((request) =>
      request.method === 'DELETE' ? new Response(null, { status: 204 }) : undefined,
    );
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: "End this device's session and log out" }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(await screen.findByRole('heading', { name: 'Log in to Coffer' })).toBeInTheDocument();
    expect(calls.map((c) => c.call)).toEqual(
      expect.arrayContaining([`DELETE /api/v1/me/sessions/${SESSIONS[1]!.id}`, 'POST /api/v1/auth/logout']),
    );
    expect(client.getAccessToken()).toBeNull();
  });

  it('GET /me tells that TOTP is on and how many recovery codes are left (MFA-20)', async () => {
    account(() => undefined, TOTP_ON);
    const section = within(await screen.findByTestId('two-factor'));
    expect(await section.findByText('On')).toBeInTheDocument();
    expect(section.getByTestId('codes-left')).toHaveTextContent('3 recovery codes left');
    expect(section.queryByRole('button', { name: 'Set up two-factor authentication' })).toBeNull();
    expect(section.getByRole('button', { name: 'Turn off two-factor authentication' })).toBeInTheDocument();
  });

  it('with TOTP off GET /me says so: set-up is offered, nothing to turn off', async () => {
    account(() => undefined, { ...OWNER, mfa: { totp: false, recoveryCodesLeft: 0 } });
    const section = within(await screen.findByTestId('two-factor'));
    expect(await section.findByText('Off')).toBeInTheDocument();
    expect(section.getByRole('button', { name: 'Set up two-factor authentication' })).toBeInTheDocument();
    expect(section.queryByRole('button', { name: 'Turn it off…' })).toBeNull();
  });

  it('regenerates the recovery codes with a code of the app and shows the ten new ones once (MFA-19)', async () => {
    const { calls } = account((request, body) => {
      if (pathOf(request) === '/api/v1/me/mfa/recovery-codes') {
        return (body as { code: string }).code === '246810'
          ? json(200, { recoveryCodes: NEW_CODES })
          : json(400, { type: '/problems/validation', title: 'x', status: 400, detail: 'd', errors: [{ field: 'code', message: 'is wrong' }] });
      }
      return undefined;
    }, TOTP_ON);
    const user = userEvent.setup({ delay: null });
    const section = within(await screen.findByTestId('two-factor'));
    await user.click(await section.findByRole('button', { name: 'Regenerate recovery codes' }));
    const form = within(section.getByTestId('regenerate-codes'));
    await user.type(form.getByLabelText(/^Code/), '111111');
    await user.click(form.getByRole('button', { name: 'Make new codes' }));
    expect(await form.findByRole('alert')).toHaveTextContent('This code is wrong or was already used.');
    await user.clear(form.getByLabelText(/^Code/));
    await user.type(form.getByLabelText(/^Code/), '246 810');
    await user.click(form.getByRole('button', { name: 'Make new codes' }));

    const shown = within(await screen.findByTestId('recovery-codes'));
    expect(shown.getByText('Your new recovery codes are ready. The earlier ones no longer work.')).toBeInTheDocument();
    expect(shown.getAllByRole('listitem').map((li) => li.textContent)).toEqual(NEW_CODES);
    expect(calls.filter((c) => c.call === 'POST /api/v1/me/mfa/recovery-codes').map((c) => c.body)).toEqual([
      { code: '111111' },
      { code: '246810' },
    ]);
    await user.click(shown.getByRole('button', { name: 'I have stored the codes' }));
    expect(screen.queryByTestId('recovery-codes')).toBeNull();
    expect(document.body).not.toHaveTextContent(NEW_CODES[0]!);
  });

  it('sent to enrol while the account has TOTP: this session must sign in again, and the button logs out (MFA-18)', async () => {
    const { router, calls } = account(() => undefined, TOTP_ON, '/account?enrol=required');
    expect(await screen.findByText(/this session was signed in without it/)).toBeInTheDocument();
    expect(screen.queryByText(/Set it up below to go on/)).toBeNull();
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Log out and log in again' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
    expect(calls.map((c) => c.call)).toContain('POST /api/v1/auth/logout');
  });

  it('sent to enrol without TOTP: the notice asks to set it up', async () => {
    account(() => undefined, { ...OWNER, mfa: { totp: false, recoveryCodesLeft: 0 } }, '/account?enrol=required');
    expect(await screen.findByText(/Set it up below to go on/)).toBeInTheDocument();
    expect(screen.queryByText(/this session was signed in without it/)).toBeNull();
  });
});
