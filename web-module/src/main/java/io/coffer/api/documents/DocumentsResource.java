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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/documents")
@RequestScoped
@PermitAll
@Authenticated
@SecurityRequirement(name = "bearer")
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
    @Operation(summary = "A document's metadata and versions")
    public DocumentResponse get(@PathParam("id") String id) {
        return DocumentResponse.of(documents.get(uuid(id)));
    }

    @POST
    @Path("/{id}/versions")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a new version (raw body or multipart part 'file', same rules as an upload); the newest"
            + " version is what links serve")
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
    @Operation(summary = "Rename and/or move a document between folders of its room")
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
    @Operation(summary = "PNG of page n (1-based) of a PDF, 1200 px wide; needs VIEW; past the end → 404")
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
    @Operation(summary = "Restore a document from the trash (within 30 days)")
    public DocumentResponse restore(@PathParam("id") String id) {
        return DocumentResponse.of(documents.restore(uuid(id)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Move a document to the trash")
    public Response trash(@PathParam("id") String id) {
        documents.trash(uuid(id));
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/content")
    @Operation(summary = "The newest version's bytes: Range (206/416), ETag/If-None-Match (304), HEAD; needs DOWNLOAD")
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
    @Operation(summary = "A URL that downloads the content once within 60 s without a bearer header")
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
