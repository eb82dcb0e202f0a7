package io.coffer.activity.internal;

import io.coffer.events.EventFacts;
import io.coffer.shared.CofferEvent;
import io.coffer.shared.TenantId;
import io.coffer.tenancy.TenantScope;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Keeps the analytics roll-ups as the events arrive (ACT-24): a visitor session created (one view), a page served to
 * a visitor, a download. Actions only, {@code BEFORE_COMPLETION}: written in the action's transaction and committed
 * with it (a page that was refused rolls its count back with it); an event without a transaction bound to its tenant
 * gets one of its own, as audit's observers do. Page-time beacons do not come this way: {@link
 * io.coffer.activity.BeaconQueue} batches them.
 */
@ApplicationScoped
public class AnalyticsObservers {

    @Inject
    AnalyticsRollups rollups;

    @EJB
    TenantScope tenants;

    void observe(@Observes(during = TransactionPhase.BEFORE_COMPLETION) CofferEvent event) {
        if (event.tenant() == null || !counts(event.type())) {
            return;
        }
        EventFacts f = EventFacts.of(event);
        if (f.denied()) {
            return;
        }
        TenantId tenant = event.tenant();
        tenants.within(tenant, () -> {
            apply(tenant, f);
            return null;
        });
    }

    private static boolean counts(String type) {
        return "link.session-started".equals(type) || "document.viewed".equals(type)
                || "document.downloaded".equals(type);
    }

    private void apply(TenantId tenant, EventFacts f) {
        switch (f.type()) {
            case "link.session-started" -> {
                if (f.linkId() != null && f.sessionId() != null) {
                    rollups.sessionStarted(tenant, f.linkId(), f.roomId(), f.sessionId(), f.visitorEmail(),
                            f.clientAddress(), f.at());
                }
            }
            case "document.viewed" -> {
                if (f.linkId() != null && f.sessionId() != null && f.documentId() != null && f.page() != null) {
                    int seconds = f.seconds() == null ? 0 : f.seconds();
                    rollups.pages(tenant, List.of(new AnalyticsRollups.PageTime(f.linkId(), f.roomId(),
                            f.sessionId(), f.visitorEmail(), f.clientAddress(), null, f.documentId(), f.page(),
                            seconds == 0 ? 1 : 0, seconds, f.at())));
                }
            }
            case "document.downloaded" -> {
                if (f.documentId() != null) {
                    rollups.downloaded(tenant, f.linkId(), f.roomId(), f.sessionId(), f.visitorEmail(),
                            f.clientAddress(), f.documentId(), f.at());
                }
            }
            default -> {
            }
        }
    }
}
