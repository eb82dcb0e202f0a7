package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * REL-7: the disk under COFFER_HOME fills up. A small ext4 file system (loop-mounted; needs root, which CI has) is
 * mounted over {@code COFFER_HOME/blobs} of the running IT server and filled; uploads then fail with a clear problem
 * answer (503 {@code unavailable}, {@code Retry-After}), nothing half-written stays (no temporary file, no blob, no row,
 * no quota charge), and uploads succeed again once space returns. Under CI=true a machine where this cannot be done
 * fails the run; elsewhere the test is skipped with the reason.
 */
@Tag("kills-server") // mounts over the server's blob directory: runs after the other ITs
class DiskFullIT {

    static final Path HOME = Path.of(System.getProperty("it.coffer.home"));

    /** A tool by name, from /usr/sbin or /sbin where an unprivileged PATH lacks them (mkfs.ext4, losetup). */
    static String tool(String name) {
        for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return dir + "/" + name;
            }
        }
        return name;
    }

    static int run(String... command) throws Exception {
        command[0] = tool(command[0]);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int status = p.waitFor();
        if (status != 0) {
            System.out.println(String.join(" ", command) + ": " + out);
        }
        return status;
    }

    @Test
    void rel7_aFullDiskFailsUploadsWith503LeavesNothingHalfWrittenAndServiceResumesWhenSpaceReturns()
            throws Exception {
        boolean root = "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes())
                .trim());
        if (!root) {
            assertTrue(!"true".equals(System.getenv("CI")), "CI=true: DiskFullIT needs root to loop-mount a file"
                    + " system (mount -o loop); it must not be skipped in CI");
            Assumptions.abort("not root: a loop mount needs root (CI runs as root)");
        }
        UUID tenant = ItDatabase.tenant("diskfull");
        ItDatabase.User owner = ItDatabase.user(tenant, "owner@diskfull.test", "OWNER");
        String token = Tokens.accessToken(owner);
        String room = Api.room(token, "Full disk");

        Path blobs = HOME.resolve("blobs");
        Path image = HOME.getParent().resolve("diskfull.img");
        Files.deleteIfExists(image);
        assertEquals(0, run("truncate", "-s", "24M", image.toString()));
        assertEquals(0, run("mkfs.ext4", "-q", "-F", "-m", "0", image.toString()));
        assertEquals(0, run("mount", "-o", "loop", image.toString(), blobs.toString()), "loop mount over the blobs");
        List<String> created = new ArrayList<>();
        int refused = 0;
        String refusal = null;
        try {
            Files.createDirectories(blobs.resolve(".tmp"));
            Path filler = blobs.resolve("filler");
            long free = Files.getFileStore(blobs).getUsableSpace();
            assertEquals(0, run("fallocate", "-l", Long.toString(free - 3L * 1024 * 1024), filler.toString()));
            Random random = new Random(7);
            for (int i = 0; i < 8; i++) {
                byte[] bytes = new byte[1024 * 1024];
                random.nextBytes(bytes);
                var answer = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=full-" + i + ".bin")
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/octet-stream")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes)));
                if (answer.statusCode() == 201) {
                    created.add(Http.json(answer).getString("id"));
                } else {
                    var problem = Problems.assertProblem(answer, 503, "unavailable");
                    assertTrue(answer.headers().firstValue("Retry-After").isPresent(), "REL-7: Retry-After");
                    refusal = problem.getString("detail");
                    refused++;
                }
            }
            assertTrue(refused > 0, "REL-7: the full disk refused uploads (" + created.size() + " fitted)");
            assertTrue(refusal.contains("no room"), refusal);
            try (Stream<Path> tmp = Files.list(blobs.resolve(".tmp"))) {
                assertEquals(List.of(), tmp.toList(), "REL-7: no temporary file left by a refused upload");
            }
            assertEquals(created.size(), ItDatabase.number(tenant,
                    "select count(*) from items where kind = 'DOCUMENT'"), "REL-7: a row only for a stored upload");
            assertEquals(created.size() * 1024L * 1024, ItDatabase.number(tenant,
                    "select coalesce(sum(used_bytes), 0) from storage_usage"), "REL-7: charged only what was stored");
            long blobFiles;
            try (Stream<Path> files = Files.walk(blobs.resolve(tenant.toString()))) {
                blobFiles = files.filter(Files::isRegularFile).count();
            } catch (java.nio.file.NoSuchFileException none) {
                blobFiles = 0;
            }
            assertEquals(created.size(), blobFiles, "REL-7: a blob only for a stored upload");
            assertEquals(200, Http.get("/health/live").statusCode(), "the server lives on");

            // space returns: the next upload is stored
            Files.delete(filler);
            byte[] after = new byte[1024 * 1024];
            random.nextBytes(after);
            var stored = Http.send(Http.request("/api/v1/datarooms/" + room + "/documents?name=after.bin")
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(after)));
            assertEquals(201, stored.statusCode(), "REL-7: service resumes when space returns: " + stored.body());
            var content = Http.CLIENT.send(Http.request("/api/v1/documents/" + Http.json(stored).getString("id")
                    + "/content").header("Authorization", "Bearer " + token).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(DocumentsIT.sha256(after), DocumentsIT.sha256(content.body()), "stored whole");
            ItLoad.record(String.format(Locale.ROOT, "RELIABILITY disk-full %s filesystem=24MiB-ext4-loop uploads=%d"
                    + " stored=%d refused503=%d halfWritten=0 tmpLeft=0 resumed=true%n", java.time.Instant.now(),
                    created.size() + refused, created.size(), refused));
        } finally {
            if (run("umount", blobs.toString()) != 0) {
                run("umount", "-l", blobs.toString());
            }
            Files.deleteIfExists(image);
        }
    }
}
