/**
 * The browser's half of the passkey ceremonies, by @simplewebauthn/browser (never hand-written credential
 * conversion): the server's options JSON in, the response JSON out. The browser's failures become a
 * PasskeyCeremonyError so a screen tells "the person closed the prompt" (quiet) from an API error (ProblemAlert).
 */
import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/browser';

/** Whether this browser has WebAuthn at all; without it no passkey UI is shown. */
export function passkeysSupported(): boolean {
  return browserSupportsWebAuthn();
}

/** The browser's prompt did not give a credential. */
export class PasskeyCeremonyError extends Error {
  /** The person closed or let time out the prompt (NotAllowedError) or another ceremony replaced it (AbortError). */
  readonly cancelled: boolean;
  /** The authenticator already holds a credential of this account (excludeCredentials matched). */
  readonly alreadyRegistered: boolean;

  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'PasskeyCeremonyError';
    // @simplewebauthn/browser rejects with a WebAuthnError named as the DOMException it wraps, with a `code`
    const { name, code } = (typeof cause === 'object' && cause !== null ? cause : {}) as { name?: string; code?: string };
    this.cancelled = name === 'NotAllowedError' || name === 'AbortError';
    this.alreadyRegistered = code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError';
  }
}

async function ceremony<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new PasskeyCeremonyError(error);
  }
}

/** navigator.credentials.create for the options of POST /me/webauthn/registrations. */
export function createPasskey(optionsJSON: PublicKeyCredentialCreationOptionsJSON): Promise<RegistrationResponseJSON> {
  return ceremony(() => startRegistration({ optionsJSON }));
}

/** navigator.credentials.get for the options of POST /auth/webauthn/options. */
export function assertPasskey(optionsJSON: PublicKeyCredentialRequestOptionsJSON): Promise<AuthenticationResponseJSON> {
  return ceremony(() => startAuthentication({ optionsJSON }));
}
