package io.coffer.audit;

import java.time.Instant;
import java.util.UUID;

/** The filters of {@code GET /audit} and its export; each null means "any". */
public record AuditFilter(Instant from, Instant to, UUID actor, String action) {
}
