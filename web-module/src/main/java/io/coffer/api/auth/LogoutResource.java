package io.coffer.api.auth;

import io.coffer.api.security.Authenticated;
import io.coffer.api.security.SecondFactorEnrolment;
import io.coffer.identity.Authentication;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code POST /auth/logout}: ends the refresh family of this browser and clears its cookie. */
@Path("/auth/logout")
@RequestScoped
@PermitAll
@Authenticated
@SecondFactorEnrolment
@SecurityRequirement(name = "bearer")
@Tag(name = "auth")
public class LogoutResource {

    @Inject
    Authentication authentication;

    @POST
    @Operation(operationId = "logout", summary = "Log out: revokes the refresh family")
    @APIResponse(responseCode = "204", description = "Logged out; the refresh family is revoked")
    public Response logout(@CookieParam(AuthResource.REFRESH_COOKIE) String refreshToken) {
        if (refreshToken != null && !refreshToken.isBlank()) {
            authentication.logout(refreshToken);
        }
        NewCookie cleared = new NewCookie.Builder(AuthResource.REFRESH_COOKIE).value("").path("/api/v1/auth")
                .httpOnly(true).secure(true).sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
        return Response.noContent().cookie(cleared).build();
    }
}
