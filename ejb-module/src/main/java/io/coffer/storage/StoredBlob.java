package io.coffer.storage;

/** A stored blob: its id within the tenant, its SHA-256 (lowercase hex) and its size in bytes. */
public record StoredBlob(String id, String sha256, long size) {
}
