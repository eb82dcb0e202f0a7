import type { Schemas } from '../../api/client';

export type ApiKey = Schemas['ApiKey'];
export type Scope = ApiKey['scopes'][number];
export const SCOPES: Scope[] = ['read', 'write', 'admin'];

export type KeyStatus = 'active' | 'expired' | 'revoked';

export function keyStatus(key: Pick<ApiKey, 'revoked' | 'expiresAt'>, now: Date = new Date()): KeyStatus {
  if (key.revoked) return 'revoked';
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/**
 * The expiry the API gets for a date picked in the form (`YYYY-MM-DD`): the end of that day in UTC, so a key made
 * to last "until the 31st" works through the 31st everywhere. Empty → no expiry. A day in the past → an error key.
 */
export function expiryFromDate(date: string, now: Date = new Date()): { expiresAt: string | null } | { error: 'expiryPast' | 'expiryInvalid' } {
  if (!date) return { expiresAt: null };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return { error: 'expiryInvalid' };
  const end = new Date(`${date}T23:59:59Z`);
  if (Number.isNaN(end.getTime())) return { error: 'expiryInvalid' };
  if (end.getTime() <= now.getTime()) return { error: 'expiryPast' };
  return { expiresAt: end.toISOString().replace('.000Z', 'Z') };
}

/** Scopes in their canonical order, each once; `admin` needs `write`'s rights in practice but is its own scope. */
export function normalizeScopes(scopes: string[]): Scope[] {
  return SCOPES.filter((scope) => scopes.includes(scope));
}
