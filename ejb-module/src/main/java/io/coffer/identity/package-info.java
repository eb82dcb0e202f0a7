/**
 * Identity: users of a tenant, their roles, and who the caller of a request is.
 *
 * <p>Contract: a user belongs to exactly one tenant (the same email may be another user in another tenant). The
 * caller is the subject of a verified access token; the token's version must equal the user's current version, and
 * the role is read from the database on every request, so a removal, demotion or password reset takes effect on the
 * next request, not when the token expires. Public face: {@link io.coffer.identity.MyAccount} (the caller's own
 * account), {@link io.coffer.identity.UserProfile}, {@link io.coffer.identity.Role}. Everything else is internal.
 */
package io.coffer.identity;
