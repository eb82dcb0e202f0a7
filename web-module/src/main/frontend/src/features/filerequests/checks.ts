/**
 * The outsiders' page: what is checked in the browser before a file is sent (the request's limits, as its intro
 * tells them), and the one sentence said for each refused file, whether the browser or the server refused it. The
 * server enforces every limit again (413/415/410/401); these checks only spare a visitor a doomed upload.
 */
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { formatBytes } from '../rooms/format';

/** The limits of a request's intro (`FileRequestIntro`) the checks read; tolerant of absent or null values. */
export interface RequestLimits {
  maxFileBytes?: number | null;
  allowedTypes?: readonly string[] | null;
  filesLeft?: number | null;
  requireEmail?: boolean;
  hasPassword?: boolean;
}

/** Why a file is not sent (client side) or was not received (server side). */
export type Refusal =
  | { reason: 'tooLarge'; max: number }
  | { reason: 'type'; allowed: string[] }
  | { reason: 'noFilesLeft' }
  | { reason: 'empty' }
  | { reason: 'closed' }
  | { reason: 'gone' }
  | { reason: 'email' }
  | { reason: 'password' }
  | { reason: 'credentials' }
  | { reason: 'scanner' }
  | { reason: 'throttled' }
  | { reason: 'invalid' }
  | { reason: 'network' }
  | { reason: 'other' };

function mediaType(value: string): string {
  return value.split(';')[0]!.trim().toLowerCase();
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.substring(dot).toLowerCase() : '';
}

/**
 * Whether the request's `allowedTypes` let this file in: a media type ("application/pdf") matches the browser's
 * type of the file, a family ("image/*") its first half, an extension (".docx") the end of its name. No list (or an
 * empty one): any type. A file whose type the browser does not know is left to the server when the list names media
 * types (the server detects the type from the bytes), and refused when the list has only extensions none of which
 * its name ends with.
 */
export function typeAllowed(file: { name: string; type: string }, allowed: readonly string[] | null | undefined): boolean {
  const rules = (allowed ?? []).map((rule) => rule.trim().toLowerCase()).filter(Boolean);
  if (rules.length === 0) return true;
  const type = mediaType(file.type ?? '');
  const extension = extensionOf(file.name);
  let typeRules = false;
  for (const rule of rules) {
    if (rule.startsWith('.')) {
      if (extension === rule) return true;
      continue;
    }
    typeRules = true;
    if (!type) continue;
    if (rule.endsWith('/*') ? type.startsWith(rule.substring(0, rule.length - 1)) : type === mediaType(rule)) return true;
  }
  return typeRules && !type;
}

/**
 * Splits picked files into those to send and those refused before sending, in the order picked: too large, a type
 * the request does not take, empty, or beyond the files the request still takes (`filesLeft`, counting the files of
 * this page already received or on their way).
 */
export function checkFiles<F extends { name: string; type: string; size: number }>(
  files: readonly F[],
  intro: RequestLimits,
  alreadyTaken = 0,
): { file: F; refusal: Refusal | null }[] {
  let left = intro.filesLeft == null ? Infinity : Math.max(0, intro.filesLeft - alreadyTaken);
  return files.map((file) => {
    let refusal: Refusal | null = null;
    if (intro.maxFileBytes != null && file.size > intro.maxFileBytes) refusal = { reason: 'tooLarge', max: intro.maxFileBytes };
    else if (!typeAllowed(file, intro.allowedTypes)) refusal = { reason: 'type', allowed: [...(intro.allowedTypes ?? [])] };
    else if (file.size === 0) refusal = { reason: 'empty' };
    else if (left <= 0) refusal = { reason: 'noFilesLeft' };
    if (!refusal) left--;
    return { file, refusal };
  });
}

function mentions(problem: { type?: string; detail?: string; title?: string } | undefined, word: string): boolean {
  const text = `${problem?.type ?? ''} ${problem?.title ?? ''} ${problem?.detail ?? ''}`.toLowerCase();
  return text.includes(word);
}

/**
 * The server's refusal of one upload as a reason: 413 too large, 415 type, 410 closed (expired, full or closed),
 * 404 gone, 401 the email or the password (told apart by the problem's `requires`, else by what it names, else by
 * what the request asks and the visitor gave), 503 the virus scanner unavailable, 429 throttled, 400 invalid input; a failure without an
 * answer is the network.
 */
export function refusalOf(
  error: unknown,
  intro: RequestLimits,
  given: { email?: string; password?: string } = {},
): Refusal {
  if (!(error instanceof ApiError)) return { reason: 'network' };
  const problem = error.problem;
  switch (error.status) {
    case 413:
      return intro.maxFileBytes != null ? { reason: 'tooLarge', max: intro.maxFileBytes } : { reason: 'other' };
    case 415:
      return { reason: 'type', allowed: [...(intro.allowedTypes ?? [])] };
    case 410:
      return { reason: 'closed' };
    case 404:
      return { reason: 'gone' };
    case 401:
    case 403: {
      // The server's `credentials-required` names what is missing or wrong in `requires` (email, password).
      const requires = (problem as { requires?: unknown } | undefined)?.requires;
      if (Array.isArray(requires) && requires.length) {
        if (requires.includes('password') && given.password) return { reason: 'password' };
        if (requires.includes('email')) return { reason: 'email' };
        if (requires.includes('password')) return { reason: 'password' };
      }
      if (mentions(problem, 'password')) return { reason: 'password' };
      if (mentions(problem, 'email')) return { reason: 'email' };
      if (intro.requireEmail && !given.email) return { reason: 'email' };
      if (intro.hasPassword) return { reason: 'password' };
      return { reason: 'credentials' };
    }
    case 503:
      return { reason: 'scanner' };
    case 429:
      return { reason: 'throttled' };
    case 400:
      return { reason: 'invalid' };
    default:
      return { reason: 'other' };
  }
}

/** Whether a refusal means no further file can be sent to this request (the page then says it is closed). */
export function endsTheRequest(refusal: Refusal): boolean {
  return refusal.reason === 'closed' || refusal.reason === 'gone';
}

/** A list in the UI's language ("PDF, image/* and .docx"). */
export function listOf(items: readonly string[], locale: string): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
}

/** The one sentence for a refused file (namespace `filerequests`, `refusal.*`). */
export function refusalSentence(refusal: Refusal, name: string, t: TFunction): string {
  const locale = t('common:locale');
  switch (refusal.reason) {
    case 'tooLarge':
      return t('filerequests:refusal.tooLarge', { name, max: formatBytes(refusal.max, locale) });
    case 'type':
      return refusal.allowed.length
        ? t('filerequests:refusal.type', { name, allowed: listOf(refusal.allowed, locale) })
        : t('filerequests:refusal.typeUnknown', { name });
    default:
      return t(`filerequests:refusal.${refusal.reason}`, { name });
  }
}
