package io.coffer.datarooms;

import io.coffer.shared.GroupId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A tenant-wide group of users that grants can name. */
public record Group(GroupId id, String name, Instant createdAt, List<UUID> members) {
}
