package io.coffer.datarooms;

import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import java.time.Instant;
import java.util.UUID;

/** {@code dataroom.created}. */
public record DataRoomCreated(TenantId tenant, UUID room, UserId actor, Instant at) {
}
