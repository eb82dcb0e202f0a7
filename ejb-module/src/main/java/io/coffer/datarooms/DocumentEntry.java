package io.coffer.datarooms;

import java.util.UUID;

/** The tree entry of a document: its id, room, folder (null at the top) and display name. */
public record DocumentEntry(UUID id, UUID roomId, UUID folderId, String name) {
}
