package io.coffer.filerequests;

import io.coffer.datarooms.Folders;
import io.coffer.datarooms.Permission;
import io.coffer.datarooms.Permissions;
import io.coffer.filerequests.internal.FileRequestRows;
import io.coffer.filerequests.internal.Limits;
import io.coffer.identity.CallerCheck;
import io.coffer.platform.CofferSettings;
import io.coffer.platform.PasswordHashing;
import io.coffer.shared.FolderId;
import io.coffer.shared.RoomId;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.ValidationException;
import io.coffer.tenancy.OneTimeSecrets;
import io.coffer.tenancy.SecretKind;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The members' side of file requests (FR-1, FR-2, FR-12): create, list, read, change and delete the upload links of
 * a room's folder. Every call needs UPLOAD where the request puts files (the folder, or the room for its top); the
 * token is shown once, at creation; deleting ends it at once (its {@code token_index} entry expires with the row).
 */
@Stateless
@PermitAll
public class FileRequests {

    public static final int MAX_NAME = 200;
    public static final int MAX_PASSWORD = 200;

    @EJB
    Permissions permissions;

    @EJB
    Folders folders;

    @EJB
    CallerCheck callers;

    @Inject
    FileRequestRows rows;

    @Inject
    OneTimeSecrets secrets;

    @Inject
    PasswordHashing hashing;

    @Inject
    CofferSettings settings;

    @Inject
    Clock clock;

    /** The outsiders' address of a request: {@code <public url>/r/<token>} (the SPA's upload page). */
    public String url(String token) {
        return settings.publicUrl() + "/r/" + token;
    }

    public FileRequest.Created create(RoomId room, FileRequestSettings s) {
        requireUpload(room, s.folderId());
        Instant now = clock.instant();
        OneTimeSecrets.Issued token = secrets.issue(SecretKind.FILE_REQUEST, null);
        FileRequestRows.Row row = new FileRequestRows.Row(UUID.randomUUID(), token.hash(), room.value(), s.folderId(),
                name(s.name()), future(s.expiresAt(), now), maxBytes(s.maxFileBytes()), Limits.clean(s.allowedTypes()),
                Boolean.TRUE.equals(s.requireEmail()), password(s.password()), maxFiles(s.maxFiles()), 0,
                callers.current().user().value(), now);
        rows.insert(row);
        return new FileRequest.Created(row.view(), token.secret());
    }

    /** The room's requests the caller may manage (UPLOAD where each puts files), oldest first. */
    public List<FileRequest> list(RoomId room) {
        permissions.requireSomewhere(room, Permission.VIEW);
        return rows.ofRoom(room.value()).stream().filter(r -> mayUpload(room, r.folder()))
                .map(FileRequestRows.Row::view).toList();
    }

    public FileRequest get(UUID id) {
        return managed(id, false).view();
    }

    /** The files a request received, newest first, with the email each sender gave. */
    public List<FileRequest.File> files(UUID id) {
        managed(id, false);
        return rows.files(id);
    }

    /** Changes the fields named in {@code present}; absent fields stay, {@code null} clears an optional one. */
    public FileRequest update(UUID id, FileRequestSettings s, Set<String> present) {
        FileRequestRows.Row r = managed(id, true);
        Instant now = clock.instant();
        UUID folder = r.folder();
        if (present.contains("folderId")) {
            requireUpload(new RoomId(r.room()), s.folderId());
            folder = s.folderId();
        }
        FileRequestRows.Row changed = new FileRequestRows.Row(r.id(), r.tokenHash(), r.room(), folder,
                present.contains("name") ? name(s.name()) : r.name(),
                present.contains("expiresAt") ? future(s.expiresAt(), now) : r.expiresAt(),
                present.contains("maxFileBytes") ? maxBytes(s.maxFileBytes()) : r.maxFileBytes(),
                present.contains("allowedTypes") ? Limits.clean(s.allowedTypes()) : r.allowedTypes(),
                present.contains("requireEmail") ? Boolean.TRUE.equals(s.requireEmail()) : r.requireEmail(),
                present.contains("password") ? password(s.password()) : r.passwordHash(),
                present.contains("maxFiles") ? maxFiles(s.maxFiles()) : r.maxFiles(), r.filesCount(), r.createdBy(),
                r.createdAt());
        if (changed.maxFiles() != null && changed.maxFiles() < r.filesCount()) {
            throw ValidationException.of("maxFiles", "must be at least the " + r.filesCount() + " files received");
        }
        rows.update(changed);
        return changed.view();
    }

    /** Deletes a request: its token answers 404 from now on (FR-12); the files it brought stay in the room. */
    public void delete(UUID id) {
        FileRequestRows.Row r = managed(id, true);
        rows.delete(id, clock.instant());
        secrets.revoke(List.of(r.tokenHash()));
    }

    private FileRequestRows.Row managed(UUID id, boolean lock) {
        FileRequestRows.Row r = rows.find(id, lock).orElseThrow(() -> new NotFoundException("no such file request"));
        if (!mayUpload(new RoomId(r.room()), r.folder())) {
            throw new NotFoundException("no such file request"); // as if missing to whoever may not upload there
        }
        return r;
    }

    private boolean mayUpload(RoomId room, UUID folder) {
        return folder == null ? permissions.can(room, Permission.UPLOAD)
                : permissions.can(new FolderId(folder), Permission.UPLOAD);
    }

    /** UPLOAD on the folder (one of this room's) or, for the room's top, on the room (FR-1). */
    private void requireUpload(RoomId room, UUID folder) {
        if (folder == null) {
            permissions.require(room, Permission.UPLOAD);
            return;
        }
        permissions.requireSomewhere(room, Permission.UPLOAD);
        if (!folders.get(new FolderId(folder)).roomId().equals(room)) {
            throw new NotFoundException("no such folder");
        }
        permissions.require(new FolderId(folder), Permission.UPLOAD);
    }

    private static String name(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME || n.chars().anyMatch(Character::isISOControl)) {
            throw ValidationException.of("name", "is required, at most " + MAX_NAME + " characters on one line");
        }
        return n;
    }

    private static Instant future(Instant expiresAt, Instant now) {
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ValidationException.of("expiresAt", "must lie in the future");
        }
        return expiresAt;
    }

    private Long maxBytes(Long max) {
        if (max == null) {
            return null;
        }
        if (max < 1 || max > settings.maxUploadBytes()) {
            throw ValidationException.of("maxFileBytes", "must be between 1 and the server's upload limit of "
                    + settings.maxUploadBytes() + " bytes");
        }
        return max;
    }

    private static Integer maxFiles(Integer max) {
        if (max != null && (max < 1 || max > 100_000)) {
            throw ValidationException.of("maxFiles", "must be between 1 and 100000");
        }
        return max;
    }

    private String password(String password) {
        if (password == null || password.isEmpty()) {
            return null;
        }
        if (password.length() > MAX_PASSWORD) {
            throw ValidationException.of("password", "must be at most " + MAX_PASSWORD + " characters");
        }
        return hashing.hash(password);
    }
}
