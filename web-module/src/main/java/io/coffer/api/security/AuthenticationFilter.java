package io.coffer.api.security;

import io.coffer.api.error.Problem;
import io.coffer.api.error.ProblemType;
import io.coffer.identity.Role;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import io.coffer.identity.CallerCheck;
import io.coffer.shared.error.UnauthenticatedException;
import jakarta.ejb.EJB;
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
 * A well-signed token of a removed user, or one issued before the user's token version changed (password reset,
 * removal), is refused here too, before the resource reads the body.
 */
@Provider
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

    @EJB
    CallerCheck callers;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken)) {
            refuse(request);
            return;
        }
        Role role;
        try {
            role = callers.requireCurrentUser(); // revoked, removed or foreign: 401 before the body is read
        } catch (UnauthenticatedException e) {
            refuse(request);
            return;
        }
        MinimumRole needed = minimumRole();
        if (needed != null && !role.atLeast(needed.value())) {
            request.abortWith(Problem.of(ProblemType.FORBIDDEN, "This needs the " + needed.value() + " role.", null)
                    .build());
        }
    }

    private MinimumRole minimumRole() {
        if (resource == null || resource.getResourceMethod() == null) {
            return null;
        }
        MinimumRole onMethod = resource.getResourceMethod().getAnnotation(MinimumRole.class);
        return onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(MinimumRole.class);
    }

    private static void refuse(ContainerRequestContext request) {
        request.abortWith(Problem.unauthenticated()
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"coffer\"")
                .build());
    }
}
