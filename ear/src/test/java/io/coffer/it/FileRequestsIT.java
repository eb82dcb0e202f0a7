package io.coffer.it;

import static io.coffer.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * File requests and virus scanning (docs/features/file-requests.md, FR-1..FR-12) over HTTP, against the tests' real
 * clamd (tools/clamav/clamd-for-tests.sh: Debian's clamd with a signature database made by sigtool that detects the
 * EICAR test file).
 */
class FileRequestsIT {

    /** The EICAR test file: harmless, detected by every scanner as if it were a virus. */
    static final byte[] EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
            .getBytes(StandardCharsets.US_ASCII);

    UUID tenant;
    ItDatabase.User owner;
    String ownerToken;
    String suffix;
    String room;
    String folder;

    @BeforeEach
    void setUp() {
        tenant = ItDatabase.tenant("filereq");
        suffix = UUID.randomUUID().toString().substring(0, 8);
        owner = ItDatabase.user(tenant, "owner-" + suffix + "@f.test", "OWNER");
        ownerToken = Tokens.accessToken(owner);
        room = Api.room(ownerToken, "Deal " + suffix);
        folder = Api.folder(ownerToken, room, "Inbox", null);
    }

    JsonObject create(String token, String json) {
        HttpResponse<String> r = Http.postJson("/api/v1/datarooms/" + room + "/file-requests", token, json);
        assertEquals(201, r.statusCode(), r.body());
        return Http.json(r);
    }

    JsonObject create(String extra) {
        return create(ownerToken, "{\"folderId\": \"" + folder + "\", \"name\": \"Disclosure schedules\"" + extra + "}");
    }

    static HttpResponse<String> send(String token, String query, byte[] bytes, String type, String... headers) {
        HttpRequest.Builder b = Http.request("/api/v1/public/file-requests/" + token + "/files" + query)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return Http.send(b);
    }

    static String named(String name) {
        return "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    JsonObject document(String id) {
        HttpResponse<String> r = Http.get("/api/v1/documents/" + id, ownerToken);
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r);
    }

    List<JsonObject> folderDocuments() {
        List<JsonObject> out = new ArrayList<>();
        collect(Api.tree(ownerToken, room), out);
        return out;
    }

    private static void collect(JsonObject node, List<JsonObject> out) {
        if ("DOCUMENT".equals(node.getString("kind", ""))) {
            out.add(node);
        }
        if (node.containsKey("children") && !node.isNull("children")) {
            for (JsonObject child : node.getJsonArray("children").getValuesAs(JsonObject.class)) {
                collect(child, out);
            }
        }
    }

    List<JsonObject> files(String requestId) {
        HttpResponse<String> r = Http.get("/api/v1/file-requests/" + requestId + "/files", ownerToken);
        assertEquals(200, r.statusCode(), r.body());
        return Http.json(r).getJsonArray("items").getValuesAs(JsonObject.class);
    }

    /** The document's status once the scan settled (or after {@code seconds}). */
    String settled(String documentId, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        String status = document(documentId).getString("status");
        while ("SCANNING".equals(status) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            status = document(documentId).getString("status");
        }
        return status;
    }

    long rows(String table) {
        return ItDatabase.number(tenant, "select count(*) from " + table);
    }

    @Test
    void fr1_onlyMembersWithUploadManageRequests() {
        JsonObject r = create("");
        String id = r.getString("id");
        assertTrue(r.getString("url").endsWith("/r/" + r.getString("token")), "FR-1: url is <public url>/r/<token>");
        ItDatabase.User viewer = ItDatabase.user(tenant, "viewer-" + suffix + "@f.test", "MEMBER");
        String viewerToken = Tokens.accessToken(viewer);
        assertEquals(200, Api.putGrants(ownerToken, room, List.of(Api.grant("USER", viewer.id().toString(), null,
                "VIEW"))).statusCode());
        assertProblem(Http.postJson("/api/v1/datarooms/" + room + "/file-requests", viewerToken, "{\"folderId\": \""
                + folder + "\", \"name\": \"Mine\"}"), 403, "forbidden");
        assertProblem(Http.get("/api/v1/file-requests/" + id, viewerToken), 404, "not-found");
        assertProblem(Api.delete("/api/v1/file-requests/" + id, viewerToken), 404, "not-found");
        assertEquals(0, Http.json(Http.get("/api/v1/datarooms/" + room + "/file-requests", viewerToken))
                .getJsonArray("items").size(), "FR-1: a viewer lists none");
        String foreign = Tokens.accessToken(ItDatabase.user(ItDatabase.tenant("filereq-other"), "f-" + suffix
                + "@o.test", "OWNER"));
        assertProblem(Http.get("/api/v1/file-requests/" + id, foreign), 404, "not-found");
        assertProblem(Http.patchJson("/api/v1/file-requests/" + id, foreign, "{\"name\": \"x\"}"), 404, "not-found");
        JsonObject mine = Http.json(Http.get("/api/v1/file-requests/" + id, ownerToken));
        assertEquals("Disclosure schedules", mine.getString("name"));
        assertFalse(mine.containsKey("token") && !mine.isNull("token"), "FR-1: the token is shown only at creation");
        JsonObject changed = Http.json(Http.patchJson("/api/v1/file-requests/" + id, ownerToken,
                "{\"name\": \"Schedules\", \"maxFiles\": 3}"));
        assertEquals("Schedules", changed.getString("name"));
        assertEquals(3, changed.getInt("maxFiles"));
        assertEquals(folder, changed.getString("folderId"), "absent fields stay");
        assertProblem(Http.postJson("/api/v1/datarooms/" + room + "/file-requests", ownerToken,
                "{\"folderId\": \"" + folder + "\", \"name\": \"x\", \"allowedTypes\": [\"pdf\"]}"), 400, "validation");
        assertProblem(Http.postJson("/api/v1/datarooms/" + room + "/file-requests", ownerToken,
                "{\"folderId\": \"" + folder + "\", \"name\": \"x\", \"expiresAt\": \"2001-01-01T00:00:00Z\"}"), 400,
                "validation");
    }

    @Test
    void fr2_fr3_anOutsidersFileBecomesADocumentOfTheFolder() throws Exception {
        JsonObject r = create(", \"requireEmail\": true, \"allowedTypes\": [\"application/pdf\"], \"maxFiles\": 5");
        String token = r.getString("token");
        HttpResponse<String> intro = Http.get("/api/v1/public/file-requests/" + token);
        assertEquals(200, intro.statusCode(), intro.body());
        JsonObject i = Http.json(intro);
        assertEquals("Disclosure schedules", i.getString("name"));
        assertTrue(i.getBoolean("requireEmail"));
        assertEquals(5, i.getInt("filesLeft"));
        for (String hidden : new String[] {room, folder, owner.id().toString(), "Deal " + suffix, "Inbox"}) {
            assertFalse(intro.body().contains(hidden), "FR-2: the intro names no room, folder or creator: " + hidden);
        }
        byte[] pdf = DocumentsIT.pdf(2, 300, 400);
        HttpResponse<String> sent = send(token, named("Schedule 1.pdf") + "&email=Seller-" + suffix + "@S.test", pdf,
                "application/pdf");
        assertEquals(201, sent.statusCode(), sent.body());
        JsonObject received = Http.json(sent);
        assertEquals("SCANNING", received.getString("status"), "FR-7: it arrives SCANNING");
        assertEquals(pdf.length, received.getJsonNumber("size").longValue());
        assertEquals(HexFormat_sha256(pdf), received.getString("sha256"));
        // the same name again: a second document " (2)"
        assertEquals(201, send(token, named("Schedule 1.pdf") + "&email=seller-" + suffix + "@s.test", pdf,
                "application/pdf").statusCode());
        List<JsonObject> docs = folderDocuments();
        assertEquals(List.of("Schedule 1.pdf", "Schedule 1 (2).pdf"), docs.stream().map(d -> d.getString("name"))
                .toList(), "FR-3: both in the folder, the second renamed");
        String documentId = docs.get(0).getString("id");
        assertEquals("READY", settled(documentId, 30), "FR-7: a clean file becomes READY");
        JsonObject doc = document(documentId);
        assertEquals(folder, doc.getString("folderId"));
        HttpResponse<byte[]> bytes = Http.CLIENT.send(Http.request("/api/v1/documents/" + documentId + "/content")
                .header("Authorization", "Bearer " + ownerToken).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, bytes.statusCode());
        assertTrue(java.util.Arrays.equals(pdf, bytes.body()), "the bytes as sent");
        List<JsonObject> f = files(r.getString("id"));
        assertEquals(2, f.size());
        assertTrue(f.stream().allMatch(x -> ("seller-" + suffix + "@s.test").equals(x.getString("email"))),
                "FR-3: the sender's email, normalised, on each file: " + f);
        assertEquals(owner.id().toString(), ItDatabase.bytes(tenant, "select convert_to(cast(created_by as text),"
                + " 'UTF8') from items where id = cast(? as uuid)", documentId).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8)).findFirst().orElseThrow(),
                "FR-3: made in the creator's name");
        assertEquals(3, Http.json(Http.get("/api/v1/public/file-requests/" + token)).getInt("filesLeft"));
        awaitActivity("file-request.uploaded", 2);
    }

    void awaitActivity(String type, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        int found = 0;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> a = Http.get("/api/v1/activity?dataroomId=" + room + "&type=" + type, ownerToken);
            assertEquals(200, a.statusCode(), a.body());
            found = Http.json(a).getJsonArray("items").size();
            if (found >= count) {
                return;
            }
            Thread.sleep(300);
        }
        assertEquals(count, found, "events " + type + " in the room's activity");
    }

    static String HexFormat_sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void fr4_countAndExpiryAreNeverPassed() throws Exception {
        String token = create(", \"maxFiles\": 3").getString("token");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> all = new ArrayList<>();
            for (int n = 0; n < 8; n++) {
                int k = n;
                Callable<Integer> c = () -> send(token, named("f" + k + ".txt"), ("file " + k).getBytes(), "text/plain")
                        .statusCode();
                all.add(pool.submit(c));
            }
            int ok = 0;
            int gone = 0;
            for (Future<Integer> f : all) {
                int s = f.get();
                ok += s == 201 ? 1 : 0;
                gone += s == 410 ? 1 : 0;
            }
            assertEquals(3, ok, "FR-4: exactly maxFiles received");
            assertEquals(5, gone, "FR-4: the others 410");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(3, folderDocuments().size(), "FR-4: no document beyond the count");
        assertProblem(Http.get("/api/v1/public/file-requests/" + token), 410, "gone");
        // expiry: moving the server's clock past expiresAt closes the request
        String soon = create(", \"expiresAt\": \"" + java.time.Instant.now().plusSeconds(3600) + "\"")
                .getString("token");
        assertEquals(201, send(soon, named("early.txt"), "early".getBytes(), "text/plain").statusCode());
        try {
            ItClock.advance(java.time.Duration.ofHours(2));
            assertProblem(Http.get("/api/v1/public/file-requests/" + soon), 410, "gone");
            assertProblem(send(soon, named("late.txt"), "late".getBytes(), "text/plain"), 410, "gone");
        } finally {
            ItClock.reset();
        }
    }

    @Test
    void fr5_everyLimitIsCheckedBeforeTheBody() throws Exception {
        String token = create(", \"requireEmail\": true, \"password\": \"open sesame\", \"maxFileBytes\": 1000,"
                + " \"allowedTypes\": [\"application/pdf\", \".txt\"]").getString("token");
        String pw = "X-File-Request-Password";
        JsonObject missing = assertProblem(send(token, named("a.txt"), "x".getBytes(), "text/plain"), 401,
                "credentials-required");
        assertEquals(java.util.Set.of("email", "password"), ShareLinksIT.strings(missing.getJsonArray("requires")));
        JsonObject wrong = assertProblem(send(token, named("a.txt") + "&email=s@s.test", "x".getBytes(),
                "text/plain", pw, "wrong"), 401, "credentials-required");
        assertEquals(java.util.Set.of("password"), ShareLinksIT.strings(wrong.getJsonArray("requires")));
        assertProblem(send(token, named("a.txt") + "&email=not-an-email", "x".getBytes(), "text/plain", pw,
                "open sesame"), 401, "credentials-required");
        assertProblem(send(token, named("big.txt") + "&email=s@s.test", new byte[1001], "text/plain", pw,
                "open sesame"), 413, "payload-too-large");
        assertProblem(send(token, named("a.docx") + "&email=s@s.test", "x".getBytes(), "application/octet-stream", pw,
                "open sesame"), 415, "unsupported-media-type");
        assertProblem(send(token, named("../a.txt") + "&email=s@s.test", "x".getBytes(), "text/plain", pw,
                "open sesame"), 400, "validation");
        // an undeclared length (chunked) is cut at the limit
        HttpResponse<String> chunked = Http.send(Http.request("/api/v1/public/file-requests/" + token
                        + "/files" + named("stream.txt") + "&email=s@s.test").header(pw, "open sesame")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(new byte[5000]))));
        assertProblem(chunked, 413, "payload-too-large");
        assertEquals(0, folderDocuments().size(), "FR-5: nothing of a refused file");
        assertEquals(0, rows("file_request_files"));
        HttpResponse<String> ok = send(token, named("ok.txt") + "&email=s@s.test", "fine".getBytes(), "text/plain",
                pw, "open sesame");
        assertEquals(201, ok.statusCode(), ok.body());
    }

    @Test
    void fr6_theDetectedTypeDecidesAndARefusedFileLeavesNothing() throws Exception {
        JsonObject r = create(", \"allowedTypes\": [\"application/pdf\"], \"maxFiles\": 2");
        String token = r.getString("token");
        long blobsBefore = blobFiles();
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertProblem(send(token, named("deck.pdf"), zip, "application/pdf"), 415, "unsupported-media-type");
        assertProblem(send(token, named("deck.pdf"), "#!/bin/sh\necho hi\n".getBytes(), "application/pdf"), 415,
                "unsupported-media-type");
        assertEquals(0, folderDocuments().size(), "FR-6: no document");
        assertEquals(0, rows("file_request_files"), "FR-6: no file row");
        assertEquals(0, ItDatabase.number(tenant, "select files_count from file_requests where id = cast(? as uuid)",
                r.getString("id")), "FR-6: no place taken");
        assertEquals(blobsBefore, blobFiles(), "FR-6: no bytes left in storage");
        assertEquals(201, send(token, named("deck.pdf"), DocumentsIT.pdf(1, 200, 200), "application/pdf")
                .statusCode());
    }

    long blobFiles() throws Exception {
        Path blobs = Path.of(System.getProperty("it.coffer.home")).resolve("blobs").resolve(tenant.toString());
        if (!Files.exists(blobs)) {
            return 0;
        }
        try (var all = Files.walk(blobs)) {
            return all.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void fr7_fr8_eicarIsQuarantinedAndNeverServed() throws Exception {
        String token = create("").getString("token");
        HttpResponse<String> sent = send(token, named("invoice.txt"), EICAR, "text/plain");
        assertEquals(201, sent.statusCode(), sent.body());
        assertEquals("SCANNING", Http.json(sent).getString("status"));
        String id = folderDocuments().get(0).getString("id");
        assertEquals("QUARANTINED", settled(id, 30), "FR-7: EICAR is quarantined");
        assertQuarantined(id, "invoice.txt");
        awaitActivity("document.quarantined", 1);
    }

    /** FR-8: nothing of the document leaves — for its owner, a visitor of a link, a ticket, a zip. */
    void assertQuarantined(String id, String name) throws Exception {
        assertProblem(Http.get("/api/v1/documents/" + id + "/content", ownerToken), 409, "conflict");
        HttpResponse<String> ticket = Http.postJson("/api/v1/documents/" + id + "/download-ticket", ownerToken, "");
        if (ticket.statusCode() == 201) {
            String url = Http.json(ticket).getString("url");
            assertProblem(Http.send(Http.request(url.substring(url.indexOf("/api/v1"))).GET()), 409, "conflict");
        } else {
            assertEquals(409, ticket.statusCode(), ticket.body());
        }
        JsonObject link = Http.json(Http.postJson("/api/v1/share-links", ownerToken, "{\"target\": {\"type\":"
                + " \"DATAROOM\", \"id\": \"" + room + "\"}, \"allowDownload\": true}"));
        String visitor = ShareLinksIT.visitor(link.getString("token"), "{}");
        HttpResponse<byte[]> content = ShareLinksIT.bytes("/api/v1/public/links/" + link.getString("token")
                + "/documents/" + id + "/content", visitor);
        assertEquals(409, content.statusCode(), "FR-8: a visitor gets nothing of it");
        assertEquals(409, ShareLinksIT.bytes("/api/v1/public/links/" + link.getString("token") + "/documents/" + id
                + "/pages/1", visitor).statusCode(), "FR-8: no page image either");
        HttpResponse<byte[]> zip = ShareLinksIT.bytes("/api/v1/public/links/" + link.getString("token") + "/zip",
                visitor);
        if (zip.statusCode() == 200) {
            String entries = new String(zip.body(), StandardCharsets.ISO_8859_1);
            assertFalse(entries.contains(name) || entries.contains("EICAR-STANDARD-ANTIVIRUS-TEST-FILE"),
                    "FR-8: not in the link's zip");
        }
    }

    @Test
    void fr9_aStoppedScannerKeepsFilesScanningUntilItAnswers() throws Exception {
        String token = create("").getString("token");
        stopClamd();
        String id;
        try {
            HttpResponse<String> sent = send(token, named("while-down.txt"), "clean text".getBytes(), "text/plain");
            assertEquals(201, sent.statusCode(), sent.body());
            id = folderDocuments().get(0).getString("id");
            Thread.sleep(7_000); // two rounds of the sweep (PT3S) with no scanner
            assertEquals("SCANNING", document(id).getString("status"), "FR-9: no verdict without a scanner");
            assertProblem(Http.get("/api/v1/documents/" + id + "/content", ownerToken), 409, "conflict");
            // a member's upload while the scanner is down: stored, SCANNING, not served
            HttpResponse<String> member = Api.upload(ownerToken, room, null, "member.pdf", DocumentsIT.pdf(1, 200, 200));
            assertEquals(201, member.statusCode(), member.body());
            assertEquals("SCANNING", Http.json(member).getString("status"));
            assertProblem(Http.get("/api/v1/documents/" + Http.json(member).getString("id") + "/pages/1", ownerToken),
                    409, "conflict");
        } finally {
            startClamd();
        }
        assertEquals("READY", settled(id, 30), "FR-9: the sweep settles it once clamd answers");
        assertEquals(200, Http.get("/api/v1/documents/" + id + "/content", ownerToken).statusCode());
    }

    static Path clamdDir() {
        return Path.of(System.getProperty("it.clamav.dir"));
    }

    static void stopClamd() throws Exception {
        long pid = Long.parseLong(Files.readString(clamdDir().resolve("clamd.pid")).strip());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        long deadline = System.currentTimeMillis() + 15_000;
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "clamd stopped");
    }

    /** The Maven build that runs this test JVM (the first ancestor running plexus-classworlds), else the parent. */
    static long buildProcess() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(ProcessHandle.current());
        for (ProcessHandle p = parent; p != null; p = p.parent().orElse(null)) {
            if (p.info().commandLine().map(c -> c.contains("plexus-classworlds")).orElse(false)) {
                return p.pid();
            }
        }
        return parent.pid();
    }

    static void startClamd() throws Exception {
        Path script = Path.of(System.getProperty("user.dir")).resolve("../tools/clamav/clamd-for-tests.sh");
        // clamd must outlive this test JVM: the build's later failsafe execution (the tests that kill the server)
        // runs in a JVM of its own and uploads too, so the watchdog watches the build (this JVM's parent)
        long build = buildProcess();
        Process p = new ProcessBuilder("bash", script.toString(), clamdDir().toString(),
                System.getProperty("it.clamav.port"), Long.toString(build)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "clamd restarted: " + out);
    }

    @Test
    void fr10_membersUploadsAreScannedToo() throws Exception {
        HttpResponse<String> clean = Api.upload(ownerToken, room, folder, "clean.pdf", DocumentsIT.pdf(1, 200, 200));
        assertEquals(201, clean.statusCode(), clean.body());
        assertEquals("READY", Http.json(clean).getString("status"), "FR-10: scanned before the answer");
        HttpResponse<String> bad = Api.upload(ownerToken, room, folder, "eicar.txt", EICAR);
        assertEquals(201, bad.statusCode(), bad.body());
        JsonObject doc = Http.json(bad);
        assertEquals("QUARANTINED", doc.getString("status"), "FR-10: the owner's EICAR is quarantined");
        assertQuarantined(doc.getString("id"), "eicar.txt");
        // a new clean version is served again; the quarantined version stays unserved history
        HttpResponse<String> v2 = Http.send(Http.request("/api/v1/documents/" + doc.getString("id") + "/versions")
                .header("Authorization", "Bearer " + ownerToken).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("clean now")));
        assertEquals(201, v2.statusCode(), v2.body());
        assertEquals("READY", Http.json(v2).getString("status"));
        assertEquals("QUARANTINED", Http.json(v2).getJsonArray("versions").getJsonObject(1).getString("status"));
    }

    @Test
    void fr11_aCreatorWhoLostUploadEndsTheRequest() throws Exception {
        ItDatabase.User uploader = ItDatabase.user(tenant, "up-" + suffix + "@f.test", "MEMBER");
        assertEquals(200, Api.putGrants(ownerToken, room, List.of(Api.grant("USER", uploader.id().toString(), null,
                "UPLOAD"))).statusCode());
        String token = create(Tokens.accessToken(uploader), "{\"folderId\": \"" + folder + "\", \"name\": \"Theirs\"}")
                .getString("token");
        assertEquals(201, send(token, named("one.txt"), "one".getBytes(), "text/plain").statusCode());
        assertEquals(200, Api.putGrants(ownerToken, room, List.of(Api.grant("USER", uploader.id().toString(), null,
                "VIEW"))).statusCode());
        assertProblem(send(token, named("two.txt"), "two".getBytes(), "text/plain"), 410, "gone");
        assertEquals(List.of("one.txt"), folderDocuments().stream().map(d -> d.getString("name")).toList(),
                "FR-11: nothing kept after the creator lost UPLOAD");
        assertEquals(1, ItDatabase.number(tenant, "select files_count from file_requests"), "FR-11: no place taken");
    }

    @Test
    void fr12_deletingEndsTheTokenAndKeepsTheFiles() {
        JsonObject r = create("");
        String token = r.getString("token");
        assertEquals(201, send(token, named("kept.txt"), "kept".getBytes(), "text/plain").statusCode());
        assertEquals(204, Api.delete("/api/v1/file-requests/" + r.getString("id"), ownerToken).statusCode());
        assertProblem(Http.get("/api/v1/public/file-requests/" + token), 404, "not-found");
        assertProblem(send(token, named("late.txt"), "late".getBytes(), "text/plain"), 404, "not-found");
        assertProblem(Http.get("/api/v1/file-requests/" + r.getString("id"), ownerToken), 404, "not-found");
        assertEquals(List.of("kept.txt"), folderDocuments().stream().map(d -> d.getString("name")).toList(),
                "FR-12: the files stay");
        assertProblem(Http.get("/api/v1/public/file-requests/" + "x".repeat(43)), 404, "not-found");
        assertNotEquals(token, "x".repeat(43));
    }
}
