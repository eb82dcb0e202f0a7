package io.coffer.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of the audit log as its readers see it (contract: "Activity, automation, audit"). {@code actorId} is a
 * user id, a visitor session id (never an email) or null; text values are already encoded ({@link AuditText}).
 * {@code actorLabel} names a member actor as they are named now (read at listing time, never part of the chain, so
 * that renaming or erasing never touches an entry); null for visitors (AUD-7) and for ids of no member.
 */
public record AuditEntry(UUID id, long seq, Instant at, String actorType, UUID actorId, String action,
                         String objectType, UUID objectId, String outcome, String clientAddress, String actorLabel) {

    public AuditEntry labelled(String label) {
        String text = AuditText.encode(label);
        return new AuditEntry(id, seq, at, actorType, actorId, action, objectType, objectId, outcome, clientAddress,
                text == null || text.length() <= 200 ? text : text.substring(0, 199) + "…");
    }
}
