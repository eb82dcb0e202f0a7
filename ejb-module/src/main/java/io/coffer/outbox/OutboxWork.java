package io.coffer.outbox;

import io.coffer.shared.TenantId;
import java.time.Instant;
import java.util.UUID;

/** One piece of outbox work as its handler sees it: {@code payload} in clear (it is sealed at rest), try number from 1. */
public record OutboxWork(UUID id, TenantId tenant, String kind, String payload, int attempt, Instant enqueuedAt) {
}
