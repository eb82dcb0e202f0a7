package io.coffer.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coffer.shared.error.ValidationException;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ActivityCursorTest {

    @Test
    void act8_aCursorReadsBackAndAnEditedOneIsRefused() {
        ActivityCursor c = new ActivityCursor(Instant.parse("2026-12-02T01:02:03.123456Z"), UUID.randomUUID());
        String text = c.encode();
        assertEquals(c, ActivityCursor.decode(text));
        assertNull(ActivityCursor.decode(null));
        assertTrue(text.matches("[A-Za-z0-9_-]{1,64}"), "within the API's cursor limit: " + text);
        byte[] raw = Base64.getUrlDecoder().decode(text);
        raw[7] ^= 1; // the same shape, another position
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        for (String bad : new String[] {forged, text.substring(1), "x" + text, "not a cursor", "123"}) {
            ValidationException e = assertThrows(ValidationException.class, () -> ActivityCursor.decode(bad), bad);
            assertEquals(ValidationException.class, e.getClass());
        }
    }
}
