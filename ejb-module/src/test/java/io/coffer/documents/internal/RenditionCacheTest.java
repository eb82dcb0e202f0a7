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

/**
 * DOC-42: the whole rendition cache on this disk — the shared page images under {@code previews/} and the audiences'
 * watermarked pages and stamped PDFs — is held under one bound, least recently used first; a read renews a file's
 * place. Checked on real files: what is left, and that its bytes are under the bound.
 */
class RenditionCacheTest {

    static final Instant NOW = Instant.now();
    static final String BLOB_A = "a".repeat(64);
    static final String BLOB_B = "b".repeat(64);

    @TempDir
    Path home;

    Path page(String tenant, String blob, int n, Duration age, int bytes) throws IOException {
        Path file = Files.createDirectories(home.resolve("previews").resolve(tenant).resolve(blob))
                .resolve(n + Renditions.PAGE_SUFFIX);
        Files.write(file, new byte[bytes]);
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(age)));
        return file;
    }

    Path audience(String kind, Duration age, int bytes) throws IOException {
        Path dir = Files.createDirectories(home.resolve(kind).resolve("t1").resolve(UUID.randomUUID().toString()));
        Path file = dir.resolve(UUID.randomUUID() + "-" + BLOB_A + "-1-abc.png");
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
    void doc42_pageImagesAndAudiencesShareOneBoundLeastRecentlyUsedFirst() throws Exception {
        Path[] pages = new Path[10];
        for (int i = 0; i < pages.length; i++) { // 10 pages of 10 kB, page 1 the least recently used
            pages[i] = page("t1", i < 5 ? BLOB_A : BLOB_B, i + 1, Duration.ofMinutes(30 - i * 2L), 10_000);
        }
        Path oldSession = audience("visitor-pages", Duration.ofMinutes(25), 10_000); // between pages 3 and 4
        Path newSession = audience("visitor-downloads", Duration.ofMinutes(1), 10_000);
        assertEquals(120_000, total());

        Renditions.Swept swept = Renditions.sweep(home, NOW, RenditionSweep.MAX_AGE, 75_000);

        assertTrue(total() <= 75_000, "bound held: " + total());
        assertEquals(total(), swept.bytesLeft());
        assertEquals(4, swept.pages(), "pages 1-4 are older than the rest");
        assertEquals(1, swept.sessions(), "the session used before page 4 goes too");
        for (int i = 0; i < pages.length; i++) {
            assertEquals(i >= 4, Files.exists(pages[i]), "page " + (i + 1) + ": the most recently used stay");
        }
        assertFalse(Files.exists(oldSession));
        assertTrue(Files.exists(newSession));
    }

    @Test
    void doc42_aReadRenewsAPagesPlaceSoTheUnreadGoFirst() throws Exception {
        Path read = page("t1", BLOB_A, 1, Duration.ofHours(3), 10_000);
        Path unread = page("t1", BLOB_A, 2, Duration.ofHours(2), 10_000);
        assertTrue(Renditions.used(read), "a hit");
        assertFalse(Renditions.used(read.resolveSibling("9" + Renditions.PAGE_SUFFIX)), "a miss");
        assertTrue(Files.getLastModifiedTime(read).toInstant().isAfter(NOW.minusSeconds(60)), "its time renewed");

        Renditions.sweep(home, Instant.now(), RenditionSweep.MAX_AGE, 15_000);

        assertTrue(Files.exists(read), "the page read just now stays");
        assertFalse(Files.exists(unread), "the one nobody read goes");
    }

    @Test
    void doc42_aPageBeingWrittenIsCountedButKeptAndEmptiedDirectoriesGo() throws Exception {
        Path inFlight = Files.createDirectories(home.resolve("previews/t2").resolve(BLOB_A)).resolve("page123.tmp");
        Files.write(inFlight, new byte[20_000]);
        Path crashed = inFlight.resolveSibling("page456.tmp");
        Files.write(crashed, new byte[1_000]);
        Files.setLastModifiedTime(crashed, FileTime.from(NOW.minus(Duration.ofHours(2))));
        Path lone = page("t3", BLOB_B, 1, Duration.ofMinutes(5), 10_000);

        Renditions.Swept swept = Renditions.sweep(home, NOW, RenditionSweep.MAX_AGE, 25_000);

        assertTrue(Files.exists(inFlight), "a write in progress is never swept");
        assertFalse(Files.exists(crashed), "a crash's leftover is");
        assertFalse(Files.exists(lone), "the bound is met with the other pages");
        assertFalse(Files.exists(home.resolve("previews/t3")), "an emptied tenant directory goes");
        assertEquals(20_000, swept.bytesLeft());
    }
}
