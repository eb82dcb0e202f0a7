package io.coffer.webhooks.internal;

import io.coffer.events.EventFacts;
import io.coffer.outbox.Outbox;
import io.coffer.shared.TenantId;
import io.coffer.tenancy.TenantScope;
import io.coffer.webhooks.WebhookId;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The one way an event becomes deliveries (WH-16): a {@code webhook_deliveries} row (PENDING, body sealed) and an
 * outbox work of kind {@value WebhookHandler#KIND} naming it, both in the transaction bound to the event's tenant: the
 * action's own (they commit with it) or, when there is none, one of their own.
 */
@ApplicationScoped
public class WebhookDispatch {

    @Inject
    WebhookStore store;

    @Inject
    Outbox outbox;

    @EJB
    TenantScope tenants;

    @Inject
    Clock clock;

    /** Every subscription of {@code tenant} to the event's type gets a delivery; the deliveries made. */
    public List<UUID> toSubscribers(TenantId tenant, EventFacts facts) {
        return tenants.within(tenant, () -> {
            if (!store.subscribed(tenant, facts.type())) {
                return List.<UUID>of(); // the usual case, from memory (no query)
            }
            UUID eventId = UUID.randomUUID();
            String body = WebhookBodies.body(eventId, facts);
            return store.all(tenant).stream()
                    .filter(t -> t.webhook().events().contains(facts.type()))
                    .map(t -> enqueue(tenant, t.webhook().id(), eventId, facts.type(), body))
                    .toList();
        });
    }

    /** One webhook gets a delivery of the event whatever it subscribed to (an automation rule's WEBHOOK action). */
    public List<UUID> toWebhook(TenantId tenant, WebhookId webhook, EventFacts facts) {
        return tenants.within(tenant, () -> store.find(tenant, webhook)
                .map(t -> {
                    UUID eventId = UUID.randomUUID();
                    return List.of(enqueue(tenant, webhook, eventId, facts.type(), WebhookBodies.body(eventId, facts)));
                })
                .orElse(List.of()));
    }

    /** A new try of an existing delivery (replay, WH-20): PENDING again, and new outbox work. */
    public boolean replay(TenantId tenant, UUID delivery) {
        if (!store.setStatus(tenant, delivery, "PENDING", clock.instant())) {
            return false;
        }
        outbox.enqueue(tenant, WebhookHandler.KIND, delivery.toString());
        return true;
    }

    private UUID enqueue(TenantId tenant, WebhookId webhook, UUID eventId, String type, String body) {
        UUID delivery = UUID.randomUUID();
        store.insertDelivery(tenant, delivery, webhook, eventId, type, body, clock.instant());
        outbox.enqueue(tenant, WebhookHandler.KIND, delivery.toString());
        return delivery;
    }
}
