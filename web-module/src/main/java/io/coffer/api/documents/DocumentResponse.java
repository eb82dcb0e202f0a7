package io.coffer.api.documents;

import io.coffer.documents.DocumentView;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A document with its newest version's facts and every version. */
@Schema(name = "Document")
public record DocumentResponse(
        @Schema(required = true, format = "uuid") String id,
        @Schema(required = true) String name,
        @Schema(nullable = true, format = "uuid") String folderId,
        @Schema(required = true) long size,
        @Schema(required = true,
                description = "lowercase hex", pattern = "^[0-9a-f]{64}$", maxLength = 64) String sha256,
        @Schema(required = true, description = "detected from the bytes", maxLength = 255,
                pattern = "^[\\w.+-]+/[\\w.+-]+.*$") String contentType,
        @Schema(nullable = true) Integer pageCount,
        @Schema(required = true) int version,
        @Schema(required = true) List<VersionResponse> versions,
        @Schema(required = true, enumeration = {"SCANNING", "READY", "QUARANTINED"},
                description = "the newest version's virus scan: only READY is served (SCANNING: no verdict yet)")
        String status) {

    /** A PATCH of a document: rename and/or move (an absent field stays as it is). */
    @Schema(name = "DocumentPatch")
    public record Patch(@Schema(maxLength = 255) String name,
                        @Schema(nullable = true, format = "uuid", description = "null: to the room's top")
                        String folderId) {
    }

    @Schema(name = "DocumentVersion")
    public record VersionResponse(@Schema(required = true) int version, @Schema(required = true) long size,
                                  @Schema(required = true, pattern = "^[0-9a-f]{64}$", maxLength = 64) String sha256,
                                  @Schema(required = true, maxLength = 255, pattern = "^[\\w.+-]+/[\\w.+-]+.*$")
                                  String contentType,
                                  @Schema(required = true) Instant createdAt,
                                  @Schema(required = true, enumeration = {"SCANNING", "READY", "QUARANTINED"})
                                  String status) {
    }

    public static DocumentResponse of(DocumentView d) {
        return new DocumentResponse(d.id().toString(), d.name(), d.folderId() == null ? null : d.folderId().toString(),
                d.size(), d.sha256(), d.contentType(), d.pageCount(), d.version(), d.versions().stream()
                .map(v -> new VersionResponse(v.version(), v.size(), v.sha256(), v.contentType(), v.createdAt(),
                        v.status().name()))
                .toList(), d.status().name());
    }
}
