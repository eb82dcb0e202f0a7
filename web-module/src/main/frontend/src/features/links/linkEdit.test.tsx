import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { json, pathOf, renderApp as renderSignedIn, signedIn, type Handler } from '../../test/render';
import { afterApproval, editOf, endsSessions, toPatch, validateEdit } from './linkEdit';

const ME = { userId: 'u1', tenantId: 't1', tenantSlug: 'acme', email: 'ann@acme.test', displayName: 'Ann', role: 'OWNER' };
const ROOM = '018f0000-0000-7000-8000-0000000000a1';
const LINK = '018f0000-0000-7000-8000-0000000000c1';

const link = (over: object = {}) => ({
  id: LINK, target: { type: 'DATAROOM', id: ROOM }, name: 'Investors', hasPassword: true, expiresAt: null,
  requireEmail: true, verifyEmail: true, allowEmails: [], allowDomains: [], denyEmails: [], denyDomains: [],
  allowDownload: false, allowSearch: false, allowQuestions: false, watermark: { enabled: true, text: 'Confidential {email}' }, maxViews: 10, views: 3, ndaText: null,
  ndaVersion: 0, itemOverrides: [], createdAt: '2026-11-30T10:00:00Z', updatedAt: '2026-11-30T10:00:00Z', revokedAt: null,
  revoked: false, ...over,
});

describe('link edit', () => {
  it('an unchanged editor sends nothing; only what changed is sent, null clears', () => {
    const l = link({ expiresAt: '2027-01-10T09:30:00Z' }) as never;
    const start = editOf(l);
    expect(toPatch(l, start)).toEqual({});
    expect(toPatch(l, { ...start, maxViews: '', expiresAt: '', allowDownload: true })).toEqual({
      maxViews: null, expiresAt: null, allowDownload: true,
    });
    expect(toPatch(l, { ...start, allowSearch: true })).toEqual({ allowSearch: true });
    expect(toPatch(l, { ...start, allowQuestions: true })).toEqual({ allowQuestions: true });
    // Switching the watermark keeps its text; the target is never part of a PATCH.
    const off = toPatch(l, { ...start, watermark: false, name: ' Board ' });
    expect(off).toEqual({ name: 'Board', watermark: { enabled: false, text: 'Confidential {email}' } });
    expect('target' in off).toBe(false);
  });

  it('a password change is sent (new or removed) and announced as ending the visitor sessions', () => {
    const l = link() as never;
    const start = editOf(l);
    expect(endsSessions(toPatch(l, start))).toBe(false);
    expect(toPatch(l, { ...start, passwordMode: 'new', password: 'new secret' })).toEqual({ password: 'new secret' });
    expect(toPatch(l, { ...start, passwordMode: 'remove' })).toEqual({ password: null });
    expect(endsSessions(toPatch(l, { ...start, passwordMode: 'remove' }))).toBe(true);
    // Removing a password the link does not have changes nothing.
    expect(toPatch(link({ hasPassword: false }) as never, { ...start, passwordMode: 'remove' })).toEqual({});
  });

  it('every other setting can be changed: email rules and lists, NDA, overrides, watermark text (WEB-7)', () => {
    const l = link({
      requireEmail: true, verifyEmail: false, allowDomains: ['acme.test'], denyEmails: ['eve@acme.test'],
      ndaText: 'Keep it secret.', itemOverrides: [{ itemId: 'i-1', hidden: true }, { itemId: 'i-2', allowDownload: true }],
    }) as never;
    const start = editOf(l);
    expect(toPatch(l, start)).toEqual({});
    expect(start.allowDomains).toBe('acme.test');
    expect(start.overrides).toEqual({ 'i-1': { hidden: true, download: 'inherit' }, 'i-2': { hidden: false, download: 'allow' } });
    const lists = toPatch(l, { ...start, allowDomains: 'acme.test\npartner.test', denyEmails: '' });
    expect(lists).toEqual({ allowDomains: ['acme.test', 'partner.test'], denyEmails: [] });
    expect(endsSessions(lists)).toBe(true);
    // lists off and no code: the email is no longer asked for
    const open = toPatch(l, { ...start, allowDomains: '', denyEmails: '', requireEmail: false });
    expect(open).toEqual({ requireEmail: false, allowDomains: [], denyEmails: [] });
    expect(toPatch(l, { ...start, verifyEmail: true })).toEqual({ verifyEmail: true });
    expect(endsSessions(toPatch(l, { ...start, verifyEmail: true }))).toBe(true);
    const nda = toPatch(l, { ...start, nda: false });
    expect(nda).toEqual({ ndaText: null });
    expect(endsSessions(nda)).toBe(true);
    expect(toPatch(l, { ...start, ndaText: 'Keep it secret, v2.' })).toEqual({ ndaText: 'Keep it secret, v2.' });
    // overrides, watermark text and downloads end no session
    const overrides = toPatch(l, { ...start, overrides: { ...start.overrides, 'i-1': { hidden: false, download: 'deny' } } });
    expect(overrides).toEqual({ itemOverrides: [{ itemId: 'i-1', allowDownload: false }, { itemId: 'i-2', allowDownload: true }] });
    expect(endsSessions(overrides)).toBe(false);
    const text = toPatch(l, { ...start, watermarkText: 'Board only {email}' });
    expect(text).toEqual({ watermark: { enabled: true, text: 'Board only {email}' } });
    expect(endsSessions(text)).toBe(false);
    // a document link has no overrides to send
    expect(toPatch(link({ target: { type: 'DOCUMENT', id: 'd' } }) as never, { ...editOf(link() as never), overrides: { x: { hidden: true, download: 'inherit' } } })).toEqual({});
  });

  it('refuses a past expiry, a view limit below 1 and an empty new password', () => {
    const l = link() as never;
    const errors = validateEdit({ ...editOf(l), expiresAt: '2020-01-01T10:00', maxViews: 0, passwordMode: 'new', password: '' }, l,
      new Date('2026-12-01T00:00:00Z'));
    expect(errors).toEqual({ expiresAt: 'dialog.errors.past', maxViews: 'dialog.errors.views', password: 'edit.errors.password' });
  });
});

describe('after an approved access request (AR-2)', () => {
  it('the editor shows the server\'s allow list, and keeps what the owner typed and did not save', () => {
    const before = link({ allowEmails: ['ann@ok.test'] }) as never;
    const fresh = link({ allowEmails: ['ann@ok.test', 'eve@new.test'] }) as never;
    expect(afterApproval(editOf(before), before, fresh).allowEmails).toBe('ann@ok.test\neve@new.test');
    const typed = { ...editOf(before), allowEmails: 'ann@ok.test\nbob@typed.test' };
    expect(afterApproval(typed, before, fresh).allowEmails).toBe('ann@ok.test\nbob@typed.test\neve@new.test');
    // an entry the owner typed already is not doubled; after the approval nothing is left to save
    const same = { ...editOf(before), allowEmails: 'ann@ok.test\nEVE@new.test' };
    expect(afterApproval(same, before, fresh).allowEmails).toBe('ann@ok.test\nEVE@new.test');
    expect(toPatch(fresh, afterApproval(editOf(before), before, fresh))).toEqual({});
  });
});

describe('the link list editor', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('edits a link in the list with a PATCH of the changed fields only, and shows the saved link', async () => {
    const patches: Record<string, unknown>[] = [];
    let current = link();
    const handler: Handler = async (request) => {
      const p = pathOf(request);
      if (p === '/api/v1/datarooms') return json(200, { items: [], nextCursor: null });
      if (p === '/api/v1/share-links' && request.method === 'GET') return json(200, { items: [current], nextCursor: null });
      if (p === `/api/v1/share-links/${LINK}` && request.method === 'PATCH') {
        const body = (await request.json()) as Record<string, unknown>;
        patches.push(body);
        current = link({ ...body, hasPassword: true });
        return json(200, current);
      }
      return json(404, { type: '/problems/not-found', title: 'Not found', status: 404 });
    };
    renderSignedIn('/links', signedIn(handler, ME));
    await userEvent.click(await screen.findByRole('button', { name: 'Edit Investors' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit “Investors”' });
    // Saving an unchanged link sends nothing.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(await within(dialog).findByText('Nothing was changed.')).toBeInTheDocument();
    const views = within(dialog).getByLabelText(/^View limit/);
    await userEvent.clear(views);
    await userEvent.type(views, '25');
    await waitFor(() => expect(views).toHaveValue('25'));
    await userEvent.click(within(dialog).getByRole('radio', { name: 'Set a new password' }));
    expect(await within(dialog).findByText(/ends every open visit of this link/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(await within(dialog).findByText('Enter the new password, or keep the old one.')).toBeInTheDocument();
    expect(patches).toEqual([]);
    await userEvent.type(await within(dialog).findByLabelText(/^New password/), 'fresh secret');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(patches).toEqual([{ maxViews: 25, password: 'fresh secret' }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('The link “Investors” was saved.')).toBeInTheDocument();
    expect(await screen.findByText('3 of 25')).toBeInTheDocument();
  });

  it('changes the lists, the NDA, an item override and the watermark text of a room link in the dialog', async () => {
    const patches: Record<string, unknown>[] = [];
    const current = link({ ndaText: 'Keep it secret.' });
    const tree = {
      id: ROOM, kind: 'DATAROOM', name: 'Deal', index: '', myPermission: 'MANAGE',
      children: [{ id: 'f-1', kind: 'FOLDER', name: 'Legal', index: '1', myPermission: 'MANAGE', children: [] }],
    };
    const handler: Handler = async (request) => {
      const p = pathOf(request);
      if (p === '/api/v1/datarooms') return json(200, { items: [], nextCursor: null });
      if (p === `/api/v1/datarooms/${ROOM}/tree`) return json(200, tree);
      if (p === '/api/v1/share-links' && request.method === 'GET') return json(200, { items: [current], nextCursor: null });
      if (p === `/api/v1/share-links/${LINK}` && request.method === 'PATCH') {
        const body = (await request.json()) as Record<string, unknown>;
        patches.push(body);
        return json(200, { ...current, ...body });
      }
      return json(404, { type: '/problems/not-found', title: 'Not found', status: 404 });
    };
    renderSignedIn('/links', signedIn(handler, ME));
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Edit Investors' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit “Investors”' });
    await user.click(within(dialog).getByRole('button', { name: 'Who may open it' }));
    await user.type(within(dialog).getByLabelText(/^Blocked domains/), 'rival.test');
    expect(await within(dialog).findByTestId('ends-sessions')).toHaveTextContent('ends every open visit');
    await user.click(within(dialog).getByRole('button', { name: 'Non-disclosure agreement' }));
    await user.click(within(dialog).getByLabelText(/Ask visitors to accept an NDA/));
    await user.click(within(dialog).getByRole('button', { name: 'Per-item settings' }));
    await user.click(await within(dialog).findByLabelText('Hide 1 Legal'));
    await user.click(within(dialog).getByRole('button', { name: 'Watermark' }));
    const text = within(dialog).getByLabelText(/^Watermark text/);
    await user.clear(text);
    await user.type(text, 'Board {{email}');
    expect(within(dialog).getByTestId('watermark-line')).toHaveTextContent('Board visitor@example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(patches).toEqual([{
      watermark: { enabled: true, text: 'Board {email}' }, denyDomains: ['rival.test'], ndaText: null,
      itemOverrides: [{ itemId: 'f-1', hidden: true }],
    }]));
  });

  it('access requests (AR-2): a badge in the list; approve re-reads the link (the allow list grows); a 409 is told', async () => {
    let current: Record<string, unknown> & { allowEmails: string[] } = link({ allowEmails: ['ann@ok.test'], hasPassword: false }) as never;
    const requests = [
      { id: 'r-1', linkId: LINK, email: 'eve@new.test', message: 'I am the buyer’s counsel.', status: 'PENDING', createdAt: '2026-12-07T09:00:00Z', decidedAt: null },
      { id: 'r-2', linkId: LINK, email: 'bob@new.test', message: null, status: 'PENDING', createdAt: '2026-12-07T08:00:00Z', decidedAt: null },
      { id: 'r-0', linkId: LINK, email: 'old@new.test', message: null, status: 'DENIED', createdAt: '2026-12-01T08:00:00Z', decidedAt: '2026-12-02T08:00:00Z' },
    ];
    const decided: string[] = [];
    const handler: Handler = async (request) => {
      const p = pathOf(request);
      if (p === '/api/v1/datarooms') return json(200, { items: [], nextCursor: null });
      if (p === '/api/v1/share-links' && request.method === 'GET') return json(200, { items: [current], nextCursor: null });
      if (p === `/api/v1/share-links/${LINK}` && request.method === 'GET') return json(200, current);
      if (p === `/api/v1/share-links/${LINK}/access-requests`) return json(200, { items: requests, nextCursor: null });
      const m = /^\/api\/v1\/access-requests\/(r-\d)\/(approve|deny)$/.exec(p);
      if (m && request.method === 'POST') {
        decided.push(`${m[2]} ${m[1]}`);
        const r = requests.find((x) => x.id === m[1])!;
        if (m[1] === 'r-2') {
          // decided meanwhile by another manager
          Object.assign(r, { status: 'APPROVED', decidedAt: '2026-12-07T10:00:00Z' });
          return json(409, { type: '/problems/conflict', title: 'Conflict', status: 409, detail: 'already approved' });
        }
        Object.assign(r, { status: m[2] === 'approve' ? 'APPROVED' : 'DENIED', decidedAt: '2026-12-07T10:00:00Z' });
        if (m[2] === 'approve') current = { ...current, allowEmails: [...current.allowEmails, r.email] };
        return new Response(null, { status: 204 });
      }
      return json(404, { type: '/problems/not-found', title: 'Not found', status: 404 });
    };
    renderSignedIn('/links', signedIn(handler, ME));
    const user = userEvent.setup({ delay: null });
    expect(await screen.findByTestId('pending-requests')).toHaveTextContent('2 access requests');
    await user.click(screen.getByRole('button', { name: 'Edit Investors' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit “Investors”' });
    const panel = within(dialog).getByRole('region', { name: /^Access requests/ });
    const pending = await within(panel).findByRole('list', { name: 'Waiting for a decision' });
    expect(within(pending).getAllByTestId('access-request')).toHaveLength(2);
    expect(within(pending).getByText('I am the buyer’s counsel.')).toBeInTheDocument();
    expect(within(within(panel).getByRole('list', { name: 'Decided' })).getByText('Denied')).toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Approve access for eve@new.test' }));
    expect(await within(panel).findByRole('status')).toHaveTextContent('eve@new.test may now open the link');
    await user.click(within(dialog).getByRole('button', { name: 'Who may open it' }));
    await waitFor(() => expect(within(dialog).getByLabelText(/^Allowed email addresses/)).toHaveValue('ann@ok.test\neve@new.test'));
    // the approval is saved already: the editor has nothing left to send
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(await within(dialog).findByText('Nothing was changed.')).toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Approve access for bob@new.test' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent('This request was already decided');
    await waitFor(() => expect(within(panel).queryAllByTestId('access-request')).toHaveLength(0));
    expect(within(panel).getAllByTestId('decided-request')).toHaveLength(3);
    expect(decided).toEqual(['approve r-1', 'approve r-2']);
  });
});
