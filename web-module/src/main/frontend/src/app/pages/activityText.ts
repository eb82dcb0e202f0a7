import type { Schemas } from '../../api/client';

export type ActivityItem = Schemas['ActivityItem'];

/** The message key of an event type (`document.uploaded` → `events.document_uploaded`; i18next splits on dots). */
export function eventKey(type: string): string {
  return `events.${type.replace(/[.-]/g, '_')}`;
}

/** Who did it, as the sentence names them: a member's name when known, a visitor's email, else a kind of actor. */
export function actorLabel(
  actor: ActivityItem['actor'],
  names: Map<string, string>,
  t: (key: string) => string,
): string {
  switch (actor.type) {
    case 'USER':
      return (actor.id && names.get(actor.id)) || t('actor.user');
    case 'API_KEY':
      return t('actor.apiKey');
    case 'VISITOR':
      return actor.email ?? t('actor.visitor');
    default:
      return t('actor.system');
  }
}
