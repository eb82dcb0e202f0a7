package io.coffer.questions;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A question as its reader may see it (QA-1, QA-2): {@code asker} only for the document's managers, {@code answers}
 * all of them for the managers and the asker, the published ones for everyone else; {@code roomId} null for visitors
 * (a visitor never learns a room's id), {@code documentName} only for visitors (members have the tree).
 *
 * @param status {@code OPEN} (no answer yet), {@code ANSWERED} (answered privately), {@code PUBLISHED}
 * @param mine   asked by the reader (the member, or the visitor's session)
 */
public record Question(UUID id, UUID roomId, UUID documentId, String documentName, Integer page, String text,
                       String status, Instant askedAt, boolean mine, Asker asker, List<Answer> answers) {

    public static final String OPEN = "OPEN";
    public static final String ANSWERED = "ANSWERED";
    public static final String PUBLISHED = "PUBLISHED";

    /** Who asked: {@code USER} (a member, {@code userId}) or {@code VISITOR} (a session of {@code linkId}). */
    public record Asker(String type, UUID userId, UUID linkId) {
    }

    /** An answer; {@code answeredBy} null for visitors. */
    public record Answer(UUID id, String text, boolean published, Instant answeredAt, UUID answeredBy) {
    }
}
