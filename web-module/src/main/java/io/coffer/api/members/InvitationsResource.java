package io.coffer.api.members;

import io.coffer.api.Page;
import io.coffer.api.security.Authenticated;
import io.coffer.api.security.MinimumRole;
import io.coffer.identity.Invitations;
import io.coffer.identity.Role;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/invitations")
@RequestScoped
@PermitAll
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "members")
public class InvitationsResource {

    @EJB
    Invitations invitations;

    @POST
    @MinimumRole(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "inviteMember", summary = "Invite someone by mail (single-use link, 7 days)")
    @APIResponse(responseCode = "201", description = "The invitation; a mail goes to the address",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MemberDtos.Invitation.class)))
    @RequestBody(required = true,
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MemberDtos.InvitationRequest.class))})
    public Response invite(MemberDtos.InvitationRequest request) {
        if (request == null) {
            throw ValidationException.of("email", "is required");
        }
        Invitations.Invitation created = invitations.invite(request.email(), Ids.role(request.role(), "role"));
        return Response.status(Response.Status.CREATED).entity(MemberDtos.Invitation.of(created)).build();
    }

    @GET
    @MinimumRole(Role.ADMIN)
    @Operation(operationId = "listInvitations",
            summary = "The pending invitations (not accepted, expired or revoked), newest first")
    public Page<MemberDtos.Invitation> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        int size = limit == null ? 50 : Math.max(1, Math.min(200, limit));
        UUID after = cursor == null || cursor.isBlank() ? null : cursorId(cursor);
        Invitations.InvitationPage page = invitations.pending(size, after);
        return new Page<>(page.items().stream().map(MemberDtos.Invitation::of).toList(),
                page.nextCursor() == null ? null : page.nextCursor().toString());
    }

    @DELETE
    @Path("/{id}")
    @MinimumRole(Role.ADMIN)
    @Operation(operationId = "revokeInvitation",
            summary = "Revoke a pending invitation: its token is refused at accept from now on")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Response revoke(@PathParam("id") String id) {
        invitations.revoke(Ids.uuid(id));
        return Response.noContent().build();
    }

    private static UUID cursorId(String cursor) {
        try {
            return UUID.fromString(cursor);
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("cursor", "is not a cursor of this list");
        }
    }
}
