import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { json, pathOf, renderApp } from '../../test/render';

configure({ asyncUtilTimeout: 5000 });

const D1 = '018f0000-0000-7000-8000-0000000000d1';
const D2 = '018f0000-0000-7000-8000-0000000000d2';
const problem = (status: number, slug: string) => json(status, { type: `/problems/${slug}`, title: slug, status, detail: 'd' });

beforeAll(() => {
  let n = 0;
  URL.createObjectURL ??= () => `blob:test/${++n}`;
  URL.revokeObjectURL ??= () => {};
});

const png = () => new Response(new Uint8Array([137, 80, 78, 71]), { status: 200, headers: { 'Content-Type': 'image/png' } });

/** An open room link (no gate) with two documents of 3 pages; `search` answers the link's search endpoint. */
function link(search: (url: URL, request: Request) => Response) {
  return renderApp('/l/tok', async (request) => {
    const path = pathOf(request);
    if (path === '/api/v1/auth/refresh') return problem(401, 'unauthenticated');
    if (path === '/api/v1/public/links/tok') return json(200, { name: 'Deal', targetType: 'DATAROOM', requires: [], branding: { name: null } });
    if (path === '/api/v1/public/links/tok/sessions') return json(201, { visitorToken: 'vt-1', expiresIn: 1800 });
    if (path === '/api/v1/public/links/tok/tree') {
      return json(200, {
        items: [
          { id: D1, kind: 'DOCUMENT', name: 'Intro.pdf', index: '1', allowDownload: false, children: null },
          {
            id: 'f1', kind: 'FOLDER', name: 'Legal', index: '2', allowDownload: false,
            children: [{ id: D2, kind: 'DOCUMENT', name: 'Lease.pdf', index: '2.1', allowDownload: false, children: null }],
          },
        ],
      });
    }
    if (path === '/api/v1/public/links/tok/search') return search(new URL(request.url), request);
    if (path.includes('/pages/')) {
      const n = Number(path.substring(path.lastIndexOf('/') + 1));
      return n <= 3 ? png() : problem(404, 'not-found');
    }
    return problem(404, 'not-found');
  });
}

describe('the visitor\'s search (GET /public/links/{token}/search, SR-5)', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('is offered when the link allows search; a hit opens its document at its page', async () => {
    const asked: URL[] = [];
    link((url, request) => {
      expect(request.headers.get('X-Visitor-Token')).toBe('vt-1');
      asked.push(url);
      return json(200, {
        items: url.searchParams.get('q') === 'lease'
          ? [{ documentId: D2, name: 'Lease.pdf', path: 'Legal', page: 3, snippet: 'the «lease» <img src=x onerror=alert(1)>', score: 1 }]
          : [],
        nextCursor: null,
      });
    });
    const user = userEvent.setup({ delay: null });
    const box = await screen.findByRole('searchbox', { name: 'Search in what is shared' });
    // the link's intro says that search is there and what it covers
    expect(box).toHaveAccessibleDescription('You can search the names and the text of the documents shared here.');
    expect(await screen.findByTestId('page-image')).toHaveAttribute('alt', 'Page 1 of Intro.pdf');
    await user.type(box, 'lease{Enter}');
    const list = await screen.findByRole('list', { name: 'Results for “lease”' });
    const hit = within(list).getByTestId('search-hit');
    expect(within(hit).getByTestId('hit-where')).toHaveTextContent('in Legal · page 3');
    expect(hit.querySelector('mark')?.textContent).toBe('lease');
    expect(hit.querySelector('img')).toBeNull();
    await user.click(within(hit).getByRole('button', { name: 'Lease.pdf' }));
    await waitFor(() => expect(screen.getByTestId('page-image')).toHaveAttribute('alt', 'Page 3 of Lease.pdf'));
    expect(asked.at(-1)?.searchParams.get('q')).toBe('lease');
    // Clearing the search shows the tree again.
    await user.click(screen.getByRole('button', { name: 'Clear search' }));
    expect(screen.getByRole('button', { name: /Intro\.pdf/ })).toBeInTheDocument();
  });

  it('is not offered when the link does not allow search (404)', async () => {
    link(() => problem(404, 'not-found'));
    expect(await screen.findByTestId('page-image')).toHaveAttribute('alt', 'Page 1 of Intro.pdf');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('searchbox')).toBeNull();
  });
});
