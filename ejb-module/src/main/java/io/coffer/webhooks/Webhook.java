package io.coffer.webhooks;

import java.time.Instant;
import java.util.List;

/** A subscription as listed: never its secret (WH-4). */
public record Webhook(WebhookId id, String url, List<String> events, Instant createdAt) {

    /** A created subscription: {@code secret} is shown this once. */
    public record Created(Webhook webhook, String secret) {
        @Override
        public String toString() {
            return "Webhook.Created[" + webhook.id() + "]";
        }
    }

    /**
     * One delivery of one event to one subscription: {@code PENDING} (not tried yet, or replayed), {@code DELIVERED},
     * {@code FAILED} (the last try failed; another follows), {@code DEAD} (the last try failed: no more).
     */
    public record Delivery(java.util.UUID id, WebhookId webhookId, java.util.UUID eventId, String eventType,
                           String status, int attempts, Integer lastStatusCode, String lastError, Instant createdAt,
                           Instant updatedAt, Instant deliveredAt) {
    }
}
