package io.coffer.datarooms;

import io.coffer.shared.DocumentId;
import io.coffer.shared.FolderId;
import io.coffer.shared.RoomId;

/** The tree entry of a document: its id, room, folder (null at the top) and display name. */
public record DocumentEntry(DocumentId id, RoomId roomId, FolderId folderId, String name) {
}
