import { describe, expect, it } from 'vitest';
import { onGiven, onIntro, onSession, onSessionEnded, type GateState, type LinkIntro, type Requirement } from './gate';

const intro = (requires: Requirement[]): LinkIntro => ({ name: 'Deck', targetType: 'DOCUMENT', requires, branding: { name: 'Acme' } });
const open = { status: 201, body: { visitorToken: 'vt', expiresIn: 1800 } };
const missing = (...requires: Requirement[]) => ({ status: 401, requires });

function step(state: GateState) {
  if (state.kind !== 'step') throw new Error(`expected a step, got ${state.kind}`);
  return state;
}
function submitting(state: GateState) {
  if (state.kind !== 'submitting') throw new Error(`expected submitting, got ${state.kind}`);
  return state;
}

describe('the link gate (SL-5, SL-6, SL-7, SL-8, SL-11, SL-12 as the visitor sees them)', () => {
  it('a link that needs nothing is posted at once with no credentials, and opens', () => {
    const s = submitting(onIntro({ status: 200, body: intro([]) }));
    expect(s.credentials).toEqual({});
    expect(onSession(s, open)).toMatchObject({ kind: 'open', visitorToken: 'vt', expiresIn: 1800 });
  });

  it('asks only for what the link requires, one step at a time, in order', () => {
    let s: GateState = onIntro({ status: 200, body: intro(['nda', 'password']) });
    expect(step(s).step).toBe('password');
    s = onGiven(s, 'secret');
    expect(submitting(s).credentials).toEqual({ password: 'secret' });
    s = onSession(s, missing('nda'));
    expect(step(s).step).toBe('nda');
    expect(step(s).error).toBeUndefined();
    s = onGiven(s, true);
    expect(submitting(s).credentials).toEqual({ password: 'secret', ndaAccepted: true });
    expect(onSession(s, open).kind).toBe('open');
  });

  it('a wrong password is told at the password step, and the wrong one is not kept', () => {
    let s: GateState = onGiven(onIntro({ status: 200, body: intro(['password', 'email']) }), 'nope');
    s = onSession(s, missing('password', 'email'));
    expect(step(s)).toMatchObject({ step: 'password', error: 'wrong' });
    expect(step(s).credentials.password).toBeUndefined();
  });

  it('email code: the email is posted (the server mails the code), the code is held back until the NDA is accepted, then all is posted once', () => {
    let s: GateState = onIntro({ status: 200, body: intro(['password', 'email', 'emailCode', 'nda']) });
    s = onSession(onGiven(s, 'pw'), missing('email', 'emailCode', 'nda'));
    s = onGiven(s, ' ann@x.test ');
    expect(submitting(s).credentials).toEqual({ password: 'pw', email: 'ann@x.test' });
    s = onSession(s, missing('emailCode', 'nda'));
    expect(step(s)).toMatchObject({ step: 'emailCode', codeSent: true });
    s = onGiven(s, '123456');
    // Not posted: a single-use code must not be redeemed by a post that lacks the NDA.
    expect(step(s).step).toBe('nda');
    s = onGiven(s, true);
    expect(submitting(s).credentials).toEqual({ password: 'pw', email: 'ann@x.test', emailCode: '123456', ndaAccepted: true });
    expect(onSession(s, open).kind).toBe('open');
  });

  it('a wrong code goes back to the code step with the NDA kept', () => {
    let s: GateState = onIntro({ status: 200, body: intro(['email', 'emailCode', 'nda']) });
    s = onSession(onGiven(s, 'a@x.test'), missing('emailCode', 'nda'));
    s = onGiven(onGiven(s, '000000'), true);
    s = onSession(s, missing('emailCode'));
    expect(step(s)).toMatchObject({ step: 'emailCode', error: 'wrong', codeSent: false });
    expect(step(s).credentials).toEqual({ email: 'a@x.test', ndaAccepted: true });
    s = onGiven(s, '654321');
    expect(submitting(s).credentials.emailCode).toBe('654321');
  });

  it('closed pages: unknown or revoked 404, expired or used up 410, refused 403 without an email step', () => {
    expect(onIntro({ status: 404 })).toEqual({ kind: 'closed', reason: 'unavailable' });
    expect(onIntro({ status: 410 })).toEqual({ kind: 'closed', reason: 'expired' });
    expect(onIntro({ status: 500 })).toEqual({ kind: 'closed', reason: 'error' });
    const s = onGiven(onIntro({ status: 200, body: intro(['password']) }), 'pw');
    expect(onSession(s, { status: 410 })).toEqual({ kind: 'closed', reason: 'expired' });
    expect(onSession(s, { status: 404 })).toEqual({ kind: 'closed', reason: 'unavailable' });
    expect(onSession(s, { status: 403 })).toEqual({ kind: 'closed', reason: 'refused' });
  });

  it('an email refused by the allow or deny rules asks for another address', () => {
    const s = onGiven(onIntro({ status: 200, body: intro(['email']) }), 'eve@evil.test');
    expect(step(onSession(s, { status: 403 }))).toMatchObject({ step: 'email', error: 'refused', credentials: {} });
  });

  it('the refused address is kept apart from the credentials, for an access request (AR-1)', () => {
    const s = onGiven(onIntro({ status: 200, body: intro(['email', 'emailCode']) }), ' eve@evil.test ');
    const refused = step(onSession(s, { status: 403 }));
    expect(refused.refusedEmail).toBe('eve@evil.test');
    expect(refused.credentials.email).toBeUndefined();
    // another address given: the next answer decides anew
    const again = onGiven(refused, 'ann@ok.test');
    expect(submitting(again).credentials).toEqual({ email: 'ann@ok.test' });
    expect(step(onSession(again, missing('emailCode'))).refusedEmail).toBeUndefined();
  });

  it('throttled: stays on the step with the server\'s Retry-After', () => {
    const s = onGiven(onIntro({ status: 200, body: intro(['password']) }), 'pw');
    expect(step(onSession(s, { status: 429, retryAfter: 120 }))).toMatchObject({ step: 'password', error: 'throttled', retryAfter: 120 });
  });

  it('an ended visitor session starts the gate again from the intro', () => {
    const s = onSession(onGiven(onIntro({ status: 200, body: intro(['password']) }), 'pw'), open);
    expect(step(onSessionEnded(s))).toMatchObject({ step: 'password', credentials: {} });
  });
});
