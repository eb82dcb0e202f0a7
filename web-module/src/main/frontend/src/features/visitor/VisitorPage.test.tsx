import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { json, pathOf, renderApp } from '../../test/render';

const DOC = '018f0000-0000-7000-8000-0000000000d1';
const problem = (status: number, slug: string, extra: object = {}) =>
  json(status, { type: `/problems/${slug}`, title: slug, status, detail: 'd', ...extra });

beforeAll(() => {
  let n = 0;
  URL.createObjectURL ??= () => `blob:test/${++n}`;
  URL.revokeObjectURL ??= () => {};
});

function png(): Response {
  return new Response(new Uint8Array([137, 80, 78, 71]), {
    status: 200, headers: { 'Content-Type': 'image/png' },
  });
}

describe('the visitor page /l/:token', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('password + email code: one step at a time, then the watermarked page fetched with X-Visitor-Token', async () => {
    const posted: unknown[] = [];
    const { requests } = renderApp('/l/tok123', async (request) => {
      const path = pathOf(request);
      if (path === '/api/v1/auth/refresh') return problem(401, 'unauthenticated');
      if (path === '/api/v1/public/links/tok123') {
        return json(200, { name: 'Q3 deck', targetType: 'DOCUMENT', requires: ['password', 'email', 'emailCode'], branding: { name: 'Acme' } });
      }
      if (path === '/api/v1/public/links/tok123/sessions') {
        const body = (await request.json()) as Record<string, string>;
        posted.push(body);
        if (body.password !== 'open sesame') return problem(401, 'credentials-required', { requires: ['password', 'email', 'emailCode'] });
        if (!body.email) return problem(401, 'credentials-required', { requires: ['email', 'emailCode'] });
        if (body.emailCode !== '123456') return problem(401, 'credentials-required', { requires: ['emailCode'] });
        return json(201, { visitorToken: 'vt-1', expiresIn: 1800 });
      }
      if (path === '/api/v1/public/links/tok123/tree') {
        return json(200, { items: [{ id: DOC, kind: 'DOCUMENT', name: 'Q3 deck.pdf', index: '1', allowDownload: false, children: null }] });
      }
      if (path.startsWith(`/api/v1/public/links/tok123/documents/${DOC}/pages/`)) {
        const n = Number(path.substring(path.lastIndexOf('/') + 1));
        if (request.headers.get('X-Visitor-Token') !== 'vt-1') return problem(401, 'credentials-required');
        return n <= 2 ? png() : problem(404, 'not-found');
      }
      return problem(404, 'not-found');
    });
    const user = userEvent.setup({ delay: null });

    expect(await screen.findByRole('heading', { name: 'Q3 deck' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Email address')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Password/), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The password is not correct.');
    await user.type(screen.getByLabelText(/^Password/), 'open sesame');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.type(await screen.findByLabelText(/^Email address/), 'vera@visitor.test');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText(/We sent a code to vera@visitor.test/)).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^6-digit code/), '123456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    const image = await screen.findByTestId('page-image');
    expect(image).toHaveAttribute('alt', 'Page 1 of Q3 deck.pdf');
    expect(posted.at(-1)).toEqual({ password: 'open sesame', email: 'vera@visitor.test', emailCode: '123456' });
    // No download button: the link does not allow downloads.
    expect(screen.queryByRole('button', { name: 'Download' })).not.toBeInTheDocument();
    // The next pages are fetched ahead; page 3 answers 404, so the document has 2 pages.
    await waitFor(() => expect(screen.getByTestId('page-indicator')).toHaveTextContent('Page 1 of 2'));
    await user.keyboard('{ArrowRight}');
    expect(screen.getByTestId('page-indicator')).toHaveTextContent('Page 2 of 2');
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();
    await user.keyboard('{Home}');
    expect(screen.getByTestId('page-indicator')).toHaveTextContent('Page 1 of 2');

    const pageRequests = requests.filter((r) => pathOf(r).includes('/pages/'));
    expect(pageRequests.every((r) => r.headers.get('X-Visitor-Token') === 'vt-1')).toBe(true);
    // The visitor token stays in memory only.
    expect(JSON.stringify({ ...localStorage })).not.toContain('vt-1');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('vt-1');
  });

  it.each([
    [404, 'not-found', 'This link is not available'],
    [410, 'gone', 'This link has expired'],
  ])('a %s at the first open says so in words', async (status, slug, title) => {
    renderApp('/l/gone', (request) => (pathOf(request) === '/api/v1/public/links/gone' ? problem(status, slug) : problem(401, 'unauthenticated')));
    expect(await screen.findByRole('heading', { name: title })).toBeInTheDocument();
  });

  it('an email refused by the allow list (403) asks for another address; a 429 tells how long to wait', async () => {
    let calls = 0;
    renderApp('/l/t2', (request) => {
      const path = pathOf(request);
      if (path === '/api/v1/public/links/t2') return json(200, { name: null, targetType: 'DATAROOM', requires: ['email'], branding: { name: null } });
      if (path === '/api/v1/public/links/t2/sessions') {
        calls++;
        if (calls === 1) return problem(403, 'forbidden');
        return new Response(JSON.stringify({ type: '/problems/rate-limited', title: 't', status: 429, detail: 'd' }), {
          status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '120' },
        });
      }
      return problem(401, 'unauthenticated');
    });
    const user = userEvent.setup({ delay: null });
    expect(await screen.findByRole('heading', { name: 'Shared data room' })).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Email address/), 'eve@evil.test');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This email address is not allowed to open the link.');
    // the refused address stays in the field (for a retry once access is granted)
    expect(screen.getByLabelText(/^Email address/)).toHaveValue('eve@evil.test');
    await user.clear(screen.getByLabelText(/^Email address/));
    await user.type(screen.getByLabelText(/^Email address/), 'ann@ok.test');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Please try again in 2 minutes.');
    expect(screen.getByRole('button', { name: 'Continue' })).toBeDisabled();
  });

  it('a refused visitor requests access (AR-1): the address prefilled, 202 passed on, a 429 and a 400 as sentences', async () => {
    const asked: unknown[] = [];
    let answers = [202, 429, 400];
    renderApp('/l/t3', async (request) => {
      const path = pathOf(request);
      if (path === '/api/v1/public/links/t3') return json(200, { name: 'Deal', targetType: 'DATAROOM', requires: ['email'], branding: { name: null } });
      if (path === '/api/v1/public/links/t3/sessions') return problem(403, 'forbidden');
      if (path === '/api/v1/public/links/t3/access-requests' && request.method === 'POST') {
        asked.push(await request.json());
        const [status, ...rest] = answers;
        answers = rest;
        if (status === 429) return problem(429, 'rate-limited');
        if (status === 400) return problem(400, 'validation', { errors: [{ field: 'askForAccess.arg1.message', message: 'm' }] });
        return new Response(null, { status: 202 });
      }
      return problem(401, 'unauthenticated');
    });
    const user = userEvent.setup({ delay: null });
    await user.type(await screen.findByLabelText(/^Email address/), 'eve@evil.test');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const form = await screen.findByRole('form', { name: 'Request access' });
    expect(within(form).getByLabelText(/^Your email address/)).toHaveValue('eve@evil.test');
    await user.type(within(form).getByLabelText(/^Message/), 'I am the buyer’s counsel.');
    await user.click(within(form).getByRole('button', { name: 'Request access' }));
    expect(await screen.findByRole('status')).toHaveTextContent('The person who shared this link was told that eve@evil.test asks for access.');
    expect(asked).toEqual([{ email: 'eve@evil.test', message: 'I am the buyer’s counsel.' }]);

    // asked again from another refused address: throttled, then bad input
    await user.clear(screen.getByLabelText(/^Email address/));
    await user.type(screen.getByLabelText(/^Email address/), 'bob@evil.test');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const again = await screen.findByRole('form', { name: 'Request access' });
    expect(within(again).getByLabelText(/^Your email address/)).toHaveValue('bob@evil.test');
    await user.click(within(again).getByRole('button', { name: 'Request access' }));
    expect(await within(again).findByRole('alert')).toHaveTextContent('Too many requests from here.');
    await user.click(within(again).getByRole('button', { name: 'Request access' }));
    expect(await within(again).findByRole('alert')).toHaveTextContent('Please check this field: message.');
    expect(asked).toHaveLength(3);
  });
});
