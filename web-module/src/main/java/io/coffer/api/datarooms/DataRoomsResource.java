package io.coffer.api.datarooms;

import io.coffer.api.Page;
import io.coffer.api.security.Authenticated;
import io.coffer.datarooms.DataRoom;
import io.coffer.api.PathIds;
import io.coffer.datarooms.DataRooms;
import io.coffer.datarooms.Folders;
import io.coffer.datarooms.Grants;
import io.coffer.datarooms.Permissions;
import io.coffer.datarooms.RoomDocuments;
import io.coffer.shared.FolderId;
import io.coffer.shared.RoomId;
import io.coffer.datarooms.Permission;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.ValidationException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import io.coffer.api.documents.DocumentResponse;
import io.coffer.documents.DocumentView;
import io.coffer.documents.Uploads;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import java.io.InputStream;
import jakarta.json.JsonValue;
import io.coffer.api.documents.MultipartUpload;
import io.coffer.documents.UploadBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/datarooms")
@RequestScoped
@PermitAll
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "datarooms")
public class DataRoomsResource {

    @EJB
    DataRooms rooms;

    @EJB
    Folders folders;

    @EJB
    RoomDocuments documents;

    @EJB
    Grants grants;

    @EJB
    Permissions permissions;

    @Inject
    Uploads uploads;

    @EJB
    io.coffer.documents.RoomIndex index;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createDataRoom", summary = "Create a data room; the creator manages it")
    @APIResponse(responseCode = "201", description = "The room; the creator manages it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RoomDtos.Room.class)))
    @RequestBody(required = true,
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RoomDtos.RoomRequest.class))})
    public Response create(RoomDtos.RoomRequest request) {
        if (request == null) {
            throw ValidationException.of("name", "is required");
        }
        DataRoom room = rooms.create(request.name(), request.description());
        return Response.status(Response.Status.CREATED).entity(RoomDtos.Room.of(room)).build();
    }

    @GET
    @Operation(operationId = "listDataRooms", summary = "The rooms the caller can see")
    public Page<RoomDtos.Room> list() {
        return Page.of(rooms.list().stream().map(RoomDtos.Room::of).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getDataRoom", summary = "A room the caller can see")
    public RoomDtos.Room get(@PathParam("id") String id) {
        return RoomDtos.Room.of(rooms.get(PathIds.room(id)));
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateDataRoom", summary = "Rename or describe a room")
    @APIResponse(responseCode = "200", description = "The changed room",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RoomDtos.Room.class)))
    @RequestBody(required = true,
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RoomDtos.RoomPatch.class))})
    public RoomDtos.Room update(@PathParam("id") String id, String body) {
        RoomId roomId = PathIds.room(id);
        permissions.require(roomId, Permission.MANAGE); // authorization before validation
        JsonObject patch = io.coffer.api.JsonConfig.readObject(body);
        Patch.onlyFields(patch, Set.of("name", "description"));
        return RoomDtos.Room.of(rooms.update(roomId, Patch.string(patch, "name"), Patch.string(patch, "description")));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "archiveDataRoom",
            summary = "Archive a room: it and everything under it stop being served")
    @APIResponse(responseCode = "204", description = "Archived")
    public Response archive(@PathParam("id") String id) {
        rooms.archive(PathIds.room(id));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/folders")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createFolder", summary = "Create a folder; sibling names are unique (409)")
    @APIResponse(responseCode = "201", description = "The folder",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RoomDtos.FolderView.class)))
    @RequestBody(required = true,
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RoomDtos.FolderRequest.class))})
    public Response createFolder(@PathParam("id") String id, String body) {
        RoomId roomId = PathIds.room(id);
        permissions.requireSomewhere(roomId, Permission.MANAGE); // authorization before validation
        RoomDtos.FolderRequest request = io.coffer.api.JsonConfig.read(body, RoomDtos.FolderRequest.class);
        FolderId parent = request.parentId() == null ? null
                : new FolderId(Patch.uuidField(request.parentId(), "parentId"));
        return Response.status(Response.Status.CREATED)
                .entity(RoomDtos.FolderView.of(folders.create(roomId, request.name(), parent))).build();
    }

    @POST
    @Path("/{id}/paths")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "ensureFolderPaths",
            summary = "Make the missing folders of each path (for folder uploads); idempotent, one transaction")
    @APIResponse(responseCode = "200", description = "One entry per requested path, in request order: the path as"
            + " sent and its deepest folder",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = RoomDtos.PathFolder.class,
                            maxItems = io.coffer.datarooms.FolderPaths.MAX_PATHS)))
    @RequestBody(required = true, description = "Paths of '/'-separated folder names from the room's top, e.g."
            + " \"Finance/2026/Q1\" (at most 1000 paths, 32 folders deep, each name a valid folder name)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY,
                    implementation = RoomDtos.FolderPathString.class, maxItems = io.coffer.datarooms.FolderPaths.MAX_PATHS)))
    public java.util.List<RoomDtos.PathFolder> ensurePaths(@PathParam("id") String id, String body) {
        RoomId roomId = PathIds.room(id);
        permissions.requireSomewhere(roomId, Permission.MANAGE); // authorization before validation (DR-11)
        return folders.ensurePaths(roomId, RoomDtos.paths(body)).stream().map(RoomDtos.PathFolder::of).toList();
    }

    @POST
    @Path("/{id}/documents")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "uploadDocument",
            summary = "Upload a document: the raw body, or the part 'file' of a multipart/form-data body (streamed,"
            + " hashed, type detected from the bytes; the query's name wins over the part's file name)")
    @APIResponse(responseCode = "201", description = "The stored document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DocumentResponse.class)))
    @RequestBody(required = true,
            description = "The raw bytes (any Content-Type), or multipart/form-data with the part 'file'",
                    content = {@Content(mediaType = "application/octet-stream",
                            schema = @Schema(type = SchemaType.STRING, format = "binary", maxLength = 2147483647)), @Content(mediaType = "multipart/form-data", schema = @Schema(implementation = MultipartUpload.Form.class))})
    public Response upload(@PathParam("id") String id, @QueryParam("folderId") String folderId,
                           @QueryParam("name") String name, @HeaderParam("Digest") String digest,
                           @Context HttpServletRequest http, InputStream body) {
        return created(id, folderId, name, digest, MultipartUpload.isMultipart(http) ? new MultipartUpload(http)
                : UploadBody.raw(body, http.getContentLengthLong()));
    }

    private Response created(String id, String folderId, String name, String digest, UploadBody body) {
        UUID roomId = uuid(id);
        UUID folder = folderId == null || folderId.isBlank() ? null : Patch.uuidField(folderId, "folderId");
        DocumentView uploaded = uploads.upload(roomId, folder, name, body, digest);
        return Response.status(Response.Status.CREATED).entity(DocumentResponse.of(uploaded)).build();
    }

    @GET
    @Path("/{id}/trash")
    @Operation(operationId = "listRoomTrash", summary = "Trashed documents that can still be restored (MANAGE)")
    public Page<RoomDtos.TrashedDocument> trash(@PathParam("id") String id) {
        return Page.of(documents.trashed(PathIds.room(id)).stream().map(t -> new RoomDtos.TrashedDocument(t.id().toString(),
                t.name(), t.deletedAt())).toList());
    }

    @GET
    @Path("/{id}/tree")
    @Operation(operationId = "getRoomTree",
            summary = "Nested folders and documents the caller may see, each with myPermission")
    public RoomDtos.Node tree(@PathParam("id") String id) {
        RoomId roomId = PathIds.room(id);
        DataRoom room = rooms.get(roomId);
        return new RoomDtos.Node(room.id().toString(), "DATAROOM", room.name(), "", room.myPermission().name(),
                folders.tree(roomId).stream().map(RoomDtos.Node::of).toList());
    }

    @GET
    @Path("/{id}/index")
    @Produces({INDEX_CSV, INDEX_PDF})
    @Operation(operationId = "getRoomIndex",
            summary = "The numbered index (1, 1.1, 1.1.1 ...) of what the caller may see in the room, as CSV or PDF",
            description = "Exactly the items of the caller's tree (GET .../tree), in its order and with its numbers:"
                    + " number, kind (folder or document), path, name, and for documents the size, number and date"
                    + " (ISO-8601, UTC) of the current version. CSV: RFC 4180, UTF-8, a header row; a cell that"
                    + " would start a spreadsheet formula (= + - @, tab, CR) starts with an apostrophe. PDF: A4"
                    + " pages with the room's name and the date. An attachment named <room>-index.csv|pdf, never"
                    + " cached.")
    @APIResponse(responseCode = "200", description = "The index as an attachment",
            content = {@Content(mediaType = INDEX_CSV,
                    schema = @Schema(type = SchemaType.STRING, maxLength = 2147483647)),
                    @Content(mediaType = INDEX_PDF,
                            schema = @Schema(type = SchemaType.STRING, format = "binary", maxLength = 2147483647))})
    public Response index(@PathParam("id") String id,
                          @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(
                                  description = "csv (the default) or pdf",
                                  schema = @Schema(enumeration = {"csv", "pdf"}, maxLength = 10))
                          @QueryParam("format") String format) {
        // one module call (REL-5): the room, the format (after authorization), the tree and the versions
        return io.coffer.api.content.ContentResponses.index(index.of(PathIds.room(id), format)).build();
    }

    static final String INDEX_CSV = "text/csv";
    static final String INDEX_PDF = "application/pdf";

    @GET
    @Path("/{id}/grants")
    @Operation(operationId = "listRoomGrants", summary = "The room's grants as one bare array (MANAGE)")
    @APIResponse(responseCode = "200", description = "The grants as one bare array",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = GrantDtos.GrantView.class,
                            maxItems = GrantDtos.MAX_GRANTS)))
    public java.util.List<GrantDtos.GrantView> grants(@PathParam("id") String id) {
        return grants.of(PathIds.room(id)).stream().map(GrantDtos.GrantView::of).toList();
    }

    @PUT
    @Path("/{id}/grants")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceRoomGrants",
            summary = "Replace the room's grants atomically (MANAGE); any invalid entry → 400, nothing changes")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
            type = SchemaType.ARRAY, implementation = GrantDtos.GrantView.class, maxItems = GrantDtos.MAX_GRANTS)))
    @APIResponse(responseCode = "200", description = "The new grants",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = GrantDtos.GrantView.class,
                            maxItems = GrantDtos.MAX_GRANTS)))
    public java.util.List<GrantDtos.GrantView> replaceGrants(@PathParam("id") String id, String body) {
        RoomId roomId = PathIds.room(id);
        permissions.require(roomId, Permission.MANAGE); // authorization before validation
        return grants.replace(roomId, GrantDtos.parse(body)).stream().map(GrantDtos.GrantView::of).toList();
    }

    @GET
    @Path("/{id}/effective-permissions")
    @Operation(operationId = "listEffectivePermissions",
            summary = "Every member's effective permission at the room or a folder, and why (MANAGE)",
            description = "The level the permission rules give each current member of the tenant (inheritance,"
                    + " deeper overrides, the highest over own and group grants, OWNER/ADMIN manage everything) and"
                    + " the grant or role that decides it. A folder that is not a live folder of this room: 404.")
    @APIResponse(responseCode = "200", description = "One entry per current member",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = GrantDtos.EffectivePermissions.class)))
    public GrantDtos.EffectivePermissions effectivePermissions(@PathParam("id") String id,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(
                    description = "A folder of the room; absent: the room itself",
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                            format = "uuid", maxLength = 36))
            @jakarta.ws.rs.QueryParam("folderId") String folderId) {
        RoomId roomId = PathIds.room(id);
        permissions.require(roomId, Permission.MANAGE); // authorization before the query is read
        java.util.Optional<FolderId> folder = folderId == null || folderId.isBlank() ? java.util.Optional.empty()
                : java.util.Optional.of(PathIds.folder(folderId));
        return new GrantDtos.EffectivePermissions(permissions.ofEveryMember(roomId, folder).stream()
                .map(GrantDtos.EffectiveView::of).toList());
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no such object");
        }
    }

    /** PATCH bodies read as JSON objects, so that an absent field and an explicit null differ. */
    static final class Patch {
        private Patch() {
        }

        static void onlyFields(JsonObject patch, Set<String> allowed) {
            if (patch == null) {
                throw ValidationException.of("body", "is required");
            }
            for (String key : patch.keySet()) {
                if (!allowed.contains(key)) {
                    throw ValidationException.of(key, "is not a field of this object");
                }
            }
        }

        static String string(JsonObject patch, String field) {
            if (!patch.containsKey(field) || patch.isNull(field)) {
                return null;
            }
            if (patch.get(field).getValueType() != JsonValue.ValueType.STRING) {
                throw ValidationException.of(field, "must be a string");
            }
            return patch.getString(field);
        }

        static UUID uuidField(String value, String field) {
            try {
                return UUID.fromString(value);
            } catch (IllegalArgumentException e) {
                throw ValidationException.of(field, "must be a UUID");
            }
        }
    }
}
