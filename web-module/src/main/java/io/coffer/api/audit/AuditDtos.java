package io.coffer.api.audit;

import io.coffer.audit.AuditEntry;
import io.coffer.audit.AuditLog;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Answer bodies of the audit log (contract: "Activity, automation, audit"). */
public final class AuditDtos {
    private AuditDtos() {
    }

    @Schema(name = "AuditActor")
    public record Actor(@Schema(required = true, enumeration = {"USER", "VISITOR", "SYSTEM"}) String type,
                        @Schema(required = true, nullable = true, format = "uuid",
                                description = "A user id or a visitor session id (never an email); null when unknown.")
                        String id,
                        @Schema(nullable = true, maxLength = 200) String label) {
    }

    @Schema(name = "AuditEntry")
    public record Entry(@Schema(required = true, format = "uuid") String id,
                        @Schema(required = true) Instant at,
                        @Schema(required = true) Actor actor,
                        @Schema(required = true, maxLength = 100,
                                description = "The event type; access.denied for refusals.") String action,
                        @Schema(required = true, nullable = true, maxLength = 50) String objectType,
                        @Schema(required = true, nullable = true, format = "uuid") String objectId,
                        @Schema(required = true, enumeration = {"ALLOWED", "DENIED"}) String outcome,
                        @Schema(required = true, nullable = true, maxLength = 200) String clientAddress) {
        static Entry of(AuditEntry e) {
            return new Entry(e.id().toString(), e.at(), new Actor(e.actorType(),
                    e.actorId() == null ? null : e.actorId().toString(), e.actorLabel()), e.action(), e.objectType(),
                    e.objectId() == null ? null : e.objectId().toString(), e.outcome(), e.clientAddress());
        }
    }

    @Schema(name = "AuditPage")
    @JsonbPropertyOrder({"items", "nextCursor"})
    public record Page(@Schema(required = true, maxItems = 200) List<Entry> items,
                       @Schema(required = true, nullable = true, maxLength = 20,
                               description = "Pass as ?cursor= for the next page.") String nextCursor) {
    }

    @Schema(name = "AuditVerification")
    public record Verification(@Schema(required = true) boolean ok,
                               @Schema(required = true, minimum = "0") long entries,
                               @Schema(nullable = true, format = "uuid",
                                       description = "The first entry whose hash or link does not hold.")
                               String firstBrokenId) {
        static Verification of(AuditLog.Verification v) {
            return new Verification(v.ok(), v.entries(), v.firstBrokenId() == null ? null
                    : v.firstBrokenId().toString());
        }
    }
}
