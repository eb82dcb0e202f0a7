import { render, screen } from '@testing-library/react';
import i18n from 'i18next';
import { MemoryRouter } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiClient } from '../../api/client';
import { Providers, createQueryClient } from '../../app/App';
import { useAuth } from '../../app/auth/AuthProvider';
import { RecentActivity } from './RecentActivity';
import { json, me, pathOf, requestsTo, TOKEN } from './testing';

function Mounted() {
  const { state } = useAuth();
  return state.status === 'authenticated' ? (
    <>
      <p>signed in as {state.me.role}</p>
      <RecentActivity limit={3} />
    </>
  ) : null;
}

function mount(role: 'OWNER' | 'MEMBER') {
  const requests: Request[] = [];
  apiClient.setAccessToken(null);
  vi.stubGlobal('fetch', async (request: Request) => {
    requests.push(request.clone());
    switch (pathOf(request)) {
      case '/api/v1/auth/refresh':
        return json(200, { accessToken: TOKEN, expiresIn: 900, tokenType: 'Bearer' });
      case '/api/v1/me':
        return json(200, me(role));
      case '/api/v1/activity':
        return json(200, {
          items: [{ id: 'e1', type: 'dataroom.created', at: '2026-12-02T08:00:00Z', actor: { type: 'USER', id: 'u-ann' }, dataroomId: 'r1', data: {} }],
          nextCursor: 'more',
        });
      case '/api/v1/members':
        return json(200, { items: [{ userId: 'u-ann', displayName: 'Ann', email: 'ann@acme.test', role: 'OWNER' }], nextCursor: null });
      case '/api/v1/datarooms':
        return json(200, { items: [{ id: 'r1', name: 'Deal', myPermission: 'MANAGE', createdAt: '2026-12-01T00:00:00Z' }], nextCursor: null });
      default:
        return json(200, { items: [], nextCursor: null });
    }
  });
  render(
    <Providers queryClient={createQueryClient()} env="test">
      <MemoryRouter>
        <Mounted />
      </MemoryRouter>
    </Providers>,
  );
  return requests;
}

describe('RecentActivity (for the home page)', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('shows the last N events of the whole stream as sentences, with a link to all activity', async () => {
    const requests = mount('OWNER');
    expect(await screen.findByText('Ann created the data room “Deal”.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See all activity' })).toHaveAttribute('href', '/activity');
    expect(new URL(requestsTo(requests, '/api/v1/activity')[0]!.url).searchParams.get('limit')).toBe('3');
    vi.unstubAllGlobals();
  });

  it('renders nothing for a MEMBER (the whole stream is ADMIN+) and asks nothing', async () => {
    const requests = mount('MEMBER');
    await screen.findByText('signed in as MEMBER');
    await new Promise((r) => setTimeout(r, 200));
    expect(screen.queryByText('Recent activity')).toBeNull();
    expect(requestsTo(requests, '/api/v1/activity')).toHaveLength(0);
    vi.unstubAllGlobals();
  });
});
