/**
 * One activity event as a human sentence: who (a member, an API key, a visitor with or without email, Coffer itself)
 * did what to which object (document, link, room, by name where the caller can look it up), in the UI's language.
 * Pure: the names come from a lookup, the words from i18next (namespace `activity`).
 */
import type { TFunction } from 'i18next';
import type { Schemas } from '../../api/client';
import { ALL_EVENT_TYPES, typeSegment } from './eventTypes';

export type ActivityItem = Schemas['ActivityItem'];

/** Names the caller can see; `undefined` when unknown (not loaded, not visible, deleted). */
export interface NameLookup {
  user(id: string): string | undefined;
  apiKey(id: string): string | undefined;
  room(id: string): string | undefined;
  /** A link's name; `null` for a link that exists but has no name. */
  link(id: string): string | null | undefined;
  document(id: string): string | undefined;
}

export const NO_NAMES: NameLookup = {
  user: () => undefined,
  apiKey: () => undefined,
  room: () => undefined,
  link: () => undefined,
  document: () => undefined,
};

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : typeof value === 'number' ? String(value) : undefined;
}

/** Who acted, as a phrase that can start or continue a sentence. */
export function describeActor(item: Pick<ActivityItem, 'actor' | 'data'>, names: NameLookup, t: TFunction): string {
  const { actor } = item;
  switch (actor.type) {
    case 'USER': {
      const name = actor.id ? names.user(actor.id) : undefined;
      return name ?? t('activity:actor.member');
    }
    case 'API_KEY': {
      const key = actor.id ? names.apiKey(actor.id) : undefined;
      const forUserId = text((item.data as Record<string, unknown> | undefined)?.user);
      const forUser = forUserId ? names.user(forUserId) : undefined;
      const phrase = key ? t('activity:actor.apiKey', { name: key }) : t('activity:actor.apiKeyUnknown');
      return forUser ? t('activity:actor.apiKeyFor', { key: phrase, user: forUser }) : phrase;
    }
    case 'VISITOR':
      return actor.email ? t('activity:actor.visitorEmail', { email: actor.email }) : t('activity:actor.visitor');
    case 'SYSTEM':
    default:
      return t('activity:actor.system');
  }
}

function capitalize(sentence: string, locale: string): string {
  return sentence.charAt(0).toLocaleUpperCase(locale) + sentence.slice(1);
}

/** The whole sentence of one event, e.g. "Ann uploaded “Q3.pdf” in the data room “Deal”." */
export function describeEvent(item: ActivityItem, names: NameLookup, t: TFunction): string {
  const data = (item.data ?? {}) as Record<string, unknown>;
  const roomName = item.dataroomId ? names.room(item.dataroomId) : undefined;
  const documentName = item.documentId ? names.document(item.documentId) : undefined;
  const linkName = item.linkId ? names.link(item.linkId) : undefined;
  const linkWord =
    typeof linkName === 'string' ? t('activity:object.linkName', { name: linkName }) : t('activity:object.linkUnnamed');
  const role = text(data.role);
  const from = text(data.from);
  const to = text(data.to);
  const params = {
    actor: describeActor(item, names, t),
    room: roomName ? t('activity:object.room', { name: roomName }) : t('activity:object.roomUnknown'),
    inRoom: roomName ? t('activity:object.inRoom', { name: roomName }) : '',
    document: documentName
      ? t('activity:object.document', { name: documentName })
      : t('activity:object.documentUnknown'),
    link:
      typeof linkName === 'string'
        ? t('activity:object.link', { name: linkName })
        : linkName === null
          ? t('activity:object.linkUnnamedPhrase')
          : t('activity:object.linkUnknown'),
    linkName: linkWord,
    version: text(data.version) ?? '?',
    role: role ? t(`activity:role.${role}`, { defaultValue: role }) : '',
    from: from ? t(`activity:role.${from}`, { defaultValue: from }) : '',
    to: to ? t(`activity:role.${to}`, { defaultValue: to }) : '',
    rule: text(data.rule) ?? '',
    text: text(data.text) ?? '',
    type: item.type,
  };
  const known = ALL_EVENT_TYPES.includes(item.type);
  const sentence = known
    ? t(`activity:sentence.${typeSegment(item.type)}`, params)
    : t('activity:sentence.unknown', params);
  return capitalize(sentence, t('common:locale'));
}

/** The time of an event in the UI's locale ("2 Dec 2026, 08:15"). */
export function formatWhen(at: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
}
