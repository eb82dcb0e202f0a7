package io.coffer.storage;

import io.coffer.shared.TenantId;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where document bytes live: the local file system (the default) or an S3-compatible store, chosen at start from
 * {@code COFFER_STORAGE}; no caller knows which.
 */
public interface BlobStore {

    /**
     * Streams {@code in} into the store while computing its SHA-256, never holding it in memory. More than
     * {@code maxBytes} → {@link io.coffer.shared.error.PayloadTooLargeException} as soon as the limit is crossed, and
     * nothing is kept.
     */
    StoredBlob put(TenantId tenant, InputStream in, long maxBytes) throws IOException;

    /** Reads {@code length} bytes from {@code offset} (the caller closes the stream). */
    InputStream open(TenantId tenant, String blobId, long offset, long length) throws IOException;

    /** Deletes a blob; deleting a missing blob is a no-op. */
    void delete(TenantId tenant, String blobId) throws IOException;

    /**
     * The tenant's blobs last written before {@code before}, lazily (the caller closes the stream). A {@link #put} of
     * bytes already stored counts as a write, so that a blob an upload is about to record is never among them: the
     * orphaned-blob collection relies on it.
     */
    java.util.stream.Stream<String> idsWrittenBefore(TenantId tenant, java.time.Instant before) throws IOException;

    /** Deletes a blob unless it was written (or re-uploaded) since {@code before}; answers whether it is gone. */
    boolean deleteIfWrittenBefore(TenantId tenant, String blobId, java.time.Instant before) throws IOException;
}
