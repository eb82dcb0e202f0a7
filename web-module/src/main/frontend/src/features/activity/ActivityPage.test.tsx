import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, pathOf, renderOps, requestsTo } from './testing';

const ROOM = '0190a000-0000-7000-8000-000000000001';
const DOC = '0190a000-0000-7000-8000-000000000002';

function event(n: number) {
  return {
    id: `0190a000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`,
    type: 'document.viewed',
    at: '2026-12-02T08:15:00Z',
    actor: { type: 'VISITOR', id: null, email: `v${n}@example.com` },
    dataroomId: ROOM,
    documentId: DOC,
    data: {},
  };
}

function server(request: Request): Response {
  const url = new URL(request.url);
  switch (pathOf(request)) {
    case '/api/v1/activity':
      return url.searchParams.get('cursor') === 'c2'
        ? json(200, { items: [event(3)], nextCursor: null })
        : json(200, { items: [event(1), event(2)], nextCursor: 'c2' });
    case '/api/v1/datarooms':
      return json(200, { items: [{ id: ROOM, name: 'Deal', myPermission: 'MANAGE', createdAt: '2026-12-01T00:00:00Z' }], nextCursor: null });
    case '/api/v1/share-links':
    case '/api/v1/members':
    case '/api/v1/api-keys':
      return json(200, { items: [], nextCursor: null });
    case `/api/v1/documents/${DOC}`:
      return json(200, { id: DOC, name: 'Q3.pdf' });
    default:
      return json(404, { type: '/problems/not-found', title: 'x', status: 404, detail: 'd' });
  }
}

describe('activity page', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows each event as a sentence, loads more with the cursor, and says when that is all', async () => {
    const { requests } = renderOps('/activity', 'OWNER', server);
    const list = await screen.findByRole('list', { name: 'Events' });
    await waitFor(() => expect(within(list).getAllByTestId('activity-event')[0]).toHaveTextContent(
      'Visitor v1@example.com viewed “Q3.pdf” in the data room “Deal”.',
    ));
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(list).getAllByTestId('activity-event')).toHaveLength(3));
    expect(screen.getByText('That is everything.')).toBeInTheDocument();
    const pages = requestsTo(requests, '/api/v1/activity').map((r) => new URL(r.url).searchParams.get('cursor'));
    expect(pages).toEqual([null, 'c2']);
  });

  it('puts a chosen room and event into the URL and the query', async () => {
    const { requests, router } = renderOps('/activity', 'ADMIN', server);
    await screen.findByRole('option', { name: 'Deal' });
    await userEvent.selectOptions(screen.getByLabelText('Data room'), 'Deal');
    await userEvent.selectOptions(screen.getByLabelText('Event'), 'Document downloaded');
    await waitFor(() => expect(router.state.location.search).toBe(`?room=${ROOM}&type=document.downloaded`));
    await waitFor(() => {
      const last = requestsTo(requests, '/api/v1/activity').at(-1)!;
      expect(new URL(last.url).searchParams.get('dataroomId')).toBe(ROOM);
      expect(new URL(last.url).searchParams.get('type')).toBe('document.downloaded');
    });
  });

  it('does not ask a MEMBER’s whole stream (403), only a room they manage', async () => {
    const { requests } = renderOps('/activity', 'MEMBER', server);
    expect(await screen.findByText(/Choose a data room you manage/)).toBeInTheDocument();
    await screen.findByRole('option', { name: 'Deal' });
    expect(requestsTo(requests, '/api/v1/activity')).toHaveLength(0);
    expect(requestsTo(requests, '/api/v1/members')).toHaveLength(0);
    await userEvent.selectOptions(screen.getByLabelText('Data room'), 'Deal');
    await screen.findByRole('list', { name: 'Events' });
    expect(new URL(requestsTo(requests, '/api/v1/activity')[0]!.url).searchParams.get('dataroomId')).toBe(ROOM);
  });

  it('shows the empty state of a filtered stream', async () => {
    renderOps('/activity?type=nda.accepted', 'OWNER', (request) =>
      pathOf(request) === '/api/v1/activity' ? json(200, { items: [], nextCursor: null }) : server(request),
    );
    expect(await screen.findByTestId('activity-empty')).toHaveTextContent('No events match these filters.');
  });

  it('shows a problem as a human sentence, never raw JSON', async () => {
    renderOps('/activity', 'OWNER', (request) =>
      pathOf(request) === '/api/v1/activity'
        ? json(403, { type: '/problems/forbidden', title: 'Forbidden', status: 403, detail: 'no' })
        : server(request),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('You are not allowed to do this.');
  });
});
