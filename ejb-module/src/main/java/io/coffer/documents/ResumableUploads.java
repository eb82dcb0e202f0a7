package io.coffer.documents;

import io.coffer.datarooms.Names;
import io.coffer.documents.internal.PartialFiles;
import io.coffer.documents.internal.ResumableUploadEntity;
import io.coffer.identity.CallerCheck;
import io.coffer.identity.CurrentCaller;
import io.coffer.shared.TenantId;
import io.coffer.shared.error.CofferException;
import io.coffer.shared.error.ConflictException;
import io.coffer.shared.error.GoneException;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.PayloadTooLargeException;
import io.coffer.shared.error.ValidationException;
import io.coffer.tenancy.TenantScope;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resumable uploads (tus 1.0, DOC-60..DOC-67): created with the plain upload's rules checked before any byte is
 * accepted, appended to a partial file under {@code COFFER_HOME} whose durable length is the offset, and finished
 * through {@link Uploads} (the one pipeline that stores, hashes, detects, charges the quota and records). Only the
 * user who created an upload sees it; another user, or another tenant, gets 404.
 */
@ApplicationScoped
public class ResumableUploads {

    /** How long an unfinished upload lives after its creation (tus expiration). */
    public static final Duration LIFETIME = Duration.ofHours(24);
    /** Bytes written between two {@code force} calls: at most this much is re-sent after a crash. */
    static final long FORCE_EVERY = 16L * 1024 * 1024;
    private static final int BUFFER = 256 * 1024;

    /** Uploads being appended to on this instance: a second PATCH at the same time is refused (409). */
    private final Set<UUID> busy = ConcurrentHashMap.newKeySet();

    @EJB
    Documents documents;

    @Inject
    Uploads uploads;

    @EJB
    CallerCheck callers;

    @EJB
    TenantScope tenancy;

    @Inject
    PartialFiles partials;

    @Inject
    Clock clock;

    /** What a client learns of an upload: its offset (durably received), declared length and expiry. */
    public record State(UUID id, long offset, long length, Instant expiresAt) {
    }

    /** The result of a PATCH: the new state, and the document once the last byte arrived. */
    public record Appended(State state, Optional<UUID> documentId) {
    }

    /**
     * Creates an upload of {@code length} bytes (DOC-62): {@code documentId} for a new version, else {@code dataroomId},
     * {@code folderId?} and {@code name} for a new document. Permission, name, size and quota are those of the plain
     * upload, checked here before anything is accepted.
     */
    public State create(Map<String, String> metadata, long length) {
        if (length < 0) {
            throw ValidationException.of("Upload-Length", "must be a non-negative integer");
        }
        UUID documentId = uuid(metadata, "documentId");
        UUID roomId = uuid(metadata, "dataroomId");
        UUID folderId = uuid(metadata, "folderId");
        String name = metadata.get("name");
        TenantId tenant;
        if (documentId != null) {
            if (roomId != null || folderId != null || name != null) {
                throw ValidationException.of("Upload-Metadata",
                        "documentId (a new version) goes without dataroomId, folderId and name");
            }
            tenant = documents.prepareVersion(documentId, length);
        } else {
            if (roomId == null) {
                throw ValidationException.of("Upload-Metadata", "dataroomId (or documentId) is required");
            }
            tenant = documents.prepareUpload(roomId, folderId, length);
            Names.clean(name, "name");
        }
        uploads.refuseOverLimit(length);
        CurrentCaller caller = callers.current();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Instant expires = now.plus(LIFETIME);
        try {
            partials.create(tenant, id);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the partial upload", e);
        }
        try {
            tenancy.call(tenant, () -> {
                partials.add(new ResumableUploadEntity(id, caller.user().value(), roomId, folderId, documentId, name,
                        length, now, expires));
                return null;
            });
        } catch (RuntimeException e) {
            partials.delete(tenant, id);
            throw e;
        }
        return new State(id, 0, length, expires);
    }

    /** The state of one of the caller's own uploads (HEAD); 404 for anyone else's, 410 once expired. */
    public State state(UUID id) {
        Owned owned = owned(id);
        return new State(id, offset(owned), owned.row.length(), owned.row.expiresAt());
    }

    /**
     * Appends the bytes of a PATCH at {@code offset} (DOC-63): the offset must be the server's (else 409), bytes past
     * the declared length are refused (413, nothing of this PATCH kept). What was written is forced to disk before the
     * new offset is answered, and also when the body breaks off, so that a resumed upload starts where the bytes are
     * durable. When the last byte is in, the upload is finished through {@link Uploads} (DOC-64).
     */
    public Appended append(UUID id, long offset, long declaredBytes, InputStream body) {
        Owned owned = owned(id);
        long length = owned.row.length();
        if (!busy.add(id)) {
            throw new ConflictException("Another request is appending to this upload; retry with HEAD.");
        }
        try {
            long current = offset(owned);
            if (offset != current) {
                throw new ConflictException("Upload-Offset " + offset + " is not the upload's offset " + current
                        + "; ask with HEAD.");
            }
            if (declaredBytes >= 0 && offset + declaredBytes > length) {
                throw new PayloadTooLargeException(length);
            }
            long written = write(owned.file, offset, length - offset, body);
            long now = offset + written;
            State state = new State(id, now, length, owned.row.expiresAt());
            if (now < length) {
                return new Appended(state, Optional.empty());
            }
            return new Appended(state, Optional.of(finish(owned)));
        } finally {
            busy.remove(id);
        }
    }

    /** Removes one of the caller's uploads and its bytes (tus termination, DOC-65). */
    public void terminate(UUID id) {
        Owned owned = owned(id, true);
        tenancy.call(owned.tenant, () -> {
            partials.remove(id);
            return null;
        });
        partials.delete(owned.tenant, id);
    }

    private UUID finish(Owned owned) {
        ResumableUploadEntity row = owned.row;
        DocumentView done;
        try (InputStream in = Files.newInputStream(owned.file)) {
            UploadBody body = UploadBody.raw(in, row.length());
            done = row.documentId() != null ? uploads.addVersion(row.documentId(), body, null)
                    : uploads.upload(row.roomId(), row.folderId(), row.name(), body, null);
        } catch (CofferException refused) {
            // refused by the upload path (permission gone, quota full, ...): nothing was recorded, and the same
            // bytes would be refused again, so the upload goes
            discard(owned);
            throw refused;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the partial upload", e);
        }
        discard(owned);
        return done.id();
    }

    private void discard(Owned owned) {
        tenancy.call(owned.tenant, () -> {
            partials.remove(owned.row.id());
            return null;
        });
        partials.delete(owned.tenant, owned.row.id());
    }

    /** Writes at most {@code room} bytes of {@code body} at {@code offset}; one byte more → 413, the PATCH undone. */
    private static long write(Path file, long offset, long room, InputStream body) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.position(offset);
            byte[] buffer = new byte[BUFFER];
            long written = 0;
            long unforced = 0;
            try {
                while (true) {
                    int n = body.read(buffer, 0, (int) Math.min(buffer.length, room - written + 1));
                    if (n < 0) {
                        break;
                    }
                    if (written + n > room) {
                        channel.truncate(offset);
                        channel.force(true);
                        throw new PayloadTooLargeException(offset + room);
                    }
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        channel.write(chunk);
                    }
                    written += n;
                    unforced += n;
                    if (unforced >= FORCE_EVERY) {
                        channel.force(false);
                        unforced = 0;
                    }
                }
            } finally {
                channel.force(true); // what is answered (or found by HEAD after a break) is on disk
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("upload interrupted", e);
        }
    }

    private record Owned(TenantId tenant, ResumableUploadEntity row, Path file) {
    }

    private Owned owned(UUID id) {
        return owned(id, false);
    }

    private Owned owned(UUID id, boolean expiredToo) {
        CurrentCaller caller = callers.current();
        TenantId tenant = caller.tenant();
        ResumableUploadEntity row = tenancy.call(tenant, () -> partials.find(id))
                .filter(r -> r.createdBy().equals(caller.user().value()))
                .orElseThrow(() -> new NotFoundException("No such upload."));
        Path file = partials.file(tenant, id);
        if (!Files.exists(file)) {
            throw new NotFoundException("No such upload."); // another instance's partial bytes (see issue 15)
        }
        if (!expiredToo && !row.expiresAt().isAfter(clock.instant())) {
            throw new GoneException("This upload expired; start a new one.");
        }
        return new Owned(tenant, row, file);
    }

    private static long offset(Owned owned) {
        try {
            return Files.size(owned.file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UUID uuid(Map<String, String> metadata, String key) {
        String value = metadata.get(key);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("Upload-Metadata", key + " must be a UUID");
        }
    }
}
