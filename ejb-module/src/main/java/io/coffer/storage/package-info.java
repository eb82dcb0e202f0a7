/**
 * Storage: durable bytes behind a narrow {@link io.coffer.storage.BlobStore} — put a stream (get back its id, SHA-256
 * and size), read a byte range, delete. Content-addressed per tenant: identical bytes in one tenant are stored once.
 * A blob becomes visible only complete (temporary file, fsync, atomic rename, directory fsync), so a crash at any
 * moment leaves the whole blob or nothing; a sweeper removes orphaned temporary files. Callers store bytes before the
 * database transaction that records them, never inside it. {@link io.coffer.storage.RenditionStore} keeps files derived
 * from blobs (page images) next to them where the store is shared (S3), each written whole. Knows no room, document or
 * permission.
 */
package io.coffer.storage;
