package io.coffer.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the audit log as its readers see it (contract: "Activity, automation, audit"). {@code actorId} is a
 * user id, a visitor session id (never an email) or null; text values are already encoded ({@link AuditText}).
 */
public record AuditEntry(UUID id, long seq, Instant at, String actorType, UUID actorId, String action,
                         String objectType, UUID objectId, String outcome, String clientAddress) {
}
