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
