package io.coffer.shared;

import java.util.UUID;

/**
 * The id of something inside a data room's tree: a {@link FolderId} or a {@link DocumentId}. Permissions on items are
 * asked with it, so that no code has to guess whether a bare UUID names a room, a folder or a document.
 */
public sealed interface ItemId permits FolderId, DocumentId {
    UUID value();
}
