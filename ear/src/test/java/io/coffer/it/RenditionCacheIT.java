package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rendition cache (docs/features/documents.md, DOC-42..44), checked on the files themselves: the IT server's
 * cache under COFFER_HOME ({@code previews/}, {@code visitor-pages/}, {@code visitor-downloads/}) holds at most
 * {@code COFFER_RENDITION_CACHE_MB} (64 in it.xml) after its sweep (every 2 s there), least recently used first; a
 * replaced version's and a purged document's page images go; in the build's S3 pass the page images are in the bucket
 * too (S3Proxy's filesystem backend keeps key {@code renditions/<tenant>/<pages blob>/<page>-1200.png} as that file)
 * and a page the local disk lost is read from there, not drawn again.
 */
class RenditionCacheIT {

    static final Path HOME = Path.of(System.getProperty("it.coffer.home"));
    static final long BOUND = 64L * 1024 * 1024;

    UUID tenant;
    String owner;
    String room;
    Path filler;

    @BeforeEach
    void setUp() {
        tenant = ItDatabase.tenant("renditions");
        owner = Tokens.accessToken(ItDatabase.user(tenant, "o@renditions.test", "OWNER"));
        room = Api.room(owner, "Renditions");
    }

    @AfterEach
    void cleanUp() throws Exception {
        ItClock.reset();
        if (filler != null && Files.isDirectory(filler)) {
            try (Stream<Path> files = Files.list(filler)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    Path pages(String sha) {
        return HOME.resolve("previews").resolve(tenant.toString()).resolve(sha);
    }

    /** The page images of a pages blob in the bucket (S3 pass only). */
    Path kept(String sha) {
        return ItBlobs.root().resolve("renditions").resolve(tenant.toString()).resolve(sha);
    }

    static long cacheBytes() throws Exception {
        long total = 0;
        for (String kind : List.of("previews", "visitor-pages", "visitor-downloads")) {
            Path dir = HOME.resolve(kind);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    total += files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
                }
            }
        }
        return total;
    }

    static void await(String what, Duration limit, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + " within " + limit);
            Thread.sleep(250);
        }
    }

    static boolean holds(Path dir, int pages) {
        for (int n = 1; n <= pages; n++) {
            if (!Files.isRegularFile(dir.resolve(n + "-1200.png"))) {
                return false;
            }
        }
        return true;
    }

    HttpResponse<byte[]> page(String doc, int n) throws Exception {
        return Http.CLIENT.send(Http.request("/api/v1/documents/" + doc + "/pages/" + n)
                .header("Authorization", "Bearer " + owner).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static void age(Path file, Duration age) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    }

    @Test
    void doc42_theCacheOnDiskStaysUnderItsBoundLeastRecentlyUsedFirst() throws Exception {
        byte[] pdf = DocumentsIT.pdf(3, 612, 792);
        String doc = Api.document(owner, room, null, "bounded.pdf", pdf);
        Path dir = pages(DocumentsIT.sha256(pdf));
        await("the pages drawn ahead", Duration.ofSeconds(60), () -> holds(dir, 3));
        byte[] page2 = Files.readAllBytes(dir.resolve("2-1200.png"));
        age(dir.resolve("1-1200.png"), Duration.ofHours(5));
        age(dir.resolve("2-1200.png"), Duration.ofHours(5));
        assertEquals(200, page(doc, 1).statusCode()); // read now: page 1 is the most recently used again

        // 70 MiB of other page images, all used after page 2 (4 h to 3 h ago), the oldest first (in a directory that
        // is no blob id, so the purge round's collection of unreachable pages, DOC-43, leaves it to the sweep)
        filler = Files.createDirectories(HOME.resolve("previews").resolve(tenant.toString())
                .resolve("filler-" + UUID.randomUUID()));
        for (int i = 0; i < 70; i++) {
            Path f = filler.resolve((i + 1) + "-1200.png");
            Files.write(f, new byte[1024 * 1024]);
            age(f, Duration.ofMinutes(240 - i));
        }
        assertTrue(cacheBytes() > BOUND, "over the bound now: " + cacheBytes());

        await("the sweep holding the bound", Duration.ofSeconds(30), () -> {
            try {
                return cacheBytes() <= BOUND;
            } catch (Exception e) {
                return false;
            }
        });
        assertFalse(Files.exists(dir.resolve("2-1200.png")), "the least recently used page went first");
        assertFalse(Files.exists(filler.resolve("1-1200.png")), "then the oldest of the others");
        assertTrue(Files.exists(filler.resolve("70-1200.png")), "no more than needed goes");
        assertTrue(Files.exists(dir.resolve("1-1200.png")), "the page read just now stays");
        assertTrue(Files.exists(dir.resolve("3-1200.png")), "so does the page drawn just now");

        HttpResponse<byte[]> again = page(doc, 2);
        assertEquals(200, again.statusCode());
        assertArrayEquals(page2, again.body(), "a swept page is served again, the same image");
    }

    @Test
    void doc43_aReplacedVersionsAndAPurgedDocumentsPageImagesGoWhileSharedOnesStay() throws Exception {
        byte[] first = DocumentsIT.pdf(2, 612, 792);
        byte[] second = DocumentsIT.pdf(3, 600, 800);
        byte[] shared = DocumentsIT.pdf(2, 500, 700);
        String doc = Api.document(owner, room, null, "versioned.pdf", first);
        String twin = Api.document(owner, room, null, "twin-a.pdf", shared);
        Api.document(owner, room, null, "twin-b.pdf", shared);
        String firstSha = DocumentsIT.sha256(first);
        String secondSha = DocumentsIT.sha256(second);
        String sharedSha = DocumentsIT.sha256(shared);
        Path firstPages = pages(firstSha);
        Path secondPages = pages(secondSha);
        Path sharedPages = pages(sharedSha);
        await("the first version's pages", Duration.ofSeconds(60), () -> holds(firstPages, 2));
        await("the shared pages", Duration.ofSeconds(60), () -> holds(sharedPages, 2));
        boolean s3 = ItBlobs.s3();
        if (s3) {
            await("the first version's pages in the bucket", Duration.ofSeconds(30),
                    () -> holds(kept(firstSha), 2));
        }

        HttpResponse<String> added = Http.send(Http.request("/api/v1/documents/" + doc + "/versions")
                .header("Authorization", "Bearer " + owner).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(second)));
        assertEquals(201, added.statusCode(), added.body());
        await("the new version's pages", Duration.ofSeconds(60), () -> holds(secondPages, 3));
        await("the replaced version's page images collected", Duration.ofSeconds(30),
                () -> !Files.exists(firstPages) && !(s3 && Files.exists(kept(firstSha))));
        assertTrue(holds(secondPages, 3), "the newest version's pages stay");
        assertTrue(holds(sharedPages, 2), "pages another document's newest version uses stay");

        for (String trashed : List.of(doc, twin)) {
            assertEquals(204, Api.delete("/api/v1/documents/" + trashed, owner).statusCode());
        }
        Thread.sleep(6_000); // a purge round with the real clock: trashed documents keep their pages (restorable)
        assertTrue(holds(secondPages, 3) && holds(sharedPages, 2), "the trash keeps its pages for 30 days");
        if (s3) {
            await("the newest version's pages in the bucket", Duration.ofSeconds(30),
                    () -> holds(kept(secondSha), 3));
        }

        ItClock.advance(Duration.ofDays(31));
        await("the purge", Duration.ofSeconds(60), () -> {
            try {
                return ItDatabase.number(tenant, "select count(*) from items where kind = 'DOCUMENT'") == 1;
            } catch (Exception e) {
                return false;
            }
        });
        await("the purged document's page images gone", Duration.ofSeconds(30),
                () -> !Files.exists(secondPages) && !(s3 && Files.exists(kept(secondSha))));
        assertTrue(holds(sharedPages, 2), "the twin that stays keeps the shared pages");
        if (s3) {
            assertTrue(holds(kept(sharedSha), 2), "in the bucket too");
        }
    }

    @Test
    void doc44_inS3APageIsKeptInTheBucketAndReadFromThereWhenTheLocalDiskLosesIt() throws Exception {
        Assumptions.assumeTrue(ItBlobs.s3(), "the S3 pass only (COFFER_STORAGE=s3)");
        byte[] pdf = DocumentsIT.pdf(3, 612, 792);
        String doc = Api.document(owner, room, null, "kept.pdf", pdf);
        String sha = DocumentsIT.sha256(pdf);
        Path dir = pages(sha);
        await("the pages drawn ahead", Duration.ofSeconds(60), () -> holds(dir, 3));
        await("the pages kept in the bucket", Duration.ofSeconds(30), () -> holds(kept(sha), 3));
        for (int n = 1; n <= 3; n++) {
            assertArrayEquals(Files.readAllBytes(dir.resolve(n + "-1200.png")),
                    Files.readAllBytes(kept(sha).resolve(n + "-1200.png")), "page " + n + " whole in the bucket");
        }

        // the bucket's page 2 made recognisable (page 3's image), then this disk loses the whole cache of it
        byte[] marker = Files.readAllBytes(dir.resolve("3-1200.png"));
        Files.write(kept(sha).resolve("2-1200.png"), marker);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        HttpResponse<byte[]> served = page(doc, 2);
        assertEquals(200, served.statusCode());
        assertArrayEquals(marker, served.body(), "read from the bucket, not drawn again");
        assertArrayEquals(marker, Files.readAllBytes(dir.resolve("2-1200.png")), "and cached on this disk again");
        Thread.sleep(1_000);
        assertFalse(Files.exists(dir.resolve("1-1200.png")), "nothing was drawn ahead: nothing was drawn");
    }
}
