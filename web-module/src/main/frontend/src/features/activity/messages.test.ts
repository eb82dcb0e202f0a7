import { describe, expect, it } from 'vitest';
import deActivity from '../../locales/de/activity.json';
import deAudit from '../../locales/de/audit.json';
import deAutomation from '../../locales/de/automation.json';
import enActivity from '../../locales/en/activity.json';
import enAudit from '../../locales/en/audit.json';
import enAutomation from '../../locales/en/automation.json';

function keys(messages: unknown, prefix = ''): string[] {
  return Object.entries(messages as Record<string, unknown>).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('the ops areas speak English and German alike', () => {
  it.each([
    ['activity', enActivity, deActivity],
    ['automation', enAutomation, deAutomation],
    ['audit', enAudit, deAudit],
  ])('%s: every key in both languages, none empty', (_, en, de) => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
    for (const key of keys(en)) {
      const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], en);
      expect(typeof value === 'string' && value.length > 0, key).toBe(true);
    }
  });
});
