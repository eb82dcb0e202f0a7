/**
 * Documents: versions, bytes and (later) previews of the DOCUMENT items of data rooms. Depends on
 * {@code datarooms} (names, folders, permissions) and {@code storage} (bytes), never the reverse.
 *
 * <p>Contract: an upload streams the body into storage while hashing it, before the transaction that records it; a
 * body over {@code COFFER_MAX_UPLOAD_BYTES} is refused as early as possible and nothing is kept; a {@code Digest} that
 * does not match stores nothing; the type comes from the bytes (Apache Tika), never from the name or the client, and
 * only a short list of safe types is ever served as itself. Publishes {@link io.coffer.documents.DocumentUploaded}.
 *
 * <p>Documents own their bytes and renditions: what is served leaves this module as a
 * {@link io.coffer.documents.Content}, a {@link io.coffer.documents.PageImage} or a {@link io.coffer.documents.Zip},
 * optionally with a {@link io.coffer.documents.Watermark} burned in for an {@link io.coffer.documents.Audience}; no blob id,
 * {@code BlobStore} or file path does. Where renditions are kept on disk is {@code internal.Renditions}' decision.
 */
package io.coffer.documents;
