package io.coffer.automation.internal;

import io.coffer.events.EventFacts;
import io.coffer.shared.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The {@link WebhookAction} until the webhooks module's face is wired in: a WEBHOOK rule does not act and says why
 * (AUTO-26), it never reports a delivery that did not happen.
 */
@ApplicationScoped
public class WebhooksNotInstalled implements WebhookAction {
    @Override
    public void deliver(TenantId tenant, UUID webhookId, EventFacts facts) {
        throw new IllegalStateException("webhook " + webhookId + " not called: webhook delivery is not available in"
                + " this build");
    }
}
