/**
 * Share links (docs/features/sharelinks.md, SL-*): the owner side ({@link io.coffer.sharelinks.ShareLinks}) and the
 * visitor side ({@link io.coffer.sharelinks.VisitorSessions}, {@link io.coffer.sharelinks.Visitors}). Every control is a named policy
 * ({@code internal.Policies}) composed in one place (its lists and {@code decide}); a link acts with its creator's rights
 * at each request ({@code Permissions.onBehalfOf}, {@code documents.DelegatedAccess}), never more. Visitor tokens are
 * HS256 JWTs of the tenant's own key, bound to the session, the link's security version and the proven email.
 * Events: {@link io.coffer.sharelinks.ShareLinkEvents}.
 */
package io.coffer.sharelinks;
