// Rooms: create a room, upload a folder of PDFs through the folder picker (webkitdirectory) with the progress per
// file and in total shown, the tree keeps the folders (numbered by the server), a name clash is refused in words,
// a document is moved with the keyboard ("Move to…"), a document's page image is shown and a new version uploaded
// by tus, a colleague is granted the room and shown with their effective permission; axe on every screen, 375 px
// without sideways scrolling.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { assert, awaitMailLink, config, folderOfPdfs, ownerSession, pdf, unique } from '../lib.mjs';

const FILES = [
  ['Finance/2026', 'Q1 report.pdf', 3, 0],
  ['Finance/2026', 'Q2 report.pdf', 1, 0],
  ['Finance', 'Budget.pdf', 1, 2_000_000],
  ['Legal', 'NDA.pdf', 2, 0],
  ['', 'Overview.pdf', 1, 0],
];

async function api(method, path, token, body) {
  const response = await fetch(config.baseUrl + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

/** A colleague in the owner's tenant: invited and accepted through the API (the members spec does it in the UI). */
async function colleague(user) {
  const login = await api('POST', '/api/v1/auth/login', null, { tenant: user.slug, email: user.email, password: user.password });
  assert(login.status === 200, `owner API login: ${login.status}`);
  const token = login.json.accessToken;
  const email = `${unique('colleague')}@example.test`;
  const invited = await api('POST', '/api/v1/invitations', token, { email, role: 'MEMBER' });
  assert(invited.status === 201, `invitation: ${invited.status}`);
  const link = await awaitMailLink(email, '/invitations/accept');
  const password = `pw-${unique('c')}-long`;
  const accepted = await api('POST', '/api/v1/invitations/accept', null, {
    token: new URL(link, config.baseUrl).searchParams.get('token'), password, displayName: 'Carla Colleague',
  });
  assert(accepted.status === 201, `accept: ${accepted.status}`);
  return { ownerToken: token, email, password, name: 'Carla Colleague' };
}

export const tests = [
  {
    name: 'create a room, upload a folder of PDFs with progress, the tree keeps the folders, preview a page, grant a colleague',
    async run(browser) {
      const { w, user } = await ownerSession(browser, 'rooms');
      const { page } = w;
      const files = folderOfPdfs('coffer-e2e-rooms', 'Deal', FILES);
      try {
        const carla = await colleague(user);

        await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Data rooms' }).click();
        await page.getByText('No data rooms yet.', { exact: false }).waitFor();
        await w.check('list-empty');
        const roomName = unique('Project Falcon');
        await page.getByRole('button', { name: 'New data room' }).click();
        const create = page.getByRole('dialog', { name: 'New data room' });
        await create.getByLabel(/^Name/).fill(roomName);
        await create.getByLabel('Description (optional)').fill('Due diligence');
        await w.check('create-dialog');
        await create.getByRole('button', { name: 'Create room' }).click();
        await page.getByRole('heading', { name: roomName }).waitFor();
        await page.getByText('This room is empty.', { exact: false }).waitFor();

        // Slow the upload line down so that the bars move (the server is on loopback).
        const cdp = await w.context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 600 * 1024,
        });
        await page.evaluate(() => {
          window.__roomsProgress = { total: new Set(), files: new Set() };
          new MutationObserver(() => {
            const total = document.querySelector('[data-testid=upload-total]')?.getAttribute('aria-valuenow');
            if (total) window.__roomsProgress.total.add(Number(total));
            for (const bar of document.querySelectorAll('[data-testid=upload-progress]')) {
              window.__roomsProgress.files.add(Number(bar.getAttribute('aria-valuenow')));
            }
          }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
        });

        await page.getByTestId('upload-folder-input').setInputFiles(files.top);
        const uploads = page.getByTestId('uploads');
        await uploads.getByTestId('upload-item').nth(FILES.length - 1).waitFor();
        // The picked folder's own name is kept: every file arrives below "Deal".
        for (const [dir, name] of FILES) {
          await uploads.getByText(['Deal', dir, name].filter(Boolean).join('/'), { exact: true }).waitFor();
        }
        await page.getByTestId('upload-item').filter({ hasText: 'Budget.pdf' }).and(page.locator('[data-state=uploading]')).waitFor();
        await w.check('room-uploading');
        await page.waitForFunction(
          (n) => [...document.querySelectorAll('[data-testid=upload-item]')].filter((li) => li.dataset.state === 'done').length === n,
          FILES.length,
          { timeout: 60_000 },
        );
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
        await uploads.getByText(`${FILES.length} of ${FILES.length} files uploaded`, { exact: false }).waitFor();
        assert((await page.getByTestId('upload-total').getAttribute('aria-valuenow')) === '100', 'the total bar ends at 100');
        const seen = await page.evaluate(() => ({
          total: [...window.__roomsProgress.total], files: [...window.__roomsProgress.files],
        }));
        assert(seen.total.some((v) => v > 0 && v < 100), `the total bar moved between 0 and 100: ${seen.total}`);
        assert(seen.files.some((v) => v > 0 && v < 100), `a file's bar moved between 0 and 100: ${seen.files}`);

        // The tree keeps the folder structure, numbered by the server.
        const tree = page.getByRole('list', { name: 'Folders and documents of the room' });
        for (const [dir, name] of FILES) {
          const chain = ['Deal', ...dir.split('/').filter(Boolean), name].map((n) => `li[data-name="${n}"]`).join(' ');
          await tree.locator(chain).waitFor();
        }
        const rows = await tree.locator('li').evaluateAll((lis) => lis.map((li) => ({ index: li.dataset.index, name: li.dataset.name })));
        const byName = Object.fromEntries(rows.map((r) => [r.name, r.index]));
        assert(byName.Deal === '1', `the top folder is 1: ${JSON.stringify(rows)}`);
        assert(/^1\.\d+$/.test(byName.Finance) && /^1\.\d+$/.test(byName.Legal), `folders numbered under 1: ${JSON.stringify(rows)}`);
        assert(byName['Q1 report.pdf'].startsWith(`${byName['2026']}.`), `Q1 numbered under 2026: ${JSON.stringify(rows)}`);
        assert(byName['NDA.pdf'].startsWith(`${byName.Legal}.`), `NDA numbered under Legal: ${JSON.stringify(rows)}`);
        await w.check('room');

        // Uploading a file whose name is taken in the chosen folder is refused in words.
        await tree.getByRole('button', { name: 'Deal', exact: true }).click();
        await page.getByTestId('upload-target').getByText('Uploads and new folders go into: Deal').waitFor();
        await page.getByTestId('upload-files-input').setInputFiles(join(files.top, 'Overview.pdf'));
        await uploads
          .getByRole('alert')
          .filter({ hasText: '“Overview.pdf” was not uploaded: something with this name already exists in that folder.' })
          .waitFor({ timeout: 30_000 });
        await w.check('refused');

        // Move a document with the keyboard: "Move to…".
        await page.getByRole('button', { name: 'Actions for Overview.pdf' }).first().focus();
        await page.keyboard.press('Enter');
        await page.getByRole('menuitem', { name: 'Move to…' }).click();
        const move = page.getByRole('dialog', { name: 'Move “Overview.pdf”' });
        await move.getByLabel('New place').selectOption({ label: `${byName.Legal} Deal/Legal` });
        await w.check('move-dialog');
        await move.getByRole('button', { name: 'Move' }).click();
        await page.getByText('“Overview.pdf” was moved to “Legal”.').waitFor();
        await tree.locator('li[data-name="Legal"] li[data-name="Overview.pdf"]').waitFor();

        // 375 px: nothing scrolls sideways.
        await page.setViewportSize({ width: 375, height: 800 });
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert(width <= 375, `no sideways scrolling at 375 px: ${width}`);
        await w.check('room-375');
        await page.setViewportSize({ width: 1280, height: 900 });

        // A document's page, as the server renders it.
        await tree.getByRole('link', { name: 'Q1 report.pdf' }).click();
        const image = page.getByRole('img', { name: 'Page 1 of 3 of Q1 report.pdf' });
        await image.waitFor({ timeout: 30_000 });
        assert(await image.evaluate((img) => img.complete && img.naturalWidth > 0), 'the page image is a real image');
        await page.getByRole('button', { name: 'Next page' }).click();
        await page.getByRole('img', { name: 'Page 2 of 3 of Q1 report.pdf' }).waitFor({ timeout: 30_000 });
        await page.getByTestId('versions').getByRole('row').nth(1).waitFor();
        await w.check('document');

        // A new version goes up by the room uploads' resumable (tus) path and is listed.
        const tus = [];
        page.on('request', (r) => {
          if (r.url().includes('/api/v1/uploads')) tus.push(r.method());
        });
        await page.getByTestId('version-input').setInputFiles({
          name: 'Q1 report v2.pdf', mimeType: 'application/pdf', buffer: pdf('Q1 report v2', 2),
        });
        await page.getByText('The new version was uploaded.', { exact: false }).waitFor({ timeout: 60_000 });
        await page.getByTestId('versions').getByRole('row').nth(2).waitFor();
        assert(tus.includes('POST') && tus.includes('PATCH'), `the version went up by tus (POST, PATCH): ${tus}`);

        // Grant the colleague VIEW on the room.
        await page.getByRole('link', { name: /Back to the data room/ }).click();
        await page.getByRole('tab', { name: 'Access' }).click();
        await page.getByTestId('grants-table').waitFor();
        await page.getByLabel('Add a person or group').selectOption({ label: `${carla.name} (${carla.email})` });
        await page.getByLabel('With permission').selectOption({ label: 'View' });
        await page.getByRole('button', { name: 'Add', exact: true }).click();
        await page.getByLabel(`Permission of ${carla.name} (${carla.email})`).waitFor();
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page.getByText('The grants were saved.').waitFor();
        // The effective permissions, as the server decides them, refreshed after the save, with the reason in words.
        const effective = page.getByTestId('effective-table');
        await effective.getByRole('row').filter({ hasText: `${carla.name} (${carla.email})` })
          .filter({ hasText: 'Their own grant on the whole room' }).getByText('View', { exact: true }).waitFor();
        await effective.getByRole('row').filter({ hasText: user.email }).getByText('Owners and admins manage everything').waitFor();
        await w.check('access');

        const roomId = new URL(page.url()).pathname.split('/')[2];
        const grants = await api('GET', `/api/v1/datarooms/${roomId}/grants`, carla.ownerToken);
        assert(
          grants.json.some((g) => g.principal.type === 'USER' && g.permission === 'VIEW' && g.folderId === null),
          `the colleague's grant is stored: ${JSON.stringify(grants.json)}`,
        );
        const login = await api('POST', '/api/v1/auth/login', null, { tenant: user.slug, email: carla.email, password: carla.password });
        const rooms = await api('GET', '/api/v1/datarooms', login.json.accessToken);
        assert(rooms.json.items.some((r) => r.id === roomId && r.myPermission === 'VIEW'), `the colleague sees the room with VIEW: ${JSON.stringify(rooms.json)}`);

        // The trash: trash a document, see it there, restore it.
        await page.getByRole('tab', { name: 'Contents' }).click();
        await page.getByRole('button', { name: 'Actions for NDA.pdf' }).click();
        await page.getByRole('menuitem', { name: 'Move to trash' }).click();
        await page.getByText('“NDA.pdf” was moved to the trash.').waitFor();
        await page.getByRole('tab', { name: 'Trash' }).click();
        await page.getByRole('cell', { name: 'NDA.pdf', exact: true }).waitFor();
        await w.check('trash');
        await page.getByRole('button', { name: 'Restore NDA.pdf' }).click();
        await page.getByText('“NDA.pdf” was restored.').waitFor();
        await page.getByText('The trash is empty.').waitFor();
        await w.assertClean();
      } finally {
        rmSync(files.root, { recursive: true, force: true });
        await w.close();
      }
    },
  },
];
