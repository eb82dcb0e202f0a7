package io.coffer.api.auth;

import io.coffer.api.security.ClientAddresses;
import io.coffer.api.security.Public;
import io.coffer.identity.Authentication;
import io.coffer.identity.SingleSignOn;
import io.coffer.platform.CofferSettings;
import io.coffer.shared.error.SsoFailedException;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Single sign-on with the tenant's OpenID Connect provider (contract "GET /auth/sso/{tenantSlug}/start", "GET
 * /auth/sso/callback"; docs/features/sso.md). Browser navigation: both answer 302.
 */
@Path("/auth/sso")
@RequestScoped
@PermitAll
@Public
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class SsoResource {

    /** The browser's binding to its sign-in (SSO-5): Lax, so that the provider's redirect back carries it. */
    static final String BINDING_COOKIE = "coffer_sso";
    static final String COOKIE_PATH = "/api/v1/auth/sso";

    @Inject
    SingleSignOn sso;

    @Inject
    CofferSettings settings;

    @Inject
    ClientAddresses clients;

    @Context
    HttpServletRequest http;

    @GET
    @Path("/{tenantSlug}/start")
    @Operation(operationId = "startSso",
            summary = "Start single sign-on: 302 to the tenant's identity provider (code flow, PKCE, state, nonce)")
    @APIResponse(responseCode = "302", description = "To the provider's authorization endpoint; the browser's"
            + " binding cookie is set",
            headers = {@Header(name = "Location", description = "The provider's authorization request",
                    schema = @Schema(type = SchemaType.STRING, format = "uri", maxLength = 8192)),
                    @Header(name = "Set-Cookie", description = "coffer_sso (HttpOnly, Secure, SameSite=Lax,"
                            + " Path=/api/v1/auth/sso, 10 minutes)",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 4096))})
    public Response start(@PathParam("tenantSlug") @Parameter(schema = @Schema(maxLength = 63)) String tenantSlug) {
        SingleSignOn.Start start = sso.start(tenantSlug, clients.of(http));
        NewCookie binding = new NewCookie.Builder(BINDING_COOKIE).value(start.browserSecret()).path(COOKIE_PATH)
                .httpOnly(true).secure(true).sameSite(NewCookie.SameSite.LAX).maxAge(600).build();
        return Response.status(Response.Status.FOUND).location(start.location()).cookie(binding)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @GET
    @Path("/callback")
    @Operation(operationId = "ssoCallback",
            summary = "The provider's answer: ends as a login with the refresh cookie and a 302 to the SPA")
    @APIResponse(responseCode = "302", description = "Signed in: to the SPA, the refresh cookie set. A refusal asked"
            + " for by a browser (Accept: text/html) is a 302 to the SPA's /login?sso=failed&detail=…; otherwise"
            + " it is 401 sso-failed.",
            headers = {@Header(name = "Location", description = "The SPA",
                    schema = @Schema(type = SchemaType.STRING, format = "uri", maxLength = 4096)),
                    @Header(name = "Set-Cookie", description = "The refresh cookie (HttpOnly, Secure,"
                            + " SameSite=Strict, Path=/api/v1/auth); coffer_sso cleared",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 4096))})
    public Response callback(@QueryParam("state") @Parameter(schema = @Schema(maxLength = 512)) String state,
                             @QueryParam("code") @Parameter(schema = @Schema(maxLength = 4096)) String code,
                             @QueryParam("error") @Parameter(schema = @Schema(maxLength = 256)) String error,
                             @CookieParam(BINDING_COOKIE) @Parameter(description = "The binding cookie the start"
                                     + " set (SSO-5)", schema = @Schema(maxLength = 64)) String binding,
                             @HeaderParam(HttpHeaders.ACCEPT) @Parameter(hidden = true) String accept) {
        NewCookie cleared = new NewCookie.Builder(BINDING_COOKIE).value("").path(COOKIE_PATH).httpOnly(true)
                .secure(true).sameSite(NewCookie.SameSite.LAX).maxAge(0).build();
        Authentication.IssuedToken token;
        try {
            token = sso.callback(state, code, error, binding, clients.of(http), http.getHeader("User-Agent"));
        } catch (SsoFailedException refused) {
            if (accept != null && accept.contains(MediaType.TEXT_HTML)) { // a person: the SPA says it (SSO-12)
                URI back = URI.create(settings.publicUrl() + "/login?sso=failed&detail="
                        + URLEncoder.encode(refused.getMessage(), StandardCharsets.UTF_8));
                return Response.status(Response.Status.FOUND).location(back).cookie(cleared)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
            }
            throw refused;
        }
        return Response.status(Response.Status.FOUND).location(URI.create(settings.publicUrl() + "/"))
                .cookie(AuthResource.refreshCookie(token.refreshToken()), cleared)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }
}
