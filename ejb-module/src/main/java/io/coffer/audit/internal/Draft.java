package io.coffer.audit.internal;

import java.time.Instant;
import java.util.UUID;

/** An entry before the chain numbers and hashes it. */
public record Draft(Instant at, String actorType, UUID actorId, String action, String objectType, UUID objectId,
                    String outcome, String clientAddress) {

    static Draft allowed(Instant at, String actorType, UUID actorId, String action, String objectType, UUID objectId,
                         String clientAddress) {
        return new Draft(at, actorType, actorId, action, objectType, objectId, "ALLOWED", clientAddress);
    }

    static Draft denied(Instant at, String actorType, UUID actorId, String action, String objectType, UUID objectId,
                        String clientAddress) {
        return new Draft(at, actorType, actorId, action, objectType, objectId, "DENIED", clientAddress);
    }
}
