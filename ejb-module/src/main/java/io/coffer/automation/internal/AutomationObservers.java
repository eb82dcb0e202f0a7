package io.coffer.automation.internal;

import io.coffer.events.AutomationEvent;
import io.coffer.events.EventFacts;
import io.coffer.identity.IdentityEvents;
import io.coffer.outbox.Outbox;
import io.coffer.shared.CofferEvent;
import io.coffer.shared.TenantId;
import io.coffer.tenancy.TenantScope;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.UUID;

/**
 * Hands events to the rules (docs/features/automation.md, "Flows"), in the pattern of {@code AuditObservers}:
 * actions {@code BEFORE_COMPLETION} in the action's own transaction (the outbox item commits with it, AUTO-12),
 * denials {@code AFTER_COMPLETION} in a transaction of their own (their transaction usually rolls back). On the hot
 * path only one indexed query: does the tenant have an enabled rule of this type (AUTO-10)? Evaluating the conditions
 * and acting is the outbox handler's ({@link AutomationWork}), so a failing rule never undoes or slows the action.
 */
@ApplicationScoped
public class AutomationObservers {

    static final String KIND = "automation";

    @Inject
    RuleStore store;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @EJB
    TenantScope tenants;

    void action(@Observes(during = TransactionPhase.BEFORE_COMPLETION) CofferEvent event) {
        if (EventFacts.isDenial(event) || event.tenant() == null || event instanceof AutomationEvent) {
            return;
        }
        tenants.within(event.tenant(), () -> {
            enqueueIfRuled(event);
            return null;
        });
    }

    void denial(@Observes(during = TransactionPhase.AFTER_COMPLETION) CofferEvent event) {
        if (!EventFacts.isDenial(event) || event.tenant() == null) {
            return;
        }
        tenants.call(event.tenant(), () -> {
            enqueueIfRuled(event);
            return null;
        });
    }

    /**
     * A page-time beacon ({@code document.viewed} with seconds) is time on a page already viewed, not a view: no rule
     * fires on it, and it costs the beacon path no query (AUTO-28).
     */
    static boolean isBeacon(EventFacts f) {
        return "document.viewed".equals(f.type()) && f.seconds() != null && f.seconds() != 0;
    }

    private void enqueueIfRuled(CofferEvent event) {
        TenantId tenant = event.tenant();
        EventFacts facts = EventFacts.of(event);
        if (isBeacon(facts)) {
            return;
        }
        if (event instanceof IdentityEvents.UserCreated) {
            store.ensureBuiltIns(tenant, clock.instant()); // the onboarding rule exists from the first user on
        }
        if (store.anyEnabled(tenant, event.type())) {
            outbox.enqueue(tenant, KIND, FactsJson.write(UUID.randomUUID(), facts));
        }
    }
}
