package io.coffer.api.tenant;

import io.coffer.api.security.Authenticated;
import io.coffer.api.security.MinimumRole;
import io.coffer.identity.Role;
import io.coffer.identity.TenantSecurity;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tenant's sign-in policy (contract "GET, PUT /tenant/security"; docs/features/mfa.md, MFA-13..MFA-16). */
@Path("/tenant/security")
@RequestScoped
@PermitAll
@Authenticated
@MinimumRole(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "tenant")
public class TenantSecurityResource {

    @EJB
    TenantSecurity security;

    @Schema(name = "TenantSecurity", description = "The tenant's sign-in policy.")
    public record Settings(
            @Schema(required = true, description = "Every session must pass a second factor: a user without one is"
                    + " sent to enrol after login (403 mfa-enrolment-required outside /me and /me/mfa). API-key"
                    + " tokens are not asked.") Boolean requireMfa,
            @Schema(required = true, type = SchemaType.ARRAY, minItems = 1, maxItems = 3, uniqueItems = true,
                    implementation = LoginMethod.class,
                    description = "How members may sign in; password must stay while no passkeys or single sign-on"
                            + " are set up (409).") List<String> allowedLoginMethods,
            @Schema(required = true, minimum = "1", maximum = "720", description = "The longest a session lives"
                    + " from its login, whatever its refreshes; a shorter value ends longer sessions at their next"
                    + " refresh.") Integer sessionHours) {
        static Settings of(TenantSecurity.Settings s) {
            return new Settings(s.requireMfa(), s.allowedLoginMethods(), s.sessionHours());
        }
    }

    /** One sign-in method, as the policy names it. */
    @Schema(name = "LoginMethod", type = SchemaType.STRING, enumeration = {"password", "webauthn", "oidc"},
            maxLength = 8)
    public static final class LoginMethod {
        private LoginMethod() {
        }
    }

    @GET
    @Operation(operationId = "getTenantSecurity", summary = "The tenant's sign-in policy (defaults until set)")
    @APIResponse(responseCode = "200", description = "The policy",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Settings.class)))
    public Settings get() {
        return Settings.of(security.get());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putTenantSecurity",
            summary = "Replace the tenant's sign-in policy; in force from each caller's next request")
    @APIResponse(responseCode = "200", description = "The policy now in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Settings.class)))
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Settings.class))})
    public Settings put(Settings request) {
        if (request == null) {
            return Settings.of(security.update(null, null, null));
        }
        return Settings.of(security.update(request.requireMfa(), request.allowedLoginMethods(),
                request.sessionHours()));
    }
}
