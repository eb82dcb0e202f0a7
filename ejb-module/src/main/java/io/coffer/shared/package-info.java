/**
 * Shared kernel: typed ids and the small set of exceptions every module may throw.
 *
 * <p>Contract: nothing here knows about HTTP, JPA or any domain module. Ids are typed at every module boundary
 * ({@link io.coffer.shared.TenantId}, {@link io.coffer.shared.UserId}); a bare {@code UUID} or {@code String} never
 * crosses one. Errors are the exceptions of {@link io.coffer.shared.error}: the web layer maps each to one RFC 9457
 * problem type, so a module states <em>what</em> went wrong and never <em>how</em> it is shown.
 */
package io.coffer.shared;
