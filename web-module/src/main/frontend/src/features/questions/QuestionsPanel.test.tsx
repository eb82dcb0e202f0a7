import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { json, pathOf, renderApp, signedIn } from '../../test/render';

configure({ asyncUtilTimeout: 5000 });

const ME = { userId: 'u-ann', tenantId: 't1', tenantSlug: 'acme', email: 'ann@acme.test', displayName: 'Ann', role: 'OWNER' };
const tree = (permission: string) => ({
  id: 'r1', kind: 'DATAROOM', name: 'Project Falcon', index: '', myPermission: permission,
  children: [{ id: 'd-1', kind: 'DOCUMENT', name: 'Q1.pdf', index: '1', myPermission: permission }],
});
const DOC = { id: 'd-1', name: 'Q1.pdf', folderId: null, size: 10, sha256: 'a'.repeat(64), contentType: 'application/pdf',
  pageCount: 0, version: 1, versions: [] };
const question = (over: object = {}) => ({
  id: 'q-1', dataroomId: 'r1', documentId: 'd-1', page: null, text: 'Is the price fixed?', status: 'OPEN',
  askedAt: '2026-12-07T10:00:00Z', mine: false, asker: { type: 'USER', userId: 'u-bob', linkId: null }, answers: [],
  ...over,
});
const notFound = () => json(404, { type: '/problems/not-found', title: 'Not found', status: 404, detail: 'd' });

describe('the Q&A panel', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('a manager sees the document\'s questions (not another document\'s) and answers, published when ticked', async () => {
    const answers: unknown[] = [];
    let items = [question(), question({ id: 'q-2', documentId: 'd-other', text: 'Elsewhere?' })];
    renderApp('/rooms/r1/documents/d-1', signedIn(async (request) => {
      const route = `${request.method} ${pathOf(request)}`;
      if (route === 'GET /api/v1/datarooms/r1/tree') return json(200, tree('MANAGE'));
      if (route === 'GET /api/v1/documents/d-1') return json(200, DOC);
      if (route === 'GET /api/v1/datarooms/r1/questions') return json(200, { items, nextCursor: null });
      if (route === 'POST /api/v1/questions/q-1/answers') {
        const body = await request.json() as { text: string; publish: boolean };
        answers.push(body);
        items = [question({ status: 'PUBLISHED', answers: [{ id: 'a-1', text: body.text, published: true,
          answeredAt: '2026-12-07T11:00:00Z', answeredBy: 'u-ann' }] })];
        return json(201, { id: 'a-1', text: body.text, published: true, answeredAt: '2026-12-07T11:00:00Z' });
      }
      return notFound();
    }, ME));
    const user = userEvent.setup({ delay: null });
    const panel = await screen.findByRole('region', { name: 'Questions' });
    const item = await within(panel).findByTestId('question');
    expect(item).toHaveTextContent('Is the price fixed?');
    expect(within(panel).queryByText('Elsewhere?')).not.toBeInTheDocument();
    await user.type(within(item).getByLabelText('Your answer'), 'Yes, fixed.');
    await user.click(within(item).getByRole('checkbox', { name: /^Publish/ }));
    await user.click(within(item).getByRole('button', { name: 'Answer' }));
    await waitFor(() => expect(answers).toEqual([{ text: 'Yes, fixed.', publish: true }]));
    expect(await within(panel).findByText('Yes, fixed.')).toBeInTheDocument();
    expect(within(panel).getByText('Published')).toBeInTheDocument();
  });

  it('a member with VIEW asks and has no answer form', async () => {
    const asked: unknown[] = [];
    let items: object[] = [];
    renderApp('/rooms/r1/documents/d-1', signedIn(async (request) => {
      const route = `${request.method} ${pathOf(request)}`;
      if (route === 'GET /api/v1/datarooms/r1/tree') return json(200, tree('VIEW'));
      if (route === 'GET /api/v1/documents/d-1') return json(200, DOC);
      if (route === 'GET /api/v1/datarooms/r1/questions') return json(200, { items, nextCursor: null });
      if (route === 'POST /api/v1/documents/d-1/questions') {
        const body = await request.json() as { text: string };
        asked.push(body);
        items = [question({ text: body.text, mine: true, asker: null })];
        return json(201, items[0]);
      }
      return notFound();
    }, ME));
    const user = userEvent.setup({ delay: null });
    const panel = await screen.findByRole('region', { name: 'Questions' });
    expect(await within(panel).findByText('No questions about this document yet.')).toBeInTheDocument();
    await user.type(within(panel).getByLabelText(/^Ask a question/), '  When is closing?  ');
    await user.click(within(panel).getByRole('button', { name: 'Send question' }));
    await waitFor(() => expect(asked).toEqual([{ text: 'When is closing?' }]));
    const item = await within(panel).findByTestId('question');
    expect(item).toHaveTextContent('When is closing?');
    expect(within(item).getByText('Yours')).toBeInTheDocument();
    expect(within(item).queryByLabelText('Your answer')).not.toBeInTheDocument();
  });
});
