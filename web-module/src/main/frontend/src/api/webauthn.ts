/**
 * The passkey (WebAuthn) calls of the SPA, in one place (docs/features/passkeys.md, "API shape"), through the SPA's
 * one client (its bearer token and refresh handling) and the operations generated from the OpenAPI snapshot. The
 * binary values are base64url strings in the JSON shapes of @simplewebauthn/browser, which makes and reads them;
 * nothing here converts a byte.
 */
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import type { Client } from 'openapi-fetch';
import { api as defaultApi, unwrap, type Schemas } from './client';
import type { paths } from './schema';

/** A passkey of the caller, as GET /me/webauthn/credentials lists it. */
export type Passkey = Schemas['Passkey'];

/**
 * The browser library's JSON as the snapshot's schema of the same W3C shape: the two type the open-ended parts
 * differently (extension outputs, future transports), so TypeScript cannot relate them; the values are passed as
 * they are.
 */
function asSchema<T>(json: RegistrationResponseJSON | AuthenticationResponseJSON): T {
  return json as unknown as T;
}

/** The passkey calls over `api` (the SPA's client unless the AuthProvider passes its own). */
export function webauthnApi(api: Client<paths> = defaultApi) {
  return {
    /** GET /me/webauthn/credentials: the caller's passkeys, oldest first. */
    credentials: () => unwrap(api.GET('/api/v1/me/webauthn/credentials')),
    /** POST /me/webauthn/registrations: the options of a new registration (a session, not an API key: PK-1). */
    registrationOptions: (): Promise<PublicKeyCredentialCreationOptionsJSON> =>
      unwrap(api.POST('/api/v1/me/webauthn/registrations')),
    /** POST /me/webauthn/registrations/finish: 201 the stored passkey; 409 when it is registered already (PK-3). */
    finishRegistration: (name: string, credential: RegistrationResponseJSON) =>
      unwrap(
        api.POST('/api/v1/me/webauthn/registrations/finish', {
          body: { name, credential: asSchema<Schemas['RegistrationResponseJSON']>(credential) },
        }),
      ),
    /** DELETE /me/webauthn/credentials/{id}: 204 (PK-9). */
    remove: (id: string) => unwrap(api.DELETE('/api/v1/me/webauthn/credentials/{id}', { params: { path: { id } } })),
    /** POST /auth/webauthn/options: with an email the second step after a password, without one usernameless. */
    signInOptions: (tenant: string, email?: string): Promise<PublicKeyCredentialRequestOptionsJSON> =>
      unwrap(api.POST('/api/v1/auth/webauthn/options', { body: email ? { tenant, email } : { tenant } })),
    /** POST /auth/webauthn: the usernameless sign-in; answered as a login (the AuthProvider unwraps it as one). */
    signIn: (tenant: string, assertion: AuthenticationResponseJSON) =>
      api.POST('/api/v1/auth/webauthn', {
        body: { tenant, assertion: asSchema<Schemas['AuthenticationResponseJSON']>(assertion) },
      }),
    /** POST /auth/mfa with a passkey as the second factor (PK-7); answered as a login. */
    completeMfa: (mfaToken: string, assertion: AuthenticationResponseJSON) =>
      api.POST('/api/v1/auth/mfa', {
        body: { mfaToken, webauthn: asSchema<Schemas['AuthenticationResponseJSON']>(assertion) },
      }),
  };
}
