package io.coffer.datarooms;

import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import java.time.Instant;
import java.util.UUID;

/** {@code group.members-changed}: a group's members were replaced (what its members may see changed with it). */
public record GroupMembersChanged(TenantId tenant, UUID group, int members, UserId actor, Instant at) {
}
