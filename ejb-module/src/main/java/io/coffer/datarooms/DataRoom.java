package io.coffer.datarooms;

import io.coffer.shared.RoomId;
import java.time.Instant;

/** A data room as its callers see it, with the caller's own permission on it. */
public record DataRoom(RoomId id, String name, String description, Instant createdAt, Permission myPermission) {
}
