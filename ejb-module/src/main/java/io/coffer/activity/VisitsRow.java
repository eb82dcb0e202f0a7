package io.coffer.activity;

import java.time.Instant;
import java.util.UUID;

/** One visitor session of a link (the visits CSV, ACT-25): who, from where, when, how long, how much. */
public record VisitsRow(UUID sessionId, String email, String clientAddress, String userAgent, Instant start,
                        Instant lastSeen, long seconds, long pagesSeen, long downloads) {
    @Override
    public String toString() {
        return "VisitsRow[" + sessionId + "]"; // never the email
    }
}
