package io.coffer.outbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void out8_theWaitDoublesWithEqualJitterAndIsCapped() {
        Random random = new Random(7);
        Duration base = Duration.ofSeconds(10);
        Set<Long> seen = new HashSet<>();
        for (int attempt = 1; attempt <= 6; attempt++) {
            long full = 10_000L << (attempt - 1);
            for (int i = 0; i < 200; i++) {
                long wait = Backoff.after(attempt, base, Duration.ofHours(1), random).toMillis();
                assertTrue(wait >= full / 2 && wait <= full, attempt + ": " + wait);
                seen.add(wait);
                if (attempt < 6) {
                    // the shortest next wait is the longest of this one: the gaps grow
                    assertTrue(full / 2 * 2 >= wait);
                }
            }
        }
        assertTrue(seen.size() > 100, "jittered");
        assertEquals(Duration.ofHours(1).toMillis() / 2, Backoff.after(40, base, Duration.ofHours(1),
                new Random() { @Override public long nextLong(long bound) { return 0; } }).toMillis());
    }
}
