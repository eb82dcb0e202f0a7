package io.coffer.datarooms;

import io.coffer.shared.FolderId;
import io.coffer.shared.RoomId;

/** A folder: {@code path} is the names from the room's top, e.g. {@code /Finance/2026}. */
public record Folder(FolderId id, RoomId roomId, String name, FolderId parentId, String path) {
}
