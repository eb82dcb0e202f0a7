/** The "Request files" dialog's form: its checks and the body of `POST /datarooms/{id}/file-requests`. */
import type { FileRequestCreate } from './api';

export interface RequestForm {
  name: string;
  /** `datetime-local` in the browser's time zone; '' for none. */
  expiresAt: string;
  /** Megabytes (1 MB = 1,000,000 bytes, as the sizes are shown); '' for no limit. */
  maxSizeMb: number | '';
  /** Comma- or newline-separated. */
  allowedTypes: string;
  requireEmail: boolean;
  password: string;
  maxFiles: number | '';
}

export const emptyRequestForm: RequestForm = {
  name: '', expiresAt: '', maxSizeMb: '', allowedTypes: '', requireEmail: false, password: '', maxFiles: '',
};

export const MB = 1_000_000;

export type RequestFormErrors = Partial<Record<'name' | 'expiresAt' | 'maxSizeMb' | 'allowedTypes' | 'maxFiles', string>>;

/** A media type (`application/pdf`), a family (`image/*`) or an extension (`.docx`). */
const TYPE_RULE = /^(?:[a-z0-9][a-z0-9!#$&^_.+-]*\/(?:\*|[a-z0-9][a-z0-9!#$&^_.+-]*)|\.[a-z0-9][a-z0-9_-]*)$/;

export function typeEntries(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((s) => s.trim().toLowerCase()).filter(Boolean))];
}

export function badTypes(text: string): string[] {
  return typeEntries(text).filter((entry) => !TYPE_RULE.test(entry));
}

/** Message keys (namespace filerequests) per field; empty when the form may be sent. */
export function validateRequest(form: RequestForm, now: Date = new Date()): RequestFormErrors {
  const errors: RequestFormErrors = {};
  if (!form.name.trim()) errors.name = 'dialog.nameNeeded';
  if (form.expiresAt) {
    const at = new Date(form.expiresAt);
    if (Number.isNaN(at.getTime()) || at.getTime() <= now.getTime()) errors.expiresAt = 'dialog.expiresPast';
  }
  if (form.maxSizeMb !== '' && !(form.maxSizeMb > 0)) errors.maxSizeMb = 'dialog.maxSizeInvalid';
  if (badTypes(form.allowedTypes).length) errors.allowedTypes = 'dialog.typesInvalid';
  if (form.maxFiles !== '' && (!Number.isInteger(form.maxFiles) || form.maxFiles < 1)) errors.maxFiles = 'dialog.maxFilesInvalid';
  return errors;
}

/** Only what was set: an absent field is the server's default (no limit, any type, no email, no password). */
export function toCreateRequest(form: RequestForm, folderId: string | null): FileRequestCreate {
  const body: FileRequestCreate = { folderId, name: form.name.trim() };
  if (form.expiresAt) body.expiresAt = new Date(form.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (form.maxSizeMb !== '') body.maxFileBytes = Math.round(form.maxSizeMb * MB);
  const types = typeEntries(form.allowedTypes);
  if (types.length) body.allowedTypes = types;
  if (form.requireEmail) body.requireEmail = true;
  if (form.password) body.password = form.password;
  if (form.maxFiles !== '') body.maxFiles = form.maxFiles;
  return body;
}
