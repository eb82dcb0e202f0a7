/**
 * The passkey (WebAuthn) calls of the SPA, in one place (docs/features/passkeys.md, "API shape"). They go through the
 * SPA's one client (its bearer token and refresh handling). The binary values are base64url strings in the JSON
 * shapes of @simplewebauthn/browser, which makes and reads them; nothing here converts a byte.
 *
 * TEMPORARY: the committed OpenAPI snapshot does not have the webauthn operations yet, so the client is viewed
 * through the hand-written `WebAuthnPaths` below (the shapes of the contract). Once `npm run gen:api` has them, the
 * calls use `paths` of ./schema directly and `WebAuthnPaths` goes.
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
export interface Passkey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

type NoParameters = { query?: never; header?: never; path?: never; cookie?: never };
type Body<T> = { content: { 'application/json': T } };
type Answer<Status extends number, T> = {
  [S in Status]: { headers: { [name: string]: unknown }; content: { 'application/json': T } };
} & { default: { headers: { [name: string]: unknown }; content: { 'application/problem+json': Schemas['Problem'] } } };
type Empty = { 204: { headers: { [name: string]: unknown }; content?: never } } & Answer<never, never>;

/** The options as JSON: the server's answer is handed to @simplewebauthn/browser as it is (its types below). */
type OptionsJSON = Record<string, unknown>;

/** The contract's webauthn operations in openapi-typescript's shape (until the snapshot has them). */
interface WebAuthnPaths {
  '/api/v1/me/webauthn/registrations': {
    post: { parameters: NoParameters; requestBody?: never; responses: Answer<200, OptionsJSON> };
  };
  '/api/v1/me/webauthn/registrations/finish': {
    post: {
      parameters: NoParameters;
      requestBody: Body<{ name: string; credential: RegistrationResponseJSON }>;
      responses: Answer<201, Passkey>;
    };
  };
  '/api/v1/me/webauthn/credentials': {
    get: { parameters: NoParameters; requestBody?: never; responses: Answer<200, { items: Passkey[] }> };
  };
  '/api/v1/me/webauthn/credentials/{id}': {
    delete: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: Empty;
    };
  };
  '/api/v1/auth/webauthn/options': {
    post: {
      parameters: NoParameters;
      requestBody: Body<{ tenant: string; email?: string }>;
      responses: Answer<200, OptionsJSON>;
    };
  };
  '/api/v1/auth/webauthn': {
    post: {
      parameters: NoParameters;
      requestBody: Body<{ tenant: string; assertion: AuthenticationResponseJSON }>;
      responses: Answer<200, Schemas['TokenResponse']>;
    };
  };
  '/api/v1/auth/mfa': {
    post: {
      parameters: NoParameters;
      requestBody: Body<{ mfaToken: string; webauthn: AuthenticationResponseJSON }>;
      responses: Answer<200, Schemas['TokenResponse']>;
    };
  };
}

function view(api: Client<paths>): Client<WebAuthnPaths> {
  return api as unknown as Client<WebAuthnPaths>;
}

/** The passkey calls over `api` (the SPA's client unless a test or the AuthProvider passes its own). */
export function webauthnApi(api: Client<paths> = defaultApi) {
  const w = view(api);
  return {
    /** GET /me/webauthn/credentials: the caller's passkeys. */
    credentials: () => unwrap(w.GET('/api/v1/me/webauthn/credentials')),
    /** POST /me/webauthn/registrations: the options of a new registration (a session, not an API key: PK-1). */
    registrationOptions: () =>
      unwrap(w.POST('/api/v1/me/webauthn/registrations')) as Promise<unknown> as Promise<PublicKeyCredentialCreationOptionsJSON>,
    /** POST /me/webauthn/registrations/finish: 201 the stored credential; 409 when it is registered already. */
    finishRegistration: (name: string, credential: RegistrationResponseJSON) =>
      unwrap(w.POST('/api/v1/me/webauthn/registrations/finish', { body: { name, credential } })),
    /** DELETE /me/webauthn/credentials/{id}: 204. */
    remove: (id: string) =>
      unwrap(w.DELETE('/api/v1/me/webauthn/credentials/{id}', { params: { path: { id } } })),
    /** POST /auth/webauthn/options: with an email the second step after a password, without one usernameless. */
    signInOptions: (tenant: string, email?: string) =>
      unwrap(w.POST('/api/v1/auth/webauthn/options', { body: email ? { tenant, email } : { tenant } })) as Promise<unknown> as Promise<PublicKeyCredentialRequestOptionsJSON>,
    /** POST /auth/webauthn: the usernameless sign-in; answered as a login (the caller unwraps it as one). */
    signIn: (tenant: string, assertion: AuthenticationResponseJSON) =>
      w.POST('/api/v1/auth/webauthn', { body: { tenant, assertion } }),
    /** POST /auth/mfa with a passkey as the second factor; answered as a login. */
    completeMfa: (mfaToken: string, assertion: AuthenticationResponseJSON) =>
      w.POST('/api/v1/auth/mfa', { body: { mfaToken, webauthn: assertion } }),
  };
}
