package io.coffer.api.accessrequests;

import io.coffer.sharelinks.AccessRequests;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Access requests as the link's managers see them (docs/features/sharelinks.md, AR-1..AR-7). */
public final class AccessRequestDtos {

    private AccessRequestDtos() {
    }

    @Schema(name = "AccessRequest")
    @JsonbPropertyOrder({"id", "linkId", "email", "message", "status", "createdAt", "decidedAt"})
    public record View(@Schema(required = true, format = "uuid", maxLength = 36) String id,
                       @Schema(required = true, format = "uuid", maxLength = 36) String linkId,
                       @Schema(required = true, format = "email", maxLength = 254) String email,
                       @Schema(required = true, nullable = true, maxLength = 2000) String message,
                       @Schema(required = true, enumeration = {"PENDING", "APPROVED", "DENIED"}, maxLength = 8)
                       String status,
                       @Schema(required = true) Instant createdAt,
                       @Schema(required = true, nullable = true) Instant decidedAt) {
        public static View of(AccessRequests.Request r) {
            return new View(r.id().toString(), r.linkId().toString(), r.email(), r.message(), r.status(),
                    r.createdAt(), r.decidedAt());
        }
    }

    @Schema(name = "AccessRequestList")
    @JsonbPropertyOrder({"items", "nextCursor"})
    public record Page(@Schema(required = true, maxItems = 1000, description = "Newest first, at most 1,000.")
                       List<View> items,
                       @Schema(required = true, nullable = true, maxLength = 64, description = "Always null: one"
                               + " page.") String nextCursor) {
    }
}
