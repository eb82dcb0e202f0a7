import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, pathOf, renderOps, requestsTo, TOKEN } from '../activity/testing';

const ANN = '0190a000-0000-7000-8000-00000000000a';
const BROKEN = '0190a000-0000-7000-8000-0000000000b2';

const ENTRIES = [
  {
    id: '0190a000-0000-7000-8000-0000000000b1',
    at: '2026-12-02T08:00:00Z',
    actor: { type: 'USER', id: ANN, label: 'Ann <ann@acme.test>' },
    action: 'dataroom.created',
    objectType: 'dataroom',
    objectId: '0190a000-0000-7000-8000-000000000001',
    outcome: 'ALLOWED',
    clientAddress: '203.0.113.7',
  },
  {
    id: BROKEN,
    at: '2026-12-02T07:00:00Z',
    actor: { type: 'VISITOR', id: '0190a000-0000-7000-8000-0000000000c1', label: null },
    action: 'access.denied',
    objectType: 'share-link',
    objectId: '0190a000-0000-7000-8000-000000000003',
    outcome: 'DENIED',
    clientAddress: '198.51.100.4',
  },
];

function server(verify: unknown) {
  return (request: Request): Response => {
    switch (pathOf(request)) {
      case '/api/v1/audit':
        return json(200, { items: ENTRIES, nextCursor: null });
      case '/api/v1/audit/verify':
        return json(200, verify);
      case '/api/v1/audit/export':
        return new Response('"id","at"\r\n', { status: 200, headers: { 'Content-Type': 'text/csv' } });
      case '/api/v1/members':
        return json(200, { items: [{ userId: ANN, email: 'ann@acme.test', displayName: 'Ann', role: 'OWNER' }], nextCursor: null });
      default:
        return json(404, { type: '/problems/not-found', title: 'x', status: 404, detail: 'd' });
    }
  };
}

describe('audit page', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists entries with actor, action, object, outcome; verify says the chain is intact', async () => {
    renderOps('/audit', 'OWNER', server({ ok: true, entries: 1234 }));
    const table = await screen.findByRole('table', { name: 'Audit entries' });
    expect(table).toHaveTextContent('Ann <ann@acme.test>');
    expect(table).toHaveTextContent('Data room created');
    expect(table).toHaveTextContent('Visitor session 0190a000');
    expect(table).toHaveTextContent('Denied');
    await userEvent.click(screen.getByRole('button', { name: 'Verify the chain' }));
    expect(await screen.findByTestId('verify-result')).toHaveTextContent(
      'The chain is intact: 1,234 entries verified, none changed.',
    );
  });

  it('verify names where the chain breaks, and marks that entry', async () => {
    renderOps('/audit', 'ADMIN', server({ ok: false, entries: 2, firstBrokenId: BROKEN }));
    await screen.findByRole('table', { name: 'Audit entries' });
    await userEvent.click(screen.getByRole('button', { name: 'Verify the chain' }));
    const result = await screen.findByTestId('verify-result');
    expect(result).toHaveTextContent(`The chain is broken at the entry of`);
    expect(result).toHaveTextContent(`Access refused, id ${BROKEN}`);
    expect(screen.getByRole('row', { name: 'The first broken entry' })).toHaveTextContent('198.51.100.4');
  });

  it('exports the CSV with the filters and the bearer token, through a blob download', async () => {
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    URL.createObjectURL = vi.fn(() => 'blob:coffer/2');
    URL.revokeObjectURL = vi.fn();
    const { requests } = renderOps('/audit?action=access.denied', 'OWNER', server({ ok: true, entries: 2 }));
    await screen.findByRole('table', { name: 'Audit entries' });
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByText(/Downloaded coffer-audit-\d{4}-\d\d-\d\d\.csv\./)).toBeInTheDocument();
    const exported = requestsTo(requests, '/api/v1/audit/export')[0]!;
    expect(new URL(exported.url).searchParams.get('action')).toBe('access.denied');
    expect(exported.headers.get('Authorization')).toBe(`Bearer ${TOKEN}`);
    expect(URL.createObjectURL).toHaveBeenCalledTimes(1);
  });

  it('the navigation has no audit or automation line for a MEMBER', async () => {
    renderOps('/', 'MEMBER', server({ ok: true, entries: 0 }));
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    await waitFor(() => expect(within(nav).getByRole('link', { name: 'Activity' })).toBeInTheDocument());
    expect(within(nav).queryByRole('link', { name: 'Audit log' })).toBeNull();
    expect(within(nav).queryByRole('link', { name: 'Automation' })).toBeNull();
  });
});
