package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pages drawn ahead (docs/features/documents.md, DOC-50, DOC-51): a visitor's first page is a file read, not a
 * render. Checked on the shared page cache itself (COFFER_HOME/previews/&lt;tenant&gt;/&lt;pages blob&gt;/), which no
 * request has asked for.
 */
class PagesAheadIT {

    static final Path PREVIEWS = Path.of(System.getProperty("it.coffer.home")).resolve("previews");

    @Test
    void doc50_everyPageOfAnUploadIsDrawnIntoTheCacheBeforeAnyoneAsksForIt() throws Exception {
        UUID tenant = ItDatabase.tenant("ahead");
        String owner = Tokens.accessToken(ItDatabase.user(tenant, "o@ahead.test", "OWNER"));
        String room = Api.room(owner, "Ahead");
        String doc = Api.document(owner, room, null, "twelve.pdf", DocumentsIT.pdf(12, 612, 792));

        Path dir = waitForPages(tenant, 12, Duration.ofSeconds(60));
        // and what a member is then served is that file, byte for byte
        HttpResponse<byte[]> page = Http.CLIENT.send(Http.request("/api/v1/documents/" + doc + "/pages/7")
                .header("Authorization", "Bearer " + owner).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, page.statusCode());
        assertArrayEquals(Files.readAllBytes(dir.resolve("7-1200.png")), page.body());
    }

    @Test
    void doc51_aPageNotDrawnYetIsServedAndTheNextPagesAreDrawnAhead() throws Exception {
        UUID tenant = ItDatabase.tenant("ahead-miss");
        String owner = Tokens.accessToken(ItDatabase.user(tenant, "o@ahead-miss.test", "OWNER"));
        String room = Api.room(owner, "Ahead miss");
        String doc = Api.document(owner, room, null, "ten.pdf", DocumentsIT.pdf(10, 612, 792));
        Path dir = waitForPages(tenant, 10, Duration.ofSeconds(60));
        // as after an upgrade or a swept cache: nothing drawn (in the S3 pass, not in the bucket either, DOC-44)
        if (ItBlobs.s3()) {
            Path kept = ItBlobs.root().resolve("renditions").resolve(tenant.toString()).resolve(dir.getFileName());
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!(Files.isDirectory(kept) && count(kept) == 10) && System.nanoTime() < until) {
                Thread.sleep(200); // the render-ahead thread puts the pages after its job
            }
            assertEquals(10, count(kept), "the pages drawn ahead are kept in the bucket");
            delete(kept);
        }
        delete(dir);
        HttpResponse<byte[]> page = Http.CLIENT.send(Http.request("/api/v1/documents/" + doc + "/pages/4")
                .header("Authorization", "Bearer " + owner).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().length > 8 && page.body()[1] == 'P' && page.body()[2] == 'N', "a PNG");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> next = List.of("5-1200.png", "6-1200.png", "7-1200.png", "8-1200.png", "9-1200.png",
                "10-1200.png");
        while (!next.stream().allMatch(n -> Files.exists(dir.resolve(n))) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        for (String n : next) {
            assertTrue(Files.exists(dir.resolve(n)), n + " drawn ahead of the reader");
        }
        assertTrue(Files.notExists(dir.resolve("1-1200.png")), "pages behind the reader are not drawn ahead");
    }

    static long count(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-1200.png")).count();
        }
    }

    static void delete(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
    }

    /** The one pages directory of the tenant once it holds {@code pages} page images. */
    static Path waitForPages(UUID tenant, int pages, Duration limit) throws Exception {
        Path tenantDir = PREVIEWS.resolve(tenant.toString());
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(tenantDir)) {
                try (Stream<Path> dirs = Files.list(tenantDir)) {
                    List<Path> found = dirs.toList();
                    if (found.size() == 1) {
                        try (Stream<Path> files = Files.list(found.get(0))) {
                            if (files.filter(f -> f.getFileName().toString().endsWith("-1200.png")).count() == pages) {
                                return found.get(0);
                            }
                        }
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the " + pages + " pages were not drawn ahead within " + limit);
    }
}
