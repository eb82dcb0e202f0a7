// Regenerates the API types from the committed OpenAPI snapshot and fails when src/api/schema.d.ts differs:
// the SPA cannot be built against stale types. `npm run gen:api` rewrites the file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The paths can be pointed elsewhere (src/api/staleness.test.ts proves the check fails on a changed snapshot).
const committed = process.env.COFFER_SCHEMA ?? 'src/api/schema.d.ts';
const snapshot = process.env.COFFER_OPENAPI ?? '../openapi/openapi.json';
const dir = mkdtempSync(join(tmpdir(), 'coffer-api-'));
const fresh = join(dir, 'schema.d.ts');
try {
  execFileSync(process.execPath, ['node_modules/openapi-typescript/bin/cli.js', snapshot, '-o', fresh],
    { stdio: ['ignore', 'ignore', 'inherit'] });
  const want = readFileSync(fresh, 'utf8');
  let have = '';
  try { have = readFileSync(committed, 'utf8'); } catch { /* missing counts as stale */ }
  if (want !== have) {
    console.error(`${committed} is stale: it differs from what openapi-typescript generates from `
      + `web-module/src/main/openapi/openapi.json. Run \`npm run gen:api\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${committed} matches the OpenAPI snapshot.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
