// Activity, automation and audit (issue 13, the ops areas): an owner seeded through the API sees an action done
// through the API in the activity stream, creates a webhook (secret shown once) and a rule, sees the webhook's
// delivery log (and replays a delivery), opens the audit log, filters it by action, verifies the chain and downloads
// the filtered CSV (named by the page with the date); at 375 px the screens do not scroll
// sideways. Every screen: axe clean, no CSP or console problem, a screenshot.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { assert, awaitMailLink, config, logIn, open, unique } from '../lib.mjs';

// Node's fetch resolves `localhost` to ::1 first, where the IT server does not listen (something else may): the API
// calls of this spec go to the IPv4 loopback, as the browser's do in effect.
const API = config.baseUrl.replace('//localhost', '//127.0.0.1');

async function call(method, path, { token, body } = {}) {
  const response = await fetch(`${API}/api/v1${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    throw new Error(`${method} ${path}: ${response.status} ${response.headers.get('content-type')} is not JSON: ${text.slice(0, 300)}`);
  }
  return { status: response.status, body: parsed };
}

/** The application may still be starting when the suite begins (Liberty answers HTML until it is up). */
async function awaitReady() {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ready = await fetch(`${API}/health/ready`).then((r) => r.ok, () => false);
    if (ready) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the server did not become ready within 60 s');
}

async function expect(status, promise, what) {
  const answer = await promise;
  assert(answer.status === status, `${what}: ${status} expected, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** An owner signed up and verified through the API (the verification token read from the .eml mail). */
async function seedOwner() {
  await awaitReady();
  const slug = unique('ops');
  const owner = { slug, email: `${slug}@example.test`, password: `pw-${randomBytes(8).toString('hex')}`, name: 'Olga Owner' };
  await expect(202, call('POST', '/auth/signup', {
    body: { tenantName: `Org ${slug}`, tenantSlug: slug, email: owner.email, password: owner.password, displayName: owner.name },
  }), 'signup');
  const link = await awaitMailLink(owner.email, '/verify-email');
  const token = new URL(link, config.baseUrl).searchParams.get('token');
  await expect(204, call('POST', '/auth/verify-email', { body: { token } }), 'verify');
  const login = await expect(200, call('POST', '/auth/login', { body: { tenant: slug, email: owner.email, password: owner.password } }), 'login');
  return { ...owner, token: login.accessToken };
}

export const tests = [
  {
    name: 'activity shows an API action; a webhook (secret once) and a rule; audit verify and CSV export',
    async run(browser) {
      const owner = await seedOwner();
      const roomName = unique('Ops room');
      await expect(201, call('POST', '/datarooms', { token: owner.token, body: { name: roomName } }), 'room through the API');

      const w = await open(browser, 'ops');
      const { page } = w;
      try {
        await logIn(w, owner);

        // Activity: the room created through the API, as a sentence naming the owner and the room.
        await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Activity' }).click();
        await page.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
        await page.getByRole('list', { name: 'Events' })
          .getByText(`${owner.name} created the data room “${roomName}”.`).waitFor();
        await page.getByLabel('Event', { exact: true }).selectOption({ label: 'Data room created' });
        await page.waitForURL(/type=dataroom\.created/);
        await page.getByRole('list', { name: 'Events' }).getByText(`“${roomName}”`).waitFor();
        await w.check('activity');

        // Automation: a webhook to a loopback receiver (the IT server allows private targets), its secret once.
        await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Automation' }).click();
        await page.getByRole('heading', { name: 'Automation', level: 1 }).waitFor();
        await page.getByRole('tab', { name: 'Webhooks' }).click();
        await page.getByText('No webhooks yet.', { exact: false }).waitFor();
        await page.getByRole('button', { name: 'New webhook' }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel(/^Target URL/).fill('http://127.0.0.1:9/coffer-e2e');
        await dialog.getByRole('checkbox', { name: 'Data room created' }).check();
        await dialog.getByRole('checkbox', { name: 'Link opened' }).check();
        await w.check('webhook-form');
        await dialog.getByRole('button', { name: 'Create webhook' }).click();
        const secret = (await page.getByTestId('webhook-secret').textContent())?.trim() ?? '';
        assert(/^whsec_[A-Za-z0-9_-]{40,}$/.test(secret), `a generated secret is shown once: ${secret}`);
        await page.getByRole('button', { name: 'Copy the secret' }).waitFor();
        await w.check('webhook-secret');
        await page.getByRole('button', { name: 'Done' }).click();
        await page.getByTestId('webhook').getByText('http://127.0.0.1:9/coffer-e2e').waitFor();
        assert((await page.getByText(secret).count()) === 0, 'the secret is not shown again');
        const hooks = await expect(200, call('GET', '/webhooks', { token: owner.token }), 'webhooks');
        assert(hooks.items.length === 1 && !hooks.items[0].secret, 'the list never carries the secret');

        // An event the webhook subscribed to → a delivery (refused by the closed port: failed, retried).
        await expect(201, call('POST', '/datarooms', { token: owner.token, body: { name: unique('Hooked room') } }), 'second room');
        await page.getByRole('link', { name: /Delivery log of/ }).click();
        await page.getByRole('heading', { name: 'Delivery log', level: 1 }).waitFor();
        const deliveries = page.getByRole('table', { name: 'Deliveries' });
        for (let i = 0; i < 30 && (await deliveries.count()) === 0; i++) {
          await page.waitForTimeout(500);
          await page.getByRole('button', { name: 'Refresh' }).click();
        }
        await deliveries.getByText('Data room created').waitFor();
        await deliveries.getByRole('button', { name: /Replay the delivery of Data room created/ }).first().click();
        await page.getByText('The delivery was queued again.').waitFor();
        await w.check('deliveries');

        // A rule: when a link is opened in the room, note it in the activity.
        await page.getByRole('link', { name: 'Back to the webhooks' }).click();
        await page.getByRole('tab', { name: 'Rules' }).click();
        await page.getByRole('button', { name: 'New rule' }).click();
        const editor = page.getByRole('dialog');
        await editor.getByLabel(/^Name/).fill('Note opened links');
        await editor.getByLabel(/When this happens/).selectOption({ label: 'Link opened' });
        await editor.getByLabel('In data room').selectOption({ label: roomName });
        await editor.getByLabel('Action', { exact: true }).selectOption({ label: 'Note in the activity' });
        await editor.getByRole('button', { name: 'Save rule' }).click();
        await editor.getByText('Enter a note of 1 to 2,000 characters.').waitFor(); // the form's own check
        await editor.getByLabel(/^Text of the note/).fill('Someone opened a link of the ops room.');
        await w.check('rule-form');
        await editor.getByRole('button', { name: 'Save rule' }).click();
        await page.getByText('The rule was saved.').waitFor();
        const rule = page.getByTestId('rule').filter({ hasText: 'Note opened links' });
        await rule.getByText('When: Link opened').waitFor();
        await rule.getByText(`Only if: in the data room “${roomName}”`).waitFor();
        await w.check('automation');
        const rules = await expect(200, call('GET', '/automations', { token: owner.token }), 'rules');
        const saved = rules.items.find((r) => r.name === 'Note opened links');
        assert(saved && saved.trigger === 'link.opened' && saved.action.type === 'NOTE' && saved.enabled,
          `the rule as the server has it: ${JSON.stringify(saved)}`);

        // Audit: entries, verify, CSV.
        await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Audit log' }).click();
        await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
        await page.getByRole('table', { name: 'Audit entries' }).getByText('Data room created').first().waitFor();
        await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Data room created' });
        await page.waitForURL(/action=dataroom\.created/);
        const audited = page.getByRole('table', { name: 'Audit entries' });
        for (let i = 0; i < 40 && (await audited.getByRole('row').count()) !== 3; i++) await page.waitForTimeout(250);
        assert((await audited.getByRole('row').count()) === 3, 'the filter leaves the two rooms (and the header row)');
        await page.getByRole('button', { name: 'Verify the chain' }).click();
        await page.getByTestId('verify-result').getByText(/The chain is intact: \d+ entries verified/).waitFor();
        const downloading = page.waitForEvent('download');
        await page.getByRole('button', { name: 'Export CSV' }).click();
        const download = await downloading;
        assert(/^coffer-audit-\d{4}-\d\d-\d\d\.csv$/.test(download.suggestedFilename()), `file name ${download.suggestedFilename()}`);
        const csv = readFileSync(await download.path(), 'utf8');
        const lines = csv.split('\r\n').filter(Boolean);
        assert(lines.length === 3 && lines.slice(1).every((l) => l.includes('"dataroom.created"')),
          `the CSV has the filtered entries only: ${csv.slice(0, 600)}`);
        await page.getByText(/Downloaded coffer-audit-/).waitFor();
        await w.check('audit');

        // 375 px: no sideways scrolling of the page (the audit table scrolls inside its own region).
        await page.setViewportSize({ width: 375, height: 800 });
        for (const path of ['/audit', '/activity', '/automation?tab=webhooks']) {
          await page.goto(path);
          await page.getByTestId('signed-in-as').waitFor();
          await page.getByRole('heading', { level: 1 }).waitFor();
          await page.waitForLoadState('networkidle').catch(() => {});
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert(overflow <= 0, `no sideways scrolling at 375 px on ${path} (${overflow} px too wide)`);
        }
        await w.check('automation-phone');
      } finally {
        await w.close();
      }
    },
  },
];
