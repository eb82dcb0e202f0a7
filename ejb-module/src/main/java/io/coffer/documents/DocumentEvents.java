package io.coffer.documents;

import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import java.time.Instant;
import java.util.UUID;

/** Events of the documents module besides {@link DocumentUploaded}. */
public final class DocumentEvents {
    private DocumentEvents() {
    }

    /** {@code document.version-added}. */
    public record VersionAdded(TenantId tenant, UUID document, int version, long size, UserId actor, Instant at) {
    }

    /**
     * {@code document.downloaded}: the bytes of a version were served to a member, directly ({@code API}) or through a
     * single-use ticket ({@code TICKET}; the actor is the ticket's creator). A {@code HEAD}, a 304 and a range that
     * does not start at the first byte (a resumed or seeking read) are not downloads.
     */
    public record Downloaded(TenantId tenant, UUID document, int version, String sha256, UserId actor, String via,
                             Instant at) {
    }

    /** {@code document.purged}: a trashed document's 30 days are over; its versions and the item are gone for good. */
    public record Purged(TenantId tenant, UUID document, long bytes, Instant at) {
    }

    /** {@code document.deleted} (moved to the trash). */
    public record Deleted(TenantId tenant, UUID document, UserId actor, Instant at) {
    }
}
