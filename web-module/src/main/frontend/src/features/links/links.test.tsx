import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { json, pathOf, renderApp as renderSignedIn, signedIn, type Handler } from '../../test/render';
import { emptyForm, linkStatus, toRequest, validate, watermarkPreview } from './linkForm';

const ME = { userId: 'u1', tenantId: 't1', tenantSlug: 'acme', email: 'ann@acme.test', displayName: 'Ann', role: 'OWNER' };
const ROOM = '018f0000-0000-7000-8000-0000000000a1';
const FOLDER = '018f0000-0000-7000-8000-0000000000f1';
const DOC = '018f0000-0000-7000-8000-0000000000d1';
const LINK = '018f0000-0000-7000-8000-0000000000c1';

function renderApp(path: string, handler: Handler) {
  return renderSignedIn(path, signedIn(handler, ME));
}

const link = (over: object = {}) => ({
  id: LINK, target: { type: 'DATAROOM', id: ROOM }, name: 'Investors', hasPassword: true, expiresAt: null,
  requireEmail: true, verifyEmail: true, allowEmails: [], allowDomains: [], denyEmails: [], denyDomains: [],
  allowDownload: false, watermark: { enabled: true, text: null }, maxViews: 10, views: 3, ndaText: null, ndaVersion: 0,
  itemOverrides: [], createdAt: '2026-11-30T10:00:00Z', updatedAt: '2026-11-30T10:00:00Z', revokedAt: null, revoked: false,
  ...over,
});

describe('link form', () => {
  it('sends only the contract\'s fields; an email code implies requireEmail; lists split by line and comma', () => {
    const request = toRequest({
      ...emptyForm, password: 'pw', verifyEmail: true, allowDomains: 'acme.test\n*.partner.test, acme.test',
      allowSearch: true, allowQuestions: true, watermark: true, watermarkText: '  {email} {date}  ', maxViews: 5, nda: true, ndaText: 'Keep it secret',
      overrides: { [DOC]: { hidden: false, download: 'allow' }, [FOLDER]: { hidden: true, download: 'inherit' } },
    }, { type: 'DATAROOM', id: ROOM, roomId: ROOM, name: 'Deal' } as never);
    expect(request).toEqual({
      target: { type: 'DATAROOM', id: ROOM }, password: 'pw', requireEmail: true, verifyEmail: true,
      allowEmails: [], allowDomains: ['acme.test', '*.partner.test'], denyEmails: [], denyDomains: [],
      allowDownload: false, allowSearch: true, allowQuestions: true, watermark: { enabled: true, text: '{email} {date}' }, maxViews: 5, ndaText: 'Keep it secret',
      itemOverrides: [{ itemId: DOC, allowDownload: true }, { itemId: FOLDER, hidden: true }],
    });
  });

  it('refuses bad entries before the server does', () => {
    const errors = validate({ ...emptyForm, allowEmails: 'not-an-email', denyDomains: 'bad domain', expiresAt: '2020-01-01T10:00', maxViews: 0 },
      new Date('2026-12-01T00:00:00Z'));
    expect(Object.keys(errors).sort()).toEqual(['allowEmails', 'denyDomains', 'expiresAt', 'maxViews']);
  });

  it('the watermark preview fills the server\'s placeholders (the default line when empty)', () => {
    const at = new Date('2026-12-02T07:05:00Z');
    expect(watermarkPreview('', { email: 'v@x.test', at, ip: '203.0.113.7', link: 'Deck' })).toBe('v@x.test | 2026-12-02 07:05 UTC | 203.0.113.7 | Deck');
    expect(watermarkPreview('Confidential {email}', { email: 'v@x.test', at, ip: 'i', link: '' })).toBe('Confidential v@x.test');
  });

  it('status: revoked, expired, used up, active', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(linkStatus(link({ revoked: true }) as never, now)).toBe('revoked');
    expect(linkStatus(link({ expiresAt: '2026-11-01T00:00:00Z' }) as never, now)).toBe('expired');
    expect(linkStatus(link({ views: 10 }) as never, now)).toBe('usedUp');
    expect(linkStatus(link() as never, now)).toBe('active');
  });
});

describe('the links page', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('creates a password + email-code link for a room through the dialog, shows its address to copy, lists and revokes', async () => {
    let created: Record<string, unknown> | null = null;
    let revoked = false;
    renderApp('/links', async (request) => {
      const p = pathOf(request);
      if (p === '/api/v1/datarooms') return json(200, { items: [{ id: ROOM, name: 'Deal', createdAt: '2026-11-30T10:00:00Z', myPermission: 'MANAGE' }], nextCursor: null });
      if (p === `/api/v1/datarooms/${ROOM}/tree`) {
        return json(200, { id: ROOM, kind: 'DATAROOM', name: 'Deal', index: '', myPermission: 'MANAGE', children: [
          { id: FOLDER, kind: 'FOLDER', name: 'Finance', index: '1', myPermission: 'MANAGE', children: [
            { id: DOC, kind: 'DOCUMENT', name: 'Q3.pdf', index: '1.1', myPermission: 'MANAGE', children: null }] }] });
      }
      if (p === '/api/v1/share-links' && request.method === 'POST') {
        created = (await request.json()) as Record<string, unknown>;
        return json(201, { ...link(), token: 'tok', url: 'http://coffer.test/l/tok' });
      }
      if (p === '/api/v1/share-links') return json(200, { items: created ? [link({ revoked })] : [], nextCursor: null });
      if (p === `/api/v1/share-links/${LINK}` && request.method === 'DELETE') {
        revoked = true;
        return new Response(null, { status: 204 });
      }
      return json(404, { type: '/problems/not-found', title: 'x', status: 404, detail: 'd' });
    });
    const user = userEvent.setup({ delay: null });
    expect(await screen.findByTestId('links-empty', {}, { timeout: 5000 })).toHaveTextContent('There are no share links yet.');
    await user.selectOptions(await screen.findByLabelText('Room'), ROOM);
    await screen.findByLabelText('What to share');
    await user.click(screen.getByRole('button', { name: 'Create a link…' }));

    const dialog = await screen.findByRole('dialog', { name: 'Share “Deal”' });
    await user.type(within(dialog).getByLabelText(/^Link name/), 'Investors');
    await user.type(within(dialog).getByLabelText(/^Password/), 'open sesame');
    await user.click(within(dialog).getByRole('switch', { name: /Verify the email with a code/ }));
    expect(within(dialog).getByRole('switch', { name: /Ask for the visitor’s email address/ })).toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: 'Watermark' }));
    await user.click(await within(dialog).findByRole('switch', { name: /Watermark every page/ }));
    expect(within(dialog).getByTestId('watermark-line')).toHaveTextContent(/^visitor@example\.com \| \d{4}-\d\d-\d\d \d\d:\d\d UTC \| 203\.0\.113\.7 \| Investors$/);
    await user.type(within(dialog).getByLabelText(/^Watermark text/), 'Confidential for {{email}');
    expect(within(dialog).getByTestId('watermark-line')).toHaveTextContent('Confidential for visitor@example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Per-item settings' }));
    await user.click(await within(dialog).findByRole('checkbox', { name: 'Hide 1.1 Q3.pdf' }));
    await user.click(within(dialog).getByRole('button', { name: 'Create link' }));

    expect(await within(dialog).findByTestId('link-url')).toHaveTextContent('http://coffer.test/l/tok');
    expect(within(dialog).getByRole('button', { name: 'Copy link' })).toBeInTheDocument();
    expect(created).toMatchObject({
      target: { type: 'DATAROOM', id: ROOM }, name: 'Investors', password: 'open sesame', requireEmail: true, verifyEmail: true,
      watermark: { enabled: true, text: 'Confidential for {email}' }, itemOverrides: [{ itemId: DOC, hidden: true }],
    });
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));

    const row = await screen.findByTestId(`link-row-${LINK}`);
    expect(within(row).getByText('Active')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'Revoke Investors' }));
    await user.click(await screen.findByRole('button', { name: 'Revoke link' }));
    await waitFor(() => expect(within(screen.getByTestId(`link-row-${LINK}`)).getByText('Revoked')).toBeInTheDocument());
  }, 90_000);
});
