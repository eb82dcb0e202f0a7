package io.coffer.api.auth;

import io.coffer.api.JsonFields;

import io.coffer.api.security.ClientAddresses;
import io.coffer.api.security.Public;
import io.coffer.identity.ApiKeys;
import io.coffer.identity.Authentication;
import io.coffer.identity.PasswordReset;
import io.coffer.identity.PublicKeys;
import io.coffer.identity.Signup;
import io.coffer.shared.error.UnauthenticatedException;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import io.coffer.shared.JsonP;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Token-less entry points of identity (contract: "Tenants, users, sessions"). */
@Path("/auth")
@RequestScoped
@PermitAll
@Public
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "auth")
public class AuthResource {

    /** The SPA's refresh cookie: HttpOnly, Secure, SameSite=Strict, sent only to /api/v1/auth. */
    public static final String REFRESH_COOKIE = "coffer_refresh";
    static final String ACCEPTED = JsonP.createObjectBuilder().build().toString();

    @Inject
    Authentication authentication;

    @Inject
    Signup signups;

    @Inject
    PasswordReset resets;

    @EJB
    ApiKeys apiKeys;

    @EJB
    PublicKeys publicKeys;

    @Inject
    ClientAddresses clients;

    @Context
    HttpServletRequest http;

    @POST
    @Path("/signup")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "signup",
            summary = "Create a tenant and its owner; mails a verification link. Always 202, 409 for a taken slug")
    @APIResponse(responseCode = "202", description = "Always the empty object (no enumeration)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Accepted")))
    @RequestBody(required = true,
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuthRequests.Signup.class))})
    public Response signup(AuthRequests.Signup request) {
        require(request, "tenantSlug");
        signups.signup(request.tenantName(), request.tenantSlug(), request.email(), request.password(),
                request.displayName());
        return Response.accepted(ACCEPTED).build();
    }

    @POST
    @Path("/verify-email")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "verifyEmail", summary = "Confirm an email address with the mailed token")
    @APIResponse(responseCode = "204", description = "Verified")
    @RequestBody(required = true,
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuthRequests.VerifyEmail.class))})
    public Response verifyEmail(AuthRequests.VerifyEmail request) {
        require(request, "token");
        signups.verifyEmail(request.token(), clients.of(http));
        return Response.noContent().build();
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "login",
            summary = "Log in to a tenant; any wrong part answers the same 401; sets the refresh cookie;"
                    + " with a second factor 401 mfa-required and its mfaToken")
    @APIResponse(responseCode = "200", description = "Logged in; the refresh cookie is set",
            headers = {@Header(name = "Set-Cookie",
                    description = "The refresh cookie (HttpOnly, Secure, SameSite=Strict, Path=/api/v1/auth)",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 4096))},
                                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(implementation = TokenResponse.class)))
    @RequestBody(required = true,
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = LoginRequest.class))})
    public Response login(LoginRequest request) {
        require(request, "tenant");
        Authentication.IssuedToken token = authentication.login(request.tenant(), request.email(),
                request.password(), clients.of(http), http.getHeader("User-Agent"));
        return withRefreshCookie(token);
    }

    @POST
    @Path("/mfa")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "completeMfa",
            summary = "Complete a login that answered mfa-required with a TOTP code, a recovery code or a passkey's"
                    + " assertion; as a login")
    @APIResponse(responseCode = "200", description = "Logged in; the refresh cookie is set",
            headers = {@Header(name = "Set-Cookie",
                    description = "The refresh cookie (HttpOnly, Secure, SameSite=Strict, Path=/api/v1/auth)",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 4096))},
                                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(implementation = TokenResponse.class)))
    @RequestBody(required = true,
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MfaRequest.class))})
    public Response completeMfa(MfaRequest request) {
        require(request, "mfaToken");
        if (request.mfaToken() == null || request.mfaToken().isBlank()) {
            throw ValidationException.of("mfaToken", "is required");
        }
        return withRefreshCookie(authentication.completeMfa(request.mfaToken(), request.code(),
                request.recoveryCode(), request.webauthn() == null ? null : request.webauthn().toString(),
                clients.of(http), http.getHeader("User-Agent")));
    }

    @POST
    @Path("/webauthn/options")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "passkeyOptions",
            summary = "Options of a passkey sign-in: with an email its passkeys (the second step after a password),"
                    + " without one a usernameless sign-in; tells nothing about an email without passkeys")
    @APIResponse(responseCode = "200", description = "The options for navigator.credentials.get",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = PasskeyJson.RequestOptions.class)))
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PasskeyJson.OptionsRequest.class))})
    public PasskeyJson.RequestOptions passkeyOptions(PasskeyJson.OptionsRequest request) {
        require(request, "tenant");
        if (request.tenant() == null || request.tenant().isBlank()) {
            throw ValidationException.of("tenant", "is required");
        }
        return PasskeyJson.RequestOptions.of(authentication.passkeyOptions(request.tenant(), request.email(),
                clients.of(http)));
    }

    @POST
    @Path("/webauthn")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "loginWithPasskey",
            summary = "Sign in with a passkey alone (usernameless, user verification required); as a login")
    @APIResponse(responseCode = "200", description = "Logged in; the refresh cookie is set",
            headers = {@Header(name = "Set-Cookie",
                    description = "The refresh cookie (HttpOnly, Secure, SameSite=Strict, Path=/api/v1/auth)",
                            schema = @Schema(type = SchemaType.STRING, maxLength = 4096))},
                                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(implementation = TokenResponse.class)))
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PasskeyJson.LoginRequest.class))})
    public Response loginWithPasskey(jakarta.json.JsonObject request) {
        String tenant = JsonFields.string(request, "tenant", "tenant");
        if (tenant == null || tenant.isBlank()) {
            throw ValidationException.of("tenant", "is required");
        }
        jakarta.json.JsonObject assertion = JsonFields.object(request, "assertion", "assertion");
        if (assertion == null) {
            throw ValidationException.of("assertion", "is required");
        }
        return withRefreshCookie(authentication.loginWithPasskey(tenant, assertion.toString(), clients.of(http),
                http.getHeader("User-Agent")));
    }

    @POST
    @Path("/refresh")
    @Operation(operationId = "refreshToken",
            summary = "A new access token for the refresh cookie, which rotates; a reused cookie ends the session")
    @APIResponse(responseCode = "200", description = "A new access token; the refresh cookie rotates",
            headers = {@Header(name = "Set-Cookie", description = "The rotated refresh cookie",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 4096))},
                            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                    schema = @Schema(implementation = TokenResponse.class)))
    @SecurityRequirement(name = "refreshCookie")
    public Response refresh(@CookieParam(REFRESH_COOKIE) String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new UnauthenticatedException("The session has ended: log in again.");
        }
        return withRefreshCookie(authentication.refresh(refreshToken, clients.of(http)));
    }

    @POST
    @Path("/password-reset")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestPasswordReset",
            summary = "Mail a password-reset link if the account exists. Always 202")
    @APIResponse(responseCode = "202", description = "Always the empty object (no enumeration)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Accepted")))
    @RequestBody(required = true,
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuthRequests.PasswordReset.class))})
    public Response passwordReset(AuthRequests.PasswordReset request) {
        require(request, "tenant");
        resets.request(request.tenant(), request.email(), clients.of(http));
        return Response.accepted(ACCEPTED).build();
    }

    @POST
    @Path("/password-reset/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "confirmPasswordReset",
            summary = "Set a new password with the mailed token; ends every earlier session")
    @APIResponse(responseCode = "204", description = "The password is changed")
    @RequestBody(required = true,
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuthRequests.PasswordResetConfirm.class))})
    public Response confirmPasswordReset(AuthRequests.PasswordResetConfirm request) {
        require(request, "token");
        resets.confirm(request.token(), request.newPassword(), clients.of(http));
        return Response.noContent().build();
    }

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exchangeApiKey", summary = "Exchange an API key for an access token")
    @APIResponse(responseCode = "200", description = "An access token for the key",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TokenResponse.class)))
    @RequestBody(required = true,
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuthRequests.ApiKeyExchange.class))})
    public TokenResponse token(AuthRequests.ApiKeyExchange request) {
        require(request, "apiKey");
        Authentication.IssuedToken token = apiKeys.exchange(request.apiKey())
                .orElseThrow(() -> new io.coffer.shared.error.UnauthenticatedException("The API key is not valid."));
        return new TokenResponse(token.accessToken(), token.expiresIn(), "Bearer");
    }

    @GET
    @Path("/jwks")
    @Operation(operationId = "getJwks", summary = "The public keys that verify access tokens (JWKS)")
    @APIResponse(responseCode = "200", description = "The JWKS",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "Jwks")))
    public Response jwks() {
        return Response.ok(publicKeys.jwks()).build();
    }

    private static Response withRefreshCookie(Authentication.IssuedToken token) {
        return Response.ok(new TokenResponse(token.accessToken(), token.expiresIn(), "Bearer"))
                .cookie(refreshCookie(token.refreshToken())).build();
    }

    /** The refresh cookie carrying {@code refreshToken} (ID-7), set by every way of signing in. */
    static NewCookie refreshCookie(String refreshToken) {
        return new NewCookie.Builder(REFRESH_COOKIE)
                .value(refreshToken)
                .path("/api/v1/auth")
                .httpOnly(true)
                .secure(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .maxAge((int) java.time.Duration.ofDays(7).toSeconds())
                .build();
    }

    private static void require(Object body, String field) {
        if (body == null) {
            throw ValidationException.of(field, "is required");
        }
    }
}
