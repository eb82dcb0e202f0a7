package io.coffer.filerequests.internal;

import io.coffer.datarooms.Holder;
import io.coffer.datarooms.Names;
import io.coffer.documents.Documents;
import io.coffer.documents.Uploads;
import io.coffer.filerequests.FileRequest;
import io.coffer.filerequests.FileRequestEvent;
import io.coffer.filerequests.FileRequestEvents;
import io.coffer.platform.CofferSettings;
import io.coffer.platform.PasswordHashing;
import io.coffer.platform.Throttling;
import io.coffer.platform.ThrottlingGate;
import io.coffer.shared.Emails;
import io.coffer.shared.FolderId;
import io.coffer.shared.RoomId;
import io.coffer.shared.Secrets;
import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import io.coffer.shared.error.CredentialsRequiredException;
import io.coffer.shared.error.GoneException;
import io.coffer.shared.error.NotFoundException;
import io.coffer.shared.error.PayloadTooLargeException;
import io.coffer.shared.error.UnavailableException;
import io.coffer.shared.error.UnsupportedTypeException;
import io.coffer.tenancy.SecretKind;
import io.coffer.tenancy.TenantOfSecret;
import io.coffer.tenancy.TenantScope;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An outsider's way in, by the request's token (FR-2..FR-6, FR-13): what the request says of itself; every limit
 * before a byte of the body is read ({@link #admit}); and, once the body is stored, the file recorded in one tenant
 * transaction with its place taken ({@link #record}). Unknown and deleted tokens are one 404.
 */
@Stateless
@PermitAll
public class Intake {

    /** Wrong passwords per request in the throttle's window. */
    public static final int PASSWORD_FAILURES = 10;

    /** What {@link #admit} let through: enough to store the body and record it. */
    public record Admission(TenantId tenant, UUID request, RoomId room, FolderId folder, UserId creator, String name,
                            String email, long maxBytes, List<String> allowedTypes) {
    }

    /** A file recorded: what its sender is told, and the document it became. */
    public record Recorded(FileRequest.Received view, Documents.Received document) {
    }

    @Inject
    FileRequestRows rows;

    @EJB
    Documents documents;

    @Inject
    Uploads uploads;

    @EJB
    TenantScope tenancy;

    @EJB
    ThrottlingGate throttle;

    @Inject
    PasswordHashing hashing;

    @Inject
    CofferSettings settings;

    @Inject
    Event<FileRequestEvent> events;

    @Inject
    Clock clock;

    /** FR-2: the request's limits, for the page an outsider sees; 410 once it expired or is full. */
    @TenantOfSecret(SecretKind.FILE_REQUEST)
    public FileRequest.Intro intro(String token) {
        FileRequestRows.Row r = open(token);
        return new FileRequest.Intro(r.name(), r.expiresAt(), maxBytes(r), r.allowedTypes(), r.requireEmail(),
                r.passwordHash() != null, r.maxFiles(), r.maxFiles() == null ? null : r.maxFiles() - r.filesCount(),
                true);
    }

    /**
     * FR-4..FR-6, FR-13: before the body — the request is open, a scanner can take the file, the email and password
     * are given (401 {@code credentials-required}, naming what is missing), the declared size fits (413), the name and
     * declared type fit (415). {@code name} null: the body names the file (multipart), checked after it is read.
     */
    @TenantOfSecret(SecretKind.FILE_REQUEST)
    public Admission admit(String token, String name, long declaredBytes, String declaredType, String email,
                           String password) {
        FileRequestRows.Row r = open(token);
        if (!uploads.acceptsOutsiders()) {
            throw new UnavailableException("Files cannot be received right now: the virus scanner is not set up."
                    + " Nothing was stored; try again later.");
        }
        List<String> missing = new ArrayList<>();
        String normal = Emails.normal(email);
        if (r.requireEmail() && normal == null) {
            missing.add("email");
        }
        if (r.passwordHash() != null) {
            String key = Throttling.key("file-request-password", r.id().toString());
            throttle.check(key, PASSWORD_FAILURES);
            if (password == null || password.isEmpty() || !hashing.matches(password, r.passwordHash())) {
                if (password != null && !password.isEmpty()) {
                    throttle.fail(key);
                }
                missing.add("password");
            }
        }
        if (!missing.isEmpty()) {
            throw new CredentialsRequiredException(missing);
        }
        long max = maxBytes(r);
        if (declaredBytes > max) {
            throw new PayloadTooLargeException(max);
        }
        String clean = name == null || name.isEmpty() ? null : Names.clean(name, "name");
        if (clean != null && !Limits.of(r.allowedTypes()).admits(clean, declaredType)) {
            throw refusedType(r.allowedTypes());
        }
        return new Admission(tenancy.require(), r.id(), new RoomId(r.room()),
                r.folder() == null ? null : new FolderId(r.folder()), new UserId(r.createdBy()), clean,
                normal, max, r.allowedTypes());
    }

    /**
     * FR-3, FR-4, FR-11: in the tenant's transaction — a place taken (410 when none is left now), the document made
     * in the creator's name (410 when they no longer hold UPLOAD there), the file row and {@code file-request.uploaded}.
     */
    public Recorded record(Admission a, String name, Uploads.Staged staged, String client) {
        Instant now = clock.instant();
        if (!rows.take(a.request(), now)) {
            throw new GoneException("This file request takes no more files (it expired or is full). Nothing was kept.");
        }
        Documents.Received received = documents.registerOnBehalf(Holder.of(a.creator()), a.room(), a.folder(), name,
                staged);
        UUID file = UUID.randomUUID();
        rows.addFile(file, a.request(), received.id().value(), received.name(), received.size(), received.sha256(),
                a.email(), now);
        events.fire(new FileRequestEvents.Uploaded(a.tenant(), a.room(), a.request(), received.id(), received.name(),
                received.size(), a.email(), client, now));
        return new Recorded(new FileRequest.Received(file, received.name(), received.size(), received.sha256(),
                received.status().name()), received);
    }

    private FileRequestRows.Row open(String token) {
        FileRequestRows.Row r = rows.byTokenHash(Secrets.hash(token))
                .orElseThrow(() -> new NotFoundException("no such file request"));
        if (!r.open(clock.instant())) {
            throw new GoneException(r.expiresAt() != null && !clock.instant().isBefore(r.expiresAt())
                    ? "This file request has expired." : "This file request has received all the files it takes.");
        }
        return r;
    }

    private long maxBytes(FileRequestRows.Row r) {
        long server = settings.maxUploadBytes();
        return r.maxFileBytes() == null ? server : Math.min(r.maxFileBytes(), server);
    }

    static UnsupportedTypeException refusedType(List<String> allowed) {
        return new UnsupportedTypeException("This request takes only these types: " + String.join(", ", allowed)
                + ". Nothing was kept.");
    }
}
