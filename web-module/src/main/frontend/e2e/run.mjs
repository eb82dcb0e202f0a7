// Runs the e2e specs (e2e/specs/*.spec.mjs, or those named in E2E_SPECS) one after the other in Debian's chromium
// and exits non-zero when any test fails. A spec exports `tests`: [{ name, run(browser) }].
// Environment: E2E_BASE_URL, E2E_MAIL_DIR (the .eml mailbox), E2E_OUT_DIR (screenshots), E2E_CHROMIUM.
import { chromium } from 'playwright-core';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { config } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
if (!existsSync(config.chromium)) {
  console.error(`e2e: no chromium at ${config.chromium} (apt-get install chromium)`);
  process.exit(2);
}
const wanted = (process.env.E2E_SPECS ?? '').split(',').filter(Boolean);
const specs = readdirSync(join(here, 'specs'))
  .filter((f) => f.endsWith('.spec.mjs'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

console.log(`e2e: ${specs.length} spec file(s) against ${config.baseUrl}, mail from ${config.mailDir}`);
const browser = await chromium.launch({
  executablePath: config.chromium,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
let passed = 0;
const failed = [];
try {
  for (const file of specs) {
    const { tests } = await import(pathToFileURL(join(here, 'specs', file)).href);
    for (const test of tests) {
      const label = `${file} › ${test.name}`;
      const started = Date.now();
      try {
        await test.run(browser);
        passed++;
        console.log(`  ok   ${label} (${Date.now() - started} ms)`);
      } catch (error) {
        failed.push(label);
        console.log(`  FAIL ${label} (${Date.now() - started} ms)\n${String(error?.stack ?? error).replace(/^/gm, '       ')}`);
      }
    }
  }
} finally {
  await browser.close();
}
console.log(`e2e: ${passed} passed, ${failed.length} failed${failed.length ? `: ${failed.join('; ')}` : ''}`);
process.exit(failed.length || passed === 0 ? 1 : 0);
