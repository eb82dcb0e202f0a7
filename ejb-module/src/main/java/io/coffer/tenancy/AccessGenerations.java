package io.coffer.tenancy;

import io.coffer.shared.TenantId;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import io.coffer.tenancy.internal.TenantRows;
import jakarta.inject.Inject;

/**
 * The tenant's access generation (docs/features/foundation.md, FD-34): a number that every committed change of what
 * decides access raises — the modules attach {@code access_generation_bump()} to their own tables as deferred
 * constraint triggers (Liquibase), so no code path can change access without raising it. An answer remembered in
 * memory together with the generation read <em>before</em> the data it rests on stays true for as long as the
 * generation is the same; the counter lives in the shared database, so every instance sees a change at its next read.
 */
@Stateless
@PermitAll
public class AccessGenerations {

    @Inject
    TenantRows rows;

    /** The tenant's generation now (0 before its first change); in the caller's transaction or one of its own. */
    public long current(TenantId tenant) {
        return rows.accessGeneration(tenant.value());
    }
}
