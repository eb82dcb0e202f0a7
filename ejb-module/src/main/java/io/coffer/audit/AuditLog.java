package io.coffer.audit;

import io.coffer.audit.internal.AuditStore;
import io.coffer.identity.CallerCheck;
import io.coffer.identity.CurrentCaller;
import io.coffer.identity.Members;
import io.coffer.identity.Role;
import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import io.coffer.shared.error.ForbiddenException;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The audit log of the caller's tenant, for its OWNERs and ADMINs only (AUD-8): row-level security holds every query
 * to the tenant bound from the caller's token (AUD-9).
 */
@Stateless
@PermitAll
public class AuditLog {

    /** What {@code GET /audit/verify} answers: whether the chain holds, how many entries, the first broken one. */
    public record Verification(boolean ok, long entries, UUID firstBrokenId) {
    }

    @EJB
    CallerCheck callers;

    @Inject
    AuditStore store;

    @EJB
    Members members;

    /** Entries newest first; {@code beforeSeq} is the cursor (the seq of the last entry of the previous page). */
    public List<AuditEntry> newestFirst(AuditFilter filter, Long beforeSeq, int limit) {
        return labelled(store.page(drained(requireAdmin()), filter, beforeSeq, limit, true));
    }

    /** Entries oldest first after {@code afterSeq}, for the export (which reads page after page: constant memory). */
    public List<AuditEntry> oldestFirst(AuditFilter filter, Long afterSeq, int limit) {
        return labelled(store.page(drained(requireAdmin()), filter, afterSeq, limit, false));
    }

    /** Members' entries get their current name (one query per page); visitors and SYSTEM keep none. */
    private List<AuditEntry> labelled(List<AuditEntry> page) {
        List<UserId> users = page.stream().filter(e -> "USER".equals(e.actorType()) && e.actorId() != null)
                .map(e -> new UserId(e.actorId())).distinct().toList();
        if (users.isEmpty()) {
            return page;
        }
        Map<UserId, String> labels = members.labels(users);
        return page.stream().map(e -> e.actorId() != null && "USER".equals(e.actorType())
                ? e.labelled(labels.get(new UserId(e.actorId()))) : e).toList();
    }

    /** Recomputes the tenant's chain in the database (AUD-5, AUD-6). */
    public Verification verify() {
        return store.verify(drained(requireAdmin()));
    }

    /**
     * Links every entry committed so far into the chain before reading (AUD-14): a reader never misses an entry the
     * chain's writer has not reached yet. In this transaction, under the tenant's chain lock, so it lasts as long as
     * the read.
     */
    private TenantId drained(TenantId tenant) {
        while (store.chain(tenant) == AuditStore.CHAIN_BATCH) {
            // a backlog larger than one batch: keep going
        }
        return tenant;
    }

    /** The caller's tenant, once they are an OWNER or ADMIN of it. */
    private TenantId requireAdmin() {
        CurrentCaller caller = callers.current();
        if (!caller.role().atLeast(Role.ADMIN)) {
            throw new ForbiddenException("The audit log is for the OWNER and ADMIN roles.");
        }
        return caller.tenant();
    }
}
