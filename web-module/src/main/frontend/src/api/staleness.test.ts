// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'coffer-staleness-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function check(env: Record<string, string>) {
  return spawnSync(process.execPath, ['scripts/check-api.mjs'], { env: { ...process.env, ...env }, encoding: 'utf8' });
}

describe('the build refuses stale API types (scripts/check-api.mjs)', () => {
  it('passes for the committed types and snapshot', () => {
    const result = check({});
    expect(result.status, result.stderr).toBe(0);
  });

  it('fails when the snapshot gained an operation the committed types lack', () => {
    const snapshot = JSON.parse(readFileSync('../openapi/openapi.json', 'utf8'));
    snapshot.paths['/api/v1/brand-new'] = {
      get: { operationId: 'brandNew', responses: { '204': { description: 'No Content' } } },
    };
    const changed = join(dir, 'openapi.json');
    writeFileSync(changed, JSON.stringify(snapshot));
    const types = join(dir, 'schema.d.ts');
    copyFileSync('src/api/schema.d.ts', types);
    const result = check({ COFFER_OPENAPI: changed, COFFER_SCHEMA: types });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('is stale');
  });
}, 120_000);
