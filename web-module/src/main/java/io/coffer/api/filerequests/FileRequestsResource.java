package io.coffer.api.filerequests;

import io.coffer.api.JsonConfig;
import io.coffer.api.PathIds;
import io.coffer.api.security.Authenticated;
import io.coffer.filerequests.FileRequests;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One file request (contract "GET, PATCH, DELETE /file-requests/{id}"): UPLOAD where it puts files. */
@Path("/file-requests")
@RequestScoped
@PermitAll
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "file-requests")
public class FileRequestsResource {

    @EJB
    FileRequests requests;

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getFileRequest", summary = "A file request (never its token or password)")
    @APIResponse(responseCode = "200", description = "The request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FileRequestDtos.View.class)))
    public FileRequestDtos.View get(@PathParam("id") String id) {
        return FileRequestDtos.View.of(requests.get(PathIds.uuid(id)), null, null);
    }

    @GET
    @Path("/{id}/files")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listFileRequestFiles",
            summary = "The files the request received, newest first, with the email each sender gave")
    @APIResponse(responseCode = "200", description = "The files",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FileRequestDtos.FilePage.class)))
    public FileRequestDtos.FilePage files(@PathParam("id") String id) {
        return new FileRequestDtos.FilePage(requests.files(PathIds.uuid(id)).stream()
                .map(FileRequestDtos.FileView::of).toList());
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateFileRequest", summary = "Change a request: only the fields sent change")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FileRequestDtos.Request.class)))
    @APIResponse(responseCode = "200", description = "The changed request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FileRequestDtos.View.class)))
    public FileRequestDtos.View update(@PathParam("id") String id, String body) {
        UUID requestId = PathIds.uuid(id);
        requests.get(requestId); // authorization before validation
        JsonObject o = JsonConfig.readObject(body);
        return FileRequestDtos.View.of(requests.update(requestId, FileRequestDtos.read(o), o.keySet()), null, null);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteFileRequest",
            summary = "Delete a request: its link answers 404 from now on; the files it brought stay")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id) {
        requests.delete(PathIds.uuid(id));
    }
}
