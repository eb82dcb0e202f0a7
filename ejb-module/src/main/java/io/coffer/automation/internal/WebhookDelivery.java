package io.coffer.automation.internal;

import io.coffer.events.EventFacts;
import io.coffer.shared.TenantId;
import io.coffer.webhooks.WebhookId;
import io.coffer.webhooks.Webhooks;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * A WEBHOOK action: the event is handed to the webhooks module for that one webhook of the tenant (AUTO-26), which
 * signs, retries and dead-letters it like a subscription's delivery (docs/features/webhooks.md). A webhook deleted
 * after the rule was written is no delivery: the rule fails with that reason and is tried again by the outbox.
 */
@ApplicationScoped
public class WebhookDelivery implements WebhookAction {

    @EJB
    Webhooks webhooks;

    @Override
    public void deliver(TenantId tenant, UUID webhookId, EventFacts facts) {
        if (webhooks.deliverTo(tenant, new WebhookId(webhookId), facts).isEmpty()) {
            throw new IllegalStateException("webhook " + webhookId + " is gone: nothing delivered");
        }
    }
}
