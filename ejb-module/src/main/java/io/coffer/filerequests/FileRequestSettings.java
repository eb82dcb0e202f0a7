package io.coffer.filerequests;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A request's settings as a member sends them (create: all that is given; update: the fields named as present).
 * {@code password} null or empty: none; {@code maxFileBytes} null: the server's upload limit.
 */
public record FileRequestSettings(UUID folderId, String name, Instant expiresAt, Long maxFileBytes,
                                  List<String> allowedTypes, Boolean requireEmail, String password, Integer maxFiles) {
}
