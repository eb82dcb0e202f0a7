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
