package io.coffer.datarooms;

import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import java.time.Instant;
import java.util.UUID;

/** {@code grant.changed}: a room's grants were replaced ({@code grants} is how many it holds now). */
public record GrantChanged(TenantId tenant, UUID room, int grants, UserId actor, Instant at) {
}
