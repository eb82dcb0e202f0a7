package io.coffer.api.tenant;

import io.coffer.api.security.Authenticated;
import io.coffer.api.security.MinimumRole;
import io.coffer.documents.Search;
import io.coffer.identity.Role;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The tenant's search language (docs/features/search.md, SR-4; an addition to the contract, which asks for "the
 * language chosen per tenant"): how words are stemmed in the text index and in queries.
 */
@Path("/tenant/search")
@RequestScoped
@PermitAll
@Authenticated
@MinimumRole(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "tenant")
public class TenantSearchResource {

    @EJB
    Search search;

    @Schema(name = "TenantSearch", description = "The tenant's search language.")
    public record Settings(
            @Schema(required = true, enumeration = {"english", "german", "simple"}, maxLength = 7,
                    description = "english or german: words are stemmed in that language; simple: not stemmed."
                            + " Accents and case never matter. A change indexes every document again.")
            String language) {
    }

    @GET
    @Operation(operationId = "getTenantSearch", summary = "The tenant's search language (english until set)")
    @APIResponse(responseCode = "200", description = "The setting",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Settings.class)))
    public Settings get() {
        return new Settings(search.language());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putTenantSearch", summary = "Choose the tenant's search language")
    @APIResponse(responseCode = "200", description = "The setting now in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Settings.class)))
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Settings.class))})
    public Settings put(Settings request) {
        return new Settings(search.setLanguage(request == null ? null : request.language()));
    }
}
