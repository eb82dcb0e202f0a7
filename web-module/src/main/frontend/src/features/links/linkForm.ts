/**
 * The share-link dialog's form as plain data: from the controls' values to the contract's `ShareLinkRequest`
 * (`POST /share-links`), with the checks the server makes too (told at the control instead of after a round trip).
 */
import type { Schemas } from '../../api/client';

export type TargetType = Schemas['LinkTarget']['type'];
export type Download = 'inherit' | 'allow' | 'deny';

export interface LinkForm {
  name: string;
  password: string;
  /** `datetime-local` value in the browser's time zone, '' for none. */
  expiresAt: string;
  requireEmail: boolean;
  verifyEmail: boolean;
  allowEmails: string;
  allowDomains: string;
  denyEmails: string;
  denyDomains: string;
  allowDownload: boolean;
  /** Visitors may search the names and text of what the link shows. */
  allowSearch: boolean;
  /** Visitors may ask questions about what the link shows (QA-4). */
  allowQuestions: boolean;
  watermark: boolean;
  watermarkText: string;
  maxViews: number | '';
  nda: boolean;
  ndaText: string;
  overrides: Record<string, { hidden: boolean; download: Download }>;
}

export const emptyForm: LinkForm = {
  name: '', password: '', expiresAt: '', requireEmail: false, verifyEmail: false, allowEmails: '', allowDomains: '',
  denyEmails: '', denyDomains: '', allowDownload: false, allowSearch: false, allowQuestions: false, watermark: false, watermarkText: '', maxViews: '', nda: false,
  ndaText: '', overrides: {},
};

/** One entry per line or separated by commas, blanks dropped, duplicates (any case) once. */
export function entries(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[\n,;]+/)) {
    const value = raw.trim();
    if (value && !seen.has(value.toLowerCase())) {
      seen.add(value.toLowerCase());
      out.push(value);
    }
  }
  return out;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DOMAIN = /^(\*\.)?[A-Za-z0-9.-]+$/;

export type FieldErrors = Partial<Record<'password' | 'expiresAt' | 'allowEmails' | 'allowDomains' | 'denyEmails'
  | 'denyDomains' | 'maxViews' | 'ndaText' | 'watermarkText' | 'name', string>>;

/** Message keys (namespace links) per field; empty when the form may be sent. */
export function validate(form: LinkForm, now: Date = new Date()): FieldErrors {
  const errors: FieldErrors = {};
  if (form.name.length > 200) errors.name = 'dialog.errors.tooLong';
  if (form.password.length > 256) errors.password = 'dialog.errors.tooLong';
  if (form.expiresAt) {
    const at = new Date(form.expiresAt);
    if (Number.isNaN(at.getTime())) errors.expiresAt = 'dialog.errors.date';
    else if (at.getTime() <= now.getTime()) errors.expiresAt = 'dialog.errors.past';
  }
  const bad = (list: string[], re: RegExp) => list.some((v) => !re.test(v));
  if (bad(entries(form.allowEmails), EMAIL)) errors.allowEmails = 'dialog.errors.emails';
  if (bad(entries(form.denyEmails), EMAIL)) errors.denyEmails = 'dialog.errors.emails';
  if (bad(entries(form.allowDomains), DOMAIN)) errors.allowDomains = 'dialog.errors.domains';
  if (bad(entries(form.denyDomains), DOMAIN)) errors.denyDomains = 'dialog.errors.domains';
  for (const key of ['allowEmails', 'allowDomains', 'denyEmails', 'denyDomains'] as const) {
    if (entries(form[key]).length > 1000) errors[key] = 'dialog.errors.tooMany';
  }
  if (form.maxViews !== '' && (!Number.isInteger(form.maxViews) || form.maxViews < 1)) errors.maxViews = 'dialog.errors.views';
  if (form.nda && !form.ndaText.trim()) errors.ndaText = 'dialog.errors.ndaEmpty';
  if (form.watermarkText.length > 300) errors.watermarkText = 'dialog.errors.tooLong';
  return errors;
}

/** Whether an email rule is set: the visitor must give an email for it to apply. */
export function hasEmailRules(form: LinkForm): boolean {
  return [form.allowEmails, form.allowDomains, form.denyEmails, form.denyDomains].some((t) => entries(t).length > 0);
}

export function toRequest(form: LinkForm, target: { type: TargetType; id: string }): Schemas['ShareLinkRequest'] {
  // Only the contract's two fields: the server refuses unknown ones (a caller's `roomId` or `name` stay out).
  const request: Schemas['ShareLinkRequest'] = { target: { type: target.type, id: target.id } };
  if (form.name.trim()) request.name = form.name.trim();
  if (form.password) request.password = form.password;
  if (form.expiresAt) request.expiresAt = new Date(form.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
  request.requireEmail = form.requireEmail || form.verifyEmail || hasEmailRules(form);
  request.verifyEmail = form.verifyEmail;
  request.allowEmails = entries(form.allowEmails);
  request.allowDomains = entries(form.allowDomains);
  request.denyEmails = entries(form.denyEmails);
  request.denyDomains = entries(form.denyDomains);
  request.allowDownload = form.allowDownload;
  request.allowSearch = form.allowSearch;
  request.allowQuestions = form.allowQuestions;
  request.watermark = form.watermark
    ? { enabled: true, ...(form.watermarkText.trim() ? { text: form.watermarkText.trim() } : {}) }
    : { enabled: false };
  if (form.maxViews !== '') request.maxViews = form.maxViews;
  if (form.nda && form.ndaText.trim()) request.ndaText = form.ndaText;
  if (target.type !== 'DOCUMENT') {
    const overrides = overridesOf(form);
    if (overrides.length) request.itemOverrides = overrides;
  }
  return request;
}

/** The form's per-item overrides as the contract's list (items left as the link are not listed). */
export function overridesOf(form: Pick<LinkForm, 'overrides'>): Schemas['LinkItemOverride'][] {
  return Object.entries(form.overrides)
    .filter(([, o]) => o.hidden || o.download !== 'inherit')
    .map(([itemId, o]) => ({
      itemId,
      ...(o.hidden ? { hidden: true } : {}),
      ...(o.download !== 'inherit' ? { allowDownload: o.download === 'allow' } : {}),
    }));
}

/** The server's default template (sharelinks.internal.Watermarks.DEFAULT_TEXT) and its placeholders. */
export const DEFAULT_WATERMARK = '{email} | {date} {time} UTC | {ip} | {link}';

/** The watermark line as the server will compose it (Watermarks.text), with sample values for the preview. */
export function watermarkPreview(template: string, sample: { email: string; at: Date; ip: string; link: string }): string {
  const t = template.trim() ? template : DEFAULT_WATERMARK;
  const iso = sample.at.toISOString();
  return t.replaceAll('{email}', sample.email).replaceAll('{date}', iso.substring(0, 10))
    .replaceAll('{time}', iso.substring(11, 16)).replaceAll('{ip}', sample.ip).replaceAll('{link}', sample.link).trim();
}

export type LinkStatus = 'active' | 'revoked' | 'expired' | 'usedUp';

export function linkStatus(link: Schemas['ShareLink'], now: Date = new Date()): LinkStatus {
  if (link.revoked) return 'revoked';
  if (link.expiresAt && new Date(link.expiresAt).getTime() <= now.getTime()) return 'expired';
  if (link.maxViews != null && link.views >= link.maxViews) return 'usedUp';
  return 'active';
}
