import type { Schemas } from '../../api/client';

type ShareLink = Schemas['ShareLink'];

/** The settings the link list's editor changes in place (PATCH /share-links/{id}); the rest stays as created. */
export interface LinkEdit {
  name: string;
  /** `datetime-local` text in the browser's zone; empty = no expiry. */
  expiresAt: string;
  maxViews: number | '';
  allowDownload: boolean;
  watermark: boolean;
  /** 'keep' the current password, set a 'new' one, or 'remove' it. */
  passwordMode: 'keep' | 'new' | 'remove';
  password: string;
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

/** The editor's start: the link as it is now. */
export function editOf(link: ShareLink): LinkEdit {
  return {
    name: link.name ?? '', expiresAt: localInput(link.expiresAt), maxViews: link.maxViews ?? '',
    allowDownload: !!link.allowDownload, watermark: !!link.watermark?.enabled, passwordMode: 'keep', password: '',
  };
}

export type EditErrors = Partial<Record<'expiresAt' | 'maxViews' | 'password', string>>;

export function validateEdit(edit: LinkEdit, link: ShareLink, now: Date = new Date()): EditErrors {
  const errors: EditErrors = {};
  if (edit.expiresAt && edit.expiresAt !== localInput(link.expiresAt)) {
    const at = new Date(edit.expiresAt);
    if (Number.isNaN(at.getTime())) errors.expiresAt = 'dialog.errors.date';
    else if (at.getTime() <= now.getTime()) errors.expiresAt = 'dialog.errors.past';
  }
  if (edit.maxViews !== '' && (!Number.isInteger(edit.maxViews) || edit.maxViews < 1)) errors.maxViews = 'dialog.errors.views';
  if (edit.passwordMode === 'new' && edit.password.length === 0) errors.password = 'edit.errors.password';
  return errors;
}

/**
 * The PATCH body: only what changed (absent = unchanged, null = cleared, as the server reads it); `{}` when nothing
 * did. The watermark keeps its text when only switched.
 */
export function toPatch(link: ShareLink, edit: LinkEdit): Schemas['ShareLinkRequest'] {
  const patch: Schemas['ShareLinkRequest'] = {};
  const name = edit.name.trim();
  if (name !== (link.name ?? '')) patch.name = name || null;
  if (edit.expiresAt !== localInput(link.expiresAt)) patch.expiresAt = edit.expiresAt ? isoOf(edit.expiresAt) : null;
  if (edit.maxViews !== (link.maxViews ?? '')) patch.maxViews = edit.maxViews === '' ? null : edit.maxViews;
  if (edit.allowDownload !== !!link.allowDownload) patch.allowDownload = edit.allowDownload;
  if (edit.watermark !== !!link.watermark?.enabled) {
    patch.watermark = { enabled: edit.watermark, ...(link.watermark?.text ? { text: link.watermark.text } : {}) };
  }
  if (edit.passwordMode === 'new') patch.password = edit.password;
  if (edit.passwordMode === 'remove' && link.hasPassword) patch.password = null;
  return patch;
}

/** A change of the password ends every visitor session of the link (contract): the editor says so before saving. */
export function endsSessions(patch: Schemas['ShareLinkRequest']): boolean {
  return 'password' in patch;
}
