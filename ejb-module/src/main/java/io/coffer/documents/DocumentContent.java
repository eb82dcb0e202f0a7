package io.coffer.documents;

import io.coffer.shared.TenantId;

/** What a download needs: where the bytes are, how big, their hash (the ETag), the served type and the file name. */
public record DocumentContent(TenantId tenant, String blobId, long size, String sha256, String servedType,
                              String fileName) {
}
