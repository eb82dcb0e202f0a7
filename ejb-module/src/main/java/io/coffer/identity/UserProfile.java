package io.coffer.identity;

import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;

/** What a user may know about their own account. */
public record UserProfile(UserId userId, TenantId tenantId, String tenantSlug, String email, String displayName,
                          Role role) {
}
