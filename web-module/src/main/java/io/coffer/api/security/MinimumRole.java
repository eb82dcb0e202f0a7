package io.coffer.api.security;

import io.coffer.identity.Role;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role an {@link Authenticated} resource method needs. Checked by {@link AuthenticationFilter} with the
 * role read from the database before the body is read, so that a MEMBER posting an invalid body to an ADMIN endpoint
 * gets 403, not 400 (contract: authorization before validation). The module checks again.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface MinimumRole {
    Role value();
}
