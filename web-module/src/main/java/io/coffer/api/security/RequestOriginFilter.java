package io.coffer.api.security;

import io.coffer.identity.TokenClaims;
import io.coffer.platform.RequestOrigin;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Fills the request's {@link RequestOrigin} before any resource runs, for every request public or not: the client
 * address by the trusted-proxies rule ({@link ClientAddresses}), the user agent, and the API key of an API-key token
 * (its {@link TokenClaims#API_KEY} claim, read only from a token MicroProfile JWT verified). The activity store reads
 * it for each event it keeps (ACT-2, ACT-3).
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 10)
public class RequestOriginFilter implements ContainerRequestFilter {

    @Inject
    ClientAddresses clients;

    @Inject
    RequestOrigin origin;

    @Context
    HttpServletRequest http;

    @Override
    public void filter(ContainerRequestContext request) {
        UUID apiKey = null;
        UUID caller = null;
        if (request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token) {
            caller = uuid(token.getSubject());
            Object claim = token.getClaim(TokenClaims.API_KEY);
            apiKey = claim == null ? null : uuid(claim.toString().replace("\"", ""));
        }
        origin.set(clients.of(http), request.getHeaderString(HttpHeaders.USER_AGENT), apiKey, caller);
    }

    /** Coffer signs only ids in these claims; anything else names nobody. */
    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
