/**
 * Documents: versions, bytes and (later) previews of the DOCUMENT items of data rooms. Depends on
 * {@code datarooms} (names, folders, permissions) and {@code storage} (bytes), never the reverse.
 *
 * <p>Contract: an upload streams the body into storage while hashing it, before the transaction that records it; a
 * body over {@code COFFER_MAX_UPLOAD_BYTES} is refused as early as possible and nothing is kept; a {@code Digest} that
 * does not match stores nothing; the type comes from the bytes (Apache Tika), never from the name or the client, and
 * only a short list of safe types is ever served as itself. Publishes {@link io.coffer.documents.DocumentUploaded}.
 */
package io.coffer.documents;
