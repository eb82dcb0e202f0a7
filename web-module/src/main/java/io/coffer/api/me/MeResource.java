package io.coffer.api.me;

import io.coffer.api.security.Authenticated;
import io.coffer.api.security.SecondFactorEnrolment;
import io.coffer.identity.MyAccount;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/me")
@RequestScoped
@PermitAll
@Authenticated
@SecondFactorEnrolment
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "me")
public class MeResource {

    @EJB
    MyAccount account;

    @GET
    @Operation(operationId = "getMe", summary = "The caller's own account, with a summary of their second factors (mfa)")
    @APIResponse(responseCode = "200", description = "The caller",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MeResponse.class)))
    public MeResponse me() {
        return MeResponse.of(account.me());
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateMe", summary = "Change the caller's display name")
    @APIResponse(responseCode = "200", description = "The changed account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MeResponse.class)))
    @RequestBody(required = true,
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MeUpdate.class))})
    public MeResponse update(MeUpdate change) {
        if (change == null) {
            throw ValidationException.of("displayName", "is required");
        }
        return MeResponse.of(account.changeDisplayName(change.displayName()));
    }
}
