import i18n from 'i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import '../../app/i18n';
import { checkFiles, refusalOf, refusalSentence, typeAllowed, type Refusal } from './checks';

const file = (name: string, type: string, size = 10) => ({ name, type, size });
const problem = (status: number, slug: string, detail = 'd') =>
  new ApiError(status, { type: `/problems/${slug}`, title: slug, status, detail });
/** The server's 401 (`Problem.credentialsRequired`): what is missing or wrong, in `requires`. */
const requires = (list: string[]) => new ApiError(401, {
  type: '/problems/credentials-required', title: 'Credentials required', status: 401,
  detail: `More credentials are required: ${list.join(', ')}.`, requires: list,
} as never);
const INTRO = { maxFileBytes: 5_000_000, allowedTypes: ['application/pdf', 'image/*', '.docx'], requireEmail: true, hasPassword: true };

describe('typeAllowed: media types, families and extensions', () => {
  it('any type when the request names none', () => {
    expect(typeAllowed(file('a.exe', 'application/x-msdownload'), null)).toBe(true);
    expect(typeAllowed(file('a.exe', 'application/x-msdownload'), [])).toBe(true);
  });

  it('a media type matches exactly (parameters and case ignored), a family its first half, an extension the name', () => {
    const rules = ['application/pdf', 'image/*', '.docx'];
    expect(typeAllowed(file('a.pdf', 'application/pdf'), rules)).toBe(true);
    expect(typeAllowed(file('a.PDF', 'Application/PDF; charset=binary'), rules)).toBe(true);
    expect(typeAllowed(file('p.png', 'image/png'), rules)).toBe(true);
    expect(typeAllowed(file('Offer.DOCX', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'), rules)).toBe(true);
    expect(typeAllowed(file('notes.txt', 'text/plain'), rules)).toBe(false);
    expect(typeAllowed(file('a.pdf.exe', 'application/x-msdownload'), rules)).toBe(false);
    // "image/*" is not a prefix of "imagexyz/…"
    expect(typeAllowed(file('x', 'imagery/x'), ['image/*'])).toBe(false);
  });

  it('a type the browser does not know is left to the server for media-type rules, refused for extension-only rules', () => {
    expect(typeAllowed(file('scan', ''), ['application/pdf'])).toBe(true);
    expect(typeAllowed(file('scan', ''), ['.docx', '.xlsx'])).toBe(false);
    expect(typeAllowed(file('offer.xlsx', ''), ['.docx', '.xlsx'])).toBe(true);
  });
});

describe('checkFiles: refused before sending', () => {
  it('too large, a type not taken, empty, and beyond the files left — in the order picked', () => {
    const picked = [
      file('big.pdf', 'application/pdf', 5_000_001),
      file('ok.pdf', 'application/pdf', 5_000_000),
      file('notes.txt', 'text/plain'),
      file('empty.pdf', 'application/pdf', 0),
      file('photo.png', 'image/png'),
      file('third.pdf', 'application/pdf'),
    ];
    const checked = checkFiles(picked, { ...INTRO, filesLeft: 3 }, 1);
    expect(checked.map(({ file: f, refusal }) => [f.name, refusal?.reason ?? null])).toEqual([
      ['big.pdf', 'tooLarge'],
      ['ok.pdf', null],
      ['notes.txt', 'type'],
      ['empty.pdf', 'empty'],
      ['photo.png', null],
      ['third.pdf', 'noFilesLeft'], // 3 left, 1 already taken by this page, 2 accepted now
    ]);
    expect(checked[0]!.refusal).toEqual({ reason: 'tooLarge', max: 5_000_000 });
  });

  it('no limits: everything non-empty is sent', () => {
    const checked = checkFiles([file('a.bin', '', 10 ** 10), file('b', 'x/y')], { maxFileBytes: null, allowedTypes: null, filesLeft: null });
    expect(checked.every((c) => c.refusal === null)).toBe(true);
  });
});

describe('refusalOf: the server’s answer to one upload', () => {
  it.each<[unknown, { email?: string; password?: string }, Refusal['reason']]>([
    [problem(413, 'payload-too-large'), {}, 'tooLarge'],
    [problem(415, 'unsupported-media-type'), {}, 'type'],
    [problem(410, 'gone'), {}, 'closed'],
    [problem(404, 'not-found'), {}, 'gone'],
    [problem(401, 'unauthenticated', 'The password is wrong.'), { email: 'a@b.test', password: 'x' }, 'password'],
    [problem(401, 'unauthenticated', 'An email address is required.'), { password: 'x' }, 'email'],
    [requires(['password']), { email: 'a@b.test', password: 'x' }, 'password'],
    [requires(['email', 'password']), { password: 'x' }, 'password'],
    [requires(['email', 'password']), {}, 'email'],
    [requires(['email']), { password: 'x' }, 'email'],
    [new ApiError(401, undefined), { password: 'x' }, 'email'],
    [new ApiError(401, undefined), { email: 'a@b.test', password: 'x' }, 'password'],
    [problem(503, 'unavailable'), {}, 'scanner'],
    [problem(429, 'rate-limited'), {}, 'throttled'],
    [problem(400, 'validation'), {}, 'invalid'],
    [problem(500, 'internal'), {}, 'other'],
    [new TypeError('offline'), {}, 'network'],
  ])('%s → %s', (error, given, reason) => {
    expect(refusalOf(error, INTRO, given).reason).toBe(reason);
  });

  it('a 413 names the request’s limit, a 415 its types', () => {
    expect(refusalOf(problem(413, 'payload-too-large'), INTRO)).toEqual({ reason: 'tooLarge', max: 5_000_000 });
    expect(refusalOf(problem(415, 'x'), INTRO)).toEqual({ reason: 'type', allowed: INTRO.allowedTypes });
  });
});

describe('refusalSentence', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('one sentence per reason, naming the file (and the limit)', () => {
    const t = i18n.t.bind(i18n);
    expect(refusalSentence({ reason: 'tooLarge', max: 5_000_000 }, 'big.pdf', t))
      .toBe('“big.pdf” is too large: this request takes files of at most 5 MB.');
    expect(refusalSentence({ reason: 'type', allowed: ['application/pdf', 'image/*', '.docx'] }, 'notes.txt', t))
      .toBe('“notes.txt” is not a type of file this request takes (application/pdf, image/*, and .docx).');
    expect(refusalSentence({ reason: 'scanner' }, 'a.pdf', t))
      .toBe('“a.pdf” was not received: the virus check is not available right now. Please try again in a few minutes.');
    expect(refusalSentence({ reason: 'password' }, 'a.pdf', t)).toBe('“a.pdf” was not received: the password is not correct.');
    expect(refusalSentence({ reason: 'closed' }, 'a.pdf', t))
      .toBe('“a.pdf” was not received: the request has expired, is full or was closed.');
    const reasons: Refusal['reason'][] = ['noFilesLeft', 'empty', 'gone', 'email', 'credentials', 'throttled', 'invalid', 'network', 'other'];
    for (const reason of reasons) {
      const sentence = refusalSentence({ reason } as Refusal, 'x.pdf', t);
      expect(sentence, reason).toContain('“x.pdf”');
      expect(sentence, reason).not.toContain('filerequests:');
    }
  });

  it('in German', async () => {
    await i18n.changeLanguage('de');
    const t = i18n.t.bind(i18n);
    expect(refusalSentence({ reason: 'tooLarge', max: 5_000_000 }, 'big.pdf', t))
      .toBe('„big.pdf“ ist zu groß: Diese Anfrage nimmt Dateien bis höchstens 5 MB.');
    expect(refusalSentence({ reason: 'type', allowed: ['application/pdf', '.docx'] }, 'n.txt', t))
      .toBe('„n.txt“ ist kein Dateityp, den diese Anfrage nimmt (application/pdf und .docx).');
  });
});
