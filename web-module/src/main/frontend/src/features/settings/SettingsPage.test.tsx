import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { OWNER, json, pathOf, problem, renderApp, signedIn } from '../../test/render';
import { policyOf } from './security';

const DEFAULTS = { requireMfa: false, allowedLoginMethods: ['password', 'webauthn', 'oidc'], sessionHours: 168 };

/** The settings area against a server keeping one policy; `puts` records the PUT bodies. */
function settings(answer?: (body: unknown) => Response | undefined, me: object = OWNER) {
  const puts: unknown[] = [];
  let policy: object = DEFAULTS;
  const view = renderApp(
    '/settings/security',
    signedIn(async (request) => {
      if (pathOf(request) !== '/api/v1/tenant/security') return problem(404, 'not-found');
      if (request.method === 'GET') return json(200, policy);
      const body = await request.json();
      puts.push(body);
      const refused = answer?.(body);
      if (refused) return refused;
      policy = body as object;
      return json(200, policy);
    }, me),
  );
  return { ...view, puts };
}

describe('settings: sign-in security (GET/PUT /tenant/security)', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('is in the navigation for an owner and shows the saved policy', async () => {
    settings();
    expect(await screen.findByRole('heading', { name: 'Settings', level: 1 })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Settings' })).toHaveAttribute('href', '/settings/security');
    expect(await screen.findByRole('switch', { name: /^Require two-factor authentication/ })).not.toBeChecked();
    expect(screen.getByLabelText('Password')).toBeChecked();
    expect(screen.getByLabelText('Passkeys')).toBeChecked();
    expect(screen.getByLabelText('Single sign-on (OpenID Connect)')).toBeChecked();
    expect(screen.getByLabelText(/^Session length/)).toHaveValue('168');
  });

  it('is not in the navigation of a member', async () => {
    settings(undefined, { ...OWNER, role: 'MEMBER' });
    await screen.findByTestId('signed-in-as');
    expect(screen.queryByRole('link', { name: 'Settings' })).toBeNull();
  });

  it('saves the policy with PUT: require MFA (with a warning first), the methods in the contract order, the hours', async () => {
    const { puts } = settings();
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('switch', { name: /^Require two-factor authentication/ }));
    expect(screen.getByRole('note')).toHaveTextContent('you included, is sent to set one up first');
    await user.click(screen.getByLabelText('Passkeys'));
    const hours = screen.getByLabelText(/^Session length/);
    await user.clear(hours);
    await user.type(hours, '24');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The sign-in security was saved.')).toBeInTheDocument();
    expect(puts).toEqual([{ requireMfa: true, allowedLoginMethods: ['password', 'oidc'], sessionHours: 24 }]);
  });

  it('a 409 (no way left to log in) is said clearly and nothing is shown as saved', async () => {
    const { puts } = settings((body) =>
      (body as { allowedLoginMethods: string[] }).allowedLoginMethods.includes('password') ? undefined : problem(409, 'conflict'),
    );
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByLabelText('Password'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This would leave nobody a way to log in');
    expect(screen.queryByText('The sign-in security was saved.')).toBeNull();
    expect(puts).toHaveLength(1);
  });

  it('a 400 of the server names the field', async () => {
    settings(() =>
      json(400, { type: '/problems/validation', title: 'x', status: 400, detail: 'd', errors: [{ field: 'sessionHours', message: 'must be 1 to 720' }] }),
    );
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Please check this field: session length.');
  });

  it('refuses in the form what the server would refuse: no method, hours outside 1..720', async () => {
    const { puts } = settings();
    const user = userEvent.setup({ delay: null });
    for (const name of ['Password', 'Passkeys', 'Single sign-on (OpenID Connect)']) {
      await user.click(await screen.findByLabelText(name));
    }
    const hours = screen.getByLabelText(/^Session length/);
    await user.clear(hours);
    await user.type(hours, '721');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Choose at least one login method.')).toBeInTheDocument();
    expect(screen.getByText('Enter a whole number of hours from 1 to 720.')).toBeInTheDocument();
    expect(puts).toEqual([]);
  });
  it('after saving require-MFA the next call sends this session to the account page to enrol (MFA-14)', async () => {
    let due = false;
    const { router } = renderApp(
      '/settings/security',
      signedIn(async (request) => {
        const path = pathOf(request);
        if (due && path !== '/api/v1/me' && !path.startsWith('/api/v1/me/')) return problem(403, 'mfa-enrolment-required');
        if (path === '/api/v1/tenant/security' && request.method === 'GET') return json(200, { requireMfa: false, allowedLoginMethods: ['password'], sessionHours: 168 });
        if (path === '/api/v1/tenant/security') {
          due = true;
          return json(200, await request.json());
        }
        return problem(404, 'not-found');
      }, { ...OWNER, mfa: { totp: false, recoveryCodesLeft: 0 } }),
    );
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('switch', { name: /^Require two-factor authentication/ }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('The sign-in security was saved.')).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Members' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/account'));
    expect(await screen.findByText(/Set it up below to go on/)).toBeInTheDocument();
  });
});

describe('policyOf', () => {
  it('keeps the contract order and refuses what the server refuses', () => {
    expect(policyOf({ requireMfa: false, methods: ['oidc', 'password'], hours: 1 })).toEqual({
      policy: { requireMfa: false, allowedLoginMethods: ['password', 'oidc'], sessionHours: 1 },
    });
    expect(policyOf({ requireMfa: false, methods: [], hours: 0 })).toEqual({
      errors: { methods: 'methodsRequired', hours: 'hoursRange' },
    });
    expect(policyOf({ requireMfa: true, methods: ['password'], hours: '' })).toEqual({ errors: { hours: 'hoursRange' } });
    expect(policyOf({ requireMfa: true, methods: ['password'], hours: 1.5 })).toEqual({ errors: { hours: 'hoursRange' } });
  });
});

describe('settings: single sign-on (GET/PUT /tenant/sso)', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  const SAVED = {
    enabled: true,
    issuer: 'https://login.example.com/realms/acme',
    clientId: 'coffer',
    clientSecretSet: true,
    emailDomains: ['acme.test'],
    autoProvision: false,
    defaultRole: 'MEMBER',
  };

  function sso(answer?: (body: unknown) => Response | undefined) {
    const puts: unknown[] = [];
    let saved: object = SAVED;
    renderApp(
      '/settings/sso',
      signedIn(async (request) => {
        if (pathOf(request) !== '/api/v1/tenant/sso') return problem(404, 'not-found');
        if (request.method === 'GET') return json(200, saved);
        const body = await request.json();
        puts.push(body);
        const refused = answer?.(body);
        if (refused) return refused;
        saved = { ...SAVED, ...(body as object), clientSecretSet: true };
        delete (saved as { clientSecret?: string }).clientSecret;
        return json(200, saved);
      }),
    );
    return { puts };
  }

  it('shows the saved provider without the secret and keeps the secret when the field is left empty', async () => {
    const { puts } = sso();
    expect(await screen.findByLabelText('Issuer URL')).toHaveValue(SAVED.issuer);
    expect(screen.getByText('A secret is stored. Leave this empty to keep it.')).toBeInTheDocument();
    expect(screen.getByText(/\/api\/v1\/auth\/sso\/callback$/)).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('switch', { name: /^Create members on first sign-in/ }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('status')).toHaveTextContent('The single sign-on settings were saved.');
    expect(puts).toEqual([
      {
        enabled: true,
        issuer: SAVED.issuer,
        clientId: 'coffer',
        emailDomains: ['acme.test'],
        autoProvision: true,
        defaultRole: 'MEMBER',
      },
    ]);
  });

  it('sends a new secret, and says why turning SSO off is refused while it is the only way in (409)', async () => {
    const { puts } = sso((body) =>
      (body as { enabled: boolean }).enabled ? undefined : problem(409, 'conflict'),
    );
    const user = userEvent.setup({ delay: null });
    await user.type(await screen.findByLabelText('Client secret'), 'n3w');
    await user.click(screen.getByRole('switch', { name: /^Allow sign-in with single sign-on/ }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Single sign-on is the only allowed login method');
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({ enabled: false, clientSecret: 'n3w' });
  });

  it('an administrator is told that single sign-on is the owner\'s', async () => {
    renderApp(
      '/settings/sso',
      signedIn(async (request) =>
        pathOf(request) === '/api/v1/tenant/sso' ? problem(403, 'forbidden') : problem(404, 'not-found'),
      { ...OWNER, role: 'ADMIN' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('Only an owner of the organisation');
  });
});

describe('settings: search language (GET/PUT /tenant/search)', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('shows the saved language and saves another one with PUT', async () => {
    const puts: unknown[] = [];
    let language = 'english';
    renderApp(
      '/settings/search',
      signedIn(async (request) => {
        if (pathOf(request) !== '/api/v1/tenant/search') return problem(404, 'not-found');
        if (request.method === 'PUT') {
          const body = (await request.json()) as { language: string };
          puts.push(body);
          language = body.language;
        }
        return json(200, { language });
      }),
    );
    const user = userEvent.setup({ delay: null });
    expect(await screen.findByRole('radio', { name: 'English' })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: 'German' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('status')).toHaveTextContent('The search language was saved.');
    expect(puts).toEqual([{ language: 'german' }]);
    await waitFor(() => expect(screen.getByRole('radio', { name: 'German' })).toBeChecked());
  });
});
