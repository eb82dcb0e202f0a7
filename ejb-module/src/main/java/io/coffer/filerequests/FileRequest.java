package io.coffer.filerequests;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A file request as its members see it (never its token or password: the token is shown once, at creation).
 * {@code folderId} null: the room's top.
 */
public record FileRequest(UUID id, UUID roomId, UUID folderId, String name, Instant expiresAt, Long maxFileBytes,
                          List<String> allowedTypes, boolean requireEmail, boolean hasPassword, Integer maxFiles,
                          int filesCount, UUID createdBy, Instant createdAt) {

    /** What an outsider is told before sending anything: the limits, and whether files are still taken. */
    public record Intro(String name, Instant expiresAt, long maxFileBytes, List<String> allowedTypes,
                        boolean requireEmail, boolean hasPassword, Integer maxFiles, Integer filesLeft, boolean open) {
    }

    /** A new request and its token (the outsider's capability, FR-1). */
    public record Created(FileRequest request, String token) {
    }

    /** A file as its sender is told: received, and its scan's state (FR-7). */
    public record Received(UUID id, String name, long size, String sha256, String status) {
    }

    /** One file received through the request, for its members. */
    public record File(UUID id, UUID documentId, String name, long size, String sha256, String email,
                       Instant receivedAt) {
    }
}
