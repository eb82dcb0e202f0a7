import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import '../app/i18n';
import { ApiError } from './client';
import { problemMessage } from './problem';

describe('problemMessage (problem+json as a human sentence)', () => {
  beforeAll(async () => {
    await i18n.changeLanguage('en');
  });

  it('uses the sentence of the problem type, never the raw body', () => {
    const error = new ApiError(409, { type: '/problems/conflict', title: 'Conflict', status: 409, detail: 'x' });
    expect(problemMessage(error, i18n.t)).toBe('This conflicts with something that already exists.');
  });

  it('lists the fields of a validation problem, translated, with plurals', () => {
    const one = new ApiError(400, {
      type: '/problems/validation', title: 'Bad', status: 400, detail: 'd', errors: [{ field: 'body.email', message: 'bad' }],
    });
    expect(problemMessage(one, i18n.t)).toBe('Please check this field: email.');
    const two = new ApiError(400, {
      type: '/problems/validation', title: 'Bad', status: 400, detail: 'd',
      errors: [{ field: 'email', message: 'bad' }, { field: 'password', message: 'short' }],
    });
    expect(problemMessage(two, i18n.t)).toBe('Please check these fields: email and password.');
  });

  it('takes a screen-specific sentence first', () => {
    const error = new ApiError(401, { type: '/problems/unauthenticated', title: 'x', status: 401, detail: 'd' });
    expect(problemMessage(error, i18n.t, { unauthenticated: 'auth:login.failed' })).toBe(
      'The organisation, email or password is wrong.',
    );
  });

  it('falls back on the status without a body, and on a network sentence for anything else', () => {
    expect(problemMessage(new ApiError(429, undefined), i18n.t)).toMatch(/Too many attempts/);
    expect(problemMessage(new TypeError('Failed to fetch'), i18n.t)).toMatch(/could not be reached/);
  });

  it('speaks German when the UI does', async () => {
    await i18n.changeLanguage('de');
    expect(problemMessage(new ApiError(404, undefined), i18n.t)).toBe(
      'Dieses Element gibt es nicht, oder Sie können es nicht sehen.',
    );
    await i18n.changeLanguage('en');
  });
});
