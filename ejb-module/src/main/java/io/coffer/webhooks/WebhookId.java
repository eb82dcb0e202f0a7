package io.coffer.webhooks;

import java.util.Objects;
import java.util.UUID;

/** A webhook subscription's id. */
public record WebhookId(UUID value) {
    public WebhookId {
        Objects.requireNonNull(value);
    }

    public static WebhookId of(String value) {
        return new WebhookId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
