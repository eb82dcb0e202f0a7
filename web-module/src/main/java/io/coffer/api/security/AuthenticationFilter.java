package io.coffer.api.security;

import io.coffer.api.error.Problem;
import io.coffer.api.error.ProblemType;
import io.coffer.identity.Role;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import io.coffer.identity.RequestCallers;
import io.coffer.identity.CurrentCaller;
import io.coffer.identity.SecondFactor;
import io.coffer.shared.error.MfaEnrolmentRequiredException;
import io.coffer.shared.error.UnauthenticatedException;
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
 * removal), is refused here too, before the resource reads the body. Here too, the one place no endpoint can
 * forget: an API-key token of scope {@code read} gets 403 for every method but GET and HEAD (ID-26), and
 * {@link MinimumRole} is checked against the role the caller acts with (an API key: MEMBER unless scope
 * {@code admin}, never above its creator's current role, ID-25). The modules check that capped role again.
 */
@Provider
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationFilter implements ContainerRequestFilter {

    /** What a {@code read} API key may use (contract "API-key scopes"). */
    static final java.util.Set<String> SAFE_METHODS = java.util.Set.of("GET", "HEAD");

    @jakarta.inject.Inject
    RequestCallers callers;

    @Context
    ResourceInfo resource;

    @jakarta.ejb.EJB
    SecondFactor factor;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token)) {
            refuse(request);
            return;
        }
        CurrentCaller caller;
        try {
            caller = callers.check(token); // revoked, removed or foreign: 401 before the body is read (ID-38)
        } catch (UnauthenticatedException e) {
            refuse(request);
            return;
        }
        if (caller.readOnly() && !SAFE_METHODS.contains(request.getMethod())) {
            // ID-26: a read-only API key, on every endpoint alike, whatever the resource and before the body is read
            request.abortWith(Problem.of(ProblemType.FORBIDDEN, "This API key's scope allows only reading.", null)
                    .build());
            return;
        }
        if (caller.secondFactorDue() && !enrolmentEndpoint()) {
            // MFA-14: the tenant requires a second factor this session has not passed; before the body is read.
            // MFA-18: identity tells the remedy (enrol one, or sign in again when the account has one) — an EJB call
            // on this path only, which sessions that passed or API-key tokens never take
            try {
                factor.requirePassed();
            } catch (MfaEnrolmentRequiredException due) {
                request.abortWith(Problem.of(ProblemType.MFA_ENROLMENT_REQUIRED, due.getMessage(), null).build());
                return;
            }
        }
        Role role = caller.role(); // capped for an API-key token (ID-25): MEMBER without scope admin
        MinimumRole needed = minimumRole();
        if (needed != null && !role.atLeast(needed.value())) {
            request.abortWith(Problem.of(ProblemType.FORBIDDEN, "This needs the " + needed.value() + " role.", null)
                    .build());
        }
    }

    private boolean enrolmentEndpoint() {
        if (resource == null || resource.getResourceMethod() == null) {
            return false;
        }
        return resource.getResourceMethod().isAnnotationPresent(SecondFactorEnrolment.class)
                || resource.getResourceClass().isAnnotationPresent(SecondFactorEnrolment.class);
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
