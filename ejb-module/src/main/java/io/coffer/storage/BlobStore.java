package io.coffer.storage;

import io.coffer.shared.TenantId;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where document bytes live. The local file system implementation is the default; an S3-compatible one can replace
 * it without any caller changing (CDI alternative).
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
}
