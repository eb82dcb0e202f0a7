import type { Schemas } from '../../api/client';
import { entries, hasEmailRules, overridesOf, validate, type Download, type FieldErrors, type LinkForm } from './linkForm';

type ShareLink = Schemas['ShareLink'];

/**
 * The editor of an existing link (PATCH /share-links/{id}): every setting of the create dialog but the target, which
 * never changes. The password is kept, replaced or removed (the server never tells it).
 */
export interface LinkEdit extends LinkForm {
  /** 'keep' the current password, set a 'new' one, or 'remove' it. */
  passwordMode: 'keep' | 'new' | 'remove';
}

function localInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function isoOf(local: string): string {
  return new Date(local).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function download(allow: boolean | undefined): Download {
  return allow === undefined ? 'inherit' : allow ? 'allow' : 'deny';
}

/** The editor's start: the link as it is now. */
export function editOf(link: ShareLink): LinkEdit {
  const overrides: LinkForm['overrides'] = {};
  for (const o of link.itemOverrides ?? []) overrides[o.itemId] = { hidden: !!o.hidden, download: download(o.allowDownload) };
  return {
    name: link.name ?? '', password: '', expiresAt: localInput(link.expiresAt), requireEmail: !!link.requireEmail,
    verifyEmail: !!link.verifyEmail, allowEmails: (link.allowEmails ?? []).join('\n'),
    allowDomains: (link.allowDomains ?? []).join('\n'), denyEmails: (link.denyEmails ?? []).join('\n'),
    denyDomains: (link.denyDomains ?? []).join('\n'), allowDownload: !!link.allowDownload,
    allowSearch: !!link.allowSearch, allowQuestions: !!link.allowQuestions,
    watermark: !!link.watermark?.enabled, watermarkText: link.watermark?.text ?? '', maxViews: link.maxViews ?? '',
    nda: !!link.ndaText, ndaText: link.ndaText ?? '', overrides, passwordMode: 'keep',
  };
}

export type EditErrors = FieldErrors;

export function validateEdit(edit: LinkEdit, link: ShareLink, now: Date = new Date()): EditErrors {
  // the create dialog's checks, but an expiry already set may stay as it is and the password is the mode's
  const errors: EditErrors = validate({ ...edit, password: '', expiresAt: '' }, now);
  if (edit.expiresAt && edit.expiresAt !== localInput(link.expiresAt)) {
    const at = new Date(edit.expiresAt);
    if (Number.isNaN(at.getTime())) errors.expiresAt = 'dialog.errors.date';
    else if (at.getTime() <= now.getTime()) errors.expiresAt = 'dialog.errors.past';
  }
  if (edit.passwordMode === 'new' && edit.password.length === 0) errors.password = 'edit.errors.password';
  if (edit.passwordMode === 'new' && edit.password.length > 256) errors.password = 'dialog.errors.tooLong';
  return errors;
}

const LISTS = ['allowEmails', 'allowDomains', 'denyEmails', 'denyDomains'] as const;

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v.toLowerCase() === (b[i] ?? '').toLowerCase());
}

function overrideKey(list: readonly Schemas['LinkItemOverride'][]): string {
  return list.map((o) => `${o.itemId}|${o.hidden ? 'h' : ''}|${o.allowDownload ?? ''}`).sort().join('\n');
}

/**
 * The PATCH body: only what changed (absent = unchanged, null = cleared, as the server reads it); `{}` when nothing
 * did. The watermark keeps its text when only switched; lists and overrides are sent whole when they changed.
 */
export function toPatch(link: ShareLink, edit: LinkEdit): Schemas['ShareLinkRequest'] {
  const patch: Schemas['ShareLinkRequest'] = {};
  const name = edit.name.trim();
  if (name !== (link.name ?? '')) patch.name = name || null;
  if (edit.expiresAt !== localInput(link.expiresAt)) patch.expiresAt = edit.expiresAt ? isoOf(edit.expiresAt) : null;
  if (edit.maxViews !== (link.maxViews ?? '')) patch.maxViews = edit.maxViews === '' ? null : edit.maxViews;
  if (edit.allowDownload !== !!link.allowDownload) patch.allowDownload = edit.allowDownload;
  if (edit.allowSearch !== !!link.allowSearch) patch.allowSearch = edit.allowSearch;
  if (edit.allowQuestions !== !!link.allowQuestions) patch.allowQuestions = edit.allowQuestions;
  const text = edit.watermarkText.trim();
  if (edit.watermark !== !!link.watermark?.enabled || text !== (link.watermark?.text ?? '')) {
    patch.watermark = { enabled: edit.watermark, ...(text ? { text } : {}) };
  }
  const requireEmail = edit.requireEmail || edit.verifyEmail || hasEmailRules(edit);
  if (requireEmail !== !!link.requireEmail) patch.requireEmail = requireEmail;
  if (edit.verifyEmail !== !!link.verifyEmail) patch.verifyEmail = edit.verifyEmail;
  for (const key of LISTS) {
    const list = entries(edit[key]);
    if (!sameList(list, link[key] ?? [])) patch[key] = list;
  }
  const nda = edit.nda && edit.ndaText.trim() ? edit.ndaText.trim() : null;
  if (nda !== (link.ndaText?.trim() || null)) patch.ndaText = nda;
  if (link.target.type !== 'DOCUMENT') {
    const overrides = overridesOf(edit);
    if (overrideKey(overrides) !== overrideKey(link.itemOverrides ?? [])) patch.itemOverrides = overrides;
  }
  if (edit.passwordMode === 'new') patch.password = edit.password;
  if (edit.passwordMode === 'remove' && link.hasPassword) patch.password = null;
  return patch;
}

/**
 * A change of the password, the email rules or the NDA ends every visitor session of the link (contract): the editor
 * says so before saving.
 */
export function endsSessions(patch: Schemas['ShareLinkRequest']): boolean {
  return ['password', 'requireEmail', 'verifyEmail', ...LISTS, 'ndaText'].some((key) => key in patch);
}

/**
 * The editor after an access request was approved (AR-2: the server added the email to the link's allow list): the
 * allow list as the server has it now when the owner had not touched it, else what the owner typed plus the entries
 * the approval added (an unsaved edit is kept, the approved address is not lost).
 */
export function afterApproval(edit: LinkEdit, before: ShareLink, fresh: ShareLink): LinkEdit {
  const typed = entries(edit.allowEmails);
  const was = before.allowEmails ?? [];
  const now = fresh.allowEmails ?? [];
  if (sameList(typed, was)) return { ...edit, allowEmails: now.join('\n') };
  const has = (list: readonly string[], e: string) => list.some((x) => x.toLowerCase() === e.toLowerCase());
  const added = now.filter((e) => !has(was, e) && !has(typed, e));
  return { ...edit, allowEmails: [...typed, ...added].join('\n') };
}
