package io.coffer.api.members;

import io.coffer.api.Page;
import io.coffer.api.security.Authenticated;
import io.coffer.api.security.MinimumRole;
import io.coffer.identity.Members;
import io.coffer.identity.Role;
import io.coffer.shared.UserId;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/members")
@RequestScoped
@PermitAll
@Authenticated
@MinimumRole(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "members")
public class MembersResource {

    @EJB
    Members members;

    @GET
    @Operation(operationId = "listMembers", summary = "The members of the caller's tenant")
    public Page<MemberDtos.Member> list() {
        return Page.of(members.list().stream().map(MemberDtos.Member::of).toList());
    }

    @PATCH
    @Path("/{userId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeMemberRole",
            summary = "Change a member's role; the last owner cannot be demoted (409)")
    @APIResponse(responseCode = "200", description = "The member with the new role",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MemberDtos.Member.class)))
    @RequestBody(required = true,
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = MemberDtos.MemberUpdate.class))})
    public MemberDtos.Member changeRole(@PathParam("userId") String userId, MemberDtos.MemberUpdate update) {
        UserId id = new UserId(Ids.uuid(userId));
        if (update == null) {
            throw ValidationException.of("role", "is required");
        }
        return MemberDtos.Member.of(members.changeRole(id, Ids.role(update.role(), "role")));
    }

    @DELETE
    @Path("/{userId}")
    @Operation(operationId = "removeMember", summary = "Remove a member; their tokens stop working at once")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response remove(@PathParam("userId") String userId) {
        members.remove(new UserId(Ids.uuid(userId)));
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{userId}/sessions")
    @Operation(operationId = "endMemberSessions",
            summary = "End every session of a member: their refresh tokens and, at the next request, their access"
                    + " tokens stop; only an owner ends an owner's (403)")
    @APIResponse(responseCode = "204", description = "Every session of the member has ended")
    public Response endSessions(@PathParam("userId") String userId) {
        members.endSessions(new UserId(Ids.uuid(userId)));
        return Response.noContent().build();
    }
}
