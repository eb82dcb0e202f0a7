import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { json, pathOf, renderApp, signedIn } from '../../test/render';

// The machine is shared: give the screens time to load before a query gives up.
configure({ asyncUtilTimeout: 5000 });

const ME = { userId: 'u-ann', tenantId: 't1', tenantSlug: 'acme', email: 'ann@acme.test', displayName: 'Ann', role: 'OWNER' };
const ROOM = { id: 'r1', name: 'Project Falcon', description: null, createdAt: '2026-12-01T10:00:00Z', myPermission: 'MANAGE' };
const TREE = {
  id: 'r1', kind: 'DATAROOM', name: 'Project Falcon', index: '', myPermission: 'MANAGE',
  children: [
    {
      id: 'f-fin', kind: 'FOLDER', name: 'Finance', index: '1', myPermission: 'MANAGE',
      children: [{ id: 'd-1', kind: 'DOCUMENT', name: 'Q1.pdf', index: '1.1', myPermission: 'MANAGE' }],
    },
    { id: 'f-legal', kind: 'FOLDER', name: 'Legal', index: '2', myPermission: 'MANAGE', children: [] },
  ],
};
const MEMBERS = {
  items: [
    { userId: 'u-ann', email: 'ann@acme.test', displayName: 'Ann', role: 'OWNER' },
    { userId: 'u-bob', email: 'bob@acme.test', displayName: 'Bob', role: 'MEMBER' },
  ],
  nextCursor: null,
};
const GROUPS = { items: [{ id: 'g-fin', name: 'Finance team', createdAt: '2026-12-01T10:00:00Z', members: ['u-bob'] }], nextCursor: null };
const notFound = () => json(404, { type: '/problems/not-found', title: 'Not found', status: 404, detail: 'd' });

type Routes = Record<string, (request: Request) => Response | Promise<Response>>;

function server(routes: Routes) {
  return signedIn(async (request) => {
    const route = routes[`${request.method} ${pathOf(request)}`];
    return route ? route(request) : notFound();
  }, ME);
}

describe('rooms area', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('the room list says when there are no rooms, and a new room opens at once', async () => {
    let created: unknown;
    const { router } = renderApp(
      '/rooms',
      server({
        'GET /api/v1/datarooms': () => json(200, { items: [], nextCursor: null }),
        'POST /api/v1/datarooms': async (request) => {
          created = await request.json();
          return json(201, ROOM);
        },
        'GET /api/v1/datarooms/r1': () => json(200, ROOM),
        'GET /api/v1/datarooms/r1/tree': () => json(200, { ...TREE, children: [] }),
      }),
    );
    expect(await screen.findByText(/No data rooms yet/)).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'New data room' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Name/), 'Project Falcon');
    await user.click(within(dialog).getByRole('button', { name: 'Create room' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/rooms/r1'));
    expect(created).toEqual({ name: 'Project Falcon' });
    expect(await screen.findByText(/This room is empty/)).toBeInTheDocument();
  });

  it('shows the numbered tree and moves a document with the keyboard ("Move to…") through PATCH', async () => {
    let patched: unknown;
    renderApp(
      '/rooms/r1',
      server({
        'GET /api/v1/datarooms/r1': () => json(200, ROOM),
        'GET /api/v1/datarooms/r1/tree': () => json(200, TREE),
        'PATCH /api/v1/documents/d-1': async (request) => {
          patched = await request.json();
          return json(200, { id: 'd-1' });
        },
      }),
    );
    const tree = await screen.findByRole('list', { name: 'Folders and documents of the room' });
    expect(within(tree).getAllByTestId(/tree-/).map((li) => `${li.dataset.index} ${li.dataset.name}`)).toEqual([
      '1 Finance',
      '1.1 Q1.pdf',
      '2 Legal',
    ]);
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Actions for Q1.pdf' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Move to…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Move “Q1.pdf”' });
    const select = within(dialog).getByLabelText('New place');
    // Not offered: where it already is (Finance).
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Top of the room', '2 Legal']);
    await user.selectOptions(select, '2 Legal');
    await user.click(within(dialog).getByRole('button', { name: 'Move' }));
    await waitFor(() => expect(patched).toEqual({ folderId: 'f-legal' }));
    expect(await screen.findByText('“Q1.pdf” was moved to “Legal”.')).toBeInTheDocument();
  });

  it('a move refused with 409 is said in words', async () => {
    renderApp(
      '/rooms/r1',
      server({
        'GET /api/v1/datarooms/r1': () => json(200, ROOM),
        'GET /api/v1/datarooms/r1/tree': () => json(200, TREE),
        'PATCH /api/v1/folders/f-legal': () => json(409, { type: '/problems/conflict', title: 'Conflict', status: 409, detail: 'd' }),
      }),
    );
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Actions for Legal' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Move to…' }));
    const dialog = await screen.findByRole('dialog');
    await user.selectOptions(within(dialog).getByLabelText('New place'), '1 Finance');
    await user.click(within(dialog).getByRole('button', { name: 'Move' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('the name is taken in that place');
  });

  it('the grants editor changes one scope and PUTs the whole list, keeping the other scopes', async () => {
    const grants = [
      { principal: { type: 'USER', id: 'u-ann' }, folderId: null, permission: 'MANAGE' },
      { principal: { type: 'GROUP', id: 'g-fin' }, folderId: 'f-fin', permission: 'DOWNLOAD' },
    ];
    let put: unknown;
    renderApp(
      '/rooms/r1?tab=access',
      server({
        'GET /api/v1/datarooms/r1': () => json(200, ROOM),
        'GET /api/v1/datarooms/r1/tree': () => json(200, TREE),
        'GET /api/v1/datarooms/r1/grants': () => json(200, grants),
        'GET /api/v1/members': () => json(200, MEMBERS),
        'GET /api/v1/groups': () => json(200, GROUPS),
        'PUT /api/v1/datarooms/r1/grants': async (request) => {
          put = await request.json();
          return json(200, put);
        },
      }),
    );
    const table = await screen.findByTestId('grants-table');
    expect(await within(table).findByText('Ann (ann@acme.test)')).toBeInTheDocument();
    const user = userEvent.setup({ delay: null });
    // Add Bob with VIEW on the whole room.
    await user.selectOptions(screen.getByLabelText('Add a person or group'), 'Bob (bob@acme.test)');
    await user.selectOptions(screen.getByLabelText('With permission'), 'View');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByText('You have unsaved changes.')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('Permission of Bob (bob@acme.test)'), 'Upload');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(put).toEqual([
        { principal: { type: 'USER', id: 'u-ann' }, folderId: null, permission: 'MANAGE' },
        { principal: { type: 'GROUP', id: 'g-fin' }, folderId: 'f-fin', permission: 'DOWNLOAD' },
        { principal: { type: 'USER', id: 'u-bob' }, folderId: null, permission: 'UPLOAD' },
      ]),
    );
    expect(await screen.findByText('The grants were saved.')).toBeInTheDocument();

    // The folder scope shows the group's grant there and the room's grants above it, as they are.
    await user.selectOptions(screen.getByTestId('access-scope'), '1 Finance');
    expect(await within(screen.getByTestId('grants-table')).findByText('Finance team')).toBeInTheDocument();
    expect(screen.getByText(/Grants on the folders above/)).toBeInTheDocument();
  });

  it("the access panel shows each member's effective permission at the scope with the reason, refreshed after a save", async () => {
    const grants = [
      { principal: { type: 'USER', id: 'u-ann' }, folderId: null, permission: 'MANAGE' },
      { principal: { type: 'GROUP', id: 'g-fin' }, folderId: 'f-fin', permission: 'DOWNLOAD' },
    ];
    const asked: string[] = [];
    let saved = false;
    const answers = (folderId: string | null) => {
      if (folderId === 'f-fin') {
        return [
          { userId: 'u-ann', permission: 'MANAGE', source: 'ROLE', groupId: null, folderId: null },
          { userId: 'u-bob', permission: 'DOWNLOAD', source: 'GROUP', groupId: 'g-fin', folderId: 'f-fin' },
          { userId: 'u-cid', permission: 'NONE', source: 'USER', groupId: null, folderId: 'f-fin' },
        ];
      }
      return [
        { userId: 'u-ann', permission: 'MANAGE', source: 'ROLE', groupId: null, folderId: null },
        saved
          ? { userId: 'u-bob', permission: 'VIEW', source: 'USER', groupId: null, folderId: null }
          : { userId: 'u-bob', permission: 'NONE', source: 'NONE', groupId: null, folderId: null },
        { userId: 'u-cid', permission: 'NONE', source: 'NONE', groupId: null, folderId: null },
      ];
    };
    renderApp(
      '/rooms/r1?tab=access',
      server({
        'GET /api/v1/datarooms/r1': () => json(200, ROOM),
        'GET /api/v1/datarooms/r1/tree': () => json(200, TREE),
        'GET /api/v1/datarooms/r1/grants': () => json(200, grants),
        'GET /api/v1/datarooms/r1/effective-permissions': (request) => {
          const folderId = new URL(request.url).searchParams.get('folderId');
          asked.push(folderId ?? 'room');
          return json(200, { items: answers(folderId) });
        },
        'GET /api/v1/members': () => json(200, MEMBERS),
        'GET /api/v1/groups': () => json(200, GROUPS),
        'PUT /api/v1/datarooms/r1/grants': async (request) => {
          saved = true;
          return json(200, await request.json());
        },
      }),
    );
    const rowOf = async (name: RegExp) => {
      const table = await screen.findByTestId('effective-table');
      const cell = await within(table).findByText(name);
      return cell.closest('tr') as HTMLElement;
    };
    expect(await screen.findByText('Effective permissions here')).toBeInTheDocument();
    expect(await rowOf(/^Ann/)).toHaveTextContent('ManageOwners and admins manage everything');
    expect(await rowOf(/^Bob/)).toHaveTextContent('No accessNo grant applies to them');
    // a member the caller cannot name (not in the member list) is still listed, by a short id
    expect(await rowOf(/A member whose name you cannot see \(u-cid/)).toHaveTextContent('No access');

    // a save refreshes the answer: Bob's new grant and its reason show without a reload
    const user = userEvent.setup({ delay: null });
    await user.selectOptions(screen.getByLabelText('Add a person or group'), 'Bob (bob@acme.test)');
    await user.selectOptions(screen.getByLabelText('With permission'), 'View');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByText('These are the saved grants: save your changes to see their effect.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(async () => expect(await rowOf(/^Bob/)).toHaveTextContent('ViewTheir own grant on the whole room'));
    expect(asked.filter((a) => a === 'room').length).toBeGreaterThanOrEqual(2);

    // at a folder: the scope's answer, the group and the folder named
    await user.selectOptions(screen.getByTestId('access-scope'), '1 Finance');
    expect(await rowOf(/^Bob/)).toHaveTextContent('DownloadThe grant of the group “Finance team” on “Finance”');
    expect(await rowOf(/A member whose name you cannot see/)).toHaveTextContent('No accessTheir own grant on “Finance”');
    expect(asked).toContain('f-fin');

    // in German
    await i18n.changeLanguage('de');
    expect(await rowOf(/^Bob/)).toHaveTextContent('HerunterladenDie Freigabe der Gruppe „Finance team“ auf „Finance“');
  });

  it('the document page shows the server page image and the versions', async () => {
    const originalCreate = URL.createObjectURL;
    URL.createObjectURL = () => 'blob:page';
    URL.revokeObjectURL = () => {};
    const pages: string[] = [];
    try {
      renderApp(
        '/rooms/r1/documents/d-1',
        server({
          'GET /api/v1/datarooms/r1/tree': () => json(200, TREE),
          'GET /api/v1/documents/d-1': () =>
            json(200, {
              id: 'd-1', name: 'Q1.pdf', folderId: 'f-fin', size: 2048, sha256: 'a'.repeat(64), contentType: 'application/pdf',
              pageCount: 3, version: 2,
              versions: [
                { version: 1, size: 1000, sha256: 'b'.repeat(64), contentType: 'application/pdf', createdAt: '2026-12-01T10:00:00Z' },
                { version: 2, size: 2048, sha256: 'a'.repeat(64), contentType: 'application/pdf', createdAt: '2026-12-02T10:00:00Z' },
              ],
            }),
          'GET /api/v1/documents/d-1/pages/1': (r) => (pages.push(pathOf(r)), new Response('png', { status: 200, headers: { 'Content-Type': 'image/png' } })),
          'GET /api/v1/documents/d-1/pages/2': (r) => (pages.push(pathOf(r)), new Response('png', { status: 200, headers: { 'Content-Type': 'image/png' } })),
        }),
      );
            expect(await screen.findByRole('img', { name: 'Page 1 of 3 of Q1.pdf' }, { timeout: 4000 })).toHaveAttribute('src', 'blob:page');
      expect(screen.getByText('Page 1 of 3')).toBeInTheDocument();
      // The next page is fetched ahead.
      await waitFor(() => expect(pages).toContain('/api/v1/documents/d-1/pages/2'));
      const versions = screen.getByTestId('versions');
      expect(within(versions).getAllByRole('row')).toHaveLength(3);
      expect(screen.getByRole('button', { name: 'Download' })).toBeInTheDocument();
    } finally {
      URL.createObjectURL = originalCreate;
    }
  });

  it('downloads the room index as CSV or PDF through the API client, with the bearer token', async () => {
    const originalCreate = URL.createObjectURL;
    const originalRevoke = URL.revokeObjectURL;
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    URL.createObjectURL = vi.fn(() => 'blob:index');
    URL.revokeObjectURL = vi.fn();
    try {
      const { requests } = renderApp(
        '/rooms/r1',
        server({
          'GET /api/v1/datarooms/r1': () => json(200, ROOM),
          'GET /api/v1/datarooms/r1/tree': () => json(200, TREE),
          'GET /api/v1/datarooms/r1/index': (request) => {
            const format = new URL(request.url).searchParams.get('format') ?? 'csv';
            return new Response(format === 'pdf' ? '%PDF-1.7' : 'number,kind,path,name\r\n1,folder,/Finance,Finance\r\n', {
              status: 200,
              headers: {
                'Content-Type': format === 'pdf' ? 'application/pdf' : 'text/csv; charset=utf-8',
                'Content-Disposition': `attachment; filename="Project Falcon-index.${format}"`,
              },
            });
          },
        }),
      );
      const user = userEvent.setup({ delay: null });
      await user.click(await screen.findByRole('button', { name: 'Index' }));
      await user.click(await screen.findByRole('menuitem', { name: 'Index as CSV (spreadsheet)' }));
      expect(await screen.findByText('Downloaded Project Falcon-index.csv.')).toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Index' }));
      await user.click(await screen.findByRole('menuitem', { name: 'Index as PDF' }));
      expect(await screen.findByText('Downloaded Project Falcon-index.pdf.')).toBeInTheDocument();
      const asked = requests.filter((r) => pathOf(r) === '/api/v1/datarooms/r1/index');
      expect(asked.map((r) => new URL(r.url).searchParams.get('format'))).toEqual(['csv', 'pdf']);
      expect(asked[0]!.headers.get('Authorization')).toMatch(/^Bearer /);
      expect(URL.createObjectURL).toHaveBeenCalledTimes(2);
      expect(click).toHaveBeenCalledTimes(2);
    } finally {
      URL.createObjectURL = originalCreate;
      URL.revokeObjectURL = originalRevoke;
      click.mockRestore();
    }
  });
});
