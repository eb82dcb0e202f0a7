package io.coffer.documents.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SL-23: the visitor caches are swept by age and held under a bound on their total size. */
class VisitorCachesTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path home;

    Path session(String kind, String tenant, Duration age, int bytes) throws IOException {
        Path dir = Files.createDirectories(home.resolve(kind).resolve(tenant).resolve(UUID.randomUUID().toString()));
        Path file = dir.resolve(UUID.randomUUID() + "-blob-1-abc.png");
        Files.write(file, new byte[bytes]);
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(age)));
        return dir;
    }

    long total() throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void sl23_sessionsOlderThanAVisitorTokenLivesAreSwept() throws Exception {
        Path old = session("visitor-pages", "t1", Duration.ofMinutes(36), 100);
        Path oldDownload = session("visitor-downloads", "t2", Duration.ofHours(5), 100);
        Path fresh = session("visitor-pages", "t1", Duration.ofMinutes(3), 100);
        Renditions.Swept swept = Renditions.sweep(home, NOW, RenditionSweep.MAX_AGE, 1_000_000);
        assertEquals(2, swept.sessions());
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(oldDownload));
        assertFalse(Files.exists(oldDownload.getParent()), "an emptied tenant directory goes too");
        assertTrue(Files.exists(fresh), "a live session keeps its cache");
    }

    @Test
    void sl23_theCachesTogetherStayUnderTheirBoundOldestSessionsFirst() throws Exception {
        Path[] dirs = new Path[30];
        for (int i = 0; i < dirs.length; i++) { // 30 live sessions of 10 kB, the first the oldest
            dirs[i] = session(i % 2 == 0 ? "visitor-pages" : "visitor-downloads", "t" + (i % 3),
                    Duration.ofSeconds(600 - i * 10L), 10_000);
        }
        assertEquals(300_000, total());
        Renditions.Swept swept = Renditions.sweep(home, NOW, RenditionSweep.MAX_AGE, 95_000);
        assertTrue(total() <= 95_000, "bound held: " + total());
        assertEquals(total(), swept.bytesLeft());
        assertEquals(21, swept.sessions(), "no more than needed is dropped");
        for (int i = 0; i < dirs.length; i++) {
            assertEquals(i >= 21, Files.exists(dirs[i]), "session " + i + ": the newest stay");
        }
    }
}
