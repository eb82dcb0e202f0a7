package io.coffer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's transfer goals, each next to its reference in the same run (heavy profile: the server has a 256 MB heap
 * and a 2 GiB upload limit). One command, from the worktree root:
 * <pre>
 * mvn -B -ntp -Pheavy -pl ear -am verify -Dit.test=TransferBenchIT -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false
 *     -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre>
 * <ol>
 * <li>Upload of a 1 GiB file with {@code curl -T} (raw body, {@code POST .../documents}) against {@code sha256sum} of
 * the same file (goal ≥ 0.9× its throughput); the stored SHA-256 must be sha256sum's.</li>
 * <li>Download of it with {@code curl -o /dev/null} against Debian's nginx serving the stored blob file from the same
 * disk on a loopback port of its own (goal ≥ 0.9×); every body's length is checked.</li>
 * <li>{@code bench.concurrent} (100) concurrent downloads of the 1 GiB document: the server's {@code VmRSS} sampled
 * from /proc every 100 ms (goal: grows less than 64 MB), every body's length and SHA-256 checked (0 truncated).</li>
 * </ol>
 * Each pair runs {@code bench.rounds} (5) times alternately; the median and the best are reported (on a shared machine
 * the best says more of what the code can do). Lines start with {@code BENCH} and are
 * appended to {@code target/transfer-bench.txt}. Correctness is asserted; the ratios are reported, not asserted.
 */
@org.junit.jupiter.api.Tag("heavy") // runs under -Pheavy only (pom.xml: it.excluded.groups)
class TransferBenchIT {
    static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    static final long SIZE = Long.getLong("bench.transfer.bytes", 1L << 30);
    static final int CONCURRENT = Integer.getInteger("bench.concurrent", 100);
    static final Path WORK = Path.of("target", "transfer-bench").toAbsolutePath();

    @Test
    void transfers() throws Exception {
        Files.createDirectories(WORK);
        UUID tenant = ItDatabase.tenant("xfer");
        ItDatabase.User owner = ItDatabase.user(tenant, "o-" + UUID.randomUUID().toString().substring(0, 6)
                + "@transfer.test", "OWNER");
        String room = DataRoomsIT.createRoom(Tokens.accessToken(owner), "Transfers").getString("id");
        Path file = WORK.resolve("big.bin");
        write(file, SIZE);
        // 1. upload: curl -T against sha256sum of the same file
        long[] sha = new long[ROUNDS];
        long[] up = new long[ROUNDS];
        String expected = null;
        String document = null;
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            String out = run("sha256sum", file.toString());
            sha[i] = System.nanoTime() - start;
            expected = out.substring(0, 64);
            Path response = WORK.resolve("upload.json");
            start = System.nanoTime();
            String status = run("curl", "-sS", "-X", "POST", "-T", file.toString(), "-o", response.toString(),
                    "-w", "%{http_code}", "-H", "Authorization: Bearer " + Tokens.accessToken(owner),
                    "-H", "Content-Type: application/octet-stream",
                    GatlingSetUp.base() + "/api/v1/datarooms/" + room + "/documents?name=big-" + i + ".bin");
            up[i] = System.nanoTime() - start;
            assertEquals("201", status.trim(), Files.readString(response));
            jakarta.json.JsonObject doc = jakarta.json.Json.createReader(new java.io.StringReader(
                    Files.readString(response))).readObject();
            assertEquals(expected, doc.getString("sha256"), "the stored bytes are the file's");
            assertEquals(SIZE, doc.getJsonNumber("size").longValue());
            document = doc.getString("id");
        }
        emit(pair("upload " + mib(SIZE) + " MiB", "sha256sum", sha, "curl -T", up));

        // 2. download: curl -o /dev/null from Coffer against nginx serving the stored blob file
        Path blob = ItBlobs.file(tenant, expected);
        assertEquals(SIZE, Files.size(blob), "the blob file");
        String content = GatlingSetUp.base() + "/api/v1/documents/" + document + "/content";
        try (NginxProcess nginx = NginxProcess.serve(blob.getParent())) {
            long[] ref = new long[ROUNDS];
            long[] down = new long[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                long start = System.nanoTime();
                String n = run("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code} %{size_download}",
                        nginx.url(blob.getFileName().toString()));
                ref[i] = System.nanoTime() - start;
                assertEquals("200 " + SIZE, n.trim(), "nginx's answer");
                start = System.nanoTime();
                String c = run("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code} %{size_download}",
                        "-H", "Authorization: Bearer " + Tokens.accessToken(owner), content);
                down[i] = System.nanoTime() - start;
                assertEquals("200 " + SIZE, c.trim(), "Coffer's answer");
            }
            emit(pair("download " + mib(SIZE) + " MiB", "nginx", ref, "curl -o /dev/null", down));
        }

        // 3. concurrent downloads: every body whole, the server's resident memory sampled meanwhile
        Files.deleteIfExists(file);
        if (CONCURRENT > 0) { // -Dbench.concurrent=0: the two pairs only (a quick before/after of one change)
            concurrent(content, Tokens.accessToken(owner), expected);
        }
    }

    /** Prints a figure as it is measured and appends it to {@code target/transfer-bench.txt}. */
    private static void emit(String line) throws java.io.IOException {
        String l = line + " | load average " + GatlingBenchIT.load();
        System.out.println("BENCH " + l);
        Files.writeString(Path.of("target", "transfer-bench.txt"), java.time.Instant.now() + " " + l
                + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void concurrent(String url, String token, String sha256) throws Exception {
        long pid = ServerProcess.pid();
        long baseline = ServerProcess.rssKiB();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                peak.accumulateAndGet(ServerProcess.rssKiB(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        sampler.start();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT);
        long start = System.nanoTime();
        List<Future<String>> bodies = new ArrayList<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < CONCURRENT; i++) {
            bodies.add(pool.submit(() -> {
                go.await();
                return fetch(url, token);
            }));
        }
        go.countDown();
        int truncated = 0;
        List<String> problems = new ArrayList<>();
        for (Future<String> f : bodies) {
            String got;
            try {
                got = f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                got = "failed: " + e.getCause();
            }
            if (!got.equals(SIZE + " " + sha256)) {
                truncated++;
                problems.add(got);
            }
        }
        long nanos = System.nanoTime() - start;
        done.set(true);
        sampler.join();
        pool.shutdown();
        long growth = peak.get() - baseline;
        String line = String.format(Locale.ROOT, "%d concurrent downloads of %d MiB | %.1f s, %.0f MiB/s in all |"
                        + " server (pid %d) RSS %d MiB before, peak %d MiB: grew %d MiB (goal < 64 MB: %s) |"
                        + " truncated or wrong bodies: %d (goal 0)", CONCURRENT, mib(SIZE), nanos / 1e9,
                CONCURRENT * (SIZE / 1048576.0) / (nanos / 1e9), pid, baseline / 1024, peak.get() / 1024,
                growth / 1024, growth * 1024 < 64_000_000 ? "met" : "MISSED", truncated);
        emit(line);
        assertTrue(baseline > 0, "the server's VmRSS could not be read");
        assertEquals(0, truncated, line + " " + problems);
    }

    /** One whole GET: "length sha256" of the body as received. */
    private static String fetch(String url, String token) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestProperty("Authorization", "Bearer " + token);
        c.setConnectTimeout(10_000);
        c.setReadTimeout(300_000);
        int code = c.getResponseCode();
        if (code != 200) {
            return "status " + code;
        }
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long count = 0;
        try (InputStream in = c.getInputStream()) {
            byte[] buffer = new byte[256 * 1024];
            int n;
            while ((n = in.read(buffer)) != -1) {
                digest.update(buffer, 0, n);
                count += n;
            }
        }
        return count + " " + HexFormat.of().formatHex(digest.digest());
    }

    /** The reference's and the measured's median throughput, and the ratio (goal ≥ 0.9×). */
    private static String pair(String what, String refName, long[] ref, String name, long[] measured) {
        long[] r = ref.clone();
        long[] m = measured.clone();
        Arrays.sort(r);
        Arrays.sort(m);
        double mib = SIZE / 1048576.0;
        double refRate = mib / (r[r.length / 2] / 1e9);
        double rate = mib / (m[m.length / 2] / 1e9);
        double refBest = mib / (r[0] / 1e9);
        double best = mib / (m[0] / 1e9);
        return String.format(Locale.ROOT, "%s | reference %s: median %.0f MiB/s, best %.0f (%s s) | %s: median %.0f"
                        + " MiB/s, best %.0f (%s s) | median %.2f×, best %.2f× (goal ≥ 0.9×: %s)", what, refName,
                refRate, refBest, seconds(ref), name, rate, best, seconds(measured), rate / refRate, best / refBest,
                rate / refRate >= 0.9 ? "met" : "MISSED");
    }

    private static String seconds(long[] nanos) {
        StringBuilder b = new StringBuilder();
        for (long n : nanos) {
            b.append(b.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", n / 1e9));
        }
        return b.toString();
    }

    private static long mib(long bytes) {
        return bytes / 1048576;
    }

    /** {@code size} pseudo-random bytes (not compressible), written in 1 MiB blocks. */
    static void write(Path file, long size) throws Exception {
        SplittableRandom random = new SplittableRandom(size);
        ByteBuffer block = ByteBuffer.allocate(1 << 20);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long written = 0; written < size; ) {
                block.clear();
                while (block.remaining() >= 8) {
                    block.putLong(random.nextLong());
                }
                block.flip();
                block.limit((int) Math.min(block.limit(), size - written));
                written += block.remaining();
                while (block.hasRemaining()) {
                    out.write(block);
                }
            }
        }
    }

    /** Runs a command to its end; its standard output (standard error goes to the build log on failure). */
    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out;
        try (InputStream in = p.getInputStream(); OutputStream ignored = p.getOutputStream()) {
            out = new String(in.readAllBytes());
        }
        int code = p.waitFor();
        assertEquals(0, code, command[0] + " failed: " + out);
        return out;
    }
}
