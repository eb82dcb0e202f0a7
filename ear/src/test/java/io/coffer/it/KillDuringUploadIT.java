package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * DOC-9 for real: the server is killed with SIGKILL while an upload is streaming into storage, then started again. The
 * document must not exist in any form (no row, no entry in the tree, no blob), and the server must serve as before;
 * FD-9: what was committed before the kill (a folder, a document: rows, blob, quota) is all there, byte for byte.
 * The partial bytes are only a temporary file, which the sweeper removes once it is a day old.
 */
@Tag("kills-server") // runs after every other IT (ear/pom.xml): the restarted server is new to Arquillian
class KillDuringUploadIT {

    static final Path SERVER = Path.of(System.getProperty("it.server.dir"));
    static final Path WLP = Path.of(System.getProperty("arquillian.wlp.home"));
    static final Path HOME = Path.of(System.getProperty("it.coffer.home"));

    @Test
    void doc9_fd9_aServerKilledMidUploadLeavesNoPartialDocumentAndKeepsWhatWasCommitted() throws Exception {
        UUID tenant = ItDatabase.tenant("kill");
        ItDatabase.User owner = ItDatabase.user(tenant, "owner-" + UUID.randomUUID().toString().substring(0, 6)
                + "@k.test", "OWNER");
        String token = Tokens.login(owner);
        String room = DataRoomsIT.createRoom(token, "Killed").getString("id");
        // FD-9: committed before the crash, and must be there after it, row and blob
        String keptFolder = Api.folder(token, room, "Kept before the crash", null);
        byte[] keptBytes = DocumentsIT.pdf(2, 612, 792);
        String kept = Api.document(token, room, keptFolder, "kept.pdf", keptBytes);
        String keptSha = DocumentsIT.sha256(keptBytes);
        List<Path> before = temporaryFiles();

        long declared = 200L * 1024 * 1024;
        URI base = URI.create(Http.BASE);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/datarooms/" + room + "/documents?name=half.bin HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + declared + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 'k');
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int sent = 0;
            while (newPartialBytes(before) < 16L * 1024 * 1024) { // the bytes really are streaming into storage
                assertTrue(System.nanoTime() < deadline, "the upload reached storage in time");
                if (sent < 100) {
                    out.write(chunk);
                    out.flush();
                    sent++;
                } else {
                    Thread.sleep(100);
                }
            }
            killServer();
        }

        startServer();
        assertEquals(1, ItDatabase.number(tenant, "select count(*) from items where kind = 'DOCUMENT'"),
                "no document entry but the one committed before the crash");
        assertEquals(1, ItDatabase.number(tenant, "select count(*) from document_versions"), "no version");
        String tree = Http.get("/api/v1/datarooms/" + room + "/tree", Tokens.login(owner)).body();
        assertTrue(!tree.contains("half.bin"), tree);
        assertTrue(tree.contains(kept) && tree.contains("kept.pdf") && tree.contains(keptFolder), tree);
        Path blobs = HOME.resolve("blobs").resolve(tenant.toString());
        try (Stream<Path> files = Files.exists(blobs) ? Files.walk(blobs) : Stream.empty()) {
            List<Path> left = files.filter(Files::isRegularFile).toList();
            assertEquals(List.of(blobs.resolve(keptSha.substring(0, 2)).resolve(keptSha)), left,
                    "no blob, whole or partial, but the one committed before the crash");
            assertEquals(keptSha, DocumentsIT.sha256(Files.readAllBytes(left.get(0))), "the kept blob is intact");
        }
        assertEquals(keptBytes.length, ItDatabase.number(tenant,
                "select coalesce(sum(used_bytes), 0) from storage_usage"), "nothing charged to the quota but it");
        var keptContent = Http.CLIENT.send(Http.request("/api/v1/documents/" + kept + "/content")
                .header("Authorization", "Bearer " + Tokens.login(owner)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, keptContent.statusCode());
        assertEquals(keptSha, DocumentsIT.sha256(keptContent.body()), "served byte for byte after the restart");

        // and the restarted server takes the same upload whole
        byte[] small = "after the crash".getBytes(StandardCharsets.UTF_8);
        var created = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=half.bin")
                .header("Authorization", "Bearer " + Tokens.login(owner))
                .header("Content-Type", "application/octet-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(small)));
        assertEquals(201, created.statusCode(), created.body());
    }

    static final boolean HEAVY = Boolean.getBoolean("coffer.heavy");
    /** Issue 15: 20 kills during 50 concurrent uploads under -Pheavy; a short smoke in the default suite. */
    static final int KILLS = HEAVY ? 20 : 2;
    static final int UPLOADERS = HEAVY ? 50 : 10;

    /** One upload as its client saw it: the bytes' SHA-256, and the 201's document id (null: no answer). */
    record Upload(String name, String sha256, long size, String answeredId, int status) {
    }

    @Test
    void rel6_fd9_killedAtRandomMomentsDuringConcurrentUploadsKeepsEveryAnsweredUploadAndNothingHalfWritten()
            throws Exception {
        UUID tenant = ItDatabase.tenant("kills");
        ItDatabase.User owner = ItDatabase.user(tenant, "owner@kills.test", "OWNER");
        String room = DataRoomsIT.createRoom(Tokens.accessToken(owner), "Killed twenty times").getString("id");
        java.util.Random random = new java.util.Random();
        List<Upload> uploads = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        long swept = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            // a test-key token, valid across restarts; a fresh one per round (a heavy run outlives a token's 15 min)
            String roundToken = Tokens.accessToken(owner);
            java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.ExecutorService uploaders = java.util.concurrent.Executors.newFixedThreadPool(UPLOADERS);
            int round = kill;
            for (int u = 0; u < UPLOADERS; u++) {
                int uploader = u;
                uploaders.submit(() -> {
                    java.util.Random mine = new java.util.Random();
                    java.security.MessageDigest sha256;
                    try {
                        sha256 = java.security.MessageDigest.getInstance("SHA-256");
                    } catch (java.security.NoSuchAlgorithmException e) {
                        throw new IllegalStateException(e);
                    }
                    for (int n = 0; !killed.get(); n++) {
                        byte[] bytes = new byte[1024 + mine.nextInt(127 * 1024)];
                        mine.nextBytes(bytes);
                        String name = "k" + round + "-u" + uploader + "-" + n + ".bin";
                        String sha = HexFormat.of().formatHex(sha256.digest(bytes));
                        try {
                            var answer = client.send(Http.request("/api/v1/datarooms/" + room + "/documents?name="
                                            + name).timeout(Duration.ofSeconds(60))
                                    .header("Authorization", "Bearer " + roundToken)
                                    .header("Content-Type", "application/octet-stream")
                                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofString());
                            String id = answer.statusCode() == 201 ? Http.json(answer).getString("id") : null;
                            uploads.add(new Upload(name, sha, bytes.length, id, answer.statusCode()));
                        } catch (IOException noAnswer) {
                            uploads.add(new Upload(name, sha, bytes.length, null, -1));
                        } catch (InterruptedException stop) {
                            return;
                        }
                    }
                });
            }
            Thread.sleep(1000 + random.nextInt(HEAVY ? 4000 : 2000)); // a random moment of the uploads
            killed.set(true); // no new upload starts; those in flight are cut by the kill
            killServer();
            uploaders.shutdown();
            assertTrue(uploaders.awaitTermination(90, java.util.concurrent.TimeUnit.SECONDS), "uploaders done");
            // what the killed server left in the temporary directory: aged past the sweeper's day, then the start
            // that follows must remove it (the sweep runs at start)
            List<Path> left = temporaryFiles();
            for (Path file : left) {
                Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(
                        java.time.Instant.now().minus(Duration.ofDays(2))));
            }
            startServer();
            List<Path> still = temporaryFiles().stream().filter(left::contains).toList();
            assertEquals(List.of(), still, "REL-6: the temporary files of killed uploads are swept at the next start");
            swept += left.size();
        }

        // every visible document with its stored SHA-256 and size
        java.util.Map<String, String> visible = new java.util.HashMap<>();
        for (String row : ItDatabase.texts(tenant, "select i.name || ' ' || v.sha256 || ' ' || v.size from items i"
                + " join document_versions v on v.document_id = i.id where i.kind = 'DOCUMENT'")) {
            String[] f = row.split(" ");
            visible.put(f[0], f[1] + " " + f[2]);
        }
        java.util.Map<String, Upload> sent = new java.util.HashMap<>();
        uploads.forEach(u -> sent.put(u.name(), u));
        List<Upload> answered = uploads.stream().filter(u -> u.answeredId() != null).toList();
        long unanswered = uploads.stream().filter(u -> u.status() < 0).count();
        String statuses = uploads.stream().collect(java.util.stream.Collectors.groupingBy(Upload::status,
                java.util.TreeMap::new, java.util.stream.Collectors.counting())).toString();
        assertTrue(answered.size() >= KILLS, "uploads were answered between the kills: " + statuses);
        assertTrue(uploads.stream().allMatch(u -> u.status() == 201 || u.status() < 0),
                "REL-6: every upload answered 201 or not at all (the kill): " + statuses);
        for (Upload u : answered) {
            assertEquals(u.sha256() + " " + u.size(), visible.get(u.name()),
                    "REL-6: the upload answered 201 is there with its SHA-256: " + u.name());
        }
        long committedUnanswered = 0;
        for (var entry : visible.entrySet()) {
            Upload u = sent.get(entry.getKey());
            assertTrue(u != null, "no document that no client sent: " + entry.getKey());
            assertEquals(u.sha256() + " " + u.size(), entry.getValue(), "REL-6: never a half-written document");
            if (u.answeredId() == null) {
                // committed while the server was killed, before its 201 reached the client: whole, and only for a
                // request in flight at the kill (the client retries with an Idempotency-Key, FD-14)
                assertEquals(-1, u.status(), "visible only if answered 201 or in flight at the kill: " + u);
                committedUnanswered++;
            }
        }
        // blobs on disk: exactly the visible documents' contents, byte for byte
        Path blobs = HOME.resolve("blobs").resolve(tenant.toString());
        java.util.Set<String> onDisk = new java.util.HashSet<>();
        try (Stream<Path> files = Files.walk(blobs)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                onDisk.add(file.getFileName().toString());
            }
        }
        java.util.Set<String> shas = new java.util.HashSet<>();
        visible.values().forEach(v -> shas.add(v.split(" ")[0]));
        assertTrue(onDisk.containsAll(shas), "REL-6: a blob for every document");
        // a blob moved into place whose transaction the kill cut off has no document: invisible, uncharged, whole,
        // and only from a request that got no answer; the orphaned-blob collection (TrashPurge, after an hour's
        // grace) removes it
        java.util.Set<String> orphans = new java.util.HashSet<>(onDisk);
        orphans.removeAll(shas);
        java.util.Set<String> unansweredShas = new java.util.HashSet<>();
        uploads.stream().filter(u -> u.status() < 0).forEach(u -> unansweredShas.add(u.sha256()));
        assertTrue(unansweredShas.containsAll(orphans), "REL-6: a blob without a document only of an unanswered"
                + " upload: " + orphans);
        for (String orphan : orphans) {
            assertEquals(orphan, DocumentsIT.sha256(Files.readAllBytes(blobs.resolve(orphan.substring(0, 2))
                    .resolve(orphan))), "REL-6: never a half-written blob, even without a document");
            Files.setLastModifiedTime(blobs.resolve(orphan.substring(0, 2)).resolve(orphan),
                    java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(Duration.ofHours(2))));
        }
        long collectBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (orphans.stream().anyMatch(o -> Files.exists(blobs.resolve(o.substring(0, 2)).resolve(o)))) {
            assertTrue(System.nanoTime() < collectBy, "REL-6: the orphaned blobs, aged past the grace, are collected");
            Thread.sleep(500);
        }
        try (Stream<Path> files = Files.walk(blobs)) {
            assertEquals(shas, files.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .collect(java.util.stream.Collectors.toSet()), "REL-6: then exactly the documents' blobs");
        }
        for (Upload u : answered.subList(0, Math.min(answered.size(), 20))) {
            var content = client.send(Http.request("/api/v1/documents/" + u.answeredId() + "/content")
                    .header("Authorization", "Bearer " + Tokens.accessToken(owner)).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, content.statusCode());
            assertEquals(u.sha256(), DocumentsIT.sha256(content.body()), "REL-6: served byte for byte");
        }
        long bytes = visible.values().stream().mapToLong(v -> Long.parseLong(v.split(" ")[1])).sum();
        assertEquals(bytes, ItDatabase.number(tenant, "select coalesce(sum(used_bytes), 0) from storage_usage"),
                "REL-6: the quota's charge is the sum of the documents kept");
        ItLoad.record(String.format(java.util.Locale.ROOT, "RELIABILITY kill-during-uploads %s kills=%d"
                        + " uploaders=%d statuses=%s uploads=%d answered201=%d unanswered=%d committedButUnanswered=%d"
                        + " lostAnswered=0 halfWritten=0 tmpSwept=%d orphanBlobs=%d quotaBytes=%d heavy=%s%n",
                java.time.Instant.now(), KILLS, UPLOADERS, statuses.replace(" ", ""), uploads.size(), answered.size(), unanswered,
                committedUnanswered, swept, orphans.size(), bytes, HEAVY));
    }

    static List<Path> temporaryFiles() throws IOException {
        Path tmp = HOME.resolve("blobs").resolve(".tmp");
        try (Stream<Path> files = Files.list(tmp)) {
            return files.toList();
        }
    }

    static long newPartialBytes(List<Path> before) throws IOException {
        long size = 0;
        for (Path file : temporaryFiles()) {
            if (!before.contains(file)) {
                try {
                    size = Math.max(size, Files.size(file));
                } catch (java.nio.file.NoSuchFileException gone) {
                    // another test's upload finished meanwhile
                }
            }
        }
        return size;
    }

    static void killServer() throws Exception {
        long pid = Long.parseLong(Files.readString(SERVER.getParent().resolve(".pid").resolve("cofferIT.pid")).trim());
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("no server process " + pid));
        assertTrue(server.destroyForcibly(), "SIGKILL sent");
        server.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** Starts the server again the way the build did ({@code server start}), and waits until it is ready. */
    static void startServer() throws Exception {
        Process start = new ProcessBuilder(WLP.resolve("bin").resolve("server").toString(), "start", "cofferIT")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(start.waitFor(180, java.util.concurrent.TimeUnit.SECONDS), "server start returned");
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (true) {
            try {
                if (Http.get("/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // connection refused while Liberty starts
            }
            assertTrue(System.nanoTime() < deadline, "the server was ready again within 3 minutes");
            Thread.sleep(1000);
        }
    }
}
