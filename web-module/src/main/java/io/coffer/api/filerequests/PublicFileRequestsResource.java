package io.coffer.api.filerequests;

import io.coffer.api.documents.MultipartUpload;
import io.coffer.api.security.ClientAddresses;
import io.coffer.api.security.Public;
import io.coffer.documents.UploadBody;
import io.coffer.filerequests.FileRequestUploads;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Outsiders and file requests (contract "GET /public/file-requests/{token}; POST .../files"): no account, the token
 * is the capability. Every limit is checked before the body is read (FR-4..FR-6).
 */
@Path("/public/file-requests")
@RequestScoped
@PermitAll
@Public
@Tag(name = "file-requests")
public class PublicFileRequestsResource {

    public static final String PASSWORD_HEADER = "X-File-Request-Password";

    @Inject
    FileRequestUploads uploads;

    @Inject
    ClientAddresses clients;

    @Context
    HttpServletRequest http;

    @GET
    @Path("/{token}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "openFileRequest", summary = "What a file request takes (its limits); unknown or deleted"
            + " → 404, expired or full → 410")
    @APIResponse(responseCode = "200", description = "The request's limits",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FileRequestDtos.Intro.class)))
    public FileRequestDtos.Intro open(@PathParam("token") String token) {
        return FileRequestDtos.Intro.of(uploads.intro(token));
    }

    @POST
    @Path("/{token}/files")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "uploadToFileRequest", summary = "Send one file (raw body or multipart part 'file');"
            + " refused before the body is read: 413 too large, 415 type not taken, 410 expired or full, 401 email"
            + " or password missing or wrong, 503 no virus scanner; the file arrives SCANNING")
    @RequestBody(required = true, description = "The file, raw or as the multipart part 'file'",
            content = {@Content(mediaType = "application/octet-stream",
                    schema = @Schema(type = SchemaType.STRING, format = "binary", maxLength = 2147483647)),
                    @Content(mediaType = "multipart/form-data",
                            schema = @Schema(implementation = MultipartUpload.Form.class))})
    @APIResponse(responseCode = "201", description = "Received; being scanned",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FileRequestDtos.Received.class)))
    public Response upload(@PathParam("token") String token,
                           @Parameter(description = "the file's name (else the multipart part's file name)",
                                   schema = @Schema(type = SchemaType.STRING, maxLength = 255))
                           @QueryParam("name") String name,
                           @Parameter(description = "the sender's email, when the request asks for one",
                                   schema = @Schema(type = SchemaType.STRING, format = "email", maxLength = 254))
                           @QueryParam("email") String email,
                           @Parameter(description = "the request's password, when it has one",
                                   schema = @Schema(type = SchemaType.STRING, maxLength = 200))
                           @HeaderParam(PASSWORD_HEADER) String password,
                           InputStream body) {
        UploadBody upload = MultipartUpload.isMultipart(http) ? new MultipartUpload(http)
                : UploadBody.raw(body, http.getContentLengthLong());
        String declared = MultipartUpload.isMultipart(http) ? null : http.getContentType();
        return Response.status(Response.Status.CREATED).entity(FileRequestDtos.Received.of(uploads.upload(token, name,
                email, password, declared, upload, clients.of(http)))).build();
    }
}
