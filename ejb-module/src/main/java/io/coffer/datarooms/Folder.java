package io.coffer.datarooms;

import java.util.UUID;

/** A folder: {@code path} is the names from the room's top, e.g. {@code /Finance/2026}. */
public record Folder(UUID id, UUID roomId, String name, UUID parentId, String path) {
}
