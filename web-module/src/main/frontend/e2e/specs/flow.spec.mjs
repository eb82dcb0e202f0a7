// The whole flow of issue 13 in one go, every step in the browser: sign up → verify through the .eml mail → create a
// room and upload a folder of PDFs with the progress shown → invite a colleague (who accepts through the mail) and
// grant the room → a password + email-code link with a watermark through the dialog → a visitor in a fresh browser
// context passes the gate (the code from the mail) and sees the watermarked page → the analytics chart shows the
// visit; the link's view limit edited in the list; revoking the link → the visitor sees the revoked message. The API is only read, to prove what the screens
// claim. axe, CSP and console checks on every screen (lib.mjs); the screenshots feed docs/screenshots/.
import { rmSync } from 'node:fs';
import { assert, awaitCode, awaitMailLink, config, folderOfPdfs, logIn, open, signUpAndVerify, unique } from '../lib.mjs';

// The folder the owner picks: "Board pack" with a sub-folder; one file large enough for the bars to move.
const FILES = [
  ['Financials', 'Annual report.pdf', 3, 1_200_000],
  ['Financials', 'Forecast.pdf', 1, 0],
  ['', 'Term sheet.pdf', 2, 0],
];

/** A read of the API with the owner's token: only to prove what a screen claims, never to set anything up. */
async function read(path, token) {
  const response = await fetch(config.baseUrl + path, { headers: { Authorization: `Bearer ${token}` } });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${path} → ${response.status} ${text}`);
  return JSON.parse(text);
}

async function ownerToken(user) {
  const response = await fetch(`${config.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenant: user.slug, email: user.email, password: user.password }),
  });
  assert(response.ok, `owner API login: ${response.status}`);
  return (await response.json()).accessToken;
}

/** Share of the page image's pixels in the watermark's red (drawn at 22 % over the page; the PDF text is black). */
function redShare(page) {
  return page.getByTestId('page-image').evaluate((img) => {
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const g = canvas.getContext('2d');
    g.drawImage(img, 0, 0);
    const { data } = g.getImageData(0, 0, canvas.width, canvas.height);
    let red = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] - data[i + 1] > 25 && data[i] - data[i + 2] > 25) red++;
    return red / (data.length / 4);
  });
}

export const tests = [
  {
    name: 'sign up, verify, upload a folder, grant a colleague, a gated link, the visitor sees the watermarked page, the visit in the analytics, revoke',
    async run(browser) {
      const w = await open(browser, 'flow');
      const { page } = w;
      const files = folderOfPdfs('coffer-e2e-flow', 'Board pack', FILES);
      const others = [];
      const nav = () => page.getByRole('navigation', { name: 'Main navigation' });
      try {
        // 1. Sign up and verify through the mail; log in.
        const user = await signUpAndVerify(w);
        await logIn(w, user);

        // 2. A room, and a folder of PDFs uploaded into it with the progress shown per file and in total.
        await nav().getByRole('link', { name: 'Data rooms' }).click();
        await page.getByRole('button', { name: 'New data room' }).click();
        const roomName = unique('Board');
        const create = page.getByRole('dialog', { name: 'New data room' });
        await create.getByLabel(/^Name/).fill(roomName);
        await create.getByRole('button', { name: 'Create room' }).click();
        await page.getByRole('heading', { name: roomName }).waitFor();
        const roomId = new URL(page.url()).pathname.split('/')[2];

        const cdp = await w.context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 500 * 1024 });
        await page.evaluate(() => {
          window.__flowProgress = new Set();
          new MutationObserver(() => {
            const total = document.querySelector('[data-testid=upload-total]')?.getAttribute('aria-valuenow');
            if (total) window.__flowProgress.add(Number(total));
          }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
        });
        await page.getByTestId('upload-folder-input').setInputFiles(files.top);
        const uploads = page.getByTestId('uploads');
        await page.getByTestId('upload-item').filter({ hasText: 'Annual report.pdf' }).and(page.locator('[data-state=uploading]')).waitFor();
        await w.check('uploading');
        await uploads.getByText(`${FILES.length} of ${FILES.length} files uploaded`, { exact: false }).waitFor({ timeout: 60_000 });
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
        const seen = await page.evaluate(() => [...window.__flowProgress]);
        assert(seen.some((v) => v > 0 && v < 100) && seen.includes(100), `the total bar moved to 100: ${seen}`);
        const tree = page.getByRole('list', { name: 'Folders and documents of the room' });
        await tree.locator('li[data-name="Board pack"] li[data-name="Financials"] li[data-name="Annual report.pdf"]').waitFor();
        await tree.locator('li[data-name="Board pack"] li[data-name="Term sheet.pdf"]').waitFor();
        await w.check('room');

        // 3. A colleague: invited on the Members page, accepts through the mail, then granted the room.
        await nav().getByRole('link', { name: 'Members' }).click();
        await page.getByRole('tab', { name: 'Invitations' }).click();
        const colleague = { email: `${unique('carla')}@example.test`, name: 'Carla Colleague', password: `pw-${unique('c')}-long` };
        await page.getByLabel('Email address').fill(colleague.email);
        await page.getByLabel('Role').selectOption('MEMBER');
        await page.getByRole('button', { name: 'Send the invitation' }).click();
        await page.getByRole('status').getByText(`An invitation was sent to ${colleague.email}.`).waitFor();
        const guest = await open(browser, 'flow-colleague');
        others.push(guest);
        await guest.page.goto(await awaitMailLink(colleague.email, '/invitations/accept'));
        await guest.page.getByLabel('Your name').fill(colleague.name);
        await guest.page.getByLabel(/^Password/).fill(colleague.password);
        await guest.page.getByLabel('Repeat the password').fill(colleague.password);
        await guest.page.getByRole('button', { name: 'Create my account' }).click();
        await guest.page.getByText(`Your account in ${user.slug} is ready.`).waitFor();

        await page.goto(`/rooms/${roomId}`);
        await page.getByRole('tab', { name: 'Access' }).click();
        await page.getByTestId('grants-table').waitFor();
        const who = `${colleague.name} (${colleague.email})`;
        await page.getByLabel('Add a person or group').selectOption({ label: who });
        await page.getByLabel('With permission').selectOption({ label: 'View' });
        await page.getByRole('button', { name: 'Add', exact: true }).click();
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page.getByText('The grants were saved.').waitFor();
        await w.check('access');

        // The colleague, logged in, sees the room and its documents.
        await logIn(guest, { slug: user.slug, email: colleague.email, password: colleague.password });
        await guest.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Data rooms' }).click();
        await guest.page.getByRole('link', { name: roomName }).click();
        await guest.page.getByRole('list', { name: 'Folders and documents of the room' }).locator('li[data-name="Term sheet.pdf"]').waitFor();
        await guest.assertClean();

        // 4. A password + email-code link with a watermark for the annual report, through the dialog.
        await nav().getByRole('link', { name: 'Share links' }).click();
        await page.getByLabel('Room').selectOption(roomId);
        const what = page.getByLabel('What to share');
        const option = what.locator('option', { hasText: 'Annual report.pdf' });
        await option.waitFor({ state: 'attached' });
        await what.selectOption(await option.getAttribute('value'));
        await page.getByRole('button', { name: 'Create a link…' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel(/^Link name/).fill('Investors');
        await dialog.getByLabel(/^Password/).fill('open sesame 42');
        await dialog.getByRole('switch', { name: /Verify the email with a code/ }).check();
        await dialog.getByRole('button', { name: 'Watermark' }).click();
        await dialog.getByRole('switch', { name: /Watermark every page/ }).check();
        await dialog.getByLabel(/^Watermark text/).fill('Confidential {email} {date}');
        await w.check('link-dialog');
        await dialog.getByRole('button', { name: 'Create link' }).click();
        const url = new URL((await dialog.getByTestId('link-url').textContent()).trim()).pathname;
        await dialog.getByRole('button', { name: 'Done' }).click();
        const row = page.locator('[data-testid^="link-row-"]', { hasText: 'Investors' });
        await row.waitFor();
        const linkId = (await row.getAttribute('data-testid')).replace('link-row-', '');

        // 5. The visitor, in a fresh browser context: password, email, the code from the mail, the watermarked page.
        const visitor = await open(browser, 'flow-visitor');
        others.push(visitor);
        const v = visitor.page;
        const email = `${unique('vera')}@visitor.test`;
        await v.goto(url);
        await v.getByLabel(/^Password/).fill('open sesame 42');
        await visitor.check('gate');
        await v.getByRole('button', { name: 'Continue' }).click();
        await v.getByLabel(/^Email address/).fill(email);
        await v.getByRole('button', { name: 'Continue' }).click();
        await v.getByText(`We sent a code to ${email}`).waitFor();
        await v.getByLabel(/^6-digit code/).fill(await awaitCode(email, 1));
        await v.getByRole('button', { name: 'Verify' }).click();
        await v.getByTestId('page-image').waitFor({ timeout: 60_000 });
        await v.waitForFunction(() => document.querySelector('[data-testid="page-image"]')?.complete);
        await v.getByTestId('page-indicator').getByText('Page 1', { exact: true }).waitFor();
        const red = await redShare(v);
        assert(red > 0.02, `the page carries the red watermark (${(red * 100).toFixed(1)} % of its pixels)`);
        await visitor.check('viewer');
        await v.keyboard.press('ArrowRight');
        await v.getByTestId('page-indicator').getByText(/^Page 2( of 3)?$/).waitFor({ timeout: 60_000 });
        await v.waitForTimeout(6_500); // one timer flush of the page times
        await visitor.assertClean();
        await visitor.close();
        others.pop();

        // 6. The owner's analytics: the visitor in the table, the visit in the chart.
        await page.goto(`/analytics/links/${linkId}`);
        await page.getByTestId('visitors-table').getByText(email).waitFor({ timeout: 45_000 });
        await page.getByRole('img', { name: /^1 in the last 30 days/ }).waitFor();
        await page.getByTestId('pages-chart').waitFor();
        const token = await ownerToken(user);
        const report = await read(`/api/v1/share-links/${linkId}/analytics`, token);
        assert(report.views === 1 && report.uniqueVisitors === 1, `one view by one visitor: ${JSON.stringify(report)}`);
        await w.check('analytics');

        // 7. The link edited in the list (a PATCH of the view limit), then revoked: the next visit shows the revoked message.
        await nav().getByRole('link', { name: 'Share links' }).click();
        const listed = page.getByTestId(`link-row-${linkId}`);
        await listed.getByRole('button', { name: 'Edit Investors' }).click();
        const editor = page.getByRole('dialog', { name: 'Edit “Investors”' });
        await editor.getByLabel(/^View limit/).fill('5');
        await w.check('link-edit');
        await editor.getByRole('button', { name: 'Save changes' }).click();
        await page.getByRole('status').getByText('The link “Investors” was saved.').waitFor();
        await listed.getByText('1 of 5').waitFor();
        const edited = await read(`/api/v1/share-links/${linkId}`, token);
        assert(edited.maxViews === 5 && edited.hasPassword && edited.verifyEmail, `only the view limit changed: ${JSON.stringify(edited)}`);
        await listed.getByRole('button', { name: 'Revoke Investors' }).click();
        await page.getByRole('button', { name: 'Revoke link' }).click();
        await listed.getByText('Revoked').waitFor();
        const late = await open(browser, 'flow-revoked');
        others.push(late);
        await late.page.goto(url);
        await late.page.getByRole('heading', { name: 'This link is not available' }).waitFor();
        await late.check('revoked');
        const gone = await fetch(`${config.baseUrl}/api/v1/public/links/${url.split('/').pop()}`);
        assert(gone.status === 404, `the revoked link answers 404 to visitors: ${gone.status}`);
        await w.assertClean();
      } finally {
        rmSync(files.root, { recursive: true, force: true });
        for (const other of others) await other.close().catch(() => {});
        await w.close();
      }
    },
  },
];
