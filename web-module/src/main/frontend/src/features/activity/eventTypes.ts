/**
 * The event types of the contract ("Activity, automation, audit"): the automation triggers and webhook events, and
 * the types the activity stream and the audit log show on top of them (the server's own: `access.denied`,
 * `automation.note`, ...). The runtime list is checked against the generated schema's enum both ways.
 */
import type { Schemas } from '../../api/client';

/** The contract's list, as the generated schema types it (the webhook's `events` enum). */
export type ContractEventType = NonNullable<Schemas['WebhookRequest']['events']>[number];

export const CONTRACT_EVENT_TYPES = [
  'user.created',
  'user.invited',
  'auth.login.succeeded',
  'auth.login.failed',
  'auth.password-reset.requested',
  'auth.password-reset.completed',
  'dataroom.created',
  'document.uploaded',
  'document.version-added',
  'document.deleted',
  'grant.changed',
  'share-link.created',
  'share-link.updated',
  'share-link.revoked',
  'link.opened',
  'link.access-denied',
  'document.viewed',
  'document.downloaded',
  'nda.accepted',
  'file-request.uploaded',
  'document.quarantined',
  'question.asked',
  'question.answered',
  'access.requested',
  'mfa.enabled',
  'mfa.disabled',
  'auth.sso.login',
  'privacy.erased',
] as const satisfies readonly ContractEventType[];

// Fails to compile when the schema gains a type the list above lacks.
type Missing = Exclude<ContractEventType, (typeof CONTRACT_EVENT_TYPES)[number]>;
const noneMissing: [Missing] extends [never] ? true : Missing = true;
void noneMissing;

/** Types the server records beyond the contract's list (activity stream and audit log only; never a trigger). */
export const EXTRA_EVENT_TYPES = [
  'access.denied',
  'automation.note',
  'link.session-started',
  'member.role-changed',
  'member.removed',
  'group.members-changed',
  'document.purged',
] as const;

export const ALL_EVENT_TYPES: readonly string[] = [...CONTRACT_EVENT_TYPES, ...EXTRA_EVENT_TYPES];

/**
 * A type as a message key segment: `document.version-added` → `documentVersionAdded` (i18next reads dots as
 * nesting and underscores as plural or context suffixes, so neither may stay).
 */
export function typeSegment(type: string): string {
  return type
    .split(/[.-]/)
    .filter(Boolean)
    .map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');
}

/** The message key of a type's name, e.g. `activity:eventType.documentUploaded` ("Document uploaded"). */
export function eventTypeKey(type: string): string {
  return `activity:eventType.${typeSegment(type)}`;
}
