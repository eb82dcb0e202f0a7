import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { json, pathOf, renderApp, signedIn } from '../../test/render';
import { toCreateRequest, validateRequest, emptyRequestForm } from './requestForm';

const ROOM = { id: 'r1', name: 'Project Falcon', description: null, createdAt: '2026-12-01T10:00:00Z', myPermission: 'MANAGE' };
const TREE = {
  id: 'r1', kind: 'DATAROOM', name: 'Project Falcon', index: '', myPermission: 'MANAGE',
  children: [
    {
      id: 'f-in', kind: 'FOLDER', name: 'Incoming', index: '1', myPermission: 'MANAGE',
      children: [
        { id: 'd-ok', kind: 'DOCUMENT', name: 'ok.pdf', index: '1.1', myPermission: 'MANAGE', status: 'READY' },
        { id: 'd-scan', kind: 'DOCUMENT', name: 'new.pdf', index: '1.2', myPermission: 'MANAGE', status: 'SCANNING' },
        { id: 'd-bad', kind: 'DOCUMENT', name: 'eicar.pdf', index: '1.3', myPermission: 'MANAGE', status: 'QUARANTINED' },
      ],
    },
  ],
};
const REQUEST = {
  id: 'fr1', dataroomId: 'r1', name: 'Signed contracts', folderId: 'f-in', token: null, url: null, expiresAt: null,
  maxFileBytes: 5_000_000, allowedTypes: ['application/pdf'], requireEmail: true, hasPassword: false, maxFiles: 3,
  filesCount: 1, createdBy: 'u-ann', createdAt: '2026-12-07T10:00:00Z',
};
const notFound = () => json(404, { type: '/problems/not-found', title: 'Not found', status: 404, detail: 'd' });

function server(routes: Record<string, (request: Request) => Response | Promise<Response>>) {
  return signedIn(async (request) => routes[`${request.method} ${pathOf(request)}`]?.(request) ?? notFound());
}

describe('file requests in a room', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('"Request files" on a folder posts the dialog’s settings and shows the address to copy', async () => {
    let posted: unknown;
    let list = { items: [] as unknown[] };
    renderApp('/rooms/r1', server({
      'GET /api/v1/datarooms/r1': () => json(200, ROOM),
      'GET /api/v1/datarooms/r1/tree': () => json(200, TREE),
      'GET /api/v1/datarooms/r1/file-requests': () => json(200, list),
      'POST /api/v1/datarooms/r1/file-requests': async (request) => {
        posted = await request.json();
        list = { items: [REQUEST] };
        return json(201, { ...REQUEST, filesCount: 0, token: 'tokA', url: 'http://coffer.test/r/tokA' });
      },
    }));
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Actions for Incoming' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Request files' }));
    const dialog = await screen.findByRole('dialog', { name: 'Request files into Incoming' });
    expect(within(dialog).getByLabelText('Files go into')).toHaveValue('Incoming');
    await user.click(within(dialog).getByRole('button', { name: 'Create request' }));
    expect(within(dialog).getByText('Please give the request a title.')).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/^Title/), 'Signed contracts');
    await user.type(within(dialog).getByLabelText(/^Largest file/), '5');
    await user.type(within(dialog).getByLabelText(/^Allowed types/), 'application/pdf, .DOCX, pdf');
    await user.click(within(dialog).getByRole('button', { name: 'Create request' }));
    expect(await within(dialog).findByText('Not a media type, family or ending: pdf.')).toBeInTheDocument();
    await user.clear(within(dialog).getByLabelText(/^Allowed types/));
    await user.type(within(dialog).getByLabelText(/^Allowed types/), 'application/pdf, .DOCX');
    await user.type(within(dialog).getByLabelText(/^Most files/), '3');
    await user.click(within(dialog).getByLabelText('Ask for the sender’s email address'));
    await user.type(within(dialog).getByLabelText(/^Password/), 'hunter2');
    await user.click(within(dialog).getByRole('button', { name: 'Create request' }));

    expect(await within(dialog).findByTestId('fr-url')).toHaveTextContent('http://coffer.test/r/tokA');
    expect(within(dialog).getByText(/shown only this once/)).toBeInTheDocument();
    expect(posted).toEqual({
      folderId: 'f-in', name: 'Signed contracts', maxFileBytes: 5_000_000, allowedTypes: ['application/pdf', '.docx'],
      requireEmail: true, password: 'hunter2', maxFiles: 3,
    });
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await user.click(screen.getByRole('tab', { name: 'File requests' }));
    const item = await screen.findByTestId('fr-request');
    expect(item).toHaveTextContent('Signed contracts');
    expect(item).toHaveTextContent('Into: Incoming');
    expect(item).toHaveTextContent('1 of 3 files received');
    // The list has no addresses: the server shows a token once, at creation.
    expect(within(item).queryByTestId('fr-request-url')).not.toBeInTheDocument();
    expect(screen.getByText(/An address is shown only once/)).toBeInTheDocument();
  });

  it('the toolbar’s "Request files" without a chosen folder asks for the room’s top', async () => {
    let posted: unknown;
    renderApp('/rooms/r1', server({
      'GET /api/v1/datarooms/r1': () => json(200, ROOM),
      'GET /api/v1/datarooms/r1/tree': () => json(200, TREE),
      'POST /api/v1/datarooms/r1/file-requests': async (request) => {
        posted = await request.json();
        return json(201, { ...REQUEST, folderId: null, token: 't', url: 'http://coffer.test/r/t' });
      },
    }));
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Request files' }));
    const dialog = await screen.findByRole('dialog', { name: 'Request files into Project Falcon' });
    await user.type(within(dialog).getByLabelText(/^Title/), 'Anything');
    await user.click(within(dialog).getByRole('button', { name: 'Create request' }));
    await within(dialog).findByTestId('fr-url');
    expect(posted).toEqual({ folderId: null, name: 'Anything' });
  });

  it('the list deletes a request after asking', async () => {
    let deleted = false;
    renderApp('/rooms/r1?tab=file-requests', server({
      'GET /api/v1/datarooms/r1': () => json(200, ROOM),
      'GET /api/v1/datarooms/r1/tree': () => json(200, TREE),
      'GET /api/v1/datarooms/r1/file-requests': () => json(200, { items: deleted ? [] : [REQUEST] }),
      'DELETE /api/v1/file-requests/fr1': () => {
        deleted = true;
        return new Response(null, { status: 204 });
      },
    }));
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Delete the file request Signed contracts' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this file request?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText(/No file requests yet/)).toBeInTheDocument();
    expect(deleted).toBe(true);
  });

  it('documents being checked or quarantined carry a badge; a quarantined one cannot be opened', async () => {
    renderApp('/rooms/r1', server({
      'GET /api/v1/datarooms/r1': () => json(200, ROOM),
      'GET /api/v1/datarooms/r1/tree': () => json(200, TREE),
    }));
    const doc = async (name: string) =>
      (await screen.findAllByTestId('tree-document')).find((li) => li.dataset.name === name)!;
    expect(within(await doc('ok.pdf')).queryByTestId('document-status')).not.toBeInTheDocument();
    expect(within(await doc('new.pdf')).getByTestId('document-status')).toHaveTextContent('Being checked for viruses');
    expect(within(await doc('new.pdf')).getByRole('link', { name: 'new.pdf' })).toBeInTheDocument();
    const bad = await doc('eicar.pdf');
    expect(within(bad).getByTestId('document-status')).toHaveTextContent('Quarantined — a virus was found');
    expect(within(bad).queryByRole('link')).not.toBeInTheDocument();
  });
});

describe('the request form', () => {
  it('sends only what was set; checks the title, expiry, sizes and type entries', () => {
    const now = new Date('2026-12-07T12:00:00Z');
    expect(validateRequest(emptyRequestForm, now)).toEqual({ name: 'dialog.nameNeeded' });
    expect(validateRequest({ ...emptyRequestForm, name: 'x', expiresAt: '2026-12-01T10:00', maxSizeMb: 0, maxFiles: 1.5, allowedTypes: 'image/*, .docx, exe' }, now))
      .toEqual({ expiresAt: 'dialog.expiresPast', maxSizeMb: 'dialog.maxSizeInvalid', maxFiles: 'dialog.maxFilesInvalid', allowedTypes: 'dialog.typesInvalid' });
    expect(toCreateRequest({ ...emptyRequestForm, name: '  Deck ', maxSizeMb: 0.5 }, 'f1')).toEqual({ folderId: 'f1', name: 'Deck', maxFileBytes: 500_000 });
    const withExpiry = toCreateRequest({ ...emptyRequestForm, name: 'x', expiresAt: '2027-01-31T17:00' }, null);
    expect(withExpiry.expiresAt).toMatch(/^2027-01-31T\d\d:00:00Z$/);
  });
});

