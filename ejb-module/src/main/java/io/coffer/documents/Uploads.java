package io.coffer.documents;

import io.coffer.datarooms.Names;
import io.coffer.platform.CofferSettings;
import io.coffer.shared.TenantId;
import io.coffer.shared.error.PayloadTooLargeException;
import io.coffer.shared.error.ValidationException;
import io.coffer.storage.BlobStore;
import io.coffer.storage.StoredBlob;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.apache.tika.Tika;

/**
 * The upload pipeline, outside any transaction: check the caller and the limit → stream the body into storage while
 * hashing → check the {@code Digest} → detect the type from the first bytes → record the document in one short
 * transaction. A failure after the bytes are stored removes them again unless another version uses the same bytes.
 */
@ApplicationScoped
public class Uploads {

    private static final int SNIFF_BYTES = 64 * 1024;
    private final Tika tika = new Tika();

    @EJB
    Documents documents;

    @Inject
    BlobStore blobs;

    @Inject
    CofferSettings settings;

    @Inject
    io.coffer.documents.internal.PdfPages pdfPages;

    @Inject
    io.coffer.documents.internal.Versions versions;

    @Inject
    io.coffer.documents.internal.Renditions renditions;

    @jakarta.ejb.EJB
    io.coffer.tenancy.TenantScope tenancy;

    @Inject
    io.coffer.documents.internal.OfficeConversion office;

    @Inject
    io.coffer.documents.internal.Scanning scanning;

    /**
     * A new document (version 1). {@code name} (the query's) wins over the file name inside a multipart body; one of
     * them must be given.
     */
    public DocumentView upload(UUID roomId, UUID folderId, String name, UploadBody body, String digestHeader) {
        // authorization (and the quota, for a declared length) before anything is read
        TenantId tenant = documents.prepareUpload(roomId, folderId, body.declaredLength() - body.framingAllowance());
        if ((name != null && !name.isEmpty()) || !body.carriesFileName()) {
            Names.clean(name, "name");
        }
        StoredBlob blob = store(tenant, body, digestHeader); // 413 before reading when declared
        try {
            String finalName = name != null && !name.isEmpty() ? name : body.fileName().map(Uploads::baseName)
                    .orElseThrow(() -> ValidationException.of("name", "is required (query parameter or file name)"));
            Names.clean(finalName, "name");
            String type = detect(tenant, blob);
            Preview preview = preview(tenant, blob, type, () -> finalName);
            try {
                DocumentView view = documents.register(roomId, folderId, finalName, blob, type, preview);
                return settled(tenant, view, blob, preview);
            } catch (RuntimeException e) {
                forget(tenant, preview.rendition());
                throw e;
            }
        } catch (RuntimeException e) {
            forget(tenant, blob);
            throw e;
        }
    }

    /** A new version of an existing document, through the same pipeline. */
    public DocumentView addVersion(UUID documentId, UploadBody body, String digestHeader) {
        TenantId tenant = documents.prepareVersion(documentId, body.declaredLength() - body.framingAllowance());
        StoredBlob blob = store(tenant, body, digestHeader);
        try {
            String type = detect(tenant, blob);
            Preview preview = preview(tenant, blob, type, () -> documents.get(documentId).name());
            try {
                DocumentView view = documents.registerVersion(documentId, blob, type, preview);
                return settled(tenant, view, blob, preview);
            } catch (RuntimeException e) {
                forget(tenant, preview.rendition());
                throw e;
            }
        } catch (RuntimeException e) {
            forget(tenant, blob);
            throw e;
        }
    }

    /**
     * Once a member's version committed: with a scanner, it is scanned now, before the answer, so that the uploader
     * learns the verdict (FR-10; a scanner that does not answer leaves it SCANNING for the sweep); a READY version's
     * pages are drawn ahead.
     */
    private DocumentView settled(TenantId tenant, DocumentView view, StoredBlob blob, Preview preview) {
        if (view.status() == ScanStatus.SCANNING) {
            ScanStatus now = scanning.settle(tenant, documents.newestVersionId(new io.coffer.shared.DocumentId(
                    view.id())));
            return now == ScanStatus.SCANNING ? view : documents.get(view.id());
        }
        pagesAhead(tenant, blob, preview);
        return view;
    }

    /** An upload stored and looked at, not yet recorded: what {@link Documents#registerOnBehalf} records. */
    public record Staged(StoredBlob blob, String type, Preview preview) {
    }

    /**
     * Stores a body someone else records (a file request's, FR-3..FR-6) in {@code tenant}: at most {@code maxBytes}
     * (413 past it, before a byte when declared), a {@code Digest} checked, the type detected from the first bytes and
     * refused by {@code typeAllowed} (415, nothing kept), the preview made ({@code name}: the file's, asked
     * after the body is read). {@link #discard} it when recording fails.
     */
    public Staged stage(TenantId tenant, UploadBody body, long maxBytes,
                        java.util.function.Predicate<String> typeAllowed, java.util.function.Supplier<String> name) {
        long max = Math.min(maxBytes, refuseOverLimit(body.declaredLength() - body.framingAllowance()));
        if (body.declaredLength() - body.framingAllowance() > max) {
            throw new PayloadTooLargeException(max);
        }
        StoredBlob blob = store(tenant, body, null, max);
        try {
            String type = detect(tenant, blob);
            if (!typeAllowed.test(type)) {
                throw new io.coffer.shared.error.UnsupportedTypeException("This file's content (" + type
                        + ") is not among the types this request accepts; nothing was kept.");
            }
            return new Staged(blob, type, preview(tenant, blob, type, name));
        } catch (RuntimeException e) {
            forget(tenant, blob);
            throw e;
        }
    }

    /**
     * Whether uploads of outsiders can be taken now (FR-13): a scanner is configured ({@code COFFER_CLAMAV}), or the
     * operator switched scanning off ({@code COFFER_SCAN=off}).
     */
    public boolean acceptsOutsiders() {
        return scanning.acceptsOutsiders();
    }

    /** Removes a staged upload's bytes (its recording failed). */
    public void discard(TenantId tenant, Staged staged) {
        forget(tenant, staged.preview().rendition());
        forget(tenant, staged.blob());
    }

    /** After a staged upload was recorded and committed: scanned in the background (FR-7), or its pages drawn ahead. */
    public void received(TenantId tenant, Staged staged, Documents.Received received) {
        if (received.status() == ScanStatus.SCANNING) {
            scanning.settleSoon(tenant, received.versionId());
        } else {
            pagesAhead(tenant, staged.blob(), staged.preview());
        }
    }

    /** Once the version committed: its pages drawn into the shared cache in the background (DOC-50). */
    private void pagesAhead(TenantId tenant, StoredBlob blob, Preview preview) {
        if (preview.pageCount() == null || preview.pageCount() < 1) {
            return;
        }
        StoredBlob pages = preview.rendition() != null ? preview.rendition() : blob;
        renditions.renderAhead(tenant, pages.id(), pages.size(), preview.pageCount());
    }

    /** Browsers of old sent the client's whole path as the file name: only its last segment is a name. */
    public static String baseName(String fileName) {
        int cut = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        return fileName.substring(cut + 1);
    }

    /** Whether the storage ran out of space (ENOSPC, EDQUOT) anywhere in {@code e}'s causes. */
    static boolean noSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("No space left on device")
                    || message.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    private StoredBlob store(TenantId tenant, UploadBody body, String digestHeader) {
        return store(tenant, body, digestHeader, refuseOverLimit(body.declaredLength() - body.framingAllowance()));
    }

    private StoredBlob store(TenantId tenant, UploadBody body, String digestHeader, long max) {
        Optional<byte[]> expected = expectedSha256(digestHeader);
        StoredBlob blob;
        try (InputStream in = body.open()) {
            blob = blobs.put(tenant, in, max);
        } catch (IOException e) {
            if (noSpace(e)) {
                // REL-7: a full disk is the server's trouble, not the client's: 503, retry later; the blob store
                // removed its temporary file, so nothing half-written stays
                throw new io.coffer.shared.error.UnavailableException(
                        "There is no room to store this upload right now; nothing was stored.");
            }
            throw new UncheckedIOException("upload interrupted", e);
        }
        if (expected.isPresent() && !HexFormat.of().formatHex(expected.get()).equals(blob.sha256())) {
            forget(tenant, blob);
            throw ValidationException.of("Digest", "does not match the body: nothing was stored");
        }
        return blob;
    }

    /**
     * The one size rule of every upload, plain or resumable (DOC-62): a declared length over
     * {@code COFFER_MAX_UPLOAD_BYTES} is refused before a byte is read. Answers the limit.
     */
    long refuseOverLimit(long declaredBytes) {
        long max = settings.maxUploadBytes();
        if (declaredBytes > max) {
            throw new PayloadTooLargeException(max);
        }
        return max;
    }

    /** How a version's pages are shown, and how many there are. */
    public record Preview(Integer pageCount, StoredBlob rendition) {
        static final Preview NONE = new Preview(null, null);
    }

    /**
     * A PDF's page count, known at upload; an office file converted to PDF by LibreOffice (when installed), whose
     * pages are then rendered from that PDF; nothing for anything else, or a file that cannot be read in time.
     */
    private Preview preview(TenantId tenant, StoredBlob blob, String type,
                            java.util.function.Supplier<String> name) { // the name is read only for office files
        if ("application/pdf".equals(type)) {
            return new Preview(pdfPages.pageCount(tenant, blob.id(), blob.size()).orElse(null), null);
        }
        if (!office.converts(type)) {
            return Preview.NONE;
        }
        java.nio.file.Path copy = null;
        try {
            copy = java.nio.file.Files.createTempFile("coffer-office-in", ".bin");
            try (InputStream in = blobs.open(tenant, blob.id(), 0, blob.size())) {
                java.nio.file.Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Optional<java.nio.file.Path> pdf = office.toPdf(copy, name.get());
            if (pdf.isEmpty()) {
                return Preview.NONE;
            }
            try (InputStream in = java.nio.file.Files.newInputStream(pdf.get())) {
                StoredBlob rendition = blobs.put(tenant, in, Long.MAX_VALUE);
                Optional<Integer> pages = pdfPages.pageCount(tenant, rendition.id(), rendition.size());
                if (pages.isEmpty()) {
                    forget(tenant, rendition);
                    return Preview.NONE;
                }
                return new Preview(pages.get(), rendition);
            } finally {
                io.coffer.documents.internal.OfficeConversion.cleanUp(pdf.get());
            }
        } catch (IOException e) {
            return Preview.NONE; // download-only, like a file without a converter
        } finally {
            if (copy != null) {
                try {
                    java.nio.file.Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    private String detect(TenantId tenant, StoredBlob blob) {
        try (InputStream head = new BufferedInputStream(blobs.open(tenant, blob.id(), 0,
                Math.min(blob.size(), SNIFF_BYTES)))) {
            return tika.detect(head).toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void forget(TenantId tenant, StoredBlob blob) {
        if (blob == null) {
            return;
        }
        try {
            if (!tenancy.call(tenant, () -> versions.blobInUse(blob.id()))) {
                blobs.delete(tenant, blob.id());
            }
        } catch (IOException | RuntimeException ignored) {
            // an orphaned blob is harmless and collected later
        }
    }

    /** {@code Digest: sha-256=<base64>} (RFC 3230); other algorithms are ignored, a malformed value is refused. */
    static Optional<byte[]> expectedSha256(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase("sha-256")) {
                try {
                    byte[] value = Base64.getDecoder().decode(part.substring(eq + 1).trim());
                    if (value.length == 32) {
                        return Optional.of(value);
                    }
                } catch (IllegalArgumentException ignored) {
                    // fall through
                }
                throw ValidationException.of("Digest", "must be sha-256=<base64 of 32 bytes>");
            }
        }
        return Optional.empty();
    }
}
