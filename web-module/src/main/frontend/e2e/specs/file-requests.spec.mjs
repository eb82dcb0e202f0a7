// File requests (issue 18, docs/features/web-app.md WEB-11) end to end: the owner makes a request into a folder
// through the room's "Request files" dialog (largest file 1 MB, PDFs only) and copies its address; an outsider in a
// fresh context (no account) opens /r/<token>, sees the limits before choosing anything, picks an oversized PDF, a
// text file and a PDF that fits: the first two are refused with their sentences before upload (no request leaves
// the page for them), the third is sent with its progress and told "received, being checked"; the owner finds the
// file in the folder, and the request's list counts it. axe on the dialog, the outsider's page before and after, and
// the room.
import { api, apiToken, assert, open, ownerSession, pdf, unique } from '../lib.mjs';

export const tests = [
  {
    name: 'the owner requests files into a folder; an outsider sends a PDF, an oversized file and a wrong type are refused before upload',
    async run(browser) {
      const { w, user } = await ownerSession(browser, 'file-requests');
      const { page } = w;
      let outsider;
      try {
        const token = await apiToken(user);
        const room = await api('POST', '/api/v1/datarooms', token, { name: unique('Supplier room') });
        assert(room.status === 201, `room: ${room.status}`);
        const folder = await api('POST', `/api/v1/datarooms/${room.json.id}/folders`, token, { name: 'Incoming' });
        assert(folder.status === 201, `folder: ${folder.status}`);

        // The owner: "Request files" on the folder, through the dialog.
        const title = unique('Signed contracts');
        await page.goto(`/rooms/${room.json.id}`);
        await page.getByRole('button', { name: 'Actions for Incoming' }).click();
        await page.getByRole('menuitem', { name: 'Request files' }).click();
        const dialog = page.getByRole('dialog', { name: 'Request files into Incoming' });
        await dialog.getByLabel(/^Title/).fill(title);
        await dialog.getByLabel(/^Largest file/).fill('1');
        await dialog.getByLabel(/^Allowed types/).fill('application/pdf');
        await w.check('dialog');
        await dialog.getByRole('button', { name: 'Create request' }).click();
        const url = (await dialog.getByTestId('fr-url').textContent()).trim();
        assert(/\/r\/[A-Za-z0-9_-]+$/.test(url), `the request's address: ${url}`);
        await w.check('created');
        await dialog.getByRole('button', { name: 'Done' }).click();

        // The outsider: no account, a narrow screen.
        outsider = await open(browser, 'file-requests-outsider', { width: 375, height: 800 });
        const o = outsider.page;
        const uploads = [];
        o.on('request', (request) => {
          if (request.method() === 'POST' && request.url().includes('/files')) uploads.push(new URL(request.url()).searchParams.get('name'));
        });
        await o.goto(new URL(url).pathname);
        await o.getByRole('heading', { name: title }).waitFor();
        const limits = o.getByTestId('fr-limits');
        await limits.getByText('1 MB').waitFor();
        await limits.getByText('application/pdf').waitFor();
        await outsider.check('intro');

        await o.getByTestId('fr-input').setInputFiles([
          { name: 'Too big.pdf', mimeType: 'application/pdf', buffer: pdf('Too big', 1, 1_200_000) },
          { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a PDF\n') },
          { name: 'Signed.pdf', mimeType: 'application/pdf', buffer: pdf('Signed contract', 2) },
        ]);
        const item = (name) => o.locator(`[data-testid="fr-item"][data-name="${name}"]`);
        await item('Too big.pdf').getByTestId('fr-refusal')
          .getByText('“Too big.pdf” is too large: this request takes files of at most 1 MB.').waitFor();
        await item('notes.txt').getByTestId('fr-refusal')
          .getByText('“notes.txt” is not a type of file this request takes (application/pdf).').waitFor();
        await item('Signed.pdf').getByTestId('fr-received').getByText('Received, being checked for viruses.').waitFor();
        assert(JSON.stringify(uploads) === JSON.stringify(['Signed.pdf']),
          `only the file that fits was sent: ${JSON.stringify(uploads)}`);
        await outsider.check('sent');

        // The owner: the file is in the folder; the request counts it.
        await page.goto(`/rooms/${room.json.id}`);
        await page.locator('[data-testid="tree-document"][data-name="Signed.pdf"]').waitFor();
        const tree = await api('GET', `/api/v1/datarooms/${room.json.id}/tree`, token);
        const incoming = tree.json.children.find((c) => c.name === 'Incoming');
        assert(incoming?.children?.some((c) => c.name === 'Signed.pdf'), `Signed.pdf in Incoming: ${JSON.stringify(tree.json)}`);
        await w.check('room');
        await page.getByRole('tab', { name: 'File requests' }).click();
        const request = page.locator('[data-testid="fr-request"]', { hasText: title });
        await request.getByText('1 file received').waitFor();
        await w.check('list');
      } finally {
        await outsider?.close();
        await w.close();
      }
    },
  },
];
