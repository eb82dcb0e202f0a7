package io.coffer.automation.internal;

import io.coffer.events.EventFacts;
import io.coffer.shared.TenantId;
import java.util.UUID;

/**
 * The one call a WEBHOOK action needs of the webhooks module: deliver this event to that webhook of the tenant
 * (signed, retried and dead-lettered by webhooks). Throws when it cannot be handed over; the rule is then tried again.
 */
public interface WebhookAction {
    void deliver(TenantId tenant, UUID webhookId, EventFacts facts);
}
