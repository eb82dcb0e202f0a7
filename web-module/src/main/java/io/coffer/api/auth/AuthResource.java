package io.coffer.api.auth;

import io.coffer.api.security.Public;
import io.coffer.identity.Authentication;
import io.coffer.identity.PublicKeys;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Token-less entry points: login and the JWKS. */
@Path("/auth")
@RequestScoped
@PermitAll
@Public
public class AuthResource {

    @EJB
    Authentication authentication;

    @EJB
    PublicKeys publicKeys;

    @Context
    HttpServletRequest http;

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in to a tenant; any wrong part answers the same 401")
    public TokenResponse login(LoginRequest request) {
        if (request == null) {
            throw ValidationException.of("tenant", "is required");
        }
        Authentication.IssuedToken token = authentication.login(request.tenant(), request.email(),
                request.password(), http.getRemoteAddr());
        return new TokenResponse(token.accessToken(), token.expiresIn(), "Bearer");
    }

    @GET
    @Path("/jwks")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The public keys that verify access tokens (JWKS)")
    public Response jwks() {
        return Response.ok(publicKeys.jwks()).header("Cache-Control", "no-store").build();
    }
}
