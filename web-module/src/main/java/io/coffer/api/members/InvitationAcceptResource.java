package io.coffer.api.members;

import io.coffer.api.me.MeResponse;
import io.coffer.api.security.Public;
import io.coffer.identity.Invitations;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/invitations/accept")
@RequestScoped
@PermitAll
@Public
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "members")
public class InvitationAcceptResource {

    /** A user who has just accepted an invitation has no second factor yet (MFA-20). */
    static final io.coffer.identity.SecondFactor.Status NEW_USER = new io.coffer.identity.SecondFactor.Status(false, 0, 0);

    @EJB
    Invitations invitations;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "acceptInvitation",
            summary = "Accept an invitation: creates the user in the inviting tenant")
    @APIResponse(responseCode = "201", description = "The new account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MeResponse.class)))
    @RequestBody(required = true,
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MemberDtos.InvitationAccept.class))})
    public Response accept(MemberDtos.InvitationAccept request) {
        if (request == null) {
            throw ValidationException.of("token", "is required");
        }
        return Response.status(Response.Status.CREATED)
                .entity(MeResponse.of(invitations.accept(request.token(), request.password(), request.displayName()),
                        NEW_USER))
                .build();
    }
}
