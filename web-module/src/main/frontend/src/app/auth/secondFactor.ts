/** The second factor as typed by a person: a code of the authenticator app or a recovery code. */
import { ApiError, type Schemas } from '../../api/client';
import { problemSlug } from '../../api/problem';
import type { SecondFactor } from './AuthProvider';

export type FactorMode = 'code' | 'recovery';
export type MfaMethod = NonNullable<Schemas['Problem']['methods']>[number];

/** What a login's 401 `mfa-required` gives the second step. */
export interface MfaChallenge {
  mfaToken: string;
  methods: MfaMethod[];
}

/** The challenge of a login that needs a second factor, or null for any other error. */
export function mfaChallenge(error: unknown): MfaChallenge | null {
  if (!(error instanceof ApiError) || problemSlug(error.problem?.type) !== 'mfa-required') return null;
  const token = error.problem?.mfaToken;
  if (!token) return null;
  return { mfaToken: token, methods: error.problem?.methods ?? ['totp', 'recovery'] };
}

/** The body member for the typed value: a code without the spaces apps show in the middle, a recovery code trimmed. */
export function factorOf(mode: FactorMode, value: string): SecondFactor {
  return mode === 'code' ? { code: value.replace(/\s+/g, '') } : { recoveryCode: value.trim() };
}

/** The message key (namespace auth) of a value that cannot be right, before anything is sent. */
export function factorProblem(mode: FactorMode, value: string): 'mfa.codeFormat' | 'mfa.recoveryRequired' | null {
  if (mode === 'code') return /^\d{6}$/.test(value.replace(/\s+/g, '')) ? null : 'mfa.codeFormat';
  return value.trim() === '' ? 'mfa.recoveryRequired' : null;
}
