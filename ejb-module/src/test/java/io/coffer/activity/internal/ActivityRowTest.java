package io.coffer.activity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.events.EventFacts;
import io.coffer.identity.IdentityEvents;
import io.coffer.platform.RequestOrigin;
import io.coffer.shared.RoomId;
import io.coffer.shared.TenantId;
import io.coffer.shared.UserId;
import io.coffer.datarooms.DataRoomEvents;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ActivityRowTest {
    final TenantId tenant = new TenantId(UUID.randomUUID());
    final UserId user = new UserId(UUID.randomUUID());
    final UUID key = UUID.randomUUID();
    final Instant at = Instant.parse("2026-12-02T00:00:00Z");

    @Test
    void act3_aUserActingThroughAnApiKeyIsStoredAsTheKeyWithTheUserInData() {
        RoomId room = new RoomId(UUID.randomUUID());
        EventFacts f = EventFacts.of(new DataRoomEvents.DataRoomCreated(tenant, room, user, at));
        ActivityRow row = ActivityRow.of(f, new ActivityRow.Origin("203.0.113.9", "curl/8", key, user.value()));
        assertEquals("API_KEY", row.actorType());
        assertEquals(key, row.actorId());
        assertTrue(row.dataJson().contains("\"user\":\"" + user.value() + "\""), row.dataJson());
        assertEquals("203.0.113.9", row.clientAddress());
        assertEquals("curl/8", row.userAgent());
        // a token of another user (the key is theirs) never turns this user's event into the key's
        ActivityRow other = ActivityRow.of(f, new ActivityRow.Origin(null, null, key, UUID.randomUUID()));
        assertEquals("USER", other.actorType());
        assertEquals(user.value(), other.actorId());
    }

    @Test
    void act2_anEventsOwnAddressWinsAndBackgroundWorkHasNoOrigin() {
        EventFacts f = EventFacts.of(new IdentityEvents.LoginSucceeded(tenant, user, "198.51.100.7", at));
        assertEquals("198.51.100.7", ActivityRow.of(f, new ActivityRow.Origin("203.0.113.1", "ua", null, null))
                .clientAddress());
        ActivityRow background = ActivityRow.of(EventFacts.of(
                new io.coffer.documents.DocumentEvents.Purged(tenant, new io.coffer.shared.DocumentId(UUID.randomUUID()),
                        5, at)), null);
        assertEquals("SYSTEM", background.actorType());
        assertNull(background.clientAddress());
        assertNull(background.userAgent());
    }

    @Test
    void act2_theUserAgentIsBoundedAndCleanAndDataIsJson() {
        String longAgent = "Mozilla/5.0 \u001b[31m" + "x".repeat(5000);
        String kept = RequestOrigin.bounded(longAgent);
        assertEquals(RequestOrigin.USER_AGENT_MAX, kept.length());
        assertTrue(kept.chars().noneMatch(Character::isISOControl));
        assertNull(RequestOrigin.bounded("  \r\n "));
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("a", "q\"\n\u0007");
        data.put("b", java.util.List.of(1, true));
        data.put("c", io.coffer.identity.Role.MEMBER);
        assertEquals("{\"a\":\"q\\\"\\n\\u0007\",\"b\":[1,true],\"c\":\"MEMBER\"}", ActivityJson.of(data));
    }
}
