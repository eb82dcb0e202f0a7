/**
 * The link gate as a state machine over the server's answers (plain TypeScript, no React): what the visitor is asked
 * next, what is posted to `POST /public/links/{token}/sessions`, and which closed page an answer leads to.
 *
 * The server remembers nothing between attempts, so every post carries all the credentials gathered so far. The steps
 * come one at a time in the order password → email → emailCode → nda. A step is posted as soon as it is given (a
 * wrong password is told at the password step; the email step makes the server mail the code), except the code when
 * the NDA is still to come: a code is single use, and a post that redeems it but lacks the NDA would burn it.
 */
import type { Schemas } from '../../api/client';

export type Requirement = 'password' | 'email' | 'emailCode' | 'nda';
export const ORDER: readonly Requirement[] = ['password', 'email', 'emailCode', 'nda'];

export type LinkIntro = Schemas['LinkIntro'];
export type Credentials = Schemas['VisitorCredentials'];

/** One answer of the server, reduced to what the gate needs. */
export interface Answer {
  status: number;
  /** The 200 body of the intro, or the 201 body of a session. */
  body?: unknown;
  /** `requires` of a 401 credentials-required. */
  requires?: Requirement[];
  /** Seconds of a 429's Retry-After. */
  retryAfter?: number | null;
}

export type ClosedReason = 'expired' | 'unavailable' | 'refused' | 'error';
export type StepError = 'wrong' | 'refused' | 'throttled' | 'error';

export type GateState =
  | { kind: 'loading' }
  | { kind: 'closed'; reason: ClosedReason }
  | {
      kind: 'step';
      intro: LinkIntro;
      step: Requirement;
      /** What the server still asks for (the intro's list until the first post). */
      pending: Requirement[];
      credentials: Credentials;
      error?: StepError;
      retryAfter?: number;
      /** The server has mailed a code (the email was accepted and only the code is missing). */
      codeSent: boolean;
      /** The address the allow or deny rules refused (error `refused`): the visitor may ask for access with it. */
      refusedEmail?: string;
    }
  | { kind: 'submitting'; intro: LinkIntro; credentials: Credentials; from: Requirement | null; pending: Requirement[] }
  | { kind: 'open'; intro: LinkIntro; visitorToken: string; expiresIn: number };

export const initialState: GateState = { kind: 'loading' };

function ordered(list: readonly Requirement[]): Requirement[] {
  return ORDER.filter((r) => list.includes(r));
}

function given(credentials: Credentials, r: Requirement): boolean {
  switch (r) {
    case 'password': return !!credentials.password;
    case 'email': return !!credentials.email;
    case 'emailCode': return !!credentials.emailCode;
    case 'nda': return credentials.ndaAccepted === true;
  }
}

function closedFor(status: number): GateState {
  if (status === 404) return { kind: 'closed', reason: 'unavailable' };
  if (status === 410) return { kind: 'closed', reason: 'expired' };
  if (status === 403) return { kind: 'closed', reason: 'refused' };
  return { kind: 'closed', reason: 'error' };
}

/** The answer of `GET /public/links/{token}`. Nothing required: the caller posts an empty session at once. */
export function onIntro(answer: Answer): GateState {
  if (answer.status !== 200 || !answer.body) return closedFor(answer.status);
  const intro = answer.body as LinkIntro;
  const pending = ordered(intro.requires);
  const first = pending[0];
  if (!first) return { kind: 'submitting', intro, credentials: {}, from: null, pending };
  return { kind: 'step', intro, step: first, pending, credentials: {}, codeSent: false };
}

/**
 * The visitor gave the current step. Answers the next state: `submitting` (post `credentials` now) or the next step
 * when this one is kept for a later post (the code before the NDA).
 */
export function onGiven(state: GateState, value: string | boolean): GateState {
  if (state.kind !== 'step') return state;
  const credentials: Credentials = { ...state.credentials };
  switch (state.step) {
    case 'password': credentials.password = String(value); break;
    case 'email': credentials.email = String(value).trim(); delete credentials.emailCode; break;
    case 'emailCode': credentials.emailCode = String(value).trim(); break;
    case 'nda': credentials.ndaAccepted = value === true; break;
  }
  const later = state.pending.filter((r) => r !== state.step && !given(credentials, r));
  if (state.step === 'emailCode' && later.length > 0) {
    // Hold the single-use code until the rest is given: the next step is local.
    return { ...state, credentials, step: later[0]!, error: undefined, retryAfter: undefined } as GateState;
  }
  return { kind: 'submitting', intro: state.intro, credentials, from: state.step, pending: state.pending };
}

/** The answer of `POST /public/links/{token}/sessions` for the `submitting` state. */
export function onSession(state: GateState, answer: Answer): GateState {
  if (state.kind !== 'submitting') return state;
  const { intro, credentials, from } = state;
  const back = (step: Requirement, error: StepError, extra: Partial<Extract<GateState, { kind: 'step' }>> = {}) =>
    ({ kind: 'step', intro, step, pending: state.pending, credentials, error, codeSent: false, ...extra }) as GateState;

  if (answer.status === 201 && answer.body) {
    const session = answer.body as Schemas['VisitorSession'];
    return { kind: 'open', intro, visitorToken: session.visitorToken, expiresIn: session.expiresIn };
  }
  if (answer.status === 401 && answer.requires) {
    const pending = ordered(answer.requires);
    // A step that was given and is still asked for was wrong (a wrong password or code).
    const wrong = pending.find((r) => given(credentials, r));
    const codeSent = !!credentials.email && pending.includes('emailCode') && !pending.includes('email')
      && !pending.includes('password') && !credentials.emailCode;
    const kept: Credentials = { ...credentials };
    if (wrong === 'password') delete kept.password;
    if (wrong === 'emailCode') delete kept.emailCode;
    const next = wrong ?? pending.find((r) => !given(kept, r));
    if (!next) return { kind: 'closed', reason: 'error' };
    return {
      kind: 'step', intro, step: next, pending, credentials: kept, codeSent,
      ...(wrong ? { error: 'wrong' as const } : {}),
    };
  }
  if (answer.status === 429) {
    return back(from ?? state.pending[0] ?? 'password', 'throttled',
      answer.retryAfter ? { retryAfter: answer.retryAfter } : {});
  }
  if (answer.status === 403 && state.pending.includes('email')) {
    // Refused by the allow or deny rules: another address may be let in.
    const kept = { ...credentials };
    delete kept.email;
    delete kept.emailCode;
    return {
      kind: 'step', intro, step: 'email', pending: state.pending, credentials: kept, error: 'refused', codeSent: false,
      ...(credentials.email ? { refusedEmail: credentials.email } : {}),
    };
  }
  if (answer.status === 404 || answer.status === 410 || answer.status === 403) return closedFor(answer.status);
  return back(from ?? state.pending[0] ?? 'password', 'error');
}

/** The visitor token was refused later (401 on a page: expired or the link's rules changed): ask again. */
export function onSessionEnded(state: GateState): GateState {
  if (state.kind !== 'open') return state;
  return onIntro({ status: 200, body: state.intro });
}
