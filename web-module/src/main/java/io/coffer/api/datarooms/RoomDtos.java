package io.coffer.api.datarooms;

import io.coffer.datarooms.DataRoom;
import io.coffer.datarooms.Folder;
import io.coffer.datarooms.TreeNode;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of the room and folder endpoints. */
public final class RoomDtos {
    private RoomDtos() {
    }

    @Schema(name = "DataRoomRequest")
    public record RoomRequest(@Schema(required = true, maxLength = 255) String name,
                              @Schema(nullable = true, maxLength = 2000) String description) {
    }

    @Schema(name = "DataRoom")
    public record Room(@Schema(required = true, format = "uuid") String id,
                       @Schema(required = true) String name,
                       @Schema(nullable = true, maxLength = 2000) String description,
                       @Schema(required = true) Instant createdAt,
                       @Schema(required = true, enumeration = {"NONE", "VIEW", "DOWNLOAD", "UPLOAD", "MANAGE"})
                       String myPermission) {
        static Room of(DataRoom r) {
            return new Room(r.id().toString(), r.name(), r.description(), r.createdAt(), r.myPermission().name());
        }
    }

    /** A PATCH of a room: an absent field stays as it is. */
    @Schema(name = "DataRoomPatch")
    public record RoomPatch(@Schema(maxLength = 255) String name,
                            @Schema(nullable = true, maxLength = 2000) String description) {
    }

    /** A PATCH of a folder: rename and/or move (an absent field stays as it is). */
    @Schema(name = "FolderPatch")
    public record FolderPatch(@Schema(maxLength = 255) String name,
                              @Schema(nullable = true, format = "uuid", description = "null: to the room's top")
                              String parentId) {
    }

    @Schema(name = "FolderRequest")
    public record FolderRequest(@Schema(required = true, maxLength = 255) String name,
                                @Schema(nullable = true, format = "uuid") String parentId) {
    }

    @Schema(name = "Folder")
    public record FolderView(@Schema(required = true, format = "uuid") String id,
                             @Schema(required = true) String name,
                             @Schema(nullable = true, format = "uuid") String parentId,
                             @Schema(required = true, pattern = "^/.*$",
                                     description = "Names from the room's top, e.g. /Finance/2026")
                             String path) {
        static FolderView of(Folder f) {
            return new FolderView(f.id().toString(), f.name(), f.parentId() == null ? null : f.parentId().toString(),
                    f.path());
        }
    }

    /** What a path never holds (DR-12): control characters and backslashes (the rest is checked per name). */
    static final String PATH_PATTERN = "^[^\\u0000-\\u001F\\u007F\\\\]+$";

    /** One path of {@code POST /datarooms/{id}/paths}. */
    @Schema(name = "FolderPathString", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
            minLength = 1, maxLength = io.coffer.datarooms.FolderPaths.MAX_LENGTH, pattern = PATH_PATTERN,
            description = "'/'-separated folder names from the room's top; one leading or trailing '/' is ignored")
    public static final class FolderPathString {
        private FolderPathString() {
        }
    }

    /** One answer of {@code POST /datarooms/{id}/paths}. */
    @Schema(name = "FolderPathResult")
    public record PathFolder(@Schema(required = true, maxLength = io.coffer.datarooms.FolderPaths.MAX_LENGTH,
                                     pattern = PATH_PATTERN, description = "The path exactly as it was sent") String path,
                             @Schema(required = true, format = "uuid", description = "The folder the path ends in")
                             String folderId) {
        static PathFolder of(io.coffer.datarooms.Folders.PathFolder p) {
            return new PathFolder(p.path(), p.folderId().toString());
        }
    }

    /**
     * The body of {@code POST /datarooms/{id}/paths}, read after the authorization check: a JSON array of strings.
     * A non-string entry is named by its index ({@code [3]}); the paths themselves are checked by the module.
     */
    static List<String> paths(String body) {
        jakarta.json.JsonValue value;
        try {
            if (body == null || body.isBlank()) {
                throw io.coffer.shared.error.ValidationException.of("body", "must be an array of paths");
            }
            value = io.coffer.shared.JsonP.createReader(new java.io.StringReader(body)).readValue();
        } catch (jakarta.json.JsonException | IllegalStateException e) {
            throw io.coffer.shared.error.ValidationException.of("body", "must be an array of paths");
        }
        if (value.getValueType() != jakarta.json.JsonValue.ValueType.ARRAY) {
            throw io.coffer.shared.error.ValidationException.of("body", "must be an array of paths");
        }
        jakarta.json.JsonArray array = value.asJsonArray();
        if (array.size() > io.coffer.datarooms.FolderPaths.MAX_PATHS) {
            throw io.coffer.shared.error.ValidationException.of("body", "must hold at most "
                    + io.coffer.datarooms.FolderPaths.MAX_PATHS + " paths");
        }
        List<String> paths = new java.util.ArrayList<>();
        List<io.coffer.shared.error.ValidationException.FieldError> errors = new java.util.ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).getValueType() == jakarta.json.JsonValue.ValueType.STRING) {
                paths.add(array.getString(i));
            } else {
                errors.add(new io.coffer.shared.error.ValidationException.FieldError("[" + i + "]", "must be a string"));
            }
        }
        if (!errors.isEmpty()) {
            throw new io.coffer.shared.error.ValidationException("Some paths are not valid; no folder was created.",
                    errors);
        }
        return paths;
    }

    @Schema(name = "TrashedDocument")
    public record TrashedDocument(@Schema(required = true, format = "uuid") String id,
                                  @Schema(required = true) String name,
                                  @Schema(required = true) Instant deletedAt) {
    }

    @Schema(name = "TreeNode")
    public record Node(@Schema(required = true, format = "uuid") String id,
                       @Schema(required = true, enumeration = {"DATAROOM", "FOLDER", "DOCUMENT"}) String kind,
                       @Schema(required = true) String name,
                       @Schema(required = true, pattern = "^[0-9.]*$",
                               description = "1, 1.1, 1.2... by order; empty for the room")
                       String index,
                       @Schema(required = true, enumeration = {"NONE", "VIEW", "DOWNLOAD", "UPLOAD", "MANAGE"})
                       String myPermission,
                       @Schema(nullable = true) List<Node> children) {
        static Node of(TreeNode n) {
            return new Node(n.id().toString(), n.kind(), n.name(), n.index(), n.myPermission().name(),
                    n.children() == null ? null : n.children().stream().map(Node::of).toList());
        }
    }
}
