import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { OWNER, json, pathOf, problem, renderApp, signedIn } from '../../test/render';

const BOB = { userId: '0193b0a4-0000-7000-8000-000000000002', email: 'bob@acme.test', displayName: 'Bob', role: 'MEMBER' };

describe('members area', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('an API key is shown once with a copy button, then only its name and status remain', async () => {
    const keys: object[] = [];
    let posted: unknown;
    renderApp(
      '/members/api-keys',
      signedIn(async (request) => {
        if (pathOf(request) === '/api/v1/api-keys' && request.method === 'POST') {
          posted = await request.json();
          const key = { id: '0193b0a4-0000-7000-8000-0000000000k1', name: 'backup', scopes: ['read', 'write'], createdAt: '2026-12-02T10:00:00Z', expiresAt: null, revoked: false };
          keys.push(key);
          return json(201, { ...key, key: 'ck_secret_value_shown_once' });
        }
        if (pathOf(request) === '/api/v1/api-keys') return json(200, { items: keys, nextCursor: null });
        return problem(404, 'not-found');
      }),
    );
    expect(await screen.findByText('No API keys yet.')).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByLabelText(/^Name/), 'backup');
    await user.click(screen.getByLabelText('Write (everything a member may do)'));
    await user.click(screen.getByRole('button', { name: 'Create the key' }));

    const shown = await screen.findByTestId('new-api-key');
    expect(within(shown).getByLabelText('The API key')).toHaveValue('ck_secret_value_shown_once');
    expect(within(shown).getByRole('button', { name: 'Copy' })).toBeInTheDocument();
    expect(posted).toEqual({ name: 'backup', scopes: ['read', 'write'] });
    const row = (await screen.findByRole('cell', { name: 'backup' })).closest('tr')!;
    expect(within(row).getByText('Active')).toBeInTheDocument();
    expect(row).not.toHaveTextContent('ck_secret_value_shown_once');

    await user.click(within(shown).getByRole('button', { name: 'I have stored the key' }));
    expect(screen.queryByTestId('new-api-key')).toBeNull();
    expect(document.body).not.toHaveTextContent('ck_secret_value_shown_once');
  });

  it('a key needs a name and a scope, and an expiry from today on, before anything is sent', async () => {
    const sent: string[] = [];
    renderApp(
      '/members/api-keys',
      signedIn((request) => {
        sent.push(`${request.method} ${pathOf(request)}`);
        return json(200, { items: [], nextCursor: null });
      }),
    );
    const user = userEvent.setup({ delay: null });
    await screen.findByText('No API keys yet.');
    await user.click(screen.getByLabelText('Read (GET only)'));
    await user.click(screen.getByRole('button', { name: 'Create the key' }));
    expect(await screen.findByText('Give the key a name.')).toBeInTheDocument();
    expect(screen.getByText('Choose at least one scope.')).toBeInTheDocument();
    expect(sent.filter((s) => s.startsWith('POST'))).toEqual([]);
  });

  it('changing a role sends PATCH and says so; the last owner gets a sentence, not JSON', async () => {
    const patched: unknown[] = [];
    renderApp(
      '/members',
      signedIn(async (request) => {
        if (pathOf(request) === '/api/v1/members') return json(200, { items: [OWNER, BOB], nextCursor: null });
        if (request.method === 'PATCH' && pathOf(request) === `/api/v1/members/${BOB.userId}`) {
          patched.push(await request.json());
          return json(200, { ...BOB, role: 'ADMIN' });
        }
        if (request.method === 'PATCH') return problem(409, 'conflict');
        return problem(404, 'not-found');
      }),
    );
    const user = userEvent.setup({ delay: null });
    await user.selectOptions(await screen.findByLabelText('Role of Bob'), 'ADMIN');
    expect(await screen.findByRole('status')).toHaveTextContent('The role of Bob is now Admin.');
    expect(patched).toEqual([{ role: 'ADMIN' }]);

    await user.selectOptions(screen.getByLabelText('Role of Ann Owner'), 'MEMBER');
    expect(await screen.findByRole('alert')).toHaveTextContent('The last owner cannot be demoted or removed.');
  });

  it('an admin ends every session of a member after a confirmation; an owner\'s gets 403 with its detail', async () => {
    const ADMIN = { ...OWNER, userId: '0193b0a4-0000-7000-8000-000000000003', displayName: 'Ada Admin', email: 'ada@acme.test', role: 'ADMIN' };
    const ended: string[] = [];
    renderApp(
      '/members',
      signedIn((request) => {
        const path = pathOf(request);
        if (path === '/api/v1/members') return json(200, { items: [OWNER, ADMIN, BOB], nextCursor: null });
        if (request.method === 'DELETE' && path.endsWith('/sessions')) {
          ended.push(path);
          return path === `/api/v1/members/${OWNER.userId}/sessions`
            ? json(403, { type: '/problems/forbidden', title: 'Forbidden', status: 403, detail: "only an owner ends an owner's sessions" })
            : new Response(null, { status: 204 });
        }
        return problem(404, 'not-found');
      }, ADMIN),
    );
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'End sessions of Bob' }));
    const dialog = await screen.findByRole('dialog', { name: 'End every session of Bob?' });
    expect(ended).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'End sessions' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Every session of Bob has ended.');
    expect(ended).toEqual([`/api/v1/members/${BOB.userId}/sessions`]);

    await user.click(screen.getByRole('button', { name: 'End sessions of Ann Owner' }));
    const refused = await screen.findByRole('dialog', { name: 'End every session of Ann Owner?' });
    await user.click(within(refused).getByRole('button', { name: 'End sessions' }));
    expect(await within(refused).findByRole('alert')).toHaveTextContent("only an owner ends an owner's");
    expect(within(refused).getByTestId('problem-detail')).toHaveTextContent("only an owner ends an owner's sessions");
    expect(screen.getByTestId('signed-in-as')).toBeInTheDocument();
  });

  it('ending one\'s own sessions from the members list is a logout', async () => {
    const { router } = renderApp(
      '/members',
      signedIn((request) => {
        const path = pathOf(request);
        if (path === '/api/v1/members') return json(200, { items: [OWNER, BOB], nextCursor: null });
        if (request.method === 'DELETE' && path === `/api/v1/members/${OWNER.userId}/sessions`) return new Response(null, { status: 204 });
        if (path === '/api/v1/auth/logout') return new Response(null, { status: 204 });
        return problem(404, 'not-found');
      }),
    );
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'End sessions of Ann Owner' }));
    const dialog = await screen.findByRole('dialog', { name: 'End every session of Ann Owner?' });
    expect(dialog).toHaveTextContent('You are logged out on every device, this one too');
    await user.click(within(dialog).getByRole('button', { name: 'End sessions' }));
    expect(await screen.findByRole('heading', { name: 'Log in to Coffer' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
  });
});
