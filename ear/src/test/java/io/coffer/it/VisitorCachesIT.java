package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SL-22: the per-visitor caches ({@code visitor-pages/}, {@code visitor-downloads/} under the server's COFFER_HOME)
 * go with what they came from: the link's revocation and the document's purge. (SL-23, the sweep by age and size,
 * is proved by {@code VisitorCachesTest} on the sweep itself.)
 */
class VisitorCachesIT {

    final Path home = Path.of(System.getProperty("it.coffer.home"));
    UUID tenant;
    String ownerToken;
    String room;

    @BeforeEach
    void setUp() {
        tenant = ItDatabase.tenant("caches");
        ownerToken = Tokens.login(ItDatabase.user(tenant, "o-" + UUID.randomUUID().toString().substring(0, 6)
                + "@c.test", "OWNER"));
        room = DataRoomsIT.createRoom(ownerToken, "Caches").getString("id");
    }

    @AfterEach
    void clock() {
        ItClock.reset();
    }

    String pdf(String name) throws Exception {
        HttpResponse<String> r = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=" + name)
                .header("Authorization", "Bearer " + ownerToken).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(DocumentsIT.pdf(2, 612, 792))));
        assertEquals(201, r.statusCode(), r.body());
        return Http.json(r).getString("id");
    }

    JsonObject link(String type, String id) {
        HttpResponse<String> r = Http.postJson("/api/v1/share-links", ownerToken, "{\"target\": {\"type\": \"" + type
                + "\", \"id\": \"" + id + "\"}, \"allowDownload\": true, \"requireEmail\": true,"
                + " \"watermark\": {\"enabled\": true}}");
        assertEquals(201, r.statusCode(), r.body());
        return Http.json(r);
    }

    /** Opens a session, views page 1 and downloads the stamped PDF of each document: both caches get files. */
    String visit(String linkToken, String... documents) {
        String vt = ShareLinksIT.visitor(linkToken, "{\"email\": \"v-" + UUID.randomUUID().toString()
                .substring(0, 6) + "@c.test\"}");
        for (String doc : documents) {
            assertEquals(200, ShareLinksIT.bytes("/api/v1/public/links/" + linkToken + "/documents/" + doc
                    + "/pages/1", vt).statusCode());
            assertEquals(200, ShareLinksIT.bytes("/api/v1/public/links/" + linkToken + "/documents/" + doc
                    + "/content", vt).statusCode());
        }
        return vt;
    }

    List<Path> cached(String kind) throws Exception {
        Path dir = home.resolve(kind).resolve(tenant.toString());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    List<Path> cachedOf(String kind, String document) throws Exception {
        return cached(kind).stream().filter(p -> p.getFileName().toString().startsWith(document)).toList();
    }

    @Test
    void sl22_aRevokedLinksCachedPagesAndStampedPdfsAreDeleted() throws Exception {
        String doc = pdf("revoked.pdf");
        JsonObject link = link("DOCUMENT", doc);
        visit(link.getString("token"), doc);
        assertFalse(cached("visitor-pages").isEmpty(), "a watermarked page was cached");
        assertFalse(cached("visitor-downloads").isEmpty(), "a stamped PDF was cached");

        assertEquals(204, Http.send(Http.request("/api/v1/share-links/" + link.getString("id"))
                .header("Authorization", "Bearer " + ownerToken).DELETE()).statusCode());
        assertEquals(List.of(), cached("visitor-pages"), "revocation deletes the cached pages");
        assertEquals(List.of(), cached("visitor-downloads"), "revocation deletes the stamped PDFs");
    }

    @Test
    void sl22_aPurgedDocumentsCachedFilesAreDeletedInEverySessionAndTheOthersStay() throws Exception {
        String gone = pdf("gone.pdf");
        String kept = pdf("kept.pdf");
        String token = link("DATAROOM", room).getString("token");
        visit(token, gone, kept);
        visit(token, gone, kept);
        assertEquals(2, cachedOf("visitor-pages", gone).size(), "two sessions cached a page of it");
        assertEquals(2, cachedOf("visitor-downloads", gone).size());
        assertEquals(204, Http.send(Http.request("/api/v1/documents/" + gone).header("Authorization", "Bearer "
                + ownerToken).DELETE()).statusCode());

        ItClock.advance(Duration.ofDays(31));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (ItDatabase.number(tenant, "select count(*) from items where id = ?", UUID.fromString(gone)) > 0) {
                assertTrue(System.nanoTime() < deadline, "the purge ran within 40 s");
                Thread.sleep(500);
            }
        } finally {
            ItClock.reset();
        }
        assertEquals(List.of(), cachedOf("visitor-pages", gone), "the purged document's pages are gone");
        assertEquals(List.of(), cachedOf("visitor-downloads", gone), "the purged document's stamped PDFs are gone");
        assertEquals(2, cachedOf("visitor-pages", kept).size(), "another document's cache stays");
        assertEquals(2, cachedOf("visitor-downloads", kept).size());
    }
}
