package io.coffer.api;

import io.coffer.shared.DocumentId;
import io.coffer.shared.FolderId;
import io.coffer.shared.GroupId;
import io.coffer.shared.LinkId;
import io.coffer.shared.RoomId;
import io.coffer.shared.error.NotFoundException;
import java.util.UUID;
import java.util.function.Function;

/**
 * Ids in a request path, read into the modules' typed ids. A path id that is not a UUID names nothing: 404, the same
 * answer as an id that does not exist (never 400, which would tell the two apart).
 */
public final class PathIds {
    private PathIds() {
    }

    public static RoomId room(String id) {
        return parse(id, RoomId::new);
    }

    public static FolderId folder(String id) {
        return parse(id, FolderId::new);
    }

    public static DocumentId document(String id) {
        return parse(id, DocumentId::new);
    }

    public static GroupId group(String id) {
        return parse(id, GroupId::new);
    }

    public static LinkId link(String id) {
        return parse(id, LinkId::new);
    }

    /** An id of an object without a typed id of its own (a session). */
    public static UUID uuid(String id) {
        return parse(id, Function.identity());
    }

    private static <T> T parse(String id, Function<UUID, T> type) {
        try {
            return type.apply(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException("no such object");
        }
    }
}
