import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json, pathOf, renderOps, requestsTo } from '../activity/testing';

const HOOK = '0190a000-0000-7000-8000-000000000009';
const SECRET = 'whsec_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

const ONBOARDING = {
  id: '0190a000-0000-7000-8000-0000000000aa',
  name: 'Welcome mail',
  trigger: 'user.created',
  conditions: {},
  action: { type: 'EMAIL', to: ['x@example.com'] },
  enabled: true,
  builtIn: true,
  createdAt: '2026-12-01T00:00:00Z',
  updatedAt: '2026-12-01T00:00:00Z',
};

function base(request: Request): Response {
  switch (pathOf(request)) {
    case '/api/v1/automations':
      return json(200, { items: [ONBOARDING], nextCursor: null });
    case '/api/v1/webhooks':
      return json(200, { items: [], nextCursor: null });
    case '/api/v1/datarooms':
    case '/api/v1/share-links':
      return json(200, { items: [], nextCursor: null });
    case '/api/v1/automations/digest':
      return json(200, { enabled: false });
    default:
      return json(404, { type: '/problems/not-found', title: 'x', status: 404, detail: 'd' });
  }
}

describe('automation page', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('lists the built-in rule (toggle, no delete) and disables it with a PATCH of enabled only', async () => {
    const { requests } = renderOps('/automation', 'ADMIN', async (request) => {
      if (pathOf(request) === `/api/v1/automations/${ONBOARDING.id}` && request.method === 'PATCH') {
        return json(200, { ...ONBOARDING, enabled: false });
      }
      return base(request);
    });
    const rule = await screen.findByTestId('rule');
    expect(rule).toHaveTextContent('Welcome mail');
    expect(rule).toHaveTextContent('When: Member added');
    expect(rule).toHaveTextContent('Then: email 1 recipient');
    expect(within(rule).queryByRole('button', { name: /Delete/ })).toBeNull();
    await userEvent.click(within(rule).getByRole('switch', { name: 'Rule “Welcome mail” enabled' }));
    await waitFor(() => expect(requestsTo(requests, `/api/v1/automations/${ONBOARDING.id}`, 'PATCH')).toHaveLength(1));
    expect(await requestsTo(requests, `/api/v1/automations/${ONBOARDING.id}`, 'PATCH')[0]!.json()).toEqual({ enabled: false });
  });

  it('creates a rule, and shows the server’s validation at the field it names', async () => {
    const bodies: unknown[] = [];
    renderOps('/automation', 'OWNER', async (request) => {
      if (pathOf(request) === '/api/v1/automations' && request.method === 'POST') {
        bodies.push(await request.json());
        return json(400, {
          type: '/problems/validation',
          title: 'Bad Request',
          status: 400,
          detail: 'd',
          errors: [{ field: 'action.to', message: 'must hold email addresses or member ids' }],
        });
      }
      return base(request);
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'New rule' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText(/^Name/));
    await user.paste('Tell sales');
    await user.selectOptions(within(dialog).getByLabelText(/When this happens/), 'Link opened');
    await user.click(within(dialog).getByLabelText(/^Recipients/));
    await user.paste('sales@example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Save rule' }));
    expect(await within(dialog).findByText('Enter 1 to 20 email addresses or member ids.')).toBeInTheDocument();
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Some values need your attention');
    expect(bodies).toEqual([
      {
        name: 'Tell sales',
        trigger: 'link.opened',
        conditions: {},
        action: { type: 'EMAIL', to: ['sales@example.com'] },
        enabled: true,
      },
    ]);
  });

  it('creates a webhook and shows its secret once, with a copy button; the list never has it', async () => {
    let created = false;
    renderOps('/automation?tab=webhooks', 'OWNER', async (request) => {
      if (pathOf(request) === '/api/v1/webhooks' && request.method === 'POST') {
        expect(await request.json()).toEqual({ url: 'https://hooks.example.com/coffer', events: ['link.opened'] });
        created = true;
        return json(201, { id: HOOK, url: 'https://hooks.example.com/coffer', events: ['link.opened'], secret: SECRET, createdAt: '2026-12-02T08:00:00Z' });
      }
      if (pathOf(request) === '/api/v1/webhooks' && created) {
        return json(200, { items: [{ id: HOOK, url: 'https://hooks.example.com/coffer', events: ['link.opened'], createdAt: '2026-12-02T08:00:00Z' }], nextCursor: null });
      }
      return base(request);
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'New webhook' }));
    const dialog = await screen.findByRole('dialog');
    const url = within(dialog).getByLabelText(/^Target URL/);
    await user.clear(url);
    await user.click(url);
    await user.paste('https://hooks.example.com/coffer');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Link opened' }));
    await user.click(within(dialog).getByRole('button', { name: 'Create webhook' }));
    expect(await screen.findByTestId('webhook-secret')).toHaveTextContent(SECRET);
    expect(screen.getByRole('button', { name: 'Copy the secret' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    const row = await screen.findByTestId('webhook');
    expect(row).toHaveTextContent('https://hooks.example.com/coffer');
    await waitFor(() => expect(screen.queryByText(SECRET)).toBeNull());
  });

  it('a MEMBER sees only their digest, and switches it on with PUT', async () => {
    const { requests } = renderOps('/automation', 'MEMBER', async (request) =>
      request.method === 'PUT' ? json(200, { enabled: true }) : base(request),
    );
    const toggle = await screen.findByRole('switch', { name: 'Send me the daily digest' });
    expect(screen.queryByRole('tab')).toBeNull();
    expect(requestsTo(requests, '/api/v1/automations')).toHaveLength(0);
    expect(screen.queryByRole('link', { name: 'Automation' })).toBeNull();
    await userEvent.click(toggle);
    expect(await screen.findByText('You receive the daily digest.')).toBeInTheDocument();
    expect(await requestsTo(requests, '/api/v1/automations/digest', 'PUT')[0]!.json()).toEqual({ enabled: true });
  });

  it('shows a webhook’s deliveries with status and attempts, and replays one', async () => {
    const delivery = {
      id: '0190a000-0000-7000-8000-0000000000d1',
      webhookId: HOOK,
      eventId: '0190a000-0000-7000-8000-0000000000e1',
      eventType: 'link.opened',
      status: 'DEAD',
      attempts: 8,
      lastStatusCode: 500,
      createdAt: '2026-12-02T07:00:00Z',
      updatedAt: '2026-12-02T07:30:00Z',
    };
    const { requests } = renderOps(`/automation/webhooks/${HOOK}`, 'ADMIN', async (request) => {
      switch (pathOf(request)) {
        case `/api/v1/webhooks/${HOOK}/deliveries`:
          return json(200, { items: [delivery], nextCursor: null });
        case '/api/v1/webhooks':
          return json(200, { items: [{ id: HOOK, url: 'https://hooks.example.com/coffer', events: ['link.opened'], createdAt: '2026-12-02T06:00:00Z' }], nextCursor: null });
        case `/api/v1/webhook-deliveries/${delivery.id}/replay`:
          return new Response(null, { status: 202 });
        default:
          return base(request);
      }
    });
    const table = await screen.findByRole('table', { name: 'Deliveries' });
    expect(table).toHaveTextContent('Link opened');
    expect(table).toHaveTextContent('Given up');
    expect(table).toHaveTextContent('8');
    expect(table).toHaveTextContent('HTTP 500');
    await userEvent.click(within(table).getByRole('button', { name: /Replay the delivery of Link opened/ }));
    expect(await screen.findByText('The delivery was queued again.')).toBeInTheDocument();
    expect(requestsTo(requests, `/api/v1/webhook-deliveries/${delivery.id}/replay`, 'POST')).toHaveLength(1);
  });
});
