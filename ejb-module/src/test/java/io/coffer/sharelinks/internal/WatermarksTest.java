package io.coffer.sharelinks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** SL-14: the watermark's wording is the link's template with the visitor's email, the time, the address, the name. */
class WatermarksTest {

    @Test
    void sl14_theTextFillsTheTemplatesPlaceholders() {
        String text = Watermarks.text(null, "a@b.co", Instant.parse("2026-11-24T10:05:59Z"), "192.0.2.1", "Deal");
        assertEquals("a@b.co | 2026-11-24 10:05 UTC | 192.0.2.1 | Deal", text);
        assertEquals("Confidential for a@b.co", Watermarks.text("Confidential for {email}", "a@b.co", Instant.EPOCH,
                null, null));
    }
}
