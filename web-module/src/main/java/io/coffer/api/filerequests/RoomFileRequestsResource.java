package io.coffer.api.filerequests;

import io.coffer.api.JsonConfig;
import io.coffer.api.PathIds;
import io.coffer.filerequests.FileRequest;
import io.coffer.filerequests.FileRequests;
import io.coffer.api.security.Authenticated;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

/** A room's file requests (contract "POST /datarooms/{id}/file-requests"): UPLOAD on the folder they fill. */
@Path("/datarooms/{id}/file-requests")
@RequestScoped
@PermitAll
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "file-requests")
public class RoomFileRequestsResource {

    @EJB
    FileRequests requests;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createFileRequest", summary = "An upload link for outsiders into a folder of the room"
            + " (UPLOAD there); the token and url are shown only in this answer")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FileRequestDtos.Request.class)))
    @APIResponse(responseCode = "201", description = "The request with its token and url",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FileRequestDtos.View.class)))
    public Response create(@PathParam("id") String id, String body) {
        JsonObject o = JsonConfig.readObject(body);
        if (!o.containsKey("name")) {
            throw ValidationException.of("name", "is required");
        }
        FileRequest.Created created = requests.create(PathIds.room(id), FileRequestDtos.read(o));
        return Response.status(Response.Status.CREATED).entity(FileRequestDtos.View.of(created.request(),
                created.token(), requests.url(created.token()))).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listFileRequests", summary = "The room's file requests the caller may manage, oldest first")
    @APIResponse(responseCode = "200", description = "The requests",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FileRequestDtos.Page.class)))
    public FileRequestDtos.Page list(@PathParam("id") String id) {
        return new FileRequestDtos.Page(requests.list(PathIds.room(id)).stream()
                .map(r -> FileRequestDtos.View.of(r, null, null)).toList());
    }
}
