import { describe, expect, it } from 'vitest';
import { expiryFromDate, keyStatus, normalizeScopes } from './apiKeys';

const NOW = new Date('2026-12-02T10:00:00Z');

describe('API keys', () => {
  it('a key is revoked, expired or active, in that order', () => {
    expect(keyStatus({ revoked: true, expiresAt: '2030-01-01T00:00:00Z' }, NOW)).toBe('revoked');
    expect(keyStatus({ revoked: false, expiresAt: '2026-12-02T09:59:59Z' }, NOW)).toBe('expired');
    expect(keyStatus({ revoked: false, expiresAt: '2026-12-02T10:00:01Z' }, NOW)).toBe('active');
    expect(keyStatus({ revoked: false, expiresAt: null }, NOW)).toBe('active');
  });

  it('a picked day expires at its end in UTC; none means no expiry; the past and nonsense are refused', () => {
    expect(expiryFromDate('2026-12-31', NOW)).toEqual({ expiresAt: '2026-12-31T23:59:59Z' });
    expect(expiryFromDate('2026-12-02', NOW)).toEqual({ expiresAt: '2026-12-02T23:59:59Z' });
    expect(expiryFromDate('', NOW)).toEqual({ expiresAt: null });
    expect(expiryFromDate('2026-12-01', NOW)).toEqual({ error: 'expiryPast' });
    expect(expiryFromDate('31.12.2026', NOW)).toEqual({ error: 'expiryInvalid' });
    expect(expiryFromDate('2026-13-45', NOW)).toEqual({ error: 'expiryInvalid' });
  });

  it('scopes go out in canonical order, once each, unknown ones dropped', () => {
    expect(normalizeScopes(['admin', 'read', 'read', 'bogus'])).toEqual(['read', 'admin']);
  });
});
