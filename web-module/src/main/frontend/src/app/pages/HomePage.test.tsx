import { screen, waitFor, within } from '@testing-library/react';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { OWNER, json, pathOf, problem, renderApp, signedIn } from '../../test/render';
import { actorLabel, eventKey } from './activityText';

describe('home', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('event types become message keys; actors are named by name, email or kind', () => {
    expect(eventKey('auth.password-reset.completed')).toBe('events.auth_password_reset_completed');
    const names = new Map([['u1', 'Ann']]);
    const t = (key: string) => key;
    expect(actorLabel({ type: 'USER', id: 'u1' }, names, t)).toBe('Ann');
    expect(actorLabel({ type: 'USER', id: 'u2' }, names, t)).toBe('actor.user');
    expect(actorLabel({ type: 'VISITOR', id: null, email: 'v@x.test' }, names, t)).toBe('v@x.test');
    expect(actorLabel({ type: 'VISITOR', id: null }, names, t)).toBe('actor.visitor');
    expect(actorLabel({ type: 'API_KEY', id: 'k' }, names, t)).toBe('actor.apiKey');
    expect(actorLabel({ type: 'SYSTEM', id: null }, names, t)).toBe('actor.system');
  });

  it('an owner sees the recent activity in sentences', async () => {
    renderApp(
      '/',
      signedIn((request) => {
        if (pathOf(request) === '/api/v1/members') return json(200, { items: [OWNER], nextCursor: null });
        if (pathOf(request) === '/api/v1/activity') {
          expect(new URL(request.url).searchParams.get('limit')).toBe('10');
          return json(200, {
            items: [
              { id: 'e1', type: 'document.uploaded', at: new Date(Date.now() - 120_000).toISOString(), actor: { type: 'USER', id: OWNER.userId }, data: {} },
              { id: 'e2', type: 'link.opened', at: new Date(Date.now() - 3_600_000).toISOString(), actor: { type: 'VISITOR', id: null, email: 'v@x.test' }, data: {} },
              { id: 'e3', type: 'some.future-type', at: new Date().toISOString(), actor: { type: 'SYSTEM', id: null }, data: {} },
            ],
            nextCursor: null,
          });
        }
        return problem(404, 'not-found');
      }),
    );
    const list = await screen.findByTestId('recent-activity');
    await waitFor(() => expect(list).toHaveTextContent('Ann Owner uploaded a document'));
    expect(list).toHaveTextContent('2 minutes ago');
    expect(list).toHaveTextContent('v@x.test opened a share link');
    expect(within(list).getByText('Coffer: some.future-type')).toBeInTheDocument();
  });

  it('an owner with no activity sees the empty state; a member is not shown the admin feed', async () => {
    const first = renderApp('/', signedIn((request) => (pathOf(request) === '/api/v1/activity' || pathOf(request) === '/api/v1/members' ? json(200, { items: [], nextCursor: null }) : problem(404, 'not-found'))));
    expect(await screen.findByText('Nothing has happened yet.')).toBeInTheDocument();
    first.unmount();

    const member = renderApp('/', signedIn(() => problem(403, 'forbidden'), { ...OWNER, role: 'MEMBER' }));
    expect(await screen.findByRole('heading', { name: 'Welcome, Ann Owner' })).toBeInTheDocument();
    expect(screen.queryByText('Recent activity')).toBeNull();
    expect(member.requests.map(pathOf)).not.toContain('/api/v1/activity');
  });
});
