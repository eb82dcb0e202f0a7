package io.coffer.filerequests;

import io.coffer.shared.DocumentId;
import io.coffer.shared.RoomId;
import io.coffer.shared.TenantId;
import java.time.Instant;
import java.util.UUID;

/** The events file requests publishes ({@link FileRequestEvent}); ids only, past tense. */
public final class FileRequestEvents {
    private FileRequestEvents() {
    }

    /**
     * {@code file-request.uploaded}: an outsider's file arrived (FR-3) as {@code document}, SCANNING until its verdict;
     * {@code email} is the one its sender gave (null when the request asks none).
     */
    public record Uploaded(TenantId tenant, RoomId room, UUID request, DocumentId document, String name, long size,
                           String email, String clientAddress, Instant at) implements FileRequestEvent {
        @Override
        public String type() {
            return "file-request.uploaded";
        }
    }
}
