package io.coffer.api.tenant;

import io.coffer.api.security.Authenticated;
import io.coffer.api.security.MinimumRole;
import io.coffer.identity.Role;
import io.coffer.identity.TenantSso;
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

/** The tenant's OpenID Connect provider (contract "GET, PUT /tenant/sso"; docs/features/sso.md, SSO-1..SSO-3). */
@Path("/tenant/sso")
@RequestScoped
@PermitAll
@Authenticated
@MinimumRole(Role.OWNER)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "tenant")
public class TenantSsoResource {

    @EJB
    TenantSso sso;

    @Schema(name = "TenantSso", description = "The tenant's single sign-on (OpenID Connect) settings. Register"
            + " COFFER_PUBLIC_URL/api/v1/auth/sso/callback as the redirect URI at the provider.")
    public record Settings(
            @Schema(required = true, description = "Members may sign in through the provider") Boolean enabled,
            @Schema(required = true, maxLength = 2048, format = "uri", description = "The provider's issuer"
                    + " (https; its /.well-known/openid-configuration is fetched and checked)") String issuer,
            @Schema(required = true, maxLength = 255) String clientId,
            @Schema(maxLength = 1024, writeOnly = true, description = "Write only, stored sealed; left out or empty"
                    + " keeps the stored one") String clientSecret,
            @Schema(readOnly = true, description = "Whether a client secret is stored") Boolean clientSecretSet,
            @Schema(required = true, type = SchemaType.ARRAY, minItems = 1, maxItems = 50,
                    implementation = EmailDomain.class,
                    description = "The domains whose verified email addresses sign in (example.com)")
            List<String> emailDomains,
            @Schema(required = true, description = "An unknown verified address of these domains becomes a"
                    + " member with defaultRole") Boolean autoProvision,
            @Schema(enumeration = {"MEMBER", "ADMIN"}, maxLength = 6, description = "The role of provisioned"
                    + " members (never OWNER); MEMBER when left out") String defaultRole) {
        /**
         * Declared so that the component's schema stays on the field: MicroProfile OpenAPI's scanner reads an accessor
         * named {@code is…} as a bean property ({@code suer}).
         */
        @Schema(hidden = true)
        public String issuer() {
            return issuer;
        }

        static Settings of(TenantSso.Settings s) {
            return new Settings(s.enabled(), s.issuer(), s.clientId(), null, s.clientSecretSet(), s.emailDomains(),
                    s.autoProvision(), s.defaultRole().name());
        }
    }

    /** One email domain. */
    @Schema(name = "EmailDomain", type = SchemaType.STRING, maxLength = 253, example = "example.com")
    public static final class EmailDomain {
        private EmailDomain() {
        }
    }

    @GET
    @Operation(operationId = "getTenantSso", summary = "The tenant's single sign-on settings (never the secret)")
    @APIResponse(responseCode = "200", description = "The settings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Settings.class)))
    public Settings get() {
        return Settings.of(sso.get());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putTenantSso",
            summary = "Replace the tenant's single sign-on settings; the issuer's discovery is checked first")
    @APIResponse(responseCode = "200", description = "The settings now in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Settings.class)))
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Settings.class))})
    public Settings put(Settings request) {
        if (request == null) {
            return Settings.of(sso.update(null, null, null, null, null, null, null));
        }
        return Settings.of(sso.update(request.enabled(), request.issuer(), request.clientId(),
                request.clientSecret(), request.emailDomains(), request.autoProvision(), request.defaultRole()));
    }
}
