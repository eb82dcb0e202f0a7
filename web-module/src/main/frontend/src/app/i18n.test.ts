import { describe, expect, it } from 'vitest';
import { LANGUAGES, resources } from './i18n';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

/** Plural forms differ by language (`_one`, `_other`, …): compare the keys without their plural suffix. */
function base(key: string): string {
  return key.replace(/_(zero|one|two|few|many|other)$/, '');
}

describe('message files', () => {
  it('every namespace exists in English and German with the same keys', () => {
    const en = resources.en ?? {};
    expect(Object.keys(en).length).toBeGreaterThan(5);
    for (const lng of LANGUAGES) {
      expect(Object.keys(resources[lng] ?? {}).sort()).toEqual(Object.keys(en).sort());
      for (const ns of Object.keys(en)) {
        const want = [...new Set(keys(en[ns]).map(base))].sort();
        const have = [...new Set(keys(resources[lng]?.[ns]).map(base))].sort();
        expect({ ns, lng, keys: have }).toEqual({ ns, lng, keys: want });
      }
    }
  });

  it('no message is empty', () => {
    for (const lng of LANGUAGES) {
      for (const [ns, messages] of Object.entries(resources[lng] ?? {})) {
        for (const key of keys(messages)) {
          const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], messages);
          expect(typeof value === 'string' && value.trim().length > 0, `${lng}/${ns}:${key}`).toBe(true);
        }
      }
    }
  });
});
