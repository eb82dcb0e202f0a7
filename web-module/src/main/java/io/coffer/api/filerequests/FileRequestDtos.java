package io.coffer.api.filerequests;

import io.coffer.api.JsonFields;
import io.coffer.filerequests.FileRequest;
import io.coffer.filerequests.FileRequestSettings;
import io.coffer.shared.error.ValidationException;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON of file requests. */
public final class FileRequestDtos {
    private FileRequestDtos() {
    }

    /** One entry of a request's type limit: a media type, a family or an extension. */
    @Schema(name = "FileRequestType", type = SchemaType.STRING, maxLength = 255,
            description = "application/pdf, image/* or .docx")
    public static final class Type {
        private Type() {
        }
    }

    private static final String TYPES = "media types (application/pdf), families (image/*) or extensions (.docx);"
            + " empty: any type";

    static final Set<String> FIELDS = Set.of("folderId", "name", "expiresAt", "maxFileBytes", "allowedTypes",
            "requireEmail", "password", "maxFiles");

    @Schema(name = "FileRequestRequest", description = "Create: folderId and name are required (folderId null: the"
            + " room's top). Update: only the fields sent change; null clears an optional one.")
    public record Request(@Schema(nullable = true, format = "uuid") String folderId,
                          @Schema(maxLength = 200) String name,
                          @Schema(nullable = true) Instant expiresAt,
                          @Schema(nullable = true, minimum = "1",
                                  description = "largest file in bytes; absent: the server's upload limit")
                          Long maxFileBytes,
                          @Schema(nullable = true, type = SchemaType.ARRAY, implementation = Type.class,
                                  maxItems = 100, description = TYPES)
                          List<String> allowedTypes,
                          @Schema(nullable = true) Boolean requireEmail,
                          @Schema(nullable = true, maxLength = 200, description = "write only") String password,
                          @Schema(nullable = true, minimum = "1") Integer maxFiles) {
    }

    @Schema(name = "FileRequest")
    public record View(@Schema(required = true, format = "uuid") String id,
                       @Schema(required = true, format = "uuid") String dataroomId,
                       @Schema(required = true, nullable = true, format = "uuid") String folderId,
                       @Schema(required = true) String name,
                       @Schema(nullable = true, description = "only in the answer to its creation: the outsiders'"
                               + " capability, shown once") String token,
                       @Schema(nullable = true, maxLength = 2048, format = "uri",
                               description = "<public url>/r/<token>, only at creation") String url,
                       @Schema(required = true, nullable = true) Instant expiresAt,
                       @Schema(required = true, nullable = true) Long maxFileBytes,
                       @Schema(required = true, type = SchemaType.ARRAY, implementation = Type.class,
                               maxItems = 100, description = TYPES) List<String> allowedTypes,
                       @Schema(required = true) boolean requireEmail,
                       @Schema(required = true) boolean hasPassword,
                       @Schema(required = true, nullable = true) Integer maxFiles,
                       @Schema(required = true) int filesCount,
                       @Schema(required = true, format = "uuid") String createdBy,
                       @Schema(required = true) Instant createdAt) {

        static View of(FileRequest r, String token, String url) {
            return new View(r.id().toString(), r.roomId().toString(), r.folderId() == null ? null
                    : r.folderId().toString(), r.name(), token, url, r.expiresAt(), r.maxFileBytes(), r.allowedTypes(),
                    r.requireEmail(), r.hasPassword(), r.maxFiles(), r.filesCount(), r.createdBy().toString(),
                    r.createdAt());
        }
    }

    @Schema(name = "FileRequestPage")
    public record Page(@Schema(required = true, maxItems = 1000, description = "Oldest first, at most 1,000.")
                       List<View> items) {
    }

    @Schema(name = "FileRequestFile")
    public record FileView(@Schema(required = true, format = "uuid") String id,
                           @Schema(required = true, format = "uuid") String documentId,
                           @Schema(required = true) String name, @Schema(required = true) long size,
                           @Schema(required = true, pattern = "^[0-9a-f]{64}$", maxLength = 64) String sha256,
                           @Schema(nullable = true, format = "email", maxLength = 254) String email,
                           @Schema(required = true) Instant receivedAt) {
        static FileView of(FileRequest.File f) {
            return new FileView(f.id().toString(), f.documentId().toString(), f.name(), f.size(), f.sha256(),
                    f.email(), f.receivedAt());
        }
    }

    @Schema(name = "FileRequestFilePage")
    public record FilePage(@Schema(required = true, maxItems = 1000, description = "Newest first, at most 1,000.")
                           List<FileView> items) {
    }

    @Schema(name = "FileRequestIntro", description = "What an outsider is told before sending a file")
    public record Intro(@Schema(required = true) String name, @Schema(required = true, nullable = true) Instant expiresAt,
                        @Schema(required = true, description = "the largest file taken, in bytes") long maxFileBytes,
                        @Schema(required = true, type = SchemaType.ARRAY, implementation = Type.class,
                                maxItems = 100, description = TYPES) List<String> allowedTypes,
                        @Schema(required = true) boolean requireEmail, @Schema(required = true) boolean hasPassword,
                        @Schema(required = true, nullable = true) Integer maxFiles,
                        @Schema(required = true, nullable = true) Integer filesLeft,
                        @Schema(required = true) boolean open) {
        static Intro of(FileRequest.Intro i) {
            return new Intro(i.name(), i.expiresAt(), i.maxFileBytes(), i.allowedTypes(), i.requireEmail(),
                    i.hasPassword(), i.maxFiles(), i.filesLeft(), i.open());
        }
    }

    @Schema(name = "FileRequestReceived")
    public record Received(@Schema(required = true, format = "uuid") String id, @Schema(required = true) String name,
                           @Schema(required = true) long size,
                           @Schema(required = true, pattern = "^[0-9a-f]{64}$", maxLength = 64) String sha256,
                           @Schema(required = true, enumeration = {"SCANNING", "READY", "QUARANTINED"},
                                   description = "SCANNING until the virus scanner's verdict") String status) {
        static Received of(FileRequest.Received r) {
            return new Received(r.id().toString(), r.name(), r.size(), r.sha256(), r.status());
        }
    }

    /** The settings of a JSON body; unknown fields are a 400. */
    static FileRequestSettings read(JsonObject o) {
        for (String key : o.keySet()) {
            if (!FIELDS.contains(key)) {
                throw ValidationException.of(key, "is not a field of this object");
            }
        }
        String folder = JsonFields.string(o, "folderId", "folderId");
        UUID folderId;
        try {
            folderId = folder == null ? null : UUID.fromString(folder);
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("folderId", "must be a UUID or null");
        }
        return new FileRequestSettings(folderId, JsonFields.string(o, "name", "name"),
                JsonFields.instant(o, "expiresAt"), JsonFields.longValue(o, "maxFileBytes"),
                JsonFields.strings(o, "allowedTypes"), JsonFields.bool(o, "requireEmail", "requireEmail"),
                JsonFields.string(o, "password", "password"), JsonFields.integer(o, "maxFiles"));
    }
}
