// The e2e harness: Debian's chromium driven by playwright-core, against the real server.
// Every page is watched: a CSP violation, an uncaught error or a console error fails the test; `check()` runs axe
// (no serious or critical violation) and saves a screenshot of the screen.
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomInt } from 'node:crypto';

export const config = {
  baseUrl: (process.env.E2E_BASE_URL ?? 'http://localhost:9080').replace(/\/$/, ''),
  mailDir: process.env.E2E_MAIL_DIR ?? 'coffer-data/mail',
  outDir: process.env.E2E_OUT_DIR ?? '../../../target/e2e',
  chromium: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
  totpUrl: process.env.E2E_TOTP_URL ?? '',
};

/**
 * Console errors the browser prints by itself for an API answer the screen handles (a 401 of the refresh on load
 * when nobody is logged in, a 4xx the page turns into a sentence): these, and only these, are not failures.
 */
const TOLERATED = [/^Failed to load resource: the server responded with a status of 4\d\d/];

export class Watched {
  constructor(context, page, spec) {
    this.context = context;
    this.page = page;
    this.spec = spec;
    this.problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !TOLERATED.some((pattern) => pattern.test(message.text()))) {
        this.problems.push(`console error: ${message.text()}`);
      }
      if (/Content Security Policy/i.test(message.text())) {
        this.problems.push(`CSP: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => this.problems.push(`uncaught: ${error.message}`));
  }

  /** Fails on anything the page reported so far, including CSP violations seen by the document. */
  async assertClean() {
    const csp = await this.page.evaluate(() => window.__cofferCsp ?? []).catch(() => []);
    const all = [...this.problems, ...csp.map((v) => `CSP violation: ${v}`)];
    this.problems = [];
    if (all.length) throw new Error(`the page reported problems:\n  ${all.join('\n  ')}`);
  }

  /** axe (serious/critical fail), a screenshot under target/e2e, and no CSP/console problem. */
  async check(name) {
    await this.page.waitForLoadState('networkidle').catch(() => {});
    // A closing dialog or a toast still fading is half transparent: axe measures its contrast against what shows
    // through (CI caught the rule editor's title mid-fade). Wait for every running CSS transition and animation to
    // end (at most 3 s), then a frame for what they unmount.
    await this.page.evaluate(() => Promise.race([
      Promise.all(document.getAnimations()
        .filter((a) => a.effect?.getTiming?.().iterations !== Infinity) // a spinner never ends
        .map((a) => a.finished.catch(() => {}))),
      new Promise((resolve) => setTimeout(resolve, 3000)),
    ]).then(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))))
      .catch(() => {});
    mkdirSync(config.outDir, { recursive: true });
    await this.page.screenshot({ path: join(config.outDir, `${this.spec}-${name}.png`), fullPage: true });
    const results = await new AxeBuilder({ page: this.page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    if (bad.length) {
      const text = bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
      throw new Error(`axe on ${name}:\n  ${text.join('\n  ')}`);
    }
    await this.assertClean();
  }

  async close() {
    await this.context.close();
  }
}

/**
 * A fresh browser context (own cookies) with its own client address: the server trusts the loopback proxy's
 * X-Forwarded-For (as in the other ITs), so per-address throttling of one test never slows another.
 */
export async function open(browser, spec, { locale = 'en-US', width = 1280, height = 900, permissions = [] } = {}) {
  const context = await browser.newContext({
    permissions,
    baseURL: config.baseUrl,
    locale,
    viewport: { width, height },
    extraHTTPHeaders: { 'X-Forwarded-For': `198.51.100.${randomInt(1, 255)}, 203.0.113.${randomInt(1, 255)}` },
  });
  await context.addInitScript(() => {
    window.__cofferCsp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cofferCsp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const page = await context.newPage();
  // Generous: a busy 2-core machine (other servers, the build) answers the first requests slowly.
  page.setDefaultTimeout(30_000);
  return new Watched(context, page, spec);
}

export function unique(prefix) {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export function assert(condition, message) {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

function decodeMail(raw) {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.substring(0, split).replace(/\r?\n[ \t]+/g, ' ');
  let body = raw.substring(split).trim();
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
    body = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
  } else if (/content-transfer-encoding:\s*base64/i.test(head)) {
    body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  const to = /^to:\s*(.*)$/im.exec(head)?.[1] ?? '';
  const subject = /^subject:\s*(.*)$/im.exec(head)?.[1] ?? '';
  return { to, subject, body };
}

/** The `.eml` mails for `to` in the mailbox directory, oldest first. */
export function mailsTo(to) {
  let files = [];
  try {
    files = readdirSync(config.mailDir).filter((f) => f.endsWith('.eml')).sort();
  } catch {
    return [];
  }
  return files
    .map((f) => decodeMail(readFileSync(join(config.mailDir, f), 'utf8')))
    .filter((m) => m.to.toLowerCase().includes(to.toLowerCase()));
}

/** Waits (15 s) for mail number `count` to `to` and answers the path + query of its link to `route`. */
export async function awaitMailLink(to, route, count = 1) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const mails = mailsTo(to).filter((m) => m.body.includes(route));
    if (mails.length >= count) {
      const match = new RegExp(`https?://[^\\s/]+(${route.replace(/[/]/g, '\\/')}\\?token=[A-Za-z0-9_-]+)`).exec(mails[count - 1].body);
      if (!match) throw new Error(`no ${route} link in the mail: ${mails[count - 1].body}`);
      return match[1];
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail #${count} with ${route} for ${to} within 15 s in ${config.mailDir}`);
}

/** The user of a test, signed up and verified through the UI (the verification link read from the .eml mail). */
export async function signUpAndVerify(w, who = {}) {
  const { page } = w;
  const slug = who.slug ?? unique('e2e');
  const email = who.email ?? `${slug}@example.test`;
  const password = who.password ?? `pw-${randomBytes(8).toString('hex')}`;
  const name = who.name ?? 'Erika Example';
  await page.goto('/signup');
  await page.getByLabel('Organisation name').fill(`Org ${slug}`);
  await page.getByLabel('Organisation address').fill(slug);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('heading', { name: 'Check your mail' }).waitFor();
  if (who.onSent) await who.onSent();
  const link = await awaitMailLink(email, '/verify-email');
  await page.goto(link);
  await page.getByRole('button', { name: 'Verify my email' }).click();
  await page.getByText('Your email address is verified').waitFor();
  return { slug, email, password, name };
}

/** Fills and sends the login form; waits for the admin layout unless `fails` (then the caller looks for the alert). */
export async function logIn(w, user, { fails = false } = {}) {
  const { page } = w;
  if (!page.url().endsWith('/login')) await page.goto('/login');
  await page.getByLabel('Organisation').first().fill(user.slug);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel(/^Password/).fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  if (!fails) await page.getByTestId('signed-in-as').waitFor();
}

/** A verified owner of a fresh tenant, logged in. */
export async function ownerSession(browser, spec, options = {}) {
  const w = await open(browser, spec, options);
  const user = await signUpAndVerify(w);
  await w.page.goto('/login');
  await logIn(w, user);
  return { w, user };
}

/** A call of the API from the test itself (setup and proofs, never the SPA's way). */
/** A bearer-token (or anonymous) call of the API: JSON in and out unless `type` says otherwise. */
export async function api(method, path, token, body, type = 'application/json') {
  const response = await fetch(config.baseUrl + path, {
    method,
    headers: { 'Content-Type': type, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body,
  });
  const text = await response.text();
  return { status: response.status, json: text && type === 'application/json' ? JSON.parse(text) : text };
}

/** An access token of `user` (as ownerSession made them) for calls of the API beside the browser. */
export async function apiToken(user) {
  const login = await api('POST', '/api/v1/auth/login', null, { tenant: user.slug, email: user.email, password: user.password });
  assert(login.status === 200, `owner API login: ${login.status}`);
  return login.json.accessToken;
}

export async function apiCall(method, path, body) {
  const response = await fetch(config.baseUrl + path, {
    method,
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `198.51.100.${randomInt(1, 255)}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.text() };
}

export function writeJson(name, value) {
  mkdirSync(config.outDir, { recursive: true });
  writeFileSync(join(config.outDir, name), JSON.stringify(value, null, 2));
}

// ---- set-up shared by the specs -------------------------------------------------------------------------------

/** A valid PDF of `pages` pages with a line of text each, padded with a comment to `pad` bytes (byte offsets exact). */
export function pdf(text, pages = 1, pad = 0) {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', null, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  const kids = [];
  for (let i = 0; i < pages; i++) {
    const content = `BT /F1 36 Tf 72 700 Td (${text} - page ${i + 1}) Tj ET`;
    objects.push(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length} 0 R >>`);
    kids.push(`${objects.length} 0 R`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`;
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  if (pad > out.length) out += `%${'x'.repeat(78)}\n`.repeat(Math.ceil((pad - out.length) / 80));
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * A folder `top` of PDFs under a fresh temporary directory, for the folder picker: `files` are
 * `[dir below top ('' for top), file name, pages, padded size]`. Answers `{ root, top }` (remove `root` afterwards).
 */
export function folderOfPdfs(prefix, topName, files) {
  const root = join(tmpdir(), unique(prefix));
  const top = join(root, topName);
  for (const [dir, name, pages, pad] of files) {
    mkdirSync(join(top, dir), { recursive: true });
    writeFileSync(join(top, dir, name), pdf(name.replace('.pdf', ''), pages, pad));
  }
  return { root, top };
}

/** Waits for the 6-digit code of mail number `count` to `email` (the newest when `count` is left out). */
export async function awaitCode(email, count = 1) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const mails = mailsTo(email);
    if (mails.length >= count) {
      const code = /\b(\d{6})\b/.exec(mails[count - 1].body)?.[1];
      if (code) return code;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no code mail #${count} for ${email} within 15 s in ${config.mailDir}`);
}

/**
 * The TOTP code for a base32 secret at the server's current step plus `ahead`, computed by the server's own Totp
 * (WebAppE2EIT serves it on a loopback port as E2E_TOTP_URL; the suite has no TOTP arithmetic of its own).
 */
export async function totpCode(secret, ahead = 0) {
  if (!config.totpUrl) throw new Error('E2E_TOTP_URL is not set: WebAppE2EIT serves the codes');
  const response = await fetch(`${config.totpUrl}?secret=${encodeURIComponent(secret)}&ahead=${ahead}`);
  const code = (await response.text()).trim();
  if (!response.ok || !/^\d{6}$/.test(code)) throw new Error(`no TOTP code from ${config.totpUrl}: ${response.status} ${code}`);
  return code;
}
