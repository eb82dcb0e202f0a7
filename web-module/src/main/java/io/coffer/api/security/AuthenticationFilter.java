package io.coffer.api.security;

import io.coffer.api.error.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Answers 401 problem+json when an {@link Authenticated} resource is called without a verified token. A token that
 * MicroProfile JWT refused (forged, expired, wrong issuer...) reaches here as no token at all, because resources are
 * {@code @PermitAll}: the refusal is then a problem answer like every other error instead of Liberty's empty 401.
 */
@Provider
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken)) {
            request.abortWith(Problem.unauthenticated()
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"coffer\"")
                    .build());
        }
    }
}
