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

    /** {@code document.deleted} (moved to the trash). */
    public record Deleted(TenantId tenant, UUID document, UserId actor, Instant at) {
    }
}
