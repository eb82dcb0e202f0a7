package io.coffer.activity;

import io.coffer.shared.DocumentId;
import io.coffer.shared.LinkId;
import io.coffer.shared.RoomId;
import java.time.Instant;

/** What {@code GET /activity} filters by; every field may be null. {@code to} is exclusive. */
public record ActivityFilter(RoomId room, LinkId link, DocumentId document, String type, Instant from, Instant to) {

    /** Whether the stream asked for is the tenant's whole stream (ADMIN and OWNER only). */
    public boolean tenantWide() {
        return room == null && link == null && document == null;
    }
}
