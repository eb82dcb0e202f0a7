import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { json, pathOf, renderApp as renderSignedIn, signedIn, type Handler } from '../../test/render';
import { duration, perDay } from './series';

const ME = { userId: 'u1', tenantId: 't1', tenantSlug: 'acme', email: 'ann@acme.test', displayName: 'Ann', role: 'OWNER' };
const LINK = '018f0000-0000-7000-8000-0000000000c1';
const DOC = '018f0000-0000-7000-8000-0000000000d1';

function renderApp(path: string, handler: Handler) {
  return renderSignedIn(path, signedIn(handler, ME));
}

const shareLink = {
  id: LINK, target: { type: 'DOCUMENT', id: DOC }, name: 'Investors', hasPassword: true, expiresAt: null, requireEmail: true,
  verifyEmail: true, allowEmails: [], allowDomains: [], denyEmails: [], denyDomains: [], allowDownload: false,
  watermark: { enabled: true, text: null }, maxViews: null, views: 2, ndaText: null, ndaVersion: 0, itemOverrides: [],
  createdAt: '2026-11-30T10:00:00Z', updatedAt: '2026-11-30T10:00:00Z', revokedAt: null, revoked: false,
};

describe('series', () => {
  it('counts per local day over 30 days, zeros included', () => {
    const now = new Date(2026, 11, 2, 12);
    const days = perDay([new Date(2026, 11, 2, 9).toISOString(), new Date(2026, 11, 2, 10).toISOString(), new Date(2026, 11, 1, 23).toISOString(), new Date(2025, 0, 1).toISOString()], now);
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toEqual({ day: '2026-12-02', views: 2 });
    expect(days.at(-2)).toEqual({ day: '2026-12-01', views: 1 });
    expect(days.reduce((s, d) => s + d.views, 0)).toBe(3);
  });
  it('durations in words', () => {
    expect(duration(45, 'en')).toBe('45 sec');
    expect(duration(200, 'en')).toBe('3 min 20 sec');
    expect(duration(3900, 'en')).toBe('1 hr 5 min');
  });
});

describe('link analytics', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('shows the figures, the visitors with completion, the views per day from the activity stream; the CSV comes with the bearer', async () => {
    const today = new Date().toISOString();
    const { requests } = renderApp(`/analytics/links/${LINK}`, (request) => {
      const p = pathOf(request);
      if (p === `/api/v1/share-links/${LINK}`) return json(200, shareLink);
      if (p === `/api/v1/documents/${DOC}`) return json(200, { id: DOC, name: 'Q3.pdf', size: 1, sha256: 'a'.repeat(64), contentType: 'application/pdf', version: 1, versions: [] });
      if (p === `/api/v1/share-links/${LINK}/analytics`) {
        return json(200, {
          views: 2, uniqueVisitors: 1, totalSeconds: 75, downloads: 0, completion: 0.5,
          pages: [{ documentId: DOC, page: 1, views: 2, seconds: 60 }, { documentId: DOC, page: 2, views: 1, seconds: 15 }],
          visitors: [{ email: 'vera@visitor.test', firstSeen: today, lastSeen: today, seconds: 75, sessions: 2, pagesSeen: 2, completion: 0.5, downloads: 0 }],
        });
      }
      if (p === '/api/v1/activity') {
        return json(200, { items: [
          { id: '1', type: 'link.session-started', at: today, actor: { type: 'VISITOR', id: null }, data: {} },
          { id: '2', type: 'link.session-started', at: today, actor: { type: 'VISITOR', id: null }, data: {} },
        ], nextCursor: null });
      }
      if (p === `/api/v1/share-links/${LINK}/visits`) return new Response('"sessionId"\n', { status: 200, headers: { 'Content-Type': 'text/csv' } });
      return json(404, { type: '/problems/not-found', title: 'x', status: 404, detail: 'd' });
    });
    expect(await screen.findByRole('heading', { name: 'Analytics of “Investors”' }, { timeout: 5000 })).toBeInTheDocument();
    const table = await screen.findByTestId('visitors-table');
    expect(within(table).getByText('vera@visitor.test')).toBeInTheDocument();
    expect(within(table).getByText('50%')).toBeInTheDocument();
    expect(screen.getByTestId('stat-Time spent')).toHaveTextContent('1 min 15 sec');
    expect(await screen.findByRole('img', { name: '2 in the last 30 days, shown per day.' })).toBeInTheDocument();
    const activity = requests.find((r) => pathOf(r) === '/api/v1/activity')!;
    expect(new URL(activity.url).searchParams.get('linkId')).toBe(LINK);
    expect(new URL(activity.url).searchParams.get('type')).toBe('link.session-started');

    URL.createObjectURL ??= () => 'blob:x';
    URL.revokeObjectURL ??= () => {};
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Download visits (CSV)' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    click.mockRestore();
    const csv = requests.find((r) => pathOf(r) === `/api/v1/share-links/${LINK}/visits`)!;
    expect(new URL(csv.url).searchParams.get('format')).toBe('csv');
    expect(csv.headers.get('Authorization')).toBe('Bearer h.p.s');
  });

  it('an unseen link says so, with empty tables', async () => {
    renderApp(`/analytics/links/${LINK}`, (request) => {
      const p = pathOf(request);
      if (p === `/api/v1/share-links/${LINK}`) return json(200, { ...shareLink, target: { type: 'FOLDER', id: DOC } });
      if (p === `/api/v1/share-links/${LINK}/analytics`) return json(200, { views: 0, uniqueVisitors: 0, totalSeconds: 0, downloads: 0, completion: null, pages: [], visitors: [] });
      if (p === '/api/v1/activity') return json(200, { items: [], nextCursor: null });
      return json(404, { type: '/problems/not-found', title: 'x', status: 404, detail: 'd' });
    });
    expect(await screen.findByTestId('analytics-empty', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByTestId('visitors-empty')).toHaveTextContent('No visitors yet.');
  });
});
