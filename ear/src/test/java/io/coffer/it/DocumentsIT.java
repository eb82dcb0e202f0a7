package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static io.coffer.it.Problems.withoutInstance;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Uploads and downloads (docs/features/documents.md, DOC-*): streamed, hashed, typed from the bytes, ranged. */
class DocumentsIT {
    static final byte[] PDF = ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);

    ItDatabase.User owner;
    ItDatabase.User bystander;
    ItDatabase.User foreigner;
    String token;
    String room;

    @BeforeEach
    void room() {
        UUID tenant = ItDatabase.tenant("docs");
        String s = UUID.randomUUID().toString().substring(0, 6);
        owner = ItDatabase.user(tenant, "owner-" + s + "@d.test", "MEMBER");
        bystander = ItDatabase.user(tenant, "by-" + s + "@d.test", "MEMBER");
        foreigner = ItDatabase.user(ItDatabase.tenant("docs-b"), "f-" + s + "@d.test", "OWNER");
        token = Tokens.login(owner);
        room = DataRoomsIT.createRoom(token, "Docs").getString("id");
    }

    HttpResponse<String> upload(String name, byte[] bytes, String contentType, String digest) {
        HttpRequest.Builder r = Http.request("/api/v1/datarooms/" + room + "/documents?name="
                        + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (digest != null) {
            r.header("Digest", digest);
        }
        return Http.send(r);
    }

    HttpResponse<byte[]> download(String id, String... headers) {
        HttpRequest.Builder r = Http.request("/api/v1/documents/" + id + "/content")
                .header("Authorization", "Bearer " + token);
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        try {
            return Http.CLIENT.send(r.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void doc1_anUploadIsHashedTypedFromItsBytesAndDownloadedAsAnAttachment() throws Exception {
        HttpResponse<String> created = upload("Term sheet.pdf", PDF, "application/octet-stream", null);
        assertEquals(201, created.statusCode(), created.body());
        JsonObject doc = Http.json(created);
        assertEquals("Term sheet.pdf", doc.getString("name"));
        assertEquals(PDF.length, doc.getJsonNumber("size").longValue());
        assertEquals(sha256(PDF), doc.getString("sha256"));
        assertEquals("application/pdf", doc.getString("contentType"), "detected from the bytes, not the header");
        assertEquals(1, doc.getInt("version"));

        HttpResponse<byte[]> content = download(doc.getString("id"));
        assertEquals(200, content.statusCode());
        assertArrayEquals(PDF, content.body());
        assertEquals("\"" + sha256(PDF) + "\"", content.headers().firstValue("ETag").orElseThrow());
        assertTrue(content.headers().firstValue("Content-Disposition").orElseThrow()
                .startsWith("attachment; filename=\"Term sheet.pdf\"; filename*=UTF-8''Term%20sheet.pdf"));
        assertEquals("nosniff", content.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertTrue(Http.get("/api/v1/datarooms/" + room + "/tree", token).body().contains("Term sheet.pdf"));
    }

    @Test
    void doc2_htmlRenamedPdfIsServedAsAnOctetStreamAttachment() {
        byte[] html = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8);
        JsonObject doc = Http.json(upload("invoice.pdf", html, "application/pdf", null));
        assertEquals("text/html", doc.getString("contentType"));
        HttpResponse<byte[]> content = download(doc.getString("id"));
        assertEquals("application/octet-stream", content.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(content.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment"));
        assertEquals("nosniff", content.headers().firstValue("X-Content-Type-Options").orElseThrow());
    }

    @Test
    void doc3_rangesConditionalsAndHead() throws Exception {
        byte[] bytes = new byte[1000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        String id = Http.json(upload("data.bin", bytes, "application/octet-stream", null)).getString("id");
        HttpResponse<byte[]> first = download(id, "Range", "bytes=0-9");
        assertEquals(206, first.statusCode());
        assertEquals("bytes 0-9/1000", first.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(java.util.Arrays.copyOfRange(bytes, 0, 10), first.body());
        HttpResponse<byte[]> open = download(id, "Range", "bytes=990-");
        assertEquals(206, open.statusCode());
        assertArrayEquals(java.util.Arrays.copyOfRange(bytes, 990, 1000), open.body());
        HttpResponse<byte[]> suffix = download(id, "Range", "bytes=-5");
        assertArrayEquals(java.util.Arrays.copyOfRange(bytes, 995, 1000), suffix.body());
        HttpResponse<byte[]> clipped = download(id, "Range", "bytes=995-5000");
        assertEquals("bytes 995-999/1000", clipped.headers().firstValue("Content-Range").orElseThrow());
        HttpResponse<byte[]> beyond = download(id, "Range", "bytes=1000-");
        assertEquals(416, beyond.statusCode());
        assertEquals("bytes */1000", beyond.headers().firstValue("Content-Range").orElseThrow());
        assertEquals(200, download(id, "Range", "bytes=0-1,5-6").statusCode(), "several ranges: the whole body");

        String etag = download(id).headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> notModified = download(id, "If-None-Match", etag);
        assertEquals(304, notModified.statusCode());
        assertEquals(0, notModified.body().length);

        HttpResponse<String> head = Http.send(Http.request("/api/v1/documents/" + id + "/content")
                .header("Authorization", "Bearer " + token).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, head.statusCode());
        assertEquals("1000", head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("", head.body());
    }

    @Test
    void doc4_aWrongDigestStoresNothing() throws Exception {
        String wrong = "sha-256=" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest("other".getBytes(StandardCharsets.UTF_8)));
        assertProblem(upload("checked.pdf", PDF, "application/pdf", wrong), 400, "validation");
        assertFalse(Http.get("/api/v1/datarooms/" + room + "/tree", token).body().contains("checked.pdf"));
        String right = "sha-256=" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(PDF));
        assertEquals(201, upload("checked.pdf", PDF, "application/pdf", right).statusCode());
    }

    @Test
    void doc5_aBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        URI base = URI.create(Http.BASE);
        long start = System.nanoTime();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/datarooms/" + room + "/documents?name=huge.bin HTTP/1.1\r\n"
                    + "Host: " + base.getHost() + "\r\nAuthorization: Bearer " + token + "\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: 400000000\r\n"
                    + "X-Forwarded-For: 198.51.100.77\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1024]);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            String status = in.readLine();
            assertTrue(status != null && status.contains(" 413 "), "status line: " + status);
        }
        assertTrue((System.nanoTime() - start) / 1_000_000 < 10_000, "answered without waiting for 400 MB");
        assertFalse(Http.get("/api/v1/datarooms/" + room + "/tree", token).body().contains("huge.bin"));
    }

    @Test
    void doc6_hostileFileNamesAreRefused() {
        for (String name : new String[] {"../../etc/passwd", "a/b.pdf", "evil\u202Efdp.exe", "line\nbreak.pdf", ""}) {
            assertProblem(upload(name, PDF, "application/pdf", null), 400, "validation");
        }
    }

    @Test
    void doc7_documentsAreInvisibleToOthersAndOtherTenants() {
        String id = Http.json(upload("secret.pdf", PDF, "application/pdf", null)).getString("id");
        HttpResponse<String> hidden = Http.get("/api/v1/documents/" + id, Tokens.login(bystander));
        assertProblem(hidden, 404, "not-found");
        assertEquals(withoutInstance(hidden.body()),
                withoutInstance(Http.get("/api/v1/documents/" + id, Tokens.login(foreigner)).body()));
        assertEquals(withoutInstance(hidden.body()),
                withoutInstance(Http.get("/api/v1/documents/" + UUID.randomUUID(), token).body()));
        assertProblem(Http.get("/api/v1/documents/" + id + "/content", Tokens.login(foreigner)), 404, "not-found");
        assertProblem(Http.get("/api/v1/documents/" + id), 401, "unauthenticated");
        HttpResponse<String> intruder = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=x.pdf")
                .header("Authorization", "Bearer " + Tokens.login(bystander))
                .POST(HttpRequest.BodyPublishers.ofByteArray(PDF)));
        assertProblem(intruder, 404, "not-found");
    }

    @Test
    void doc10_aNewVersionIsWhatIsServedAndOlderVersionsAreListed() throws Exception {
        String id = Http.json(upload("plan.pdf", PDF, "application/pdf", null)).getString("id");
        byte[] v2 = "version two, plain text".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> added = Http.send(Http.request("/api/v1/documents/" + id + "/versions")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(v2)));
        assertEquals(201, added.statusCode(), added.body());
        JsonObject doc = Http.json(added);
        assertEquals(2, doc.getInt("version"));
        assertEquals(2, doc.getJsonArray("versions").size());
        assertEquals(sha256(v2), doc.getString("sha256"));
        assertArrayEquals(v2, download(id).body());
        assertProblem(Http.send(Http.request("/api/v1/documents/" + id + "/versions")
                .header("Authorization", "Bearer " + Tokens.login(bystander))
                .POST(HttpRequest.BodyPublishers.ofByteArray(v2))), 404, "not-found");
    }

    @Test
    void doc11_documentsAreRenamedMovedAndTrashed() {
        String folder = DataRoomsIT.createFolder(token, room, "Legal", null).getString("id");
        String id = Http.json(upload("nda.pdf", PDF, "application/pdf", null)).getString("id");
        HttpResponse<String> moved = Http.patchJson("/api/v1/documents/" + id, token,
                "{\"name\": \"NDA signed.pdf\", \"folderId\": \"" + folder + "\"}");
        assertEquals(200, moved.statusCode(), moved.body());
        assertEquals("NDA signed.pdf", Http.json(moved).getString("name"));
        assertEquals(folder, Http.json(moved).getString("folderId"));
        assertProblem(Http.patchJson("/api/v1/documents/" + id, token, "{\"owner\": \"me\"}"), 400, "validation");
        assertProblem(Http.patchJson("/api/v1/documents/" + id, Tokens.login(bystander), "{\"bad\": "), 404,
                "not-found");
        assertEquals(204, Http.send(Http.request("/api/v1/documents/" + id)
                .header("Authorization", "Bearer " + token).DELETE()).statusCode());
        assertProblem(Http.get("/api/v1/documents/" + id, token), 404, "not-found");
        assertProblem(Http.get("/api/v1/documents/" + id + "/content", token), 404, "not-found");
        assertFalse(Http.get("/api/v1/datarooms/" + room + "/tree", token).body().contains("NDA signed.pdf"));
    }

    @Test
    void doc12_aDownloadTicketWorksOnceWithoutABearerWithinSixtySeconds() throws Exception {
        String id = Http.json(upload("ticketed.pdf", PDF, "application/pdf", null)).getString("id");
        HttpResponse<String> issued = Http.postJson("/api/v1/documents/" + id + "/download-ticket", token, "");
        assertEquals(201, issued.statusCode(), issued.body());
        JsonObject ticket = Http.json(issued);
        assertEquals(60, ticket.getInt("expiresIn"));
        String url = ticket.getString("url");
        assertTrue(url.startsWith(Http.BASE + "/api/v1/download-tickets/"), url);
        String path = url.substring(Http.BASE.length());

        HttpResponse<byte[]> first = Http.CLIENT.send(Http.request(path).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, first.statusCode());
        assertArrayEquals(PDF, first.body());
        assertTrue(first.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment"));
        assertProblem(Http.get(path), 404, "not-found");

        assertProblem(Http.postJson("/api/v1/documents/" + id + "/download-ticket", Tokens.login(bystander), ""), 404,
                "not-found");
        String late = Http.json(Http.postJson("/api/v1/documents/" + id + "/download-ticket", token, ""))
                .getString("url").substring(Http.BASE.length());
        try {
            ItClock.advance(java.time.Duration.ofSeconds(61));
            assertProblem(Http.get(late), 404, "not-found");
        } finally {
            ItClock.reset();
        }
    }

    @Test
    void doc25_aHeadNeverRedeemsADownloadTicket() throws Exception {
        String id = Http.json(upload("headed.pdf", PDF, "application/pdf", null)).getString("id");
        String path = Http.json(Http.postJson("/api/v1/documents/" + id + "/download-ticket", token, ""))
                .getString("url").substring(Http.BASE.length());
        HttpResponse<String> head = Http.send(Http.request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(405, head.statusCode(), "a HEAD (a link scanner, a prefetch) is refused");
        assertEquals("GET", head.headers().firstValue("Allow").orElse(null));
        HttpResponse<byte[]> get = Http.CLIENT.send(Http.request(path).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, get.statusCode(), "the ticket is still unused after the HEAD");
        assertArrayEquals(PDF, get.body());
        assertProblem(Http.get(path), 404, "not-found");
    }

    @Test
    void doc13_aTrashedDocumentIsListedAndRestoredWithin30Days() {
        String id = Http.json(upload("restore-me.pdf", PDF, "application/pdf", null)).getString("id");
        String stale = Http.json(upload("too-late.pdf", PDF, "application/pdf", null)).getString("id");
        for (String doc : new String[] {id, stale}) {
            assertEquals(204, Http.send(Http.request("/api/v1/documents/" + doc)
                    .header("Authorization", "Bearer " + token).DELETE()).statusCode());
        }
        JsonObject trash = Http.json(Http.get("/api/v1/datarooms/" + room + "/trash", token));
        assertEquals(2, trash.getJsonArray("items").size());
        assertProblem(Http.get("/api/v1/datarooms/" + room + "/trash", Tokens.login(bystander)), 404, "not-found");

        HttpResponse<String> restored = Http.postJson("/api/v1/documents/" + id + "/restore", token, "");
        assertEquals(200, restored.statusCode(), restored.body());
        assertTrue(Http.get("/api/v1/datarooms/" + room + "/tree", token).body().contains("restore-me.pdf"));
        assertEquals(200, download(id).statusCode());
        assertProblem(Http.postJson("/api/v1/documents/" + id + "/restore", token, ""), 404, "not-found");

        try {
            ItClock.advance(java.time.Duration.ofDays(31));
            assertProblem(Http.postJson("/api/v1/documents/" + stale + "/restore", token, ""), 404, "not-found");
        } finally {
            ItClock.reset();
        }
    }

    /** A real PDF of {@code pages} pages built with PDFBox; {@code width}/{@code height} in points. */
    static byte[] pdf(int pages, float width, float height) throws Exception {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument();
             java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            for (int i = 1; i <= pages; i++) {
                org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage(
                        new org.apache.pdfbox.pdmodel.common.PDRectangle(width, height));
                doc.addPage(page);
                try (org.apache.pdfbox.pdmodel.PDPageContentStream content =
                             new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                    content.setNonStrokingColor(java.awt.Color.BLACK);
                    content.addRect(50, 50, 100 * i, 100);
                    content.fill();
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void doc14_pdfPagesAreCountedAtUploadAndRenderedToPng() throws Exception {
        JsonObject doc = Http.json(upload("deck.pdf", pdf(3, 612, 792), "application/pdf", null));
        assertEquals(3, doc.getInt("pageCount"));
        String id = doc.getString("id");
        for (int page = 1; page <= 3; page++) {
            HttpResponse<byte[]> png = Http.CLIENT.send(Http.request("/api/v1/documents/" + id + "/pages/" + page)
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, png.statusCode());
            assertEquals("image/png", png.headers().firstValue("Content-Type").orElseThrow());
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body()));
            assertEquals(1200, image.getWidth());
            assertEquals(1553, image.getHeight(), 2);
            assertTrue(image.getRGB(200, 1553 - 200) != image.getRGB(1100, 100), "the drawn rectangle is there");
        }
        assertProblem(Http.get("/api/v1/documents/" + id + "/pages/4", token), 404, "not-found");
        assertProblem(Http.get("/api/v1/documents/" + id + "/pages/0", token), 404, "not-found");
        assertProblem(Http.get("/api/v1/documents/" + id + "/pages/1", Tokens.login(bystander)), 404, "not-found");
        String text = Http.json(upload("notes.txt", "plain".getBytes(StandardCharsets.UTF_8), "text/plain", null))
                .getString("id");
        assertProblem(Http.get("/api/v1/documents/" + text + "/pages/1", token), 404, "not-found");
    }

    @Test
    void doc15_aHostilePdfFailsThatDocumentNotTheServer() throws Exception {
        // a page 10 points wide and 14,400 inches high: 1200 px wide it would be 124 million pixels high (pixel
        // flood); and a file that only claims to be a PDF, with a self-referencing page tree
        JsonObject tall = Http.json(upload("tall.pdf", pdf(1, 10, 14_400 * 72), "application/pdf", null));
        assertProblem(Http.get("/api/v1/documents/" + tall.getString("id") + "/pages/1", token), 404, "not-found");
        byte[] broken = "%PDF-1.7\n1 0 obj << /Type /Pages /Kids [1 0 R] /Count 99999 >> endobj\n%%EOF"
                .getBytes(StandardCharsets.US_ASCII);
        JsonObject fake = Http.json(upload("broken.pdf", broken, "application/pdf", null));
        assertTrue(fake.isNull("pageCount"), "a file PDFBox cannot read has no pages, not 99,999: " + fake);
        assertProblem(Http.get("/api/v1/documents/" + fake.getString("id") + "/pages/1", token), 404, "not-found");
        assertEquals(200, Http.get("/health/ready").statusCode(), "the server is fine");
        JsonObject good = Http.json(upload("good.pdf", pdf(1, 612, 792), "application/pdf", null));
        assertEquals(200, Http.CLIENT.send(Http.request("/api/v1/documents/" + good.getString("id") + "/pages/1")
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode());
    }

    @Test
    void doc8_aLargeFileStreamsUpAndDownIntactWithoutTheHeapGrowing() throws Exception {
        // 200 MB in the default suite; 1 GiB under -Pheavy, where the server runs with a 256 MB heap (ear/pom.xml)
        long size = (Boolean.getBoolean("coffer.heavy") ? 1024L : 200L) * 1024 * 1024;
        long rssBefore = ServerProcess.rssKiB();
        ServerHeap heap = ServerHeap.connect();
        long heapBefore = heap.resetPeak();
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        HttpRequest request = Http.request("/api/v1/datarooms/" + room + "/documents?name=big.bin")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.security.DigestInputStream(new PatternStream(size), sent)), size))
                .timeout(java.time.Duration.ofMinutes(15)).build();
        long upStart = System.nanoTime();
        HttpResponse<String> created = Http.CLIENT.send(request,
                HttpResponse.BodyHandlers.ofString());
        long upNanos = System.nanoTime() - upStart;
        assertEquals(201, created.statusCode(), created.body());
        JsonObject doc = Http.json(created);
        assertEquals(size, doc.getJsonNumber("size").longValue());
        assertEquals(HexFormat.of().formatHex(sent.digest()), doc.getString("sha256"));

        long downStart = System.nanoTime();
        HttpResponse<InputStream> content = Http.CLIENT.send(
                Http.request("/api/v1/documents/" + doc.getString("id") + "/content")
                        .header("Authorization", "Bearer " + token).timeout(java.time.Duration.ofMinutes(15)).GET()
                        .build(), HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long count = 0;
        try (InputStream in = content.body()) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) != -1) {
                received.update(buffer, 0, n);
                count += n;
            }
        }
        long downNanos = System.nanoTime() - downStart;
        assertEquals(size, count);
        assertEquals(doc.getString("sha256"), HexFormat.of().formatHex(received.digest()));
        long rssAfter = ServerProcess.rssKiB();
        long heapGrowth = heap.peak() - heapBefore;
        String pools = heap.pools();
        heap.close();
        ServerProcess.recordTransfer(size, upNanos, downNanos, rssBefore, rssAfter,
                ItBlobs.file(owner.tenant(), doc.getString("sha256")));
        System.out.println("DOC-8 old-generation peak grew by " + heapGrowth / 1048576 + " MiB " + pools);
        // A server that holds the body (or a copy) in memory raises the old generation's peak by about the file's
        // size (a 200 MB array is a humongous object in G1): the bound is a small fraction of the file.
        assertTrue(heapGrowth < HEAP_GROWTH_BOUND, "the round trip of " + size / 1048576 + " MiB grew the server's"
                + " old-generation heap " + pools + " by " + heapGrowth / 1048576 + " MiB (bound "
                + HEAP_GROWTH_BOUND / 1048576 + " MiB)");
    }

    /** DOC-8: how much the server's old-generation heap may grow during the large round trip, whatever the size. */
    static final long HEAP_GROWTH_BOUND = 48L * 1024 * 1024;

    /** A deterministic stream of {@code size} bytes that never sits in memory. */
    static final class PatternStream extends InputStream {
        private final long size;
        private long position;

        PatternStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return position < size ? (int) (position++ * 31 % 251) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) (position++ * 31 % 251);
            }
            return n;
        }
    }
}
