package io.coffer.activity.internal;

import io.coffer.events.EventFacts;
import io.coffer.platform.RequestOrigin;
import io.coffer.shared.CofferEvent;
import io.coffer.shared.TenantId;
import io.coffer.sharelinks.ShareLinkEvents;
import io.coffer.tenancy.TenantScope;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Stores every event of the modules in {@code activity_events} (docs/features/activity.md, "Flows"), the pattern of
 * {@code audit.internal.AuditObservers}:
 * <ul>
 *   <li>Actions {@code BEFORE_COMPLETION}, in the action's own transaction: the row commits or rolls back with the
 *       action (ACT-5). Without a transaction bound to the event's tenant, the row gets one of its own.</li>
 *   <li>Denials ({@link EventFacts#isDenial}) {@code AFTER_COMPLETION}, in a transaction of their own, whatever
 *       became of the refused one (ACT-5).</li>
 * </ul>
 * Each event is read through {@link EventFacts#of} (the one reading of every record) and stamped with the request's
 * origin ({@link RequestOrigin}: client address, user agent, API key); background work has none. Page-time beacons
 * ({@code document.viewed} with seconds) are not stored here: they go through the beacon queue (ACT-20..). An event
 * without a tenant (a login to an unknown tenant) has no tenant to be stored in.
 */
@ApplicationScoped
public class ActivityObserver {

    @Inject
    ActivityStore store;

    @EJB
    TenantScope tenants;

    @Inject
    Instance<RequestOrigin> origins;

    void action(@Observes(during = TransactionPhase.BEFORE_COMPLETION) CofferEvent event) {
        if (EventFacts.isDenial(event) || !stored(event)) {
            return;
        }
        ActivityRow row = ActivityRow.of(EventFacts.of(event), origin());
        tenants.within(event.tenant(), () -> {
            store.insert(event.tenant(), row);
            return null;
        });
    }

    void denial(@Observes(during = TransactionPhase.AFTER_COMPLETION) CofferEvent event) {
        if (!EventFacts.isDenial(event) || !stored(event)) {
            return;
        }
        inItsOwnTransaction(event.tenant(), ActivityRow.of(EventFacts.of(event), origin()));
    }

    /** Whether this observer stores the event: not without a tenant, not a page-time beacon (the queue's). */
    static boolean stored(CofferEvent event) {
        if (event.tenant() == null) {
            return false;
        }
        return !(event instanceof ShareLinkEvents.DocumentViewed v && v.seconds() > 0);
    }

    /** The request's origin, or null in background work (no request, or one whose origin was never set). */
    private ActivityRow.Origin origin() {
        try {
            RequestOrigin o = origins.get();
            if (o.clientAddress() == null && o.userAgent() == null && o.apiKey() == null) {
                return null;
            }
            return ActivityRow.Origin.of(o);
        } catch (ContextNotActiveException none) {
            return null;
        }
    }

    private void inItsOwnTransaction(TenantId tenant, ActivityRow row) {
        tenants.call(tenant, () -> {
            store.insert(tenant, row);
            return null;
        });
    }
}
