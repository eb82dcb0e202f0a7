package io.coffer.api.webhooks;

import io.coffer.webhooks.Webhook;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON of webhooks and their deliveries. */
public final class WebhookDtos {

    private WebhookDtos() {
    }

    /** An event type a webhook may subscribe to: the contract's list (Webhooks.EVENT_TYPES, WH-3). */
    @Schema(name = "WebhookEventType", type = SchemaType.STRING, maxLength = 100, enumeration = {"user.created",
        "user.invited", "auth.login.succeeded", "auth.login.failed", "auth.password-reset.requested",
        "auth.password-reset.completed", "dataroom.created", "document.uploaded", "document.version-added",
        "document.deleted", "grant.changed", "share-link.created", "share-link.updated", "share-link.revoked",
        "link.opened", "link.access-denied", "document.viewed", "document.downloaded", "nda.accepted",
        "file-request.uploaded", "document.quarantined", "question.asked", "question.answered", "access.requested",
        "mfa.enabled", "mfa.disabled", "auth.sso.login", "privacy.erased"})
    public static final class EventType {
        private EventType() {
        }
    }

    @Schema(name = "WebhookRequest")
    public record WebhookRequest(@Schema(required = true, maxLength = 2048, format = "uri") String url,
                                 @Schema(required = true, type = SchemaType.ARRAY, implementation = EventType.class,
                                         maxItems = 50, description = "Event types (the contract's list)")
                                 List<String> events,
                                 @Schema(nullable = true, minLength = 16, maxLength = 200,
                                         description = "Signing secret; generated when absent") String secret) {
    }

    @Schema(name = "Webhook")
    public record WebhookView(@Schema(required = true, format = "uuid") String id,
                              @Schema(required = true, maxLength = 2048) String url,
                              @Schema(required = true, type = SchemaType.ARRAY, implementation = EventType.class,
                                      maxItems = 50) List<String> events,
                              @Schema(nullable = true, maxLength = 200, description = "The signing secret: in the"
                                      + " creation's answer only") String secret,
                              @Schema(required = true) Instant createdAt)
        implements io.coffer.api.security.CarriesSecret {
        static WebhookView of(Webhook w, String secret) {
            return new WebhookView(w.id().toString(), w.url(), w.events(), secret, w.createdAt());
        }
    }

    @Schema(name = "WebhookPage")
    public record WebhookPage(@Schema(required = true, maxItems = 200) List<WebhookView> items,
                              @Schema(required = true, nullable = true, maxLength = 64) String nextCursor) {
    }

    @Schema(name = "WebhookDelivery")
    public record DeliveryView(@Schema(required = true, format = "uuid") String id,
                               @Schema(required = true, format = "uuid") String webhookId,
                               @Schema(required = true, format = "uuid") String eventId,
                               @Schema(required = true, maxLength = 100) String eventType,
                               @Schema(required = true, enumeration = {"PENDING", "DELIVERED", "FAILED", "DEAD"})
                               String status,
                               @Schema(required = true) int attempts,
                               @Schema(nullable = true) Integer lastStatusCode,
                               @Schema(nullable = true, maxLength = 500) String lastError,
                               @Schema(required = true) Instant createdAt,
                               @Schema(required = true) Instant updatedAt,
                               @Schema(nullable = true) Instant deliveredAt) {
        static DeliveryView of(Webhook.Delivery d) {
            return new DeliveryView(d.id().toString(), d.webhookId().toString(), d.eventId().toString(),
                    d.eventType(), d.status(), d.attempts(), d.lastStatusCode(), d.lastError(), d.createdAt(),
                    d.updatedAt(), d.deliveredAt());
        }
    }

    @Schema(name = "WebhookDeliveryPage")
    public record DeliveryPage(@Schema(required = true, maxItems = 200) List<DeliveryView> items,
                               @Schema(required = true, nullable = true, maxLength = 80) String nextCursor) {
    }
}
