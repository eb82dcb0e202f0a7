package io.coffer.api.activity;

import io.coffer.activity.Erasure;
import io.coffer.api.security.Authenticated;
import io.coffer.api.security.MinimumRole;
import io.coffer.identity.Role;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /privacy/erasure} (docs/features/activity.md, ACT-12..ACT-15): OWNER and ADMIN only. */
@Path("/privacy/erasure")
@RequestScoped
@PermitAll
@Authenticated
@MinimumRole(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "activity")
public class ErasureResource {

    @EJB
    Erasure erasure;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "erasePersonalData",
            summary = "Erase a visitor's personal data (email, address, user agent) across the tenant; counts stay")
    @APIResponse(responseCode = "202", description = "Erased (done when this answer is sent; audited as"
            + " privacy.erased, without the email)")
    @RequestBody(required = true, content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ActivityDtos.ErasureRequest.class))})
    public Response erase(ActivityDtos.ErasureRequest request) {
        if (request == null) {
            throw ValidationException.of("email", "is required");
        }
        erasure.erase(request.email());
        return Response.accepted().build();
    }
}
