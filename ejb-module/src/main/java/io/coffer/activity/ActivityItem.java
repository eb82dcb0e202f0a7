package io.coffer.activity;

import java.time.Instant;
import java.util.UUID;

/**
 * One stored event as {@code GET /activity} answers it. {@code actorType} is USER, API_KEY, VISITOR or SYSTEM;
 * {@code actorId} the user, the API key or the visitor session; {@code actorEmail} a visitor's email (null once
 * erased); {@code dataJson} the event's other fields as a JSON object.
 */
public record ActivityItem(UUID id, String type, Instant at, String actorType, UUID actorId, String actorEmail,
                           UUID roomId, UUID documentId, UUID linkId, String dataJson) {
}
