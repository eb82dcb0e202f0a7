package io.coffer.activity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The analytics of a link, a document or a room (contract "Share links" and "Activity, automation, audit"; ACT-21):
 * {@code views} counts visitor sessions (each created session is one view), {@code uniqueVisitors} the distinct
 * visitors (by email, or by session without one), {@code totalSeconds} the page times reported, {@code downloads}
 * the downloads (a member's too, for a document or room). {@code completion} is the mean of the visitors'
 * completions. {@code byLink} is null for a link's own analytics.
 */
public record AnalyticsReport(long views, long uniqueVisitors, long totalSeconds, long downloads, Double completion,
                              List<Page> pages, List<Visitor> visitors, List<Link> byLink) {

    /** Most visitors listed (the earliest first); the visits CSV has every session. */
    public static final int MAX_VISITORS = 1000;

    /** One page of one document: how often it was served and how long it was read. */
    public record Page(UUID documentId, int page, long views, long seconds) {
    }

    /**
     * One visitor: first and last seen, seconds, sessions, the distinct pages seen and {@code completion}, pages seen
     * divided by the pages of the documents they opened (null when no page count is known).
     */
    public record Visitor(String email, Instant firstSeen, Instant lastSeen, long seconds, long sessions,
                          long pagesSeen, Double completion, long downloads) {
    }

    /** One link's share of a document's or a room's analytics. */
    public record Link(UUID linkId, String name, long views, long seconds) {
    }
}
