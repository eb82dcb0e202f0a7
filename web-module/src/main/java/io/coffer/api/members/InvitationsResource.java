package io.coffer.api.members;

import io.coffer.api.security.Authenticated;
import io.coffer.api.security.MinimumRole;
import io.coffer.identity.Invitations;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/invitations")
@RequestScoped
@PermitAll
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class InvitationsResource {

    @EJB
    Invitations invitations;

    @POST
    @MinimumRole(Role.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Invite someone by mail (single-use link, 7 days)")
    public Response invite(MemberDtos.InvitationRequest request) {
        if (request == null) {
            throw ValidationException.of("email", "is required");
        }
        Invitations.Invitation created = invitations.invite(request.email(), Ids.role(request.role(), "role"));
        return Response.status(Response.Status.CREATED).entity(MemberDtos.Invitation.of(created)).build();
    }
}
