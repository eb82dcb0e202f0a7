import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import '../../app/i18n';
import { ALL_EVENT_TYPES, CONTRACT_EVENT_TYPES, eventTypeKey, typeSegment } from './eventTypes';
import { describeActor, describeEvent, formatWhen, NO_NAMES, type ActivityItem, type NameLookup } from './sentence';

const ROOM = '0190a000-0000-7000-8000-000000000001';
const DOC = '0190a000-0000-7000-8000-000000000002';
const LINK = '0190a000-0000-7000-8000-000000000003';
const ANN = '0190a000-0000-7000-8000-00000000000a';
const KEY = '0190a000-0000-7000-8000-00000000000b';

const names: NameLookup = {
  user: (id) => (id === ANN ? 'Ann' : undefined),
  apiKey: (id) => (id === KEY ? 'CI' : undefined),
  room: (id) => (id === ROOM ? 'Deal' : undefined),
  link: (id) => (id === LINK ? 'Investors' : undefined),
  document: (id) => (id === DOC ? 'Q3.pdf' : undefined),
};

// The schema types `data` as an object without declared fields; events carry their own.
function item(partial: Partial<Omit<ActivityItem, 'data'>> & { data?: Record<string, unknown> }): ActivityItem {
  const { data, ...rest } = partial;
  return {
    id: 'e1',
    type: 'document.uploaded',
    at: '2026-12-02T08:15:00Z',
    actor: { type: 'USER', id: ANN },
    data: (data ?? {}) as ActivityItem['data'],
    ...rest,
  };
}

const t = i18n.t.bind(i18n);

describe('event → sentence', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('says who did what to which object, by name', () => {
    expect(describeEvent(item({ dataroomId: ROOM, documentId: DOC }), names, t)).toBe(
      'Ann uploaded “Q3.pdf” in the data room “Deal”.',
    );
    expect(describeEvent(item({ type: 'share-link.revoked', linkId: LINK, dataroomId: ROOM }), names, t)).toBe(
      'Ann revoked the link “Investors”.',
    );
    expect(
      describeEvent(item({ type: 'document.version-added', documentId: DOC, data: { version: 3 } }), names, t),
    ).toBe('Ann uploaded version 3 of “Q3.pdf”.');
    expect(describeEvent(item({ type: 'user.invited', data: { role: 'ADMIN' } }), names, t)).toBe(
      'Ann invited someone as admin.',
    );
  });

  it('names each kind of actor: member, API key (and for whom), visitor with and without email, Coffer', () => {
    expect(describeActor(item({}), names, t)).toBe('Ann');
    expect(describeActor(item({ actor: { type: 'USER', id: 'someone-else' } }), names, t)).toBe('a member');
    expect(describeActor(item({ actor: { type: 'API_KEY', id: KEY }, data: { user: ANN } }), names, t)).toBe(
      'API key “CI” (for Ann)',
    );
    expect(describeActor(item({ actor: { type: 'API_KEY', id: KEY } }), NO_NAMES, t)).toBe('an API key');
    expect(
      describeEvent(
        item({ type: 'link.opened', linkId: LINK, actor: { type: 'VISITOR', id: null, email: 'bob@example.com' } }),
        names,
        t,
      ),
    ).toBe('Visitor bob@example.com opened the link “Investors”.');
    expect(describeEvent(item({ type: 'document.viewed', documentId: DOC, actor: { type: 'VISITOR', id: 's1' } }), names, t)).toBe(
      'A visitor viewed “Q3.pdf”.',
    );
    expect(
      describeEvent(item({ type: 'automation.note', actor: { type: 'SYSTEM', id: null }, data: { rule: 'Watch', text: 'Seen' } }), names, t),
    ).toBe('Rule “Watch” noted: Seen');
  });

  it('falls back to words when a name is not known (not visible, deleted), never to an id', () => {
    const sentence = describeEvent(item({ dataroomId: ROOM, documentId: DOC }), NO_NAMES, t);
    expect(sentence).toBe('A member uploaded a document.');
    expect(sentence).not.toContain(DOC);
    expect(describeEvent(item({ type: 'share-link.created', linkId: LINK }), { ...NO_NAMES, link: () => null }, t)).toBe(
      'A member created an unnamed link.',
    );
    expect(describeEvent(item({ type: 'something.new' }), names, t)).toBe('Ann: something.new');
  });

  it('speaks German, with the date through Intl', async () => {
    await i18n.changeLanguage('de');
    expect(describeEvent(item({ dataroomId: ROOM, documentId: DOC }), names, t)).toBe(
      'Ann hat „Q3.pdf“ im Datenraum „Deal“ hochgeladen.',
    );
    expect(describeEvent(item({ type: 'link.opened', linkId: LINK, actor: { type: 'VISITOR', id: null } }), names, t)).toBe(
      'Ein Besucher hat den Link „Investors“ geöffnet.',
    );
    expect(formatWhen('2026-12-02T08:15:00Z', 'de')).toMatch(/02\.12\.2026|2\. Dez\. 2026/);
    expect(formatWhen('2026-12-02T08:15:00Z', 'en')).toMatch(/Dec 2, 2026|2 Dec 2026/);
  });

  it('has a sentence and a type name in English and German for every type it knows', () => {
    for (const lng of ['en', 'de']) {
      for (const type of ALL_EVENT_TYPES) {
        const key = `sentence.${typeSegment(type)}`;
        expect(i18n.exists(key, { ns: 'activity', lng }), `${lng} ${key}`).toBe(true);
        expect(i18n.exists(eventTypeKey(type), { lng }), `${lng} ${eventTypeKey(type)}`).toBe(true);
      }
    }
    expect(CONTRACT_EVENT_TYPES).toHaveLength(28);
    expect(typeSegment('auth.password-reset.requested')).toBe('authPasswordResetRequested');
  });
});
