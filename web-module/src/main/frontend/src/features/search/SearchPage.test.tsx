import { act, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { json, pathOf, problem, renderApp, signedIn } from '../../test/render';
import { roomOfPath } from './SearchBox';

// The machine is shared: give the screens time to load before a query gives up.
configure({ asyncUtilTimeout: 5000 });

const ME = { userId: 'u-ann', tenantId: 't1', tenantSlug: 'acme', email: 'ann@acme.test', displayName: 'Ann', role: 'MEMBER' };
const ROOMS = {
  items: [
    { id: 'r1', name: 'Project Falcon', description: null, createdAt: '2026-12-01T10:00:00Z', myPermission: 'VIEW' },
    { id: 'r2', name: 'Board', description: null, createdAt: '2026-12-01T10:00:00Z', myPermission: 'VIEW' },
  ],
  nextCursor: null,
};
const LEASE = {
  documentId: 'd-1', dataroomId: 'r1', name: 'Lease.pdf', path: 'Legal/Contracts', page: 2,
  snippet: 'the «lease» ends <img src=x onerror=alert(1)> soon', score: 0.9,
};
const NAME_HIT = { documentId: 'd-2', dataroomId: 'r2', name: 'lease-terms.txt', path: '', snippet: '«lease»-terms.txt', score: 0.5 };

type Search = (url: URL) => Response;

function server(search: Search) {
  return signedIn(async (request) => {
    const path = pathOf(request);
    if (request.method === 'GET' && path === '/api/v1/search') return search(new URL(request.url));
    if (request.method === 'GET' && path === '/api/v1/datarooms') return json(200, ROOMS);
    return problem(404, 'not-found');
  }, ME);
}

describe('search (GET /search)', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('shows each hit with its name, room, path, page and marked snippet, and opens the document at its page', async () => {
    const { router } = renderApp('/search?q=lease', server(() => json(200, { items: [LEASE, NAME_HIT], nextCursor: null })));
    const list = await screen.findByRole('list', { name: 'Results for “lease”' });
    const hits = within(list).getAllByTestId('search-hit');
    expect(hits).toHaveLength(2);
    const first = hits[0]!;
    expect(within(first).getByRole('link', { name: 'Lease.pdf' })).toHaveAttribute('href', '/rooms/r1/documents/d-1?page=2');
    await waitFor(() => expect(within(first).getByTestId('hit-where')).toHaveTextContent('Room Project Falcon · in Legal/Contracts · page 2'));
    expect(first.querySelector('mark')?.textContent).toBe('lease');
    // The snippet is the document's text: markup in it is shown, never run.
    expect(first.querySelector('img')).toBeNull();
    expect(within(first).getByTestId('snippet')).toHaveTextContent('the lease ends <img src=x onerror=alert(1)> soon');
    const second = hits[1]!;
    expect(within(second).getByRole('link', { name: 'lease-terms.txt' })).toHaveAttribute('href', '/rooms/r2/documents/d-2');
    expect(within(second).getByTestId('hit-where')).toHaveTextContent('Room Board · at the top · name matches');
    await userEvent.setup({ delay: null }).click(within(first).getByRole('link', { name: 'Lease.pdf' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/rooms/r1/documents/d-1'));
    expect(router.state.location.search).toBe('?page=2');
  });

  it('loads more with nextCursor', async () => {
    const cursors: (string | null)[] = [];
    renderApp('/search?q=lease', server((url) => {
      cursors.push(url.searchParams.get('cursor'));
      return url.searchParams.get('cursor') === 'c2'
        ? json(200, { items: [NAME_HIT], nextCursor: null })
        : json(200, { items: [LEASE], nextCursor: 'c2' });
    }));
    expect(await screen.findByText('The first result')).toBeInTheDocument();
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('link', { name: 'lease-terms.txt' })).toBeInTheDocument();
    expect(screen.getAllByTestId('search-hit')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(cursors).toEqual([null, 'c2']);
  });

  it('says when nothing matches', async () => {
    renderApp('/search?q=nothing', server(() => json(200, { items: [], nextCursor: null })));
    expect(await screen.findByTestId('search-empty')).toHaveTextContent('No document matches “nothing”.');
  });

  it('turns a 400 problem into a sentence', async () => {
    renderApp('/search?q=%22', server(() => problem(400, 'validation')));
    expect(await screen.findByRole('alert')).toHaveTextContent('This search cannot be run');
  });

  it('searches from the header box, and "only in this room" adds the room', async () => {
    const asked: URL[] = [];
    const { router } = renderApp('/', server((url) => {
      asked.push(url);
      return json(200, { items: [LEASE], nextCursor: null });
    }));
    const user = userEvent.setup({ delay: null });
    const box = await screen.findByRole('searchbox', { name: 'Search documents' });
    await user.type(box, 'lease{Enter}');
    await waitFor(() => expect(router.state.location.pathname).toBe('/search'));
    expect(await screen.findByRole('link', { name: 'Lease.pdf' })).toBeInTheDocument();
    expect(asked[0]?.searchParams.get('q')).toBe('lease');
    expect(asked[0]?.searchParams.has('dataroomId')).toBe(false);
    // Started inside a room: the page offers that room only.
    await act(() => router.navigate('/search?q=lease&room=r1'));
    await user.click(await screen.findByRole('checkbox', { name: 'Only in Project Falcon' }));
    await waitFor(() => expect(asked.some((u) => u.searchParams.get('dataroomId') === 'r1')).toBe(true));
    expect(router.state.location.search).toBe('?q=lease&room=r1&only=1');
  });

  it('knows the room of a path', () => {
    expect(roomOfPath('/rooms/r1')).toBe('r1');
    expect(roomOfPath('/rooms/r1/documents/d-1')).toBe('r1');
    expect(roomOfPath('/rooms/groups')).toBeNull();
    expect(roomOfPath('/rooms')).toBeNull();
    expect(roomOfPath('/links')).toBeNull();
  });
});
