import type { Schemas } from '../../api/client';

export type Policy = Schemas['TenantSecurity'];
export type LoginMethod = Policy['allowedLoginMethods'][number];

/** The contract's order of the login methods (the server keeps it too, MFA-13). */
export const METHODS: LoginMethod[] = ['password', 'webauthn', 'oidc'];
export const MIN_HOURS = 1;
export const MAX_HOURS = 720;

export interface PolicyForm {
  requireMfa: boolean;
  methods: string[];
  hours: number | string;
}

export type PolicyErrors = Partial<Record<'methods' | 'hours', string>>;

export function formOf(policy: Policy): PolicyForm {
  return { requireMfa: policy.requireMfa, methods: [...policy.allowedLoginMethods], hours: policy.sessionHours };
}

/** What the form would send, or the keys (settings:security.*) of what is wrong with it. */
export function policyOf(form: PolicyForm): { policy: Policy } | { errors: PolicyErrors } {
  const errors: PolicyErrors = {};
  const methods = METHODS.filter((m) => form.methods.includes(m));
  if (methods.length === 0) errors.methods = 'methodsRequired';
  const hours = typeof form.hours === 'number' ? form.hours : Number.NaN;
  if (!Number.isInteger(hours) || hours < MIN_HOURS || hours > MAX_HOURS) errors.hours = 'hoursRange';
  if (Object.keys(errors).length > 0) return { errors };
  return { policy: { requireMfa: form.requireMfa, allowedLoginMethods: methods, sessionHours: hours } };
}
