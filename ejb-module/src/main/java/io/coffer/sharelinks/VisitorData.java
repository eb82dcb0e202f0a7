package io.coffer.sharelinks;

import io.coffer.sharelinks.internal.VisitorPersonalRows;
import io.coffer.tenancy.TenantScope;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Visitors' personal data held by share links (sessions' emails and addresses, email codes, NDA acceptances), for
 * the activity module's erasure and retention only (docs/features/activity.md, ACT-12, ACT-14): in the transaction's
 * tenant, no caller check here (the activity module checks the OWNER or ADMIN role before it erases; retention is a
 * background job). Counted rows stay; only their personal fields are emptied.
 */
@Stateless
@PermitAll
public class VisitorData {

    @EJB
    TenantScope tenancy;

    @Inject
    VisitorPersonalRows rows;

    /** Erases {@code email} (any case) from the tenant's visitor tables; answers the visitor sessions it named. */
    public List<UUID> erase(String email) {
        return rows.erase(tenancy.require().value(), email);
    }

    /** Empties the visitor data of the tenant made before {@code cutoff} (retention). */
    public void dropOlderThan(Instant cutoff) {
        rows.dropOlderThan(tenancy.require().value(), cutoff);
    }
}
