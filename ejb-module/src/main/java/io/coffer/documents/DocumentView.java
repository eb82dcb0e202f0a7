package io.coffer.documents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A document and its versions (newest first); {@code version} is the newest, the one every link
 * serves; {@code status} is its virus-scan verdict (only READY is served, FR-9). */
public record DocumentView(UUID id, UUID roomId, UUID folderId, String name, long size, String sha256,
                           String contentType, Integer pageCount, int version, List<Version> versions,
                           ScanStatus status) {

    /** One stored version and its virus-scan verdict. */
    public record Version(int version, long size, String sha256, String contentType, Instant createdAt,
                          ScanStatus status) {
    }
}
