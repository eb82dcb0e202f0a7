package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Resumable uploads by tus 1.0 (docs/features/documents.md, DOC-60..DOC-67). */
class ResumableUploadsIT {

    ItDatabase.User owner;
    ItDatabase.User member;
    ItDatabase.User foreigner;
    String token;
    String room;

    @BeforeEach
    void room() {
        UUID tenant = ItDatabase.tenant("tus");
        String s = UUID.randomUUID().toString().substring(0, 6);
        owner = ItDatabase.user(tenant, "owner-" + s + "@t.test", "MEMBER");
        member = ItDatabase.user(tenant, "member-" + s + "@t.test", "MEMBER");
        foreigner = ItDatabase.user(ItDatabase.tenant("tus-b"), "f-" + s + "@t.test", "OWNER");
        token = Tokens.login(owner);
        room = DataRoomsIT.createRoom(token, "Resumable").getString("id");
    }

    // ---- tus helpers ---------------------------------------------------------------------------------------------

    /** The owner's own grant: PUT grants replaces the whole list. */
    String mine() {
        return Api.grant("USER", owner.id().toString(), null, "MANAGE");
    }

    static String meta(String... pairs) {
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (header.length() > 0) {
                header.append(',');
            }
            header.append(pairs[i]).append(' ').append(Base64.getEncoder()
                    .encodeToString(pairs[i + 1].getBytes(StandardCharsets.UTF_8)));
        }
        return header.toString();
    }

    static HttpResponse<String> create(String token, long length, String metadata) {
        return Http.send(Http.request("/api/v1/uploads").header("Authorization", "Bearer " + token)
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", Long.toString(length))
                .header("Upload-Metadata", metadata).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Creates an upload in {@code room} and answers its path ({@code /api/v1/uploads/<id>}). */
    static String created(String token, String room, String name, long length) {
        HttpResponse<String> r = create(token, length, meta("dataroomId", room, "name", name));
        assertEquals(201, r.statusCode(), r.body());
        assertEquals("1.0.0", r.headers().firstValue("Tus-Resumable").orElseThrow());
        assertTrue(r.headers().firstValue("Upload-Expires").isPresent());
        return URI.create(r.headers().firstValue("Location").orElseThrow()).getPath();
    }

    static HttpResponse<String> head(String token, String upload) {
        return Http.send(Http.request(upload).header("Authorization", "Bearer " + token)
                .header("Tus-Resumable", "1.0.0").method("HEAD", HttpRequest.BodyPublishers.noBody()));
    }

    static long offset(String token, String upload) {
        HttpResponse<String> r = head(token, upload);
        assertEquals(200, r.statusCode());
        return Long.parseLong(r.headers().firstValue("Upload-Offset").orElseThrow());
    }

    static HttpResponse<String> patch(String token, String upload, long offset, byte[] bytes, String type) {
        return Http.send(Http.request(upload).header("Authorization", "Bearer " + token)
                .header("Tus-Resumable", "1.0.0").header("Upload-Offset", Long.toString(offset))
                .header("Content-Type", type).method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    static HttpResponse<String> delete(String token, String upload) {
        return Http.send(Http.request(upload).header("Authorization", "Bearer " + token)
                .header("Tus-Resumable", "1.0.0").DELETE());
    }

    /**
     * A PATCH that breaks off: it declares {@code declared} bytes, sends {@code sent} of {@code source} from
     * {@code offset} and closes the connection, as a dropped network does.
     */
    static void interruptedPatch(String token, String upload, long offset, InputStream source, long sent,
                                 long declared) throws Exception {
        URI base = URI.create(Http.BASE);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + upload + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer "
                    + token + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: " + offset
                    + "\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: " + declared
                    + "\r\nX-Forwarded-For: 198.51.100.78\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[1 << 16];
            long left = sent;
            while (left > 0) {
                int n = source.read(buffer, 0, (int) Math.min(buffer.length, left));
                out.write(buffer, 0, n);
                left -= n;
            }
            out.flush();
            Thread.sleep(300); // let the server take what was sent before the line drops
        }
    }

    /** The server's offset once the broken PATCH is over on its side (it answers 409 while it still appends). */
    static long settledOffset(String token, String upload) throws Exception {
        long last = -1;
        for (int i = 0; i < 100; i++) {
            long now = offset(token, upload);
            if (now == last) {
                return now;
            }
            last = now;
            Thread.sleep(200);
        }
        return last;
    }

    static Path partialFile(UUID tenant, String upload) {
        return Path.of(System.getProperty("it.coffer.home")).resolve("uploads").resolve(tenant.toString())
                .resolve(upload.substring(upload.lastIndexOf('/') + 1));
    }

    static long rows(UUID tenant) {
        return ItDatabase.number(tenant, "select count(*) from resumable_uploads");
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    // ---- tests ---------------------------------------------------------------------------------------------------

    @Test
    void doc60_optionsAdvertiseTheVersionAndTheExtensions() {
        HttpResponse<String> r = Http.send(Http.request("/api/v1/uploads").header("Authorization", "Bearer " + token)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(204, r.statusCode());
        assertEquals("1.0.0", r.headers().firstValue("Tus-Version").orElseThrow());
        List<String> extensions = List.of(r.headers().firstValue("Tus-Extension").orElseThrow().split(","));
        assertTrue(extensions.containsAll(List.of("creation", "termination", "expiration")), extensions.toString());
        assertTrue(Long.parseLong(r.headers().firstValue("Tus-Max-Size").orElseThrow()) > 0);
    }

    @Test
    void doc63_anUploadInterruptedAtSeveralOffsetsResumesIntoOneDocumentWithTheRightSha256() throws Exception {
        byte[] bytes = randomBytes(3 * 1024 * 1024 + 17);
        String upload = created(token, room, "Resumed.bin", bytes.length);
        assertEquals(0, offset(token, upload));
        long[] breaks = {100_000, 1_048_583, 2_500_001};
        long at = 0;
        for (long stop : breaks) {
            interruptedPatch(token, upload, at, new java.io.ByteArrayInputStream(bytes, (int) at, bytes.length),
                    stop - at, bytes.length - at);
            long now = settledOffset(token, upload);
            assertTrue(now > at && now <= stop, "the offset after a break at " + stop + " is " + now);
            at = now; // resume where the server's durable bytes end
        }
        HttpResponse<String> last = patch(token, upload, at,
                java.util.Arrays.copyOfRange(bytes, (int) at, bytes.length), "application/offset+octet-stream");
        assertEquals(204, last.statusCode(), last.body());
        assertEquals(Long.toString(bytes.length), last.headers().firstValue("Upload-Offset").orElseThrow());
        String id = last.headers().firstValue("Coffer-Document-Id").orElseThrow();

        JsonObject doc = Http.json(Http.get("/api/v1/documents/" + id, token));
        assertEquals("Resumed.bin", doc.getString("name"));
        assertEquals(bytes.length, doc.getJsonNumber("size").longValue());
        assertEquals(sha256(bytes), doc.getString("sha256"));
        HttpResponse<byte[]> content = Http.CLIENT.send(Http.request("/api/v1/documents/" + id + "/content")
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(bytes, content.body());
        String tree = Http.get("/api/v1/datarooms/" + room + "/tree", token).body();
        assertEquals(1, tree.split("Resumed\\.bin", -1).length - 1, "exactly one document: " + tree);
        assertEquals(0, rows(owner.tenant()), "the finished upload leaves no row");
        assertFalse(Files.exists(partialFile(owner.tenant(), upload)), "nor partial bytes");
        assertEquals(404, head(token, upload).statusCode());
    }

    @Test
    void doc67_aResumableUploadOfADocumentIdIsANewVersion() throws Exception {
        String first = Api.document(token, room, null, "contract.pdf", DocumentsIT.PDF);
        byte[] bytes = randomBytes(70_000);
        HttpResponse<String> r = create(token, bytes.length, meta("documentId", first));
        assertEquals(201, r.statusCode(), r.body());
        String upload = URI.create(r.headers().firstValue("Location").orElseThrow()).getPath();
        HttpResponse<String> done = patch(token, upload, 0, bytes, "application/offset+octet-stream");
        assertEquals(204, done.statusCode(), done.body());
        assertEquals(first, done.headers().firstValue("Coffer-Document-Id").orElseThrow());
        JsonObject doc = Http.json(Http.get("/api/v1/documents/" + first, token));
        assertEquals(2, doc.getInt("version"));
        assertEquals(sha256(bytes), doc.getString("sha256"));
    }

    @Test
    void doc62_creationIsRefusedBeforeAnyByteByThePlainUploadsRules() {
        UUID tenant = owner.tenant();
        // a member with DOWNLOAD only in the room: 403
        assertEquals(200, Api.putGrants(token, room, List.of(mine(), Api.grant("USER", member.id().toString(), null,
                "DOWNLOAD"))).statusCode());
        assertProblem(create(Tokens.login(member), 10, meta("dataroomId", room, "name", "x.bin")), 403, "forbidden");
        // another tenant's room: 404, as for a room that does not exist
        assertProblem(create(Tokens.login(foreigner), 10, meta("dataroomId", room, "name", "x.bin")), 404,
                "not-found");
        // over the size limit (300 MB in the IT server): 413 at creation
        assertProblem(create(token, 400L * 1024 * 1024, meta("dataroomId", room, "name", "x.bin")), 413,
                "payload-too-large");
        // the plain upload's name rule, and metadata that names no room
        assertProblem(create(token, 10, meta("dataroomId", room, "name", "a/b")), 400, "validation");
        assertProblem(create(token, 10, meta("name", "x.bin")), 400, "validation");
        assertProblem(create(token, 10, "dataroomId !!!"), 400, "validation");
        // another protocol version: 412
        HttpResponse<String> old = Http.send(Http.request("/api/v1/uploads").header("Authorization", "Bearer " + token)
                .header("Tus-Resumable", "0.2.2").header("Upload-Length", "10")
                .header("Upload-Metadata", meta("dataroomId", room, "name", "x.bin"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertProblem(old, 412, "precondition-failed");
        assertEquals("1.0.0", old.headers().firstValue("Tus-Version").orElseThrow());
        // no bearer: 401
        assertEquals(401, Http.send(Http.request("/api/v1/uploads").header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", "10").header("Upload-Metadata", meta("dataroomId", room, "name", "x.bin"))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode());
        assertEquals(0, rows(tenant), "nothing was created");
    }

    @Test
    void doc61_anUploadIsItsCreatorsOnly_anotherUserOrTenantGets404() {
        assertEquals(200, Api.putGrants(token, room, List.of(mine(), Api.grant("USER", member.id().toString(), null,
                "UPLOAD"))).statusCode());
        String upload = created(token, room, "mine.bin", 20);
        assertEquals(204, patch(token, upload, 0, new byte[5], "application/offset+octet-stream").statusCode());
        for (String other : List.of(Tokens.login(member), Tokens.login(foreigner))) {
            assertEquals(404, head(other, upload).statusCode());
            assertProblem(patch(other, upload, 5, new byte[15], "application/offset+octet-stream"), 404,
                    "not-found");
            assertProblem(delete(other, upload), 404, "not-found");
        }
        assertEquals(5, offset(token, upload), "nothing of theirs was appended, nothing removed");
    }

    @Test
    void doc63_wrongOffsetWrongTypeAndBytesPastTheLengthAreRefused() {
        String upload = created(token, room, "strict.bin", 100);
        assertEquals(204, patch(token, upload, 0, new byte[40], "application/offset+octet-stream").statusCode());
        assertProblem(patch(token, upload, 10, new byte[10], "application/offset+octet-stream"), 409, "conflict");
        assertProblem(patch(token, upload, 40, new byte[10], "application/octet-stream"), 415,
                "unsupported-media-type");
        assertProblem(patch(token, upload, 40, new byte[61], "application/offset+octet-stream"), 413,
                "payload-too-large");
        assertEquals(40, offset(token, upload), "none of the refused PATCHes moved the offset");
        HttpResponse<String> noOffset = Http.send(Http.request(upload).header("Authorization", "Bearer " + token)
                .header("Tus-Resumable", "1.0.0").header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(new byte[1])));
        assertProblem(noOffset, 400, "validation");
    }

    @Test
    void doc64_aQuotaThatNoLongerFitsAtTheEndIsRefusedAndNothingIsRecorded() {
        UUID tenant = owner.tenant();
        String upload = created(token, room, "late.bin", 1000);
        assertEquals(204, patch(token, upload, 0, new byte[500], "application/offset+octet-stream").statusCode());
        // meanwhile the tenant's storage filled up
        ItDatabase.execute(tenant, "insert into storage_usage (tenant_id, used_bytes, quota_bytes) values (?, 0, 100)"
                + " on conflict (tenant_id) do update set quota_bytes = storage_usage.used_bytes + 100", tenant);
        assertProblem(patch(token, upload, 500, new byte[500], "application/offset+octet-stream"), 413,
                "payload-too-large");
        assertFalse(Http.get("/api/v1/datarooms/" + room + "/tree", token).body().contains("late.bin"));
        assertEquals(0, rows(tenant));
        assertFalse(Files.exists(partialFile(tenant, upload)));
    }

    @Test
    void doc65_terminationRemovesThePartialBytes() {
        String upload = created(token, room, "gone.bin", 100);
        assertEquals(204, patch(token, upload, 0, new byte[30], "application/offset+octet-stream").statusCode());
        Path file = partialFile(owner.tenant(), upload);
        assertTrue(Files.exists(file), file.toString());
        HttpResponse<String> r = delete(token, upload);
        assertEquals(204, r.statusCode(), r.body());
        assertFalse(Files.exists(file));
        assertEquals(0, rows(owner.tenant()));
        assertEquals(404, head(token, upload).statusCode());
    }

    @Test
    void doc66_anUploadOlderThan24HoursIsSweptWithItsBytes() throws Exception {
        UUID tenant = owner.tenant();
        String upload = created(token, room, "old.bin", 100);
        String fresh = created(token, room, "fresh.bin", 100);
        assertEquals(204, patch(token, upload, 0, new byte[30], "application/offset+octet-stream").statusCode());
        String id = upload.substring(upload.lastIndexOf('/') + 1);
        assertEquals(1, ItDatabase.execute(tenant, "update resumable_uploads set created_at = created_at - interval"
                + " '25 hours', expires_at = expires_at - interval '25 hours' where id = ?", UUID.fromString(id)));
        assertEquals(410, head(token, upload).statusCode());
        Path file = partialFile(tenant, upload);
        for (int i = 0; i < 100 && (Files.exists(file) || rows(tenant) > 1); i++) {
            Thread.sleep(200);
        }
        assertFalse(Files.exists(file), "the sweep removed the partial bytes");
        assertEquals(1, rows(tenant), "and the row; the fresh upload stays");
        assertEquals(404, head(token, upload).statusCode());
        assertEquals(0, offset(token, fresh));
    }

    /**
     * DOC-63 at scale: 2 GiB, interrupted at about 1 GiB and resumed, is one document with the right SHA-256, and the
     * server's old-generation heap does not grow with the file (-Pheavy: 256 MB heap, 2 GiB upload limit).
     */
    @Test
    @Tag("heavy")
    void doc63_a2GiBUploadInterruptedAndResumedWithoutTheHeapGrowing() throws Exception {
        long size = 2L * 1024 * 1024 * 1024;
        String upload = created(token, room, "huge.bin", size);
        ServerHeap heap = ServerHeap.connect();
        long heapBefore = heap.resetPeak();
        long stop = 1024L * 1024 * 1024 + 12345;
        interruptedPatch(token, upload, 0, new DocumentsIT.PatternStream(size), stop, size);
        long at = settledOffset(token, upload);
        assertTrue(at > 0 && at <= stop, "offset " + at);
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        try (InputStream whole = new java.security.DigestInputStream(new DocumentsIT.PatternStream(size), sent)) {
            byte[] skip = new byte[1 << 16]; // through the digest: it covers every byte, the sent ones too
            long left = at;
            while (left > 0) {
                left -= whole.read(skip, 0, (int) Math.min(skip.length, left));
            }
            long remaining = size - at;
            HttpRequest request = Http.request(upload).header("Authorization", "Bearer " + token)
                    .header("Tus-Resumable", "1.0.0").header("Upload-Offset", Long.toString(at))
                    .header("Content-Type", "application/offset+octet-stream").timeout(Duration.ofMinutes(20))
                    .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> whole), remaining)).build();
            HttpResponse<String> done = Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(204, done.statusCode(), done.body());
            String id = done.headers().firstValue("Coffer-Document-Id").orElseThrow();
            JsonObject doc = Http.json(Http.get("/api/v1/documents/" + id, token));
            assertEquals(size, doc.getJsonNumber("size").longValue());
            assertEquals(HexFormat.of().formatHex(sent.digest()), doc.getString("sha256"));
        }
        long growth = heap.peak() - heapBefore;
        String pools = heap.pools();
        heap.close();
        System.out.println("DOC-63 2 GiB resumable: old-generation peak grew by " + growth / 1048576 + " MiB " + pools);
        assertTrue(growth < DocumentsIT.HEAP_GROWTH_BOUND, "grew " + growth / 1048576 + " MiB " + pools);
    }
}
