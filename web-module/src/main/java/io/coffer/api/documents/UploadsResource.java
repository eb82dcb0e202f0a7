package io.coffer.api.documents;

import io.coffer.api.security.Authenticated;
import io.coffer.documents.ResumableUploads;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Resumable uploads by the tus 1.0 protocol (core, creation, termination, expiration; DOC-60..DOC-67), behind the same
 * authentication as every API call. The protocol's headers are read and written here; every decision is
 * {@link ResumableUploads}' (and, for the finished bytes, the plain upload's). Errors are problem+json with the status
 * tus mandates (409 for a wrong offset, 412 for another protocol version, 415 for another content type).
 */
@Path("/uploads")
@RequestScoped
@PermitAll
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "documents")
public class UploadsResource {

    static final String TUS_VERSION = "1.0.0";
    static final String EXTENSIONS = "creation,termination,expiration";
    static final String OFFSET_OCTET_STREAM = "application/offset+octet-stream";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    @Inject
    ResumableUploads resumable;

    @Inject
    io.coffer.platform.CofferSettings settings;

    @Context
    UriInfo uri;

    @OPTIONS
    @Operation(operationId = "uploadOptions", summary = "The tus versions and extensions this server speaks")
    @APIResponse(responseCode = "204", description = "Tus-Version, Tus-Extension and Tus-Max-Size", headers = {
            @Header(name = "Tus-Version", schema = @Schema(type = SchemaType.STRING, maxLength = 100)),
            @Header(name = "Tus-Extension", schema = @Schema(type = SchemaType.STRING, maxLength = 200)),
            @Header(name = "Tus-Max-Size", schema = @Schema(type = SchemaType.INTEGER, format = "int64",
                    minimum = "0", maximum = "9223372036854775807"))})
    public Response options() {
        return Response.noContent().header("Tus-Resumable", TUS_VERSION).header("Tus-Version", TUS_VERSION)
                .header("Tus-Extension", EXTENSIONS).header("Tus-Max-Size", settings.maxUploadBytes()).build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "createUpload", summary = "Create a resumable upload (tus creation): Upload-Metadata"
            + " carries dataroomId, folderId?, name (or documentId for a new version), base64 each; permission, size"
            + " and quota are checked here, before any byte")
    @Parameter(name = "Tus-Resumable", in = ParameterIn.HEADER, required = true, schema = @Schema(type = SchemaType.STRING, enumeration = TUS_VERSION))
    @Parameter(name = "Upload-Length", in = ParameterIn.HEADER, required = true, schema = @Schema(type = SchemaType.INTEGER, format = "int64",
            minimum = "0", maximum = "9223372036854775807"))
    @Parameter(name = "Upload-Metadata", in = ParameterIn.HEADER, required = true,
            schema = @Schema(type = SchemaType.STRING, maxLength = 4096))
    @APIResponse(responseCode = "201", description = "Created; Location is the upload's URL", headers = {
            @Header(name = "Location", schema = @Schema(type = SchemaType.STRING, format = "uri", maxLength = 2048)),
            @Header(name = "Upload-Expires", schema = @Schema(type = SchemaType.STRING, maxLength = 64))})
    public Response create(@HeaderParam("Tus-Resumable") String tus, @HeaderParam("Upload-Length") String length,
                           @HeaderParam("Upload-Metadata") String metadata) {
        protocol(tus);
        ResumableUploads.State state = resumable.create(metadata(metadata), number("Upload-Length", length));
        return Response.created(uri.getBaseUriBuilder().path("uploads").path(state.id().toString()).build())
                .header("Tus-Resumable", TUS_VERSION).header("Upload-Offset", state.offset())
                .header("Upload-Expires", HTTP_DATE.format(state.expiresAt())).build();
    }

    @HEAD
    @Path("/{id}")
    @Operation(operationId = "getUploadOffset", summary = "The upload's offset: the bytes the server has durably"
            + " received (resume from here)")
    @APIResponse(responseCode = "200", description = "Upload-Offset and Upload-Length", headers = {
            @Header(name = "Upload-Offset", schema = @Schema(type = SchemaType.INTEGER, format = "int64",
            minimum = "0", maximum = "9223372036854775807")),
            @Header(name = "Upload-Length", schema = @Schema(type = SchemaType.INTEGER, format = "int64",
            minimum = "0", maximum = "9223372036854775807")),
            @Header(name = "Upload-Expires", schema = @Schema(type = SchemaType.STRING, maxLength = 64))})
    public Response head(@PathParam("id") String id, 
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = TUS_VERSION)) @HeaderParam("Tus-Resumable") String tus) {
        protocol(tus);
        ResumableUploads.State state = resumable.state(id(id));
        return Response.ok().header("Tus-Resumable", TUS_VERSION).header("Cache-Control", "no-store")
                .header("Upload-Offset", state.offset()).header("Upload-Length", state.length())
                .header("Upload-Expires", HTTP_DATE.format(state.expiresAt())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "appendUpload", summary = "Append bytes at Upload-Offset (which must be the server's);"
            + " the PATCH that brings the last byte records the document and answers Coffer-Document-Id")
    @Parameter(name = "Upload-Offset", in = ParameterIn.HEADER, required = true, schema = @Schema(type = SchemaType.INTEGER, format = "int64",
            minimum = "0", maximum = "9223372036854775807"))
    @RequestBody(required = true, content = @org.eclipse.microprofile.openapi.annotations.media.Content(
            mediaType = OFFSET_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING, format = "binary", maxLength = 2147483647)))
    @APIResponse(responseCode = "204", description = "The new offset; Coffer-Document-Id once finished", headers = {
            @Header(name = "Upload-Offset", schema = @Schema(type = SchemaType.INTEGER, format = "int64",
            minimum = "0", maximum = "9223372036854775807")),
            @Header(name = "Upload-Expires", schema = @Schema(type = SchemaType.STRING, maxLength = 64)),
            @Header(name = "Coffer-Document-Id", schema = @Schema(type = SchemaType.STRING, format = "uuid",
                    maxLength = 36))})
    public Response append(@PathParam("id") String id, 
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = TUS_VERSION)) @HeaderParam("Tus-Resumable") String tus,
                           @HeaderParam("Upload-Offset") String offset, @Context HttpServletRequest http,
                           InputStream body) {
        protocol(tus);
        UUID upload = id(id);
        String type = http.getContentType();
        if (type == null || !type.split(";")[0].trim().equalsIgnoreCase(OFFSET_OCTET_STREAM)) {
            throw new jakarta.ws.rs.NotSupportedException("A PATCH body must be " + OFFSET_OCTET_STREAM + ".");
        }
        ResumableUploads.Appended done = resumable.append(upload, number("Upload-Offset", offset),
                http.getContentLengthLong(), body);
        Response.ResponseBuilder answer = Response.noContent().header("Tus-Resumable", TUS_VERSION)
                .header("Upload-Offset", done.state().offset())
                .header("Upload-Expires", HTTP_DATE.format(done.state().expiresAt()));
        done.documentId().ifPresent(doc -> answer.header("Coffer-Document-Id", doc.toString()));
        return answer.build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteUpload", summary = "Terminate an upload: its partial bytes are removed")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response terminate(@PathParam("id") String id, 
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = TUS_VERSION)) @HeaderParam("Tus-Resumable") String tus) {
        protocol(tus);
        resumable.terminate(id(id));
        return Response.noContent().header("Tus-Resumable", TUS_VERSION).build();
    }

    /** tus: a request in another protocol version → 412 with the versions spoken. */
    private static void protocol(String tus) {
        if (!TUS_VERSION.equals(tus)) {
            throw new jakarta.ws.rs.WebApplicationException(io.coffer.api.error.Problem.of(
                    io.coffer.api.error.ProblemType.PRECONDITION_FAILED,
                    "Tus-Resumable: " + TUS_VERSION + " is required.", null)
                    .header("Tus-Version", TUS_VERSION).build());
        }
    }

    private static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new io.coffer.shared.error.NotFoundException("No such upload.");
        }
    }

    private static long number(String header, String value) {
        if (value == null || !value.matches("[0-9]{1,19}")) {
            throw ValidationException.of(header, "must be a non-negative integer");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ValidationException.of(header, "must be a non-negative integer");
        }
    }

    /** tus Upload-Metadata: comma-separated {@code key base64value} pairs (the value may be absent). */
    static Map<String, String> metadata(String header) {
        Map<String, String> values = new HashMap<>();
        if (header == null || header.isBlank()) {
            return values;
        }
        for (String pair : header.split(",")) {
            String[] parts = pair.trim().split(" ", 2);
            if (parts[0].isEmpty() || values.containsKey(parts[0])) {
                throw ValidationException.of("Upload-Metadata", "must be unique, comma-separated 'key base64' pairs");
            }
            try {
                values.put(parts[0], parts.length == 1 ? ""
                        : new String(Base64.getDecoder().decode(parts[1].trim()), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ValidationException.of("Upload-Metadata", "the value of " + parts[0] + " is not base64");
            }
        }
        return values;
    }

    static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant);
    }
}
