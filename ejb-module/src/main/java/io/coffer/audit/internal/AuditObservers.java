package io.coffer.audit.internal;

import io.coffer.shared.CofferEvent;
import io.coffer.shared.TenantId;
import io.coffer.tenancy.TenantScope;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Turns the modules' events into entries (docs/features/audit.md, "Flows").
 * <ul>
 *   <li>Actions {@code BEFORE_COMPLETION}: the entry is written (unchained, AUD-14) in the action's own transaction
 *       and commits or rolls back with it (AUD-1). When the event comes without a transaction bound to its tenant,
 *       the entry gets one of its own. {@code AFTER_SUCCESS} the chain's writer is told the tenant has an entry to
 *       chain.</li>
 *   <li>Denials ({@link Drafts#isDenial}) {@code AFTER_COMPLETION}, in a transaction of their own: CDI delivers
 *       AFTER_COMPLETION after a rollback (the usual fate of a refusal) and after a commit too (a refusal a caller
 *       caught, a failed login answered from a committing transaction), so each refusal is written exactly once
 *       whatever its transaction became (AUD-2). AFTER_FAILURE alone would lose the committed ones.</li>
 * </ul>
 * An event without a tenant (a login to an unknown tenant) has no chain to join and is not recorded.
 */
@ApplicationScoped
public class AuditObservers {

    /** An observer priority after the default ({@code Interceptor.Priority.APPLICATION + 500}) of every other one. */
    static final int LAST = jakarta.interceptor.Interceptor.Priority.PLATFORM_AFTER + 1000;

    @Inject
    AuditStore store;

    @EJB
    TenantScope tenants;

    @EJB
    AuditChainWriter writer;

    /**
     * Runs after every other observer of the same phase ({@link #LAST}), so that an entry is only written for an
     * action whose transaction got that far. It takes no lock: the entry is pending until the chain's writer links it
     * (AUD-14), so one tenant's audited actions — every page view of every visitor — no longer queue behind each
     * other's commits (docs/benchmarks.md, issue 14).
     */
    void action(@Observes(during = TransactionPhase.BEFORE_COMPLETION) @jakarta.annotation.Priority(LAST)
                CofferEvent event) {
        if (Drafts.isDenial(event) || event.tenant() == null) {
            return;
        }
        Optional<Draft> draft = Drafts.of(event);
        if (draft.isEmpty()) {
            return;
        }
        tenants.within(event.tenant(), () -> {
            store.append(event.tenant(), draft.get());
            return null;
        });
    }

    /**
     * After the commit of a transaction that wrote an entry (priority after {@link #action}: without a transaction
     * both run at once, in this order), the writer chains it at once.
     */
    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) @jakarta.annotation.Priority(LAST + 1)
                   CofferEvent event) {
        if (!Drafts.isDenial(event) && event.tenant() != null && Drafts.of(event).isPresent()) {
            writer.committed(event.tenant());
        }
    }

    void denial(@Observes(during = TransactionPhase.AFTER_COMPLETION) CofferEvent event) {
        if (!Drafts.isDenial(event) || event.tenant() == null) {
            return;
        }
        Drafts.of(event).ifPresent(d -> inItsOwnTransaction(event.tenant(), d));
    }

    private void inItsOwnTransaction(TenantId tenant, Draft draft) {
        tenants.call(tenant, () -> {
            store.append(tenant, draft);
            return null;
        });
        writer.committed(tenant);
    }
}
