package io.coffer.api.documents;

import io.coffer.api.security.Authenticated;
import io.coffer.api.content.ContentResponses;
import io.coffer.documents.Content;
import io.coffer.datarooms.Permission;
import io.coffer.documents.DocumentView;
import io.coffer.documents.Documents;
import io.coffer.documents.UploadBody;
import io.coffer.documents.Uploads;
import io.coffer.shared.error.ValidationException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Context;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import io.coffer.shared.DocumentId;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/documents")
@RequestScoped
@PermitAll
@Authenticated
@SecurityRequirement(name = "bearer")
@Tag(name = "documents")
public class DocumentsResource {

    @EJB
    Documents documents;

    @Inject
    Uploads uploads;

    @Inject
    io.coffer.platform.CofferSettings settings;

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getDocument", summary = "A document's metadata and versions")
    @APIResponse(responseCode = "200", description = "The document",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DocumentResponse.class)))
    public DocumentResponse get(@PathParam("id") String id) {
        return DocumentResponse.of(documents.get(uuid(id)));
    }

    @POST
    @Path("/{id}/versions")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addDocumentVersion",
            summary = "Upload a new version (raw body or multipart part 'file', same rules as an upload); the newest"
            + " version is what links serve")
    @APIResponse(responseCode = "201", description = "The document with its new version",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DocumentResponse.class)))
    @RequestBody(required = true, description = "The new bytes, raw or as the multipart part 'file'",
            content = {@org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "application/octet-stream", schema = @Schema(type = SchemaType.STRING, format = "binary", maxLength = 2147483647)), @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "multipart/form-data", schema = @Schema(implementation = MultipartUpload.Form.class))})
    public Response addVersion(@PathParam("id") String id, @HeaderParam("Digest") String digest,
                               @Context HttpServletRequest http, InputStream body) {
        UploadBody upload = MultipartUpload.isMultipart(http) ? new MultipartUpload(http)
                : UploadBody.raw(body, http.getContentLengthLong());
        DocumentView updated = uploads.addVersion(uuid(id), upload, digest);
        return Response.status(Response.Status.CREATED).entity(DocumentResponse.of(updated)).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateDocument", summary = "Rename and/or move a document between folders of its room")
    @APIResponse(responseCode = "200", description = "The changed document",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DocumentResponse.class)))
    @RequestBody(required = true,
            content = {@org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DocumentResponse.Patch.class))})
    public DocumentResponse update(@PathParam("id") String id, String body) {
        UUID documentId = uuid(id);
        documents.require(documentId, Permission.MANAGE); // authorization before validation
        JsonObject patch = io.coffer.api.JsonConfig.readObject(body);
        for (String key : patch.keySet()) {
            if (!key.equals("name") && !key.equals("folderId")) {
                throw ValidationException.of(key, "is not a field of this object");
            }
        }
        String name = null;
        if (patch.containsKey("name") && !patch.isNull("name")) {
            if (patch.get("name").getValueType() != JsonValue.ValueType.STRING) {
                throw ValidationException.of("name", "must be a string");
            }
            name = patch.getString("name");
        }
        boolean move = patch.containsKey("folderId");
        UUID folder = null;
        if (move && !patch.isNull("folderId")) {
            if (patch.get("folderId").getValueType() != JsonValue.ValueType.STRING) {
                throw ValidationException.of("folderId", "must be a UUID or null");
            }
            try {
                folder = UUID.fromString(patch.getString("folderId"));
            } catch (IllegalArgumentException e) {
                throw ValidationException.of("folderId", "must be a UUID or null");
            }
        }
        return DocumentResponse.of(documents.update(documentId, name, move, folder));
    }

    @GET
    @Path("/{id}/pages/{n}")
    @Produces("image/png")
    @Operation(operationId = "getDocumentPage",
            summary = "PNG of page n (1-based) of a PDF, 1200 px wide; needs VIEW; past the end → 404")
    @APIResponse(responseCode = "200", description = "The page as PNG",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "image/png",
                    schema = @Schema(type = SchemaType.STRING, format = "binary", maxLength = 2147483647)))
    public Response page(@PathParam("id") String id, @PathParam("n") String n) {
        int page;
        try {
            page = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            throw new io.coffer.shared.error.NotFoundException("no such page");
        }
        return ContentResponses.page(documents.page(new DocumentId(uuid(id)), page)).build();
    }

    @POST
    @Path("/{id}/restore")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "restoreDocument", summary = "Restore a document from the trash (within 30 days)")
    @APIResponse(responseCode = "200", description = "The restored document",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DocumentResponse.class)))
    public DocumentResponse restore(@PathParam("id") String id) {
        return DocumentResponse.of(documents.restore(uuid(id)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "trashDocument", summary = "Move a document to the trash")
    @APIResponse(responseCode = "204", description = "Moved to the trash")
    public Response trash(@PathParam("id") String id) {
        documents.trash(uuid(id));
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/content")
    @Operation(operationId = "getDocumentContent",
            summary = "The newest version's bytes: Range (206/416), ETag/If-None-Match (304), HEAD; needs DOWNLOAD")
    @APIResponse(responseCode = "200", description = "The bytes",
            headers = {@Header(name = "ETag", description = "The version's entity tag",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 200)), @Header(name = "Content-Disposition",
                            description = "attachment with an RFC 6266 filename",
                                    schema = @Schema(type = SchemaType.STRING, maxLength = 1024))},
                                            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "*/*", schema = @Schema(type = SchemaType.STRING, format = "binary", maxLength = 2147483647)))
    @APIResponse(responseCode = "206", description = "One range of the bytes",
            headers = {@Header(name = "Content-Range", description = "bytes a-b/size",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 64)), @Header(name = "ETag",
                            description = "The version's entity tag",
                                    schema = @Schema(type = SchemaType.STRING, maxLength = 200))},
                                            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = "*/*", schema = @Schema(type = SchemaType.STRING, format = "binary", maxLength = 2147483647)))
    @APIResponse(responseCode = "304", description = "Not modified (If-None-Match)")
    public Response content(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                            @HeaderParam("Range") String range, @Context jakarta.ws.rs.core.Request request) {
        DocumentId documentId = new DocumentId(uuid(id));
        Content content = documents.content(documentId);
        if (ContentResponses.isDownload(request.getMethod(), content, ifNoneMatch, range)) {
            documents.recordDownload(documentId);
        }
        return ContentResponses.serve(content, ifNoneMatch, range).build();
    }

    @POST
    @Path("/{id}/download-ticket")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createDownloadTicket",
            summary = "A URL that downloads the content once within 60 s without a bearer header")
    @APIResponse(responseCode = "201", description = "A single-use URL valid 60 s",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TicketResponse.class)))
    public Response ticket(@PathParam("id") String id) {
        String ticket = documents.issueTicket(new io.coffer.shared.DocumentId(uuid(id)));
        return Response.status(Response.Status.CREATED).entity(new TicketResponse(
                settings.publicUrl() + "/api/v1/download-tickets/" + ticket, io.coffer.documents.Tickets.LIFETIME.toSeconds()))
                .build();
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new io.coffer.shared.error.NotFoundException("no such document");
        }
    }
}
