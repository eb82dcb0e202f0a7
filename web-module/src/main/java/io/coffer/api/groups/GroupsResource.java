package io.coffer.api.groups;

import io.coffer.api.PathIds;
import io.coffer.api.Page;
import io.coffer.api.security.Authenticated;
import io.coffer.api.security.MinimumRole;
import io.coffer.datarooms.Group;
import io.coffer.datarooms.Groups;
import io.coffer.identity.Role;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Tenant-wide groups: every member lists and reads them; OWNER and ADMIN create, delete and set members. */
@Path("/groups")
@RequestScoped
@PermitAll
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "groups")
public class GroupsResource {

    @EJB
    Groups groups;

    @Schema(name = "GroupRequest")
    public record GroupRequest(@Schema(required = true, maxLength = 255) String name) {
    }

    @Schema(name = "Group")
    public record GroupView(@Schema(required = true, format = "uuid") String id,
                            @Schema(required = true) String name,
                            @Schema(required = true) Instant createdAt,
                            @Schema(required = true,
                                    description = "user ids", type = SchemaType.ARRAY, implementation = UserId.class,
                                            maxItems = MAX_MEMBERS) List<String> members) {
        static GroupView of(Group g) {
            return new GroupView(g.id().toString(), g.name(), g.createdAt(),
                    g.members().stream().map(UUID::toString).toList());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @MinimumRole(Role.ADMIN)
    @Operation(operationId = "createGroup", summary = "Create a group (ADMIN+); names are unique in the tenant (409)")
    @APIResponse(responseCode = "201", description = "The group",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GroupView.class)))
    @RequestBody(required = true,
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GroupRequest.class))})
    public Response create(GroupRequest request) {
        if (request == null) {
            throw ValidationException.of("name", "is required");
        }
        return Response.status(Response.Status.CREATED).entity(GroupView.of(groups.create(request.name()))).build();
    }

    @GET
    @Operation(operationId = "listGroups", summary = "The tenant's groups")
    public Page<GroupView> list() {
        return Page.of(groups.list().stream().map(GroupView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getGroup", summary = "One group with its members")
    @APIResponse(responseCode = "200", description = "The group",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GroupView.class)))
    public GroupView get(@PathParam("id") String id) {
        return GroupView.of(groups.get(PathIds.group(id)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteGroup", summary = "Delete a group, its memberships and every grant to it (ADMIN+)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        groups.delete(PathIds.group(id));
        return Response.noContent().build();
    }

    @PUT
    @Path("/{id}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceGroupMembers",
            summary = "Replace the group's members with a bare array of user ids (ADMIN+)")
    @APIResponse(responseCode = "200", description = "The new members (user ids)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = UserId.class, maxItems = MAX_MEMBERS)))
    @RequestBody(required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = UserId.class, maxItems = MAX_MEMBERS)))
    public List<String> replaceMembers(@PathParam("id") String id, String body) {
        io.coffer.shared.GroupId group = PathIds.group(id);
        groups.requireManage(group); // authorization before validation
        return groups.replaceMembers(group, userIds(body)).members().stream().map(UUID::toString).toList();
    }

    @GET
    @Path("/{id}/members")
    @Operation(operationId = "listGroupMembers", summary = "The group's members (user ids)")
    @APIResponse(responseCode = "200", description = "The members (user ids)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = UserId.class, maxItems = MAX_MEMBERS)))
    public List<String> members(@PathParam("id") String id) {
        return groups.get(PathIds.group(id)).members().stream().map(UUID::toString).toList();
    }

    /** A member of a group as the API names it: the user's id. */
    @Schema(name = "UserId", type = SchemaType.STRING, format = "uuid", maxLength = 36)
    public static final class UserId {
        private UserId() {
        }
    }

    /** The most members one PUT may name (API-6: every array of a body has its limit in the description). */
    static final int MAX_MEMBERS = 10_000;

    private static List<UUID> userIds(String body) {
        JsonArray array;
        try {
            JsonValue value = body == null || body.isBlank() ? null
                    : io.coffer.shared.JsonP.createReader(new java.io.StringReader(body)).readValue();
            if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
                throw ValidationException.of("body", "must be an array of user ids");
            }
            array = value.asJsonArray();
        } catch (jakarta.json.JsonException | IllegalStateException e) {
            throw ValidationException.of("body", "must be an array of user ids");
        }
        if (array.size() > MAX_MEMBERS) {
            throw ValidationException.of("body", "must hold at most " + MAX_MEMBERS + " user ids");
        }
        List<UUID> ids = new ArrayList<>();
        List<ValidationException.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            try {
                ids.add(UUID.fromString(((jakarta.json.JsonString) array.get(i)).getString()));
            } catch (ClassCastException | IllegalArgumentException e) {
                errors.add(new ValidationException.FieldError("[" + i + "]", "must be a user id (UUID)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("Some user ids are not valid; nothing was changed.", errors);
        }
        return ids;
    }

}
