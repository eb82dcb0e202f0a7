package io.coffer.api.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The resource is reachable without a bearer token on purpose (signup, login, share-link visitors...). Every JAX-RS
 * resource is either {@link Authenticated} or {@code @Public}: an ArchUnit rule refuses one that is neither, so a new
 * endpoint cannot be left open by forgetting an annotation.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Public {
}
