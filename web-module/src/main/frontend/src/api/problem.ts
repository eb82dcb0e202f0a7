/**
 * problemMessage(): the one place that turns an API error (RFC 9457 problem+json) or a network failure into a
 * human sentence from the message files (namespace `common`, keys `problem.*`). Never shows raw JSON.
 */
import type { TFunction } from 'i18next';
import { ApiError } from './client';

/** A per-screen sentence for a problem slug (or HTTP status), e.g. `{ forbidden: 'auth:login.unverified' }`. */
export type ProblemOverrides = Partial<Record<string, string>>;

const KNOWN = new Set([
  'validation', 'unauthenticated', 'forbidden', 'not-found', 'conflict', 'gone', 'payload-too-large',
  'unsupported-media-type', 'rate-limited', 'invalid-token', 'credentials-required', 'unavailable',
  'mfa-required', 'mfa-enrolment-required', 'method-not-allowed', 'internal', 'sso-failed',
  'login-method-not-allowed',
]);

/** The slug of a problem type (`/problems/not-found` → `not-found`). */
export function problemSlug(type: string | undefined): string | undefined {
  if (!type) return undefined;
  const slug = type.substring(type.lastIndexOf('/') + 1);
  return slug || undefined;
}

function slugForStatus(status: number): string {
  switch (status) {
    case 400: return 'validation';
    case 401: return 'unauthenticated';
    case 403: return 'forbidden';
    case 404: return 'not-found';
    case 409: return 'conflict';
    case 410: return 'gone';
    case 413: return 'payload-too-large';
    case 415: return 'unsupported-media-type';
    case 429: return 'rate-limited';
    case 503: return 'unavailable';
    default: return 'internal';
  }
}

export function problemMessage(error: unknown, t: TFunction, overrides: ProblemOverrides = {}): string {
  if (!(error instanceof ApiError)) {
    return t('common:problem.network');
  }
  const slug = problemSlug(error.problem?.type) ?? slugForStatus(error.status);
  const override = overrides[slug] ?? overrides[String(error.status)];
  if (override) {
    return t(override);
  }
  if (slug === 'validation' && error.problem?.errors?.length) {
    const fields = [...new Set(error.problem.errors.map((e) => e.field.substring(e.field.lastIndexOf('.') + 1)))]
      .map((field) => t(`common:field.${field}`, { defaultValue: field }));
    return t('common:problem.validationFields', {
      fields: new Intl.ListFormat(t('common:locale'), { type: 'conjunction' }).format(fields),
      count: fields.length,
    });
  }
  return t(`common:problem.${KNOWN.has(slug) ? slug : slugForStatus(error.status)}`);
}
