// Share links end to end: a password + email-code link made through the dialog (the room and its PDF seeded through
// the API), opened in a fresh browser context as a visitor (the gate, the code from the .eml mail, the watermarked
// page, paging on, leaving), the visit in the analytics chart and table; a password changed in the list's editor
// sends an open visitor back to the gate; a revoked link shows the revoked message.
import { assert, awaitCode, config, logIn, open, signUpAndVerify, unique } from '../lib.mjs';

/** A minimal valid PDF of `pages` pages with one line of text each. */
function pdf(pages) {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', null, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  const kids = [];
  for (let i = 1; i <= pages; i++) {
    const text = `BT /F1 36 Tf 72 700 Td (Quarterly report, page ${i}) Tj ET`;
    kids.push(`${objects.length + 1} 0 R`);
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length + 2} 0 R >>`);
    objects.push(`<< /Length ${text.length} >>\nstream\n${text}\nendstream`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`;
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** The API as an integration would call it (seeding only; every screen under test is driven in the browser). */
async function call(path, { method = 'GET', token, body, type = 'application/json' } = {}) {
  const response = await fetch(config.baseUrl + path, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': type } : {}) },
    body: body == null ? undefined : type === 'application/json' ? JSON.stringify(body) : body,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function seed(user, pages = 3) {
  const { accessToken } = await call('/api/v1/auth/login', {
    method: 'POST', body: { tenant: user.slug, email: user.email, password: user.password },
  });
  const room = await call('/api/v1/datarooms', { method: 'POST', token: accessToken, body: { name: unique('Deal room') } });
  const doc = await call(`/api/v1/datarooms/${room.id}/documents?name=Quarterly%20report.pdf`, {
    method: 'POST', token: accessToken, body: pdf(pages), type: 'application/pdf',
  });
  return { token: accessToken, room, doc };
}

/** Creates a link for the document through the /links page's dialog; answers its address and id. */
async function createLinkInDialog(w, { room, doc }, settings) {
  const { page } = w;
  await page.goto('/links');
  await page.getByLabel('Room').selectOption(room.id);
  await page.getByLabel('What to share').selectOption(doc.id);
  await page.getByRole('button', { name: 'Create a link…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Link name/).fill(settings.name);
  if (settings.password) await dialog.getByLabel(/^Password/).fill(settings.password);
  if (settings.verifyEmail) await dialog.getByRole('switch', { name: /Verify the email with a code/ }).check();
  if (settings.watermark) {
    await dialog.getByRole('button', { name: 'Watermark' }).click();
    await dialog.getByRole('switch', { name: /Watermark every page/ }).check();
    await dialog.getByLabel(/^Watermark text/).fill(settings.watermark);
    const line = await dialog.getByTestId('watermark-line').textContent();
    assert(line.includes('visitor@example.com'), `the live preview fills {email}: ${line}`);
    if (settings.shot) await w.check('dialog');
  }
  await dialog.getByRole('button', { name: 'Create link' }).click();
  const url = (await dialog.getByTestId('link-url').textContent()).trim();
  assert(/\/l\/[A-Za-z0-9_-]{20,}$/.test(url), `a link address: ${url}`);
  await dialog.getByRole('button', { name: 'Copy link' }).waitFor();
  if (settings.shot) await w.check('dialog-created');
  await dialog.getByRole('button', { name: 'Done' }).click();
  const row = page.locator('[data-testid^="link-row-"]', { hasText: settings.name });
  await row.waitFor();
  const id = (await row.getAttribute('data-testid')).replace('link-row-', '');
  return { url: new URL(url).pathname, id };
}

export const tests = [
  {
    name: 'password + email-code link through the dialog, visited in a fresh context, the visit in the analytics',
    async run(browser) {
      const w = await open(browser, 'links');
      const { page } = w;
      let visitor;
      try {
        const user = await signUpAndVerify(w);
        await logIn(w, user);
        const seeded = await seed(user, 3);
        const link = await createLinkInDialog(w, seeded, {
          name: 'Investors', password: 'open sesame 42', verifyEmail: true, watermark: 'Confidential {email} {date}', shot: true,
        });
        await w.check('list');

        visitor = await open(browser, 'visitor', { width: 375, height: 800 });
        const v = visitor.page;
        const email = `${unique('vera')}@visitor.test`;
        await v.goto(link.url);
        await v.getByLabel(/^Password/).waitFor();
        assert((await v.getByLabel(/^Email address/).count()) === 0, 'one step at a time: no email field before the password');
        await visitor.check('gate-password');
        await v.getByLabel(/^Password/).fill('not it');
        await v.getByRole('button', { name: 'Continue' }).click();
        await v.getByRole('alert').getByText('The password is not correct.').waitFor();
        await v.getByLabel(/^Password/).fill('open sesame 42');
        await v.getByRole('button', { name: 'Continue' }).click();
        await v.getByLabel(/^Email address/).fill(email);
        await v.getByRole('button', { name: 'Continue' }).click();
        await v.getByText(`We sent a code to ${email}`).waitFor();
        await visitor.check('gate-code');
        await v.getByLabel(/^6-digit code/).fill(await awaitCode(email, 1));
        await v.getByRole('button', { name: 'Verify' }).click();

        // The first watermarked page is rendered on the server (PDF page, then the watermark): slow on a busy machine.
        const image = v.getByTestId('page-image');
        await image.waitFor({ timeout: 60_000 });
        assert((await image.getAttribute('src')).startsWith('blob:'), 'the page image is a blob fetched with the visitor token');
        await v.getByTestId('page-indicator').getByText('Page 1').waitFor();
        await v.waitForFunction(() => document.querySelector('[data-testid="page-image"]')?.complete);
        await visitor.check('viewer');
        const overflow = await v.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert(overflow <= 0, `no sideways scrolling at 375 px (${overflow} px too wide)`);
        assert((await v.getByRole('button', { name: 'Download' }).count()) === 0, 'no download button: downloads are off');
        await v.keyboard.press('ArrowRight');
        await v.getByTestId('page-indicator').getByText('Page 2').waitFor();
        await v.getByRole('button', { name: 'Go to page 3' }).click({ timeout: 60_000 });
        await v.getByTestId('page-indicator').getByText('Page 3 of 3').waitFor({ timeout: 60_000 });
        await v.waitForTimeout(6_500); // one timer flush of the page times
        const storage = await v.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
        assert(!/eyJ/.test(storage), `no visitor token in web storage: ${storage}`);
        await visitor.assertClean();
        await visitor.close(); // leaving: pagehide flushes the rest with a keepalive request
        visitor = null;

        await page.goto(`/analytics/links/${link.id}`);
        // Beacons reach the analytics within 2 s (ACT-24); the page refetches every 15 s. No reloads: each one logs in
        // again through the refresh cookie, slow on a busy machine.
        await page.getByTestId('visitors-table').getByText(email).waitFor({ timeout: 45_000 });
        await page.getByRole('img', { name: /^1 in the last 30 days/ }).waitFor();
        // The leave-time flush is sent as the context closes and stored by the next flush (ACT-24: within 2 s): wait for
        // it rather than read the figure the moment the visitor shows up in the table.
        let report = await call(`/api/v1/share-links/${link.id}/analytics`, { token: seeded.token });
        for (const deadline = Date.now() + 10_000; report.totalSeconds < 5 && Date.now() < deadline;) {
          await page.waitForTimeout(500);
          report = await call(`/api/v1/share-links/${link.id}/analytics`, { token: seeded.token });
        }
        assert(report.views === 1 && report.uniqueVisitors === 1, `one view by one visitor: ${JSON.stringify(report)}`);
        assert(report.totalSeconds >= 5, `page times arrived: ${report.totalSeconds} s`);
        await page.getByTestId('pages-chart').waitFor();
        await w.check('analytics');
      } finally {
        if (visitor) await visitor.close();
        await w.close();
      }
    },
  },
  {
    name: 'the owner changes the password in the editor: the visitor\'s next page shows the gate again (WEB-7)',
    async run(browser) {
      const w = await open(browser, 'links-password');
      const { page } = w;
      let visitor;
      try {
        const user = await signUpAndVerify(w);
        await logIn(w, user);
        const seeded = await seed(user, 6);
        const link = await createLinkInDialog(w, seeded, { name: 'Board', password: 'first secret 1' });

        visitor = await open(browser, 'visitor-password');
        const v = visitor.page;
        await v.goto(link.url);
        await v.getByLabel(/^Password/).fill('first secret 1');
        await v.getByRole('button', { name: 'Continue' }).click();
        await v.getByTestId('page-image').waitFor({ timeout: 60_000 });
        await v.getByTestId('page-indicator').getByText('Page 1').waitFor();

        // The owner sets a new password in the list's editor; the dialog says it ends every open visit.
        await page.getByTestId(`link-row-${link.id}`).getByRole('button', { name: 'Edit Board' }).click();
        const editor = page.getByRole('dialog', { name: 'Edit “Board”' });
        await editor.getByRole('radio', { name: 'Set a new password' }).check();
        await editor.getByLabel(/^New password/).fill('second secret 2');
        await editor.getByTestId('ends-sessions').getByText(/ends every open visit/).waitFor();
        await w.check('link-edit-password');
        await editor.getByRole('button', { name: 'Save changes' }).click();
        await editor.waitFor({ state: 'hidden' });
        await page.getByText('The link “Board” was saved.').waitFor();

        // The visitor's next page: the session has ended, the gate asks for the password again.
        await v.keyboard.press('ArrowRight');
        await v.getByLabel(/^Password/).waitFor({ timeout: 30_000 });
        assert((await v.getByTestId('page-image').count()) === 0, 'no page is shown once the session ended');
        await visitor.check('gate-again');
        await v.getByLabel(/^Password/).fill('first secret 1');
        await v.getByRole('button', { name: 'Continue' }).click();
        await v.getByRole('alert').getByText('The password is not correct.').waitFor();
        await v.getByLabel(/^Password/).fill('second secret 2');
        await v.getByRole('button', { name: 'Continue' }).click();
        await v.getByTestId('page-image').waitFor({ timeout: 60_000 });
        await visitor.assertClean();
      } finally {
        if (visitor) await visitor.close();
        await w.close();
      }
    },
  },
  {
    name: 'a revoked link shows the revoked message; an unknown one the same',
    async run(browser) {
      const w = await open(browser, 'links-revoke');
      const { page } = w;
      try {
        const user = await signUpAndVerify(w);
        await logIn(w, user);
        const seeded = await seed(user, 1);
        const link = await createLinkInDialog(w, seeded, { name: 'Short-lived' });
        const v1 = await open(browser, 'visitor-open');
        await v1.page.goto(link.url);
        await v1.page.getByTestId('page-image').waitFor({ timeout: 60_000 });
        await v1.close();

        const row = page.getByTestId(`link-row-${link.id}`);
        await row.getByRole('button', { name: 'Revoke Short-lived' }).click();
        await page.getByRole('button', { name: 'Revoke link' }).click();
        await row.getByText('Revoked').waitFor();

        const v2 = await open(browser, 'visitor-revoked');
        try {
          await v2.page.goto(link.url);
          await v2.page.getByRole('heading', { name: 'This link is not available' }).waitFor();
          await v2.check('revoked');
          await v2.page.goto('/l/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
          await v2.page.getByRole('heading', { name: 'This link is not available' }).waitFor();
        } finally {
          await v2.close();
        }
      } finally {
        await w.close();
      }
    },
  },
];
