package io.coffer.datarooms;

import java.time.Instant;
import java.util.UUID;

/** A data room as its callers see it, with the caller's own permission on it. */
public record DataRoom(UUID id, String name, String description, Instant createdAt, Permission myPermission) {
}
