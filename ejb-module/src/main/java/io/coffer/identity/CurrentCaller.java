package io.coffer.identity;

import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;

/** Who calls, for the modules above identity: the user, their tenant and the role they act with right now. */
public record CurrentCaller(UserId user, TenantId tenant, Role role) {
}
