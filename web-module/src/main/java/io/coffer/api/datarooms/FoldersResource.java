package io.coffer.api.datarooms;

import io.coffer.api.security.Authenticated;
import io.coffer.api.PathIds;
import io.coffer.datarooms.Folders;
import io.coffer.datarooms.Permissions;
import io.coffer.shared.FolderId;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/folders")
@RequestScoped
@PermitAll
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "datarooms")
public class FoldersResource {

    @EJB
    Folders folders;

    @EJB
    Permissions permissions;

    @GET
    @Path("/{id}")
    @Operation(operationId = "getFolder", summary = "A folder the caller may see")
    public RoomDtos.FolderView get(@PathParam("id") String id) {
        return RoomDtos.FolderView.of(folders.get(PathIds.folder(id)));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateFolder", summary = "Rename and/or move a folder; under its own descendant → 409")
    @APIResponse(responseCode = "200", description = "The changed folder",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RoomDtos.FolderView.class)))
    @RequestBody(required = true,
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RoomDtos.FolderPatch.class))})
    public RoomDtos.FolderView update(@PathParam("id") String id, String body) {
        FolderId folderId = PathIds.folder(id);
        permissions.require(folderId, io.coffer.datarooms.Permission.MANAGE); // authorization before validation
        JsonObject patch = io.coffer.api.JsonConfig.readObject(body);
        DataRoomsResource.Patch.onlyFields(patch, Set.of("name", "parentId"));
        boolean move = patch.containsKey("parentId");
        FolderId parent = null;
        if (move && !patch.isNull("parentId")) {
            if (patch.get("parentId").getValueType() != JsonValue.ValueType.STRING) {
                throw ValidationException.of("parentId", "must be a UUID or null");
            }
            parent = new FolderId(DataRoomsResource.Patch.uuidField(patch.getString("parentId"), "parentId"));
        }
        return RoomDtos.FolderView.of(folders.update(folderId, DataRoomsResource.Patch.string(patch, "name"),
                move, parent));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteFolder", summary = "Delete a folder and everything below it")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        folders.delete(PathIds.folder(id));
        return Response.noContent().build();
    }
}
