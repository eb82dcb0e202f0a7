package io.coffer.documents;

import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import java.time.Instant;
import java.util.UUID;

/** {@code document.uploaded}. */
public record DocumentUploaded(TenantId tenant, UUID room, UUID document, int version, long size, UserId actor,
                               Instant at) {
}
